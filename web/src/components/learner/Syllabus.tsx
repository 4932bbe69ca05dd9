import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { formatClock } from "./format";

type CourseView = Schemas["CourseView"];
export type SyllabusLesson = CourseView["syllabus"][number]["lessons"][number];

/** Every lesson in syllabus order. */
export function lessonsInOrder(course: CourseView): SyllabusLesson[] {
  return course.syllabus.flatMap((section) => section.lessons);
}

/**
 * Sections and their lessons. A lesson links to the player when the learner may open it (free
 * previews for everyone, every lesson for those who have the course).
 */
export function Syllabus({
  course,
  entitled,
  currentLessonId,
  completed,
}: {
  course: CourseView;
  entitled: boolean;
  currentLessonId?: string;
  completed?: Set<string>;
}) {
  const { t } = useTranslation("learner");
  if (course.syllabus.length === 0) return <p className="muted">{t("course.noLessons")}</p>;
  return (
    <ol className="syllabus">
      {course.syllabus.map((section) => (
        <li key={section.id}>
          <h3 className="section-title">{section.title}</h3>
          <ol className="lessons">
            {section.lessons.map((lesson) => {
              const current = lesson.id === currentLessonId;
              const open = entitled || lesson.freePreview;
              const href = `/learn/${course.id}/${lesson.id}`;
              return (
                <li key={lesson.id} className={current ? "lesson current" : "lesson"}>
                  <span className="lesson-kind">{t(`kind.${lesson.kind}`)}</span>
                  <span className="lesson-title">
                    {open && !current ? (
                      <Link to={href}>{lesson.title}</Link>
                    ) : (
                      <span aria-current={current ? "page" : undefined}>{lesson.title}</span>
                    )}
                    {completed?.has(lesson.id) && <span className="done"> ✓<span className="visually-hidden">{t("player.completedMark")}</span></span>}
                  </span>
                  <span className="lesson-extra">
                    {lesson.durationSeconds ? <span className="muted">{formatClock(lesson.durationSeconds)}</span> : null}
                    {lesson.freePreview && !entitled && !current && (
                      <Link className="button small secondary" to={href} data-testid="preview-link">
                        {t("course.preview")}
                      </Link>
                    )}
                    {!open && <span className="muted small">{t("course.locked")}</span>}
                  </span>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
