import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { CourseCard, CourseGrid } from "../../components/learner/CourseCard";
import { trackSearch } from "../../components/learner/events";
import "../../styles/learner.css";

export default function Search() {
  const { t } = useTranslation("learner");
  const [params] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const results = useQuery({
    queryKey: ["courses", "search", q],
    queryFn: () => call(api.GET("/courses/search", { params: { query: { q, limit: 24 } } })),
    enabled: q !== "",
  });

  // once per query shown, not per re-render or cache hit
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (results.data && reported.current !== q) {
      reported.current = q;
      trackSearch(q, results.data.items.length);
    }
  }, [q, results.data]);

  return (
    <>
      <h1>{q ? t("search.titleFor", { q }) : t("search.title")}</h1>
      {!q && <p className="muted">{t("search.prompt")}</p>}
      {q && results.isPending && <Loading />}
      <ProblemMessage error={results.error} onRetry={() => void results.refetch()} />
      {results.data && (
        <p className="muted" role="status" data-testid="search-count">
          {t("search.count", { count: results.data.items.length })}
        </p>
      )}
      {results.data && results.data.items.length === 0 && (
        <div className="panel">
          <p>{t("search.empty", { q })}</p>
          <p>
            <Link to="/browse">{t("search.browseInstead")}</Link>
          </p>
        </div>
      )}
      {results.data && (
        <CourseGrid>
          {results.data.items.map((item) => (
            <CourseCard key={item.course.id} course={item.course} source="search" headingLevel={2} />
          ))}
        </CourseGrid>
      )}
    </>
  );
}
