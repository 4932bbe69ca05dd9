import { intlLocale as locale } from "../../i18n/format";

export { formatDateTime } from "../../i18n/format";

export function formatDate(iso: string | undefined, language: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium" }).format(new Date(iso));
}

/** 0:42, 12:05, 1:02:03 */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** A course's language code (en, zh-Hans) as a name in the reader's language. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([locale(language)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
