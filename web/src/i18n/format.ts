// Numbers, dates and times in the reader's language, for every page.

/** The Intl locale of the app's language ("en" or "zh"). */
export function intlLocale(language: string | undefined): string {
  return language === "zh" ? "zh-CN" : "en-US";
}

/** An instant (ISO date-time) as a date and time, in the reader's language and time zone; "" for none. */
export function formatDateTime(iso: string | undefined, language: string | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
