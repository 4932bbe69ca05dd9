import { useCallback, useEffect, useMemo, useRef, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { renderArticle } from "../../components/article";
import { ApiError, api, call, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { MediaPlayer } from "../../components/learner/MediaPlayer";
import { Syllabus, lessonsInOrder, type SyllabusLesson } from "../../components/learner/Syllabus";
import { useCourse, useEntitled } from "../../components/learner/hooks";
import { useProgressSaver, type SaveStatus } from "../../components/learner/useProgressSaver";
import { formatClock } from "../../components/learner/format";
import "../../styles/learner.css";

export default function LessonPlayer() {
  const { courseId = "", lessonId = "" } = useParams();
  const { t } = useTranslation("learner");
  const { user } = useAuth();
  const course = useCourse(courseId);
  const entitled = useEntitled(courseId, course.data?.creatorId);
  const progress = useQuery({
    queryKey: ["me", "progress", courseId],
    queryFn: () => call(api.GET("/me/courses/{courseId}/progress", { params: { path: { courseId } } })),
    enabled: !!user,
  });

  if (course.isPending) return <Loading />;
  if (course.isError) return <ProblemMessage error={course.error} onRetry={() => void course.refetch()} />;
  const lessons = lessonsInOrder(course.data);
  const index = lessons.findIndex((lesson) => lesson.id === lessonId);
  const lesson = lessons[index];
  const completed = new Set((progress.data?.lessons ?? []).filter((l) => l.completed).map((l) => l.lessonId));

  return (
    <div className="player-page">
      <p className="crumbs">
        <Link to={`/course/${courseId}`}>{course.data.title}</Link>
      </p>
      <div className="player-layout">
        <div className="player-main">
          {!lesson ? (
            <ProblemMessage error={new ApiError(404, null)} />
          ) : (
            <LessonView
              key={lesson.id}
              courseId={courseId}
              lesson={lesson}
              canSave={!!user && (entitled === true || lesson.freePreview)}
              savedPosition={progress.data?.lessons.find((l) => l.lessonId === lesson.id)}
              progressLoading={!!user && progress.isPending}
            />
          )}
          <PrevNext courseId={courseId} lessons={lessons} index={index} entitled={entitled === true} />
        </div>
        <aside className="player-aside" aria-labelledby="player-syllabus-title">
          <h2 id="player-syllabus-title">{t("course.syllabus")}</h2>
          <Syllabus course={course.data} entitled={entitled === true} currentLessonId={lessonId} completed={completed} />
        </aside>
      </div>
    </div>
  );
}

type SavedLesson = Schemas["CourseProgress"]["lessons"][number];

function LessonView({
  courseId,
  lesson,
  canSave,
  savedPosition,
  progressLoading,
}: {
  courseId: string;
  lesson: SyllabusLesson;
  canSave: boolean;
  savedPosition: SavedLesson | undefined;
  progressLoading: boolean;
}) {
  const { t } = useTranslation("learner");
  const content = useQuery({
    queryKey: ["content", courseId, lesson.id],
    queryFn: () => call(api.GET("/courses/{courseId}/lessons/{lessonId}/content", { params: { path: { courseId, lessonId: lesson.id } } })),
    // presigned links expire in 5 minutes: never serve one from the cache
    staleTime: 0,
    gcTime: 0,
  });
  const { save, status } = useProgressSaver(courseId, lesson.id, canSave, lesson.durationSeconds);

  // the last known position, for leaving the page
  const position = useRef(savedPosition?.positionSeconds ?? 0);
  const onPosition = useCallback(
    (seconds: number) => {
      position.current = seconds;
      void save(seconds);
    },
    [save],
  );
  useEffect(() => {
    if (!canSave || lesson.kind === "article" || lesson.kind === "document") return;
    const leave = () => {
      if (document.visibilityState === "hidden" && position.current > 0) void save(position.current, false, true);
    };
    const pagehide = () => {
      if (position.current > 0) void save(position.current, false, true);
    };
    document.addEventListener("visibilitychange", leave);
    window.addEventListener("pagehide", pagehide);
    return () => {
      document.removeEventListener("visibilitychange", leave);
      window.removeEventListener("pagehide", pagehide);
      // leaving for another lesson or page of the app
      if (position.current > 0) void save(position.current, false, true);
    };
  }, [canSave, lesson.kind, save]);

  const freshUrl = useCallback(async () => {
    const result = await content.refetch();
    return result.data && "url" in result.data ? result.data.url : undefined;
  }, [content]);

  const startAt = savedPosition && !savedPosition.completed ? savedPosition.positionSeconds : 0;
  const alreadyCompleted = !!savedPosition?.completed || (status.state === "saved" && status.completed);

  return (
    <article className="lesson-view">
      <h1>{lesson.title}</h1>
      {content.isPending && <Loading />}
      {content.isError && <ContentProblem courseId={courseId} error={content.error} onRetry={() => void content.refetch()} />}
      {content.data && content.data.kind === "article" && (
        <>
          <ArticleBody markdown={content.data.body} />
          {canSave && (
            <CompleteButton completed={alreadyCompleted} busy={status.state === "saving"} onClick={() => void save(0, true)} />
          )}
        </>
      )}
      {content.data && content.data.kind === "document" && "url" in content.data && (
        <div className="panel document">
          <p>{t("player.documentText")}</p>
          <p className="row">
            <a className="button" href={content.data.url} target="_blank" rel="noopener" data-testid="document-link">
              {t("player.openDocument")}
            </a>
            {canSave && <CompleteButton completed={alreadyCompleted} busy={status.state === "saving"} onClick={() => void save(0, true)} />}
          </p>
          <p className="muted small">{t("player.linkExpires")}</p>
        </div>
      )}
      {content.data && (content.data.kind === "video" || content.data.kind === "audio") && "url" in content.data && !progressLoading && (
        <MediaPlayer
          kind={content.data.kind}
          url={content.data.url}
          startAt={startAt}
          freshUrl={freshUrl}
          onPosition={onPosition}
          onEnded={(seconds) => {
            position.current = seconds;
            void save(seconds, true);
          }}
        />
      )}
      <ProgressStatus canSave={canSave} status={status} savedPosition={savedPosition} kind={lesson.kind} completed={alreadyCompleted} />
    </article>
  );
}

function ContentProblem({ courseId, error, onRetry }: { courseId: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("learner");
  const location = useLocation();
  if (error instanceof ApiError && error.status === 401) {
    return (
      <div className="panel">
        <p>{t("player.signInToWatch")}</p>
        <Link className="button" to={`/signin?next=${encodeURIComponent(location.pathname)}`}>
          {t("auth.signIn")}
        </Link>
      </div>
    );
  }
  if (error instanceof ApiError && (error.status === 402 || error.status === 403)) {
    return (
      <div className="panel">
        <p>{t("player.buyToWatch")}</p>
        <Link className="button" to={`/course/${courseId}`}>
          {t("player.seeCourse")}
        </Link>
      </div>
    );
  }
  return <ProblemMessage error={error} onRetry={onRetry} />;
}

function ArticleBody({ markdown }: { markdown: string }) {
  // its headings move one level down, under the lesson's own h1
  const html = useMemo(() => renderArticle(markdown, 1), [markdown]);
  return <div className="article" data-testid="article-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function CompleteButton({ completed, busy, onClick }: { completed: boolean; busy: boolean; onClick: () => void }) {
  const { t } = useTranslation("learner");
  // the status line below says so
  if (completed) return null;
  return (
    <button type="button" onClick={onClick} disabled={busy} data-testid="mark-complete">
      {t("player.markComplete")}
    </button>
  );
}

function ProgressStatus({
  canSave,
  status,
  savedPosition,
  kind,
  completed,
}: {
  canSave: boolean;
  status: SaveStatus;
  savedPosition: SavedLesson | undefined;
  kind: SyllabusLesson["kind"];
  completed: boolean;
}) {
  const { t } = useTranslation("learner");
  const { user } = useAuth();
  const location = useLocation();
  let text: ReactNode;
  if (!user) {
    text = (
      <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t("player.signInToSave")}</Link>
    );
  } else if (!canSave) {
    text = null;
  } else if (status.state === "saving") {
    text = t("player.saving");
  } else if (completed && (kind === "article" || kind === "document")) {
    text = <span className="done">✓ {t("player.completed")}</span>;
  } else if (status.state === "saved") {
    text = t("player.savedAt", { time: formatClock(status.position) });
  } else if (status.state === "error") {
    return (
      <div data-testid="progress-status">
        <p className="muted small">{t("player.notSaved")}</p>
        <ProblemMessage error={status.error} />
      </div>
    );
  } else if (savedPosition && savedPosition.positionSeconds > 0 && (kind === "video" || kind === "audio")) {
    text = t("player.resumedAt", { time: formatClock(savedPosition.positionSeconds) });
  } else {
    text = t("player.willSave");
  }
  return (
    <p className="muted small progress-status" data-testid="progress-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}

function PrevNext({ courseId, lessons, index, entitled }: { courseId: string; lessons: SyllabusLesson[]; index: number; entitled: boolean }) {
  const { t } = useTranslation("learner");
  const prev = index > 0 ? lessons[index - 1] : undefined;
  const next = index >= 0 ? lessons[index + 1] : undefined;
  const link = (lesson: SyllabusLesson | undefined, labelKey: string, rel: string) => {
    if (!lesson) return <span />;
    const open = entitled || lesson.freePreview;
    return (
      <Link to={open ? `/learn/${courseId}/${lesson.id}` : `/course/${courseId}`} className="button secondary" rel={rel} data-testid={`${rel}-lesson`}>
        {t(labelKey, { title: lesson.title })}
        {!open && <span className="muted"> {t("player.lockedMark")}</span>}
      </Link>
    );
  };
  return (
    <nav className="prev-next" aria-label={t("player.lessonNav")}>
      {link(prev, "player.previous", "prev")}
      {link(next, "player.next", "next")}
    </nav>
  );
}
