import { useId, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, call, fieldErrors, type Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { isStatus, keys, loadCourse, newIdempotencyKey } from "../../components/creator/api";
import { CourseFieldsInputs, courseFields, courseForm, type CourseForm } from "../../components/creator/CourseFields";
import { Field } from "../../components/creator/Field";
import { MarkdownPreview } from "../../components/creator/MarkdownPreview";
import { publishMissing } from "../../components/creator/publishProblems";
import { StatusBadge } from "../../components/creator/StatusBadge";
import { putToBucket, UploadError } from "../../components/creator/upload";
import "../../styles/creator.css";

type CourseView = Schemas["CourseView"];
type SectionView = CourseView["syllabus"][number];
type LessonView = SectionView["lessons"][number];
type Kind = LessonView["kind"];

const KINDS: Kind[] = ["video", "audio", "article", "document"];
/** What each media kind accepts (the upload route's allow-list), for the file picker. */
const ACCEPT: Record<Exclude<Kind, "article">, string> = {
  video: "video/mp4,video/webm,video/quicktime",
  audio: "audio/mpeg,audio/mp4,audio/aac,audio/ogg,audio/wav,audio/webm",
  document: "application/pdf,application/epub+zip",
};

export default function CourseEditor() {
  const { courseId = "" } = useParams();
  const { t } = useTranslation("creator");
  const course = useQuery({ queryKey: keys.course(courseId), queryFn: () => loadCourse(courseId) });

  if (course.isPending) return <Loading />;
  if (course.isError) return <ProblemMessage error={course.error} onRetry={() => void course.refetch()} />;
  const { view, etag } = course.data;
  return (
    <section className="editor">
      <p>
        <Link to="/studio">{t("editor.back")}</Link>
      </p>
      <h1>{t("editor.title", { title: view.title })}</h1>
      <PublishPanel course={view} />
      <DetailsForm key={view.id} course={view} etag={etag} />
      <Syllabus course={view} />
    </section>
  );
}

/** Runs one change of the course and refreshes it (and the studio's list) whatever the outcome. */
function useCourseChange(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<unknown>) => change(),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.course(courseId) });
      void queryClient.invalidateQueries({ queryKey: keys.myCourses });
    },
  });
}

function PublishPanel({ course }: { course: CourseView }) {
  const { t } = useTranslation("creator");
  const change = useCourseChange(course.id);
  const path = { params: { path: { courseId: course.id } } };
  const lessons = course.syllabus.flatMap((s) => s.lessons);
  const missing = publishMissing(change.error, lessons, t);
  return (
    <section className="panel publish" aria-labelledby="publish-heading">
      <h2 id="publish-heading" className="visually-hidden">
        {t("publish.heading")}
      </h2>
      <p>
        {t("publish.status")} <StatusBadge status={course.status} testId="course-status" />
      </p>
      <div className="actions">
        {course.status === "draft" ? (
          <button type="button" data-testid="publish-button" disabled={change.isPending} onClick={() => change.mutate(() => call(api.POST("/courses/{courseId}/publish", path)))}>
            {t("publish.publish")}
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            data-testid="unpublish-button"
            disabled={change.isPending}
            onClick={() => change.mutate(() => call(api.POST("/courses/{courseId}/unpublish", path)))}
          >
            {t("publish.unpublish")}
          </button>
        )}
        <Link to={`/course/${course.id}`}>{t("publish.view")}</Link>
        <Link to={`/studio/courses/${course.id}/coupons`}>{t("coupons.title")}</Link>
      </div>
      {change.isSuccess && (
        <p className="notice" role="status">
          {course.status === "published" ? t("publish.published") : t("publish.unpublished")}
        </p>
      )}
      {missing ? (
        <div role="alert" className="problem">
          <p className="problem-heading">{t("publish.missingHeading")}</p>
          <ul data-testid="publish-missing">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ProblemMessage error={change.error} />
      )}
    </section>
  );
}

function DetailsForm({ course, etag }: { course: CourseView; etag: string | null }) {
  const { t } = useTranslation("creator");
  const [form, setForm] = useState<CourseForm>(() => courseForm(course));
  const [priceError, setPriceError] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (fields: Schemas["CourseFields"]) =>
      call(
        api.PATCH("/courses/{courseId}", {
          params: { path: { courseId: course.id } },
          body: fields,
          // the ETag we read: if anyone changed the course since, the API answers 412 instead of overwriting it
          headers: etag ? { "If-Match": etag } : {},
        }),
      ),
    onSuccess: (saved) => {
      setForm(courseForm(saved));
      void queryClient.invalidateQueries({ queryKey: keys.course(course.id) });
      void queryClient.invalidateQueries({ queryKey: keys.myCourses });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { fields, priceError } = courseFields(form);
    setPriceError(Boolean(priceError));
    if (fields) save.mutate(fields);
  };
  // straight from the API: the cached course (and its ETag) is what went stale
  const reload = async () => {
    save.reset();
    const fresh = await loadCourse(course.id);
    queryClient.setQueryData(keys.course(course.id), fresh);
    setForm(courseForm(fresh.view));
  };
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">{t("editor.details")}</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="course-details-form">
        <CourseFieldsInputs form={form} onChange={setForm} errors={fieldErrors(save.error)} priceError={priceError} />
        {isStatus(save.error, 412) ? (
          <div role="alert" className="problem">
            <p className="problem-heading">{t("editor.changedElsewhere")}</p>
            <button type="button" onClick={() => void reload()}>
              {t("editor.reload")}
            </button>
          </div>
        ) : (
          <ProblemMessage error={save.error} />
        )}
        {save.isSuccess && (
          <p className="notice" role="status">
            {t("state.saved", { ns: "common" })}
          </p>
        )}
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t("state.saving", { ns: "common" }) : t("editor.save")}
        </button>
      </form>
    </section>
  );
}

/** New positions 0..n-1 for the order after moving one item; only the items whose position changes are patched. */
async function reorder<T extends { id: string; position: number }>(items: T[], from: number, to: number, patch: (id: string, position: number) => Promise<unknown>) {
  const order = [...items];
  const [moved] = order.splice(from, 1);
  if (!moved) return;
  order.splice(to, 0, moved);
  for (const [index, item] of order.entries()) {
    if (item.position !== index) await patch(item.id, index);
  }
}

function Syllabus({ course }: { course: CourseView }) {
  const { t } = useTranslation("creator");
  const sections = course.syllabus;
  return (
    <section aria-labelledby="syllabus-heading">
      <h2 id="syllabus-heading">{t("editor.syllabus")}</h2>
      {sections.length === 0 && <p className="muted">{t("section.none")}</p>}
      <ol className="sections">
        {sections.map((section, index) => (
          <SectionItem key={section.id} course={course} section={section} index={index} />
        ))}
      </ol>
      <AddSection courseId={course.id} nextPosition={sections.length} />
    </section>
  );
}

function AddSection({ courseId, nextPosition }: { courseId: string; nextPosition: number }) {
  const { t } = useTranslation("creator");
  const [title, setTitle] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const change = useCourseChange(courseId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      () =>
        call(
          api.POST("/courses/{courseId}/sections", {
            params: { path: { courseId }, header: { "Idempotency-Key": idempotencyKey } },
            body: { title: title.trim(), position: nextPosition },
          }),
        ),
      {
        onSuccess: () => {
          setTitle("");
          setIdempotencyKey(newIdempotencyKey());
        },
      },
    );
  };
  return (
    <form className="form inline-form" data-testid="add-section" onSubmit={submit}>
      <label>
        {t("section.newTitle")}
        <input name="sectionTitle" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit" disabled={change.isPending || !title.trim()}>
        {t("section.add")}
      </button>
      <ProblemMessage error={change.error} />
    </form>
  );
}

function SectionItem({ course, section, index }: { course: CourseView; section: SectionView; index: number }) {
  const { t } = useTranslation("creator");
  const change = useCourseChange(course.id);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(section.title);
  const sections = course.syllabus;
  const patch = (sectionId: string, body: Schemas["SectionChange"]) =>
    call(api.PATCH("/courses/{courseId}/sections/{sectionId}", { params: { path: { courseId: course.id, sectionId } }, body }));
  const move = (to: number) => change.mutate(() => reorder(sections, index, to, (id, position) => patch(id, { position })));
  const rename = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(() => patch(section.id, { title: title.trim() }), { onSuccess: () => setRenaming(false) });
  };
  const remove = () => {
    if (!window.confirm(t("section.confirmDelete", { title: section.title }))) return;
    change.mutate(() => call(api.DELETE("/courses/{courseId}/sections/{sectionId}", { params: { path: { courseId: course.id, sectionId: section.id } } })));
  };
  return (
    <li className="section" data-testid="section">
      <div className="section-head">
        {renaming ? (
          <form className="inline-form" onSubmit={rename}>
            <label>
              {t("section.title")}
              <input value={title} required maxLength={120} onChange={(e) => setTitle(e.target.value)} autoFocus />
            </label>
            <button type="submit" disabled={change.isPending || !title.trim()}>
              {t("editor.save")}
            </button>
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              {t("editor.cancel")}
            </button>
          </form>
        ) : (
          <h3>{section.title}</h3>
        )}
        <div className="toolbar" role="group" aria-label={t("section.actions", { title: section.title })}>
          {!renaming && (
            <button type="button" className="secondary small" onClick={() => setRenaming(true)}>
              {t("section.rename")}
            </button>
          )}
          <button type="button" className="secondary small" disabled={index === 0 || change.isPending} onClick={() => move(index - 1)}>
            {t("editor.moveUp")}
          </button>
          <button type="button" className="secondary small" disabled={index === sections.length - 1 || change.isPending} onClick={() => move(index + 1)}>
            {t("editor.moveDown")}
          </button>
          <button type="button" className="danger small" disabled={change.isPending} onClick={remove}>
            {t("editor.delete")}
          </button>
        </div>
      </div>
      {isStatus(change.error, 409) ? (
        <p role="alert" className="problem">
          {t("section.notEmpty")}
        </p>
      ) : (
        <ProblemMessage error={change.error} />
      )}
      <ol className="lessons">
        {section.lessons.map((lesson, i) => (
          <LessonItem key={lesson.id} course={course} section={section} lesson={lesson} index={i} />
        ))}
      </ol>
      <AddLesson courseId={course.id} section={section} />
    </li>
  );
}

type LessonForm = { title: string; kind: Kind; minutes: string; seconds: string; freePreview: boolean; body: string };

function durationSeconds(form: LessonForm): number | undefined {
  const minutes = Number(form.minutes || 0);
  const seconds = Number(form.seconds || 0);
  if (!Number.isFinite(minutes) || !Number.isFinite(seconds)) return undefined;
  return Math.max(0, Math.round(minutes * 60 + seconds));
}

function LessonFields({ form, onChange, kindFixed, errors }: { form: LessonForm; onChange: (f: LessonForm) => void; kindFixed: boolean; errors: Record<string, string> }) {
  const { t } = useTranslation("creator");
  const set = <K extends keyof LessonForm>(field: K, value: LessonForm[K]) => onChange({ ...form, [field]: value });
  return (
    <>
      <div className="form-row">
        <label>
          {t("lesson.kind")}
          <select value={form.kind} disabled={kindFixed} onChange={(e) => set("kind", e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <Field label={t("lesson.title")} error={errors.title} className="grow">
          <input required maxLength={160} value={form.title} onChange={(e) => set("title", e.target.value)} />
        </Field>
      </div>
      <fieldset className="form-row">
        <legend>{t("lesson.duration")}</legend>
        <label>
          {t("lesson.minutes")}
          <input type="number" min={0} max={1440} inputMode="numeric" value={form.minutes} onChange={(e) => set("minutes", e.target.value)} />
        </label>
        <label>
          {t("lesson.seconds")}
          <input type="number" min={0} max={59} inputMode="numeric" value={form.seconds} onChange={(e) => set("seconds", e.target.value)} />
        </label>
        {errors.durationSeconds && <span className="field-error">{errors.durationSeconds}</span>}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={form.freePreview} onChange={(e) => set("freePreview", e.target.checked)} />
        {t("lesson.freePreview")}
      </label>
      {form.kind === "article" && <ArticleBody body={form.body} onChange={(body) => set("body", body)} error={errors.body} />}
    </>
  );
}

function ArticleBody({ body, onChange, error }: { body: string; onChange: (body: string) => void; error?: string }) {
  const { t } = useTranslation("creator");
  const id = useId();
  return (
    <div className="article-editor">
      <label htmlFor={id}>{t("lesson.body")}</label>
      <textarea id={id} rows={10} value={body} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} />
      <span className="hint" id={`${id}-hint`}>
        {t("lesson.bodyHint")}
      </span>
      {error && <span className="field-error">{error}</span>}
      <details open={body.length > 0}>
        <summary>{t("lesson.preview")}</summary>
        <MarkdownPreview markdown={body} label={t("lesson.preview")} />
      </details>
    </div>
  );
}

const EMPTY_LESSON: LessonForm = { title: "", kind: "video", minutes: "", seconds: "", freePreview: false, body: "" };

function AddLesson({ courseId, section }: { courseId: string; section: SectionView }) {
  const { t } = useTranslation("creator");
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<LessonForm>(EMPTY_LESSON);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const change = useCourseChange(courseId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      () =>
        call(
          api.POST("/courses/{courseId}/lessons", {
            params: { path: { courseId }, header: { "Idempotency-Key": idempotencyKey } },
            body: {
              sectionId: section.id,
              title: form.title.trim(),
              kind: form.kind,
              durationSeconds: durationSeconds(form),
              freePreview: form.freePreview,
              position: section.lessons.length,
              ...(form.kind === "article" ? { body: form.body } : {}),
            },
          }),
        ),
      {
        onSuccess: () => {
          setForm(EMPTY_LESSON);
          setIdempotencyKey(newIdempotencyKey());
          setOpen(false);
        },
      },
    );
  };
  if (!open) {
    return (
      <button type="button" className="secondary small" onClick={() => setOpen(true)}>
        {t("lesson.addTo", { title: section.title })}
      </button>
    );
  }
  return (
    <form className="form lesson-form" data-testid="add-lesson" onSubmit={submit} aria-label={t("lesson.addTo", { title: section.title })}>
      <LessonFields form={form} onChange={setForm} kindFixed={false} errors={fieldErrors(change.error)} />
      <ProblemMessage error={change.error} />
      <div className="actions">
        <button type="submit" disabled={change.isPending || !form.title.trim()}>
          {t("lesson.add")}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t("editor.cancel")}
        </button>
      </div>
    </form>
  );
}

function LessonItem({ course, section, lesson, index }: { course: CourseView; section: SectionView; lesson: LessonView; index: number }) {
  const { t } = useTranslation("creator");
  const [editing, setEditing] = useState(false);
  const change = useCourseChange(course.id);
  const lessons = section.lessons;
  const patch = (lessonId: string, body: Schemas["LessonChange"]) =>
    call(api.PATCH("/courses/{courseId}/lessons/{lessonId}", { params: { path: { courseId: course.id, lessonId } }, body }));
  const move = (to: number) => change.mutate(() => reorder(lessons, index, to, (id, position) => patch(id, { position })));
  const moveTo = (sectionId: string) => {
    const target = course.syllabus.find((s) => s.id === sectionId);
    if (target) change.mutate(() => patch(lesson.id, { sectionId, position: target.lessons.length }));
  };
  const remove = () => {
    if (!window.confirm(t("lesson.confirmDelete", { title: lesson.title }))) return;
    change.mutate(() => call(api.DELETE("/courses/{courseId}/lessons/{lessonId}", { params: { path: { courseId: course.id, lessonId: lesson.id } } })));
  };
  const minutes = lesson.durationSeconds ? Math.round(lesson.durationSeconds / 60) : null;
  return (
    <li className="lesson" data-testid="lesson">
      <div className="lesson-head">
        <span className="lesson-title">
          <span className="tag">{t(`kind.${lesson.kind}`)}</span> {lesson.title}
          {minutes !== null && <span className="muted"> · {t("lesson.minutesShort", { count: minutes })}</span>}
          {lesson.freePreview && <span className="muted"> · {t("lesson.preview")}</span>}
        </span>
        <div className="toolbar" role="group" aria-label={t("lesson.actions", { title: lesson.title })}>
          <button type="button" className="secondary small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {t("lesson.edit")}
          </button>
          <button type="button" className="secondary small" disabled={index === 0 || change.isPending} onClick={() => move(index - 1)}>
            {t("editor.moveUp")}
          </button>
          <button type="button" className="secondary small" disabled={index === lessons.length - 1 || change.isPending} onClick={() => move(index + 1)}>
            {t("editor.moveDown")}
          </button>
          {course.syllabus.length > 1 && (
            <label className="move-to">
              <span className="visually-hidden">{t("lesson.moveTo", { title: lesson.title })}</span>
              <select value="" disabled={change.isPending} onChange={(e) => moveTo(e.target.value)}>
                <option value="">{t("lesson.moveToPlaceholder")}</option>
                {course.syllabus
                  .filter((s) => s.id !== section.id)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <button type="button" className="danger small" disabled={change.isPending} onClick={remove}>
            {t("editor.delete")}
          </button>
        </div>
      </div>
      <ProblemMessage error={change.error} />
      {lesson.kind !== "article" && <MediaUpload courseId={course.id} lesson={lesson} />}
      {editing && <EditLesson courseId={course.id} lesson={lesson} onDone={() => setEditing(false)} />}
    </li>
  );
}

function EditLesson({ courseId, lesson, onDone }: { courseId: string; lesson: LessonView; onDone: () => void }) {
  // the syllabus leaves articles' bodies out; the owner reads one through the content route
  const body = useQuery({
    queryKey: keys.lessonBody(courseId, lesson.id),
    queryFn: () => call(api.GET("/courses/{courseId}/lessons/{lessonId}/content", { params: { path: { courseId, lessonId: lesson.id } } })),
    enabled: lesson.kind === "article",
  });
  if (lesson.kind === "article") {
    if (body.isPending) return <Loading />;
    if (body.isError) return <ProblemMessage error={body.error} onRetry={() => void body.refetch()} />;
  }
  const initialBody = body.data && body.data.kind === "article" && "body" in body.data ? body.data.body : "";
  return <EditLessonForm courseId={courseId} lesson={lesson} initialBody={initialBody} onDone={onDone} />;
}

function EditLessonForm({ courseId, lesson, initialBody, onDone }: { courseId: string; lesson: LessonView; initialBody: string; onDone: () => void }) {
  const { t } = useTranslation("creator");
  const queryClient = useQueryClient();
  const [form, setForm] = useState<LessonForm>({
    title: lesson.title,
    kind: lesson.kind,
    minutes: lesson.durationSeconds ? String(Math.floor(lesson.durationSeconds / 60)) : "",
    seconds: lesson.durationSeconds ? String(lesson.durationSeconds % 60) : "",
    freePreview: lesson.freePreview,
    body: initialBody,
  });
  const change = useCourseChange(courseId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      () =>
        call(
          api.PATCH("/courses/{courseId}/lessons/{lessonId}", {
            params: { path: { courseId, lessonId: lesson.id } },
            body: {
              title: form.title.trim(),
              durationSeconds: durationSeconds(form),
              freePreview: form.freePreview,
              ...(lesson.kind === "article" ? { body: form.body } : {}),
            },
          }),
        ),
      {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: keys.lessonBody(courseId, lesson.id) });
          onDone();
        },
      },
    );
  };
  return (
    <form className="form lesson-form" onSubmit={submit} aria-label={t("lesson.editing", { title: lesson.title })}>
      <LessonFields form={form} onChange={setForm} kindFixed errors={fieldErrors(change.error)} />
      <ProblemMessage error={change.error} />
      <div className="actions">
        <button type="submit" disabled={change.isPending || !form.title.trim()}>
          {t("editor.save")}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t("editor.cancel")}
        </button>
      </div>
    </form>
  );
}

type UploadState =
  | { phase: "idle" }
  | { phase: "preparing"; name: string }
  | { phase: "sending"; name: string; loaded: number; total: number }
  | { phase: "done"; name: string }
  | { phase: "failed"; error: unknown };

function MediaUpload({ courseId, lesson }: { courseId: string; lesson: LessonView }) {
  const { t, i18n } = useTranslation("creator");
  const id = useId();
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const kind = lesson.kind as Exclude<Kind, "article">;

  const upload = async (file: File) => {
    setState({ phase: "preparing", name: file.name });
    try {
      const presigned = await call(
        api.POST("/courses/{courseId}/lessons/{lessonId}/upload", {
          params: { path: { courseId, lessonId: lesson.id } },
          // the API judges the type against the lesson's kind (400 naming what it accepts); the browser's guess may be anything
          body: { contentType: (file.type || "application/octet-stream") as Schemas["UploadRequest"]["contentType"], sizeBytes: file.size },
        }),
      );
      setState({ phase: "sending", name: file.name, loaded: 0, total: file.size });
      await putToBucket(presigned, file, (loaded, total) => setState({ phase: "sending", name: file.name, loaded, total }));
      setState({ phase: "done", name: file.name });
      void queryClient.invalidateQueries({ queryKey: keys.course(courseId) });
    } catch (error) {
      setState({ phase: "failed", error });
    }
  };

  const percent = state.phase === "sending" && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : state.phase === "done" ? 100 : 0;
  return (
    <div className="upload">
      <label htmlFor={id}>{t("upload.label", { kind: t(`kind.${kind}`), title: lesson.title })}</label>
      <input
        id={id}
        type="file"
        accept={ACCEPT[kind]}
        data-testid="upload-input"
        disabled={state.phase === "preparing" || state.phase === "sending"}
        aria-describedby={`${id}-status`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
          e.target.value = "";
        }}
      />
      <span className="hint">{t("upload.accepts", { types: ACCEPT[kind].split(",").join(", ") })}</span>
      {(state.phase === "sending" || state.phase === "done") && (
        <progress data-testid="upload-progress" max={100} value={percent} aria-label={t("upload.progress", { title: lesson.title })}>
          {percent}%
        </progress>
      )}
      <p id={`${id}-status`} role="status" aria-live="polite" className="upload-status">
        {state.phase === "preparing" && t("upload.preparing", { name: state.name })}
        {state.phase === "sending" && t("upload.sending", { name: state.name, percent: new Intl.NumberFormat(i18n.resolvedLanguage).format(percent) })}
        {state.phase === "done" && t("upload.done", { name: state.name })}
      </p>
      {state.phase === "failed" && <UploadProblem error={state.error} />}
    </div>
  );
}

function UploadProblem({ error }: { error: unknown }) {
  const { t } = useTranslation("creator");
  if (error instanceof ApiError) return <ProblemMessage error={error} />;
  let detail: string;
  if (error instanceof UploadError && error.status === 0) detail = t("upload.network");
  else if (error instanceof UploadError && error.code === "AccessDenied") detail = t("upload.expired");
  else if (error instanceof UploadError) detail = t("upload.refused", { code: error.code ?? error.status, message: error.message });
  else detail = String(error);
  return (
    <div role="alert" className="problem">
      <p className="problem-heading">{t("upload.failed")}</p>
      <p>{detail}</p>
    </div>
  );
}
