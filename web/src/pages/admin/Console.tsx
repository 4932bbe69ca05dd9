import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, call, type Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { keys } from "../../components/creator/api";
import { LineChart } from "../../components/creator/Charts";
import { EarningsTables } from "../../components/creator/EarningsTables";
import { dayBefore, formatDay, formatNumber, formatPercent } from "../../components/creator/format";
import { monthBefore, RangeForm, type Range } from "../../components/creator/RangeForm";
import { query } from "../../api/query";
import "../../styles/creator.css";

export default function Console() {
  const { t } = useTranslation("creator");
  return (
    <section className="console">
      <h1>{t("console.title")}</h1>
      <Overview />
      <Revenue />
    </section>
  );
}

function Overview() {
  const { t } = useTranslation("creator");
  const [range, setRange] = useState<Range>({ from: dayBefore(30), to: dayBefore(1) });
  const report = useQuery({
    queryKey: keys.platform(range.from, range.to),
    queryFn: () => call(api.GET("/admin/analytics", { params: { query: query("/admin/analytics", { from: range.from, to: range.to }) } })),
  });
  return (
    <section aria-labelledby="overview-heading" data-testid="admin-overview">
      <h2 id="overview-heading">{t("console.overview")}</h2>
      <RangeForm type="date" value={range} onChange={setRange} />
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ProblemMessage error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <PlatformView report={report.data} />
      )}
    </section>
  );
}

function PlatformView({ report }: { report: Schemas["PlatformAnalytics"] }) {
  const { t, i18n } = useTranslation("creator");
  const language = i18n.resolvedLanguage;
  const n = (value: number) => formatNumber(value, language);
  const weeks = Math.max(0, ...report.retention.map((c) => c.rates.length));
  const latest = report.days.at(-1);
  return (
    <>
      {latest && (
        <dl className="totals" aria-label={t("console.latest", { date: formatDay(latest.date, language) })}>
          <div>
            <dt>{t("metric.dau")}</dt>
            <dd>{n(latest.dau)}</dd>
          </div>
          <div>
            <dt>{t("metric.wau")}</dt>
            <dd>{n(latest.wau)}</dd>
          </div>
          <div>
            <dt>{t("metric.mau")}</dt>
            <dd>{n(latest.mau)}</dd>
          </div>
        </dl>
      )}
      {report.days.every((d) => d.mau === 0) ? (
        <p className="notice">{t("analytics.empty")}</p>
      ) : (
        <LineChart
          title={t("console.activeLearners")}
          labels={report.days.map((d) => formatDay(d.date, language, "short"))}
          series={[
            { label: t("metric.dau"), values: report.days.map((d) => d.dau) },
            { label: t("metric.wau"), values: report.days.map((d) => d.wau) },
            { label: t("metric.mau"), values: report.days.map((d) => d.mau) },
          ]}
          format={n}
        />
      )}
      <h3>{t("console.retention")}</h3>
      {report.retention.length === 0 ? (
        <p className="muted">{t("console.noCohorts")}</p>
      ) : (
        <div className="table-wrap">
          <table className="retention" data-testid="retention-table">
            <caption className="visually-hidden">{t("console.retentionCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("console.cohort")}</th>
                <th scope="col">{t("console.learners")}</th>
                {Array.from({ length: weeks }, (_, k) => (
                  <th scope="col" key={k}>
                    {t("console.week", { k })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.retention.map((cohort) => (
                <tr key={cohort.cohortWeek}>
                  <th scope="row">{formatDay(cohort.cohortWeek, language)}</th>
                  <td>{n(cohort.learners)}</td>
                  {Array.from({ length: weeks }, (_, k) => (
                    <td key={k} title={cohort.active[k] != null ? t("console.activeOf", { active: n(cohort.active[k]), learners: n(cohort.learners) }) : undefined}>
                      {cohort.rates[k] != null ? formatPercent(cohort.rates[k], language) : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Revenue() {
  const { t } = useTranslation("creator");
  const [range, setRange] = useState<Range>({ from: monthBefore(11), to: monthBefore(0) });
  const revenue = useQuery({
    queryKey: keys.revenue(range.from, range.to),
    queryFn: () => call(api.GET("/admin/revenue", { params: { query: query("/admin/revenue", { from: range.from, to: range.to }) } })),
  });
  return (
    <section aria-labelledby="revenue-heading">
      <h2 id="revenue-heading">{t("console.revenue")}</h2>
      <RangeForm type="month" value={range} onChange={setRange} />
      {revenue.isPending ? (
        <Loading />
      ) : revenue.isError ? (
        <ProblemMessage error={revenue.error} onRetry={() => void revenue.refetch()} />
      ) : (
        <EarningsTables earnings={revenue.data} testId="admin-revenue" netLabel={t("console.creatorsNet")} emptyLabel={t("console.noRevenue")} />
      )}
    </section>
  );
}
