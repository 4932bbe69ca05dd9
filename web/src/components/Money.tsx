import { useTranslation } from "react-i18next";
import type { Schemas } from "../api/client";
import { intlLocale } from "../i18n/format";

/** Integer minor units and an ISO currency, as the API sends money, in the reader's language. */
export function formatMoney(money: Schemas["Money"], language: string): string {
  const currency = money.currency.toUpperCase();
  const format = new Intl.NumberFormat(intlLocale(language), { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

export function Money({ value, freeLabel = true }: { value: Schemas["Money"]; freeLabel?: boolean }) {
  const { t, i18n } = useTranslation();
  if (freeLabel && value.amount === 0) return <span>{t("money.free")}</span>;
  return <span>{formatMoney(value, i18n.resolvedLanguage ?? "en")}</span>;
}
