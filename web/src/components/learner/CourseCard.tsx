import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Money } from "../Money";
import { languageName } from "./format";
import type { CourseSource } from "./events";
import { intlLocale } from "../../i18n/format";

/** What every list of courses gives: recommendations and similar courses carry no rating. */
export type CardCourse = Schemas["RecommendedCourse"] & { rating?: Schemas["Rating"] };

export function CourseCard({
  course,
  source,
  onOpen,
  children,
  headingLevel = 3,
}: {
  course: CardCourse;
  source: CourseSource;
  onOpen?: () => void;
  children?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation("learner");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const lang = course.language.startsWith("zh") ? "zh-Hans" : course.language;
  return (
    <article className="card course-card" data-testid="course-card">
      <Heading lang={lang}>
        <Link to={`/course/${course.id}`} state={{ source }} onClick={onOpen}>
          {course.title}
        </Link>
      </Heading>
      {course.subtitle && (
        <p className="course-card-subtitle" lang={lang}>
          {course.subtitle}
        </p>
      )}
      <p className="meta">
        <Link to={`/creator/${course.creatorId}`}>{course.creatorName}</Link>
      </p>
      <p className="meta">
        {t(`level.${course.level}`)} · {languageName(course.language, i18n.resolvedLanguage ?? "en")}
      </p>
      {course.rating && <RatingLine rating={course.rating} />}
      {course.tags.length > 0 && (
        <p className="tags">
          <span className="visually-hidden">{t("course.tags")}: </span>
          {course.tags.map((tag) => (
            <span className="tag" key={tag}>
              {tag}
            </span>
          ))}
        </p>
      )}
      <p className="price">
        <Money value={course.price} />
      </p>
      {children}
    </article>
  );
}

export function RatingLine({ rating }: { rating: Schemas["Rating"] }) {
  const { t, i18n } = useTranslation("learner");
  if (rating.count === 0) return <p className="meta">{t("course.noRatings")}</p>;
  const average = new Intl.NumberFormat(intlLocale(i18n.resolvedLanguage), { maximumFractionDigits: 1 }).format(rating.average);
  return (
    <p className="meta rating">
      <span aria-hidden="true" className="stars">★</span> {t("course.rating", { average, count: rating.count })}
    </p>
  );
}

export function CourseGrid({ children }: { children: ReactNode }) {
  return <div className="grid">{children}</div>;
}
