import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, call, type Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { formatMoney } from "../../components/Money";
import { ProblemMessage } from "../../components/ProblemMessage";
import { keys, useMyCourses } from "../../components/creator/api";
import { BarChart, LineChart } from "../../components/creator/Charts";
import { dayBefore, formatDay, formatMonies, formatNumber, formatPercent } from "../../components/creator/format";
import { fractionDigits } from "../../components/creator/money";
import { RangeForm, type Range } from "../../components/creator/RangeForm";
import { query } from "../../api/query";
import "../../styles/creator.css";

type Report = Schemas["CreatorAnalytics"];

export default function CreatorAnalytics() {
  const { t } = useTranslation("creator");
  const [params, setParams] = useSearchParams();
  const courseId = params.get("courseId") ?? "";
  // the daily job fills yesterday at the latest: the default is the API's, the 30 days to yesterday
  const [range, setRange] = useState<Range>({ from: dayBefore(30), to: dayBefore(1) });
  const report = useQuery({
    queryKey: keys.analytics(range.from, range.to, courseId),
    queryFn: () => call(api.GET("/creators/me/analytics", { params: { query: query("/creators/me/analytics", { from: range.from, to: range.to, courseId }) } })),
  });
  return (
    <section className="analytics">
      <p>
        <Link to="/studio">{t("editor.back")}</Link>
      </p>
      <h1>{t("analytics.title")}</h1>
      <div className="filters">
        <CourseSelect value={courseId} onChange={(id) => setParams(id ? { courseId: id } : {}, { replace: true })} />
        <RangeForm type="date" value={range} onChange={setRange} />
      </div>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ProblemMessage error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportView report={report.data} />
      )}
    </section>
  );
}

function CourseSelect({ value, onChange }: { value: string; onChange: (courseId: string) => void }) {
  const { t } = useTranslation("creator");
  const courses = useMyCourses(100);
  const items = courses.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <label>
      {t("analytics.course")}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={courses.isPending}>
        <option value="">{t("analytics.allCourses")}</option>
        {items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      {courses.isError && <ProblemMessage error={courses.error} />}
    </label>
  );
}

function isEmpty(report: Report): boolean {
  return report.days.every((d) => d.views === 0 && d.enrollments === 0 && d.purchases === 0 && d.learningMinutes === 0 && d.lessonsCompleted === 0);
}

function ReportView({ report }: { report: Report }) {
  const { t, i18n } = useTranslation("creator");
  const language = i18n.resolvedLanguage;
  const n = (value: number) => formatNumber(value, language);
  const totals = report.totals;
  const labels = report.days.map((d) => formatDay(d.date, language, "short"));
  const currencies = [...new Set(report.days.flatMap((d) => d.revenue.map((m) => m.currency)))];
  const totalsList: [string, string][] = [
    [t("metric.views"), n(totals.views)],
    [t("metric.uniqueViewers"), n(totals.uniqueViewers)],
    [t("metric.enrollments"), n(totals.enrollments)],
    [t("metric.purchases"), n(totals.purchases)],
    [t("metric.revenue"), formatMonies(totals.revenue, language)],
    [t("metric.refunds"), n(totals.refunds)],
    [t("metric.refunded"), formatMonies(totals.refunded, language)],
    [t("metric.learningMinutes"), n(totals.learningMinutes)],
    [t("metric.lessonsCompleted"), n(totals.lessonsCompleted)],
    [t("metric.completionRate"), totals.completionRate != null ? formatPercent(totals.completionRate, language) : "—"],
    [t("metric.conversion"), totals.funnel.conversionRate != null ? formatPercent(totals.funnel.conversionRate, language) : "—"],
  ];
  return (
    <>
      <dl className="totals" data-testid="analytics-totals" aria-label={t("analytics.totals")}>
        {totalsList.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {isEmpty(report) ? (
        <p className="notice" data-testid="analytics-empty">
          {t("analytics.empty")}
        </p>
      ) : (
        <div className="charts">
          <LineChart
            title={t("analytics.daily")}
            labels={labels}
            series={[
              { label: t("metric.views"), values: report.days.map((d) => d.views) },
              { label: t("metric.uniqueViewers"), values: report.days.map((d) => d.uniqueViewers) },
              { label: t("metric.enrollments"), values: report.days.map((d) => d.enrollments) },
              { label: t("metric.purchases"), values: report.days.map((d) => d.purchases) },
              { label: t("metric.lessonsCompleted"), values: report.days.map((d) => d.lessonsCompleted) },
            ]}
            format={n}
          />
          {currencies.length > 0 && (
            <LineChart
              title={t("analytics.revenue")}
              labels={labels}
              // each currency in its major units, so amounts of one line compare with each other
              series={currencies.map((currency) => ({
                label: currency.toUpperCase(),
                values: report.days.map((d) => (d.revenue.find((m) => m.currency === currency)?.amount ?? 0) / 10 ** fractionDigits(currency)),
                format: (major: number) => formatMoney({ amount: Math.round(major * 10 ** fractionDigits(currency)), currency }, language ?? "en"),
              }))}
            />
          )}
          <BarChart
            title={t("analytics.funnel")}
            labels={labels}
            series={[
              { label: t("metric.funnelViewers"), values: report.days.map((d) => d.funnel.viewers) },
              { label: t("metric.funnelConverted"), values: report.days.map((d) => d.funnel.converted) },
            ]}
            format={n}
          />
          <p className="muted small">{t("analytics.funnelNote")}</p>
        </div>
      )}
    </>
  );
}
