import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery } from "@tanstack/react-query";
import { publicApi, call } from "../../api/client";
import { query } from "../../api/query";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { CourseCard, CourseGrid } from "../../components/learner/CourseCard";
import { LoadMore } from "../../components/learner/LoadMore";
import "../../styles/learner.css";

const SORTS = ["newest", "popular", "rating"] as const;
const LEVELS = ["beginner", "intermediate", "advanced", "all"] as const;
const LANGUAGES = ["en", "zh-Hans"] as const;
const FILTERS = ["sort", "level", "language", "tag", "priceMax"] as const;

/** A URL's number, or nothing when it holds none (a bookmark someone edited). */
function wholeNumber(value: string): number | undefined {
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

export default function Browse() {
  const { t } = useTranslation("learner");
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Record<(typeof FILTERS)[number], string>;

  const courses = useInfiniteQuery({
    queryKey: ["courses", "browse", filters],
    queryFn: ({ pageParam }) =>
      call(publicApi.GET("/courses", {
        params: { query: query("/courses", { ...filters, priceMax: wholeNumber(filters.priceMax), sort: filters.sort || "newest", limit: 12, cursor: pageParam }) },
      })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const items = courses.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1>{t("browse.title")}</h1>
      <form className="filters" aria-label={t("browse.filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("browse.sort")}
          <select value={filters.sort || "newest"} onChange={(e) => setFilter("sort", e.target.value === "newest" ? "" : e.target.value)}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`browse.sortBy.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("browse.level")}
          <select value={filters.level} onChange={(e) => setFilter("level", e.target.value)}>
            <option value="">{t("browse.any")}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`level.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("browse.language")}
          <select value={filters.language} onChange={(e) => setFilter("language", e.target.value)}>
            <option value="">{t("browse.any")}</option>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`browse.languages.${language}`)}
              </option>
            ))}
          </select>
        </label>
        <TextFilter label={t("browse.tag")} value={filters.tag} onApply={(value) => setFilter("tag", value.trim())} />
        <TextFilter
          label={t("browse.priceMax")}
          hint={t("browse.priceMaxHint")}
          type="number"
          // the API compares minor units (cents, fen); people think in whole units
          value={filters.priceMax ? String(Number(filters.priceMax) / 100) : ""}
          onApply={(value) => setFilter("priceMax", value === "" ? "" : String(Math.max(0, Math.round(Number(value) * 100))))}
        />
        {FILTERS.some((name) => filters[name]) && (
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("browse.clear")}
          </button>
        )}
      </form>
      {courses.isPending && <Loading />}
      <ProblemMessage error={courses.error} onRetry={() => void courses.refetch()} />
      {courses.isSuccess && items.length === 0 && <p className="muted">{t("browse.empty")}</p>}
      <CourseGrid>
        {items.map((course) => (
          <CourseCard key={course.id} course={course} source="catalog" headingLevel={2} />
        ))}
      </CourseGrid>
      <LoadMore hasMore={courses.hasNextPage} loading={courses.isFetchingNextPage} onClick={() => void courses.fetchNextPage()} />
    </>
  );
}

/** A text filter applied on Enter or leaving the field, so the list is not reloaded per keystroke. */
function TextFilter({ label, hint, value, type = "text", onApply }: { label: string; hint?: string; value: string; type?: "text" | "number"; onApply: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // the URL changed underneath (back button, clear): follow it
    setShown(value);
    setDraft(value);
  }
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft !== value) onApply(draft);
  };
  return (
    <label>
      {label}
      <input
        type={type}
        min={type === "number" ? 0 : undefined}
        step={type === "number" ? "any" : undefined}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => apply()}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply(e);
        }}
      />
      {hint && <span className="muted small">{hint}</span>}
    </label>
  );
}
