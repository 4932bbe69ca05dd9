import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Money } from "../Money";
import { formatMonth, formatNumber } from "./format";

type Earnings = Schemas["Earnings"];

/** Totals per currency and the months, for a creator's earnings and the platform's revenue alike. */
export function EarningsTables({ earnings, testId, netLabel, emptyLabel }: { earnings: Earnings; testId: string; netLabel: string; emptyLabel: string }) {
  const { t, i18n } = useTranslation("creator");
  const language = i18n.resolvedLanguage;
  const money = (amount: number, currency: string) => <Money value={{ amount, currency }} freeLabel={false} />;
  if (earnings.totals.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {emptyLabel}
      </p>
    );
  }
  return (
    <>
      <div className="table-wrap" data-testid={testId}>
        <table>
          <caption>{t("earnings.totals", { from: formatMonth(earnings.from, language), to: formatMonth(earnings.to, language) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("earnings.currency")}</th>
              <th scope="col">{t("earnings.gross")}</th>
              <th scope="col">{t("earnings.fee")}</th>
              <th scope="col">{netLabel}</th>
              <th scope="col">{t("earnings.entries")}</th>
            </tr>
          </thead>
          <tbody>
            {earnings.totals.map((row) => (
              <tr key={row.currency}>
                <th scope="row">{row.currency.toUpperCase()}</th>
                <td>{money(row.gross, row.currency)}</td>
                <td>{money(row.fee, row.currency)}</td>
                <td>{money(row.net, row.currency)}</td>
                <td>{formatNumber(row.entries, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t("earnings.byMonth")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("earnings.month")}</th>
              <th scope="col">{t("earnings.gross")}</th>
              <th scope="col">{t("earnings.fee")}</th>
              <th scope="col">{netLabel}</th>
              <th scope="col">{t("earnings.entries")}</th>
            </tr>
          </thead>
          <tbody>
            {earnings.months.map((row) => (
              <tr key={row.month + row.currency}>
                <th scope="row">{formatMonth(row.month, language)}</th>
                <td>{money(row.gross, row.currency)}</td>
                <td>{money(row.fee, row.currency)}</td>
                <td>{money(row.net, row.currency)}</td>
                <td>{formatNumber(row.entries, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
