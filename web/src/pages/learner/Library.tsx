import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { useCourse, useLibrary } from "../../components/learner/hooks";
import { formatDate } from "../../components/learner/format";
import { lessonsInOrder } from "../../components/learner/Syllabus";
import "../../styles/learner.css";

type Item = Schemas["Library"]["items"][number];

export default function Library() {
  const { t } = useTranslation("learner");
  const library = useLibrary();
  return (
    <>
      <h1>{t("library.title")}</h1>
      {library.isPending && <Loading />}
      <ProblemMessage error={library.error} onRetry={() => void library.refetch()} />
      {library.data && library.data.items.length === 0 && (
        <div className="panel">
          <p>{t("library.empty")}</p>
          <Link className="button" to="/browse">
            {t("library.browse")}
          </Link>
        </div>
      )}
      <ul className="library">
        {library.data?.items.map((item) => <LibraryItem key={item.course.id} item={item} />)}
      </ul>
    </>
  );
}

function LibraryItem({ item }: { item: Item }) {
  const { t, i18n } = useTranslation("learner");
  const { course } = item;
  const progressId = `progress-${course.id}`;
  return (
    <li className="card library-item" data-testid="library-item">
      <h2>
        <Link to={`/course/${course.id}`} state={{ source: "library" }}>
          {course.title}
        </Link>
      </h2>
      <p className="meta">
        {course.creatorName} · {t(`source.${item.source}`, { date: formatDate(item.since, i18n.resolvedLanguage ?? "en") })}
        {course.status === "draft" && <> · {t("library.unpublished")}</>}
      </p>
      <p className="progress-line">
        <progress id={progressId} className="progress" max={100} value={item.percentComplete} aria-label={t("library.progressOf", { title: course.title })} />
        <span>{t("library.percent", { percent: item.percentComplete })}</span>
      </p>
      <ContinueLink item={item} />
    </li>
  );
}

function ContinueLink({ item }: { item: Item }) {
  const { t } = useTranslation("learner");
  // without a lesson to continue (not started, or finished) the course's first lesson is where to go
  const course = useCourse(item.continueLessonId ? undefined : item.course.id);
  const lessonId = item.continueLessonId ?? (course.data ? lessonsInOrder(course.data)[0]?.id : undefined);
  if (!lessonId) return course.isPending && !item.continueLessonId ? <Loading /> : null;
  const label = item.percentComplete >= 100 ? t("library.review") : item.percentComplete > 0 || item.continueLessonId ? t("library.continue") : t("library.start");
  return (
    <p>
      <Link className="button" to={`/learn/${item.course.id}/${lessonId}`} data-testid="continue-link">
        {label}
        <span className="visually-hidden">: {item.course.title}</span>
      </Link>
    </p>
  );
}
