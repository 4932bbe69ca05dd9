import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { keys } from "../../components/creator/api";
import { EarningsTables } from "../../components/creator/EarningsTables";
import { monthBefore, RangeForm, type Range } from "../../components/creator/RangeForm";
import { query } from "../../api/query";
import "../../styles/creator.css";

export default function Earnings() {
  const { t } = useTranslation("creator");
  const [range, setRange] = useState<Range>({ from: monthBefore(11), to: monthBefore(0) });
  const earnings = useQuery({
    queryKey: keys.earnings(range.from, range.to),
    queryFn: () => call(api.GET("/creators/me/earnings", { params: { query: query("/creators/me/earnings", { from: range.from, to: range.to }) } })),
  });
  return (
    <section className="earnings">
      <p>
        <Link to="/studio">{t("editor.back")}</Link>
      </p>
      <h1>{t("earnings.title")}</h1>
      <p className="muted">{t("earnings.intro")}</p>
      <RangeForm type="month" value={range} onChange={setRange} />
      {earnings.isPending ? (
        <Loading />
      ) : earnings.isError ? (
        <ProblemMessage error={earnings.error} onRetry={() => void earnings.refetch()} />
      ) : (
        <EarningsTables earnings={earnings.data} testId="earnings-totals" netLabel={t("earnings.net")} emptyLabel={t("earnings.none")} />
      )}
    </section>
  );
}
