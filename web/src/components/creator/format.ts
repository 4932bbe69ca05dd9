import type { Schemas } from "../../api/client";
import { formatMoney } from "../Money";

import { intlLocale as locale } from "../../i18n/format";

export { formatDateTime } from "../../i18n/format";

/** A calendar day ("2026-11-28") as the API means it: a UTC day, never shifted by the reader's zone. */
export function formatDay(day: string, language: string | undefined, style: "short" | "medium" = "medium"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "short" ? { month: "short", day: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale(language), options).format(new Date(`${day}T00:00:00Z`));
}

/** A month ("2026-11"). */
export function formatMonth(month: string, language: string | undefined): string {
  return new Intl.DateTimeFormat(locale(language), { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

export function formatNumber(value: number, language: string | undefined): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

export function formatPercent(rate: number, language: string | undefined): string {
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** Several currencies' amounts, each through formatMoney, or a dash for none. */
export function formatMonies(monies: Schemas["Money"][], language: string | undefined): string {
  return monies.length === 0 ? "—" : monies.map((m) => formatMoney(m, language ?? "en")).join(" · ");
}

/** A UTC day `days` before today, as the API's date parameters want it. */
export function dayBefore(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
