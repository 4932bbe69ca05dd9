import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call, fieldErrors, type Schemas } from "../../api/client";
import { CourseFieldsInputs, courseFields, EMPTY_COURSE, type CourseForm } from "../../components/creator/CourseFields";
import { Loading } from "../../components/Loading";
import { Money } from "../../components/Money";
import { ProblemMessage } from "../../components/ProblemMessage";
import { keys, newIdempotencyKey, useMyCourses } from "../../components/creator/api";
import { formatDateTime } from "../../components/creator/format";
import { StatusBadge } from "../../components/creator/StatusBadge";
import "../../styles/creator.css";

export default function Studio() {
  const { t } = useTranslation("creator");
  return (
    <section className="studio">
      <h1>{t("studio.title")}</h1>
      <nav className="studio-links" aria-label={t("studio.sections")}>
        <Link to="/studio/earnings" className="button secondary">
          {t("earnings.title")}
        </Link>
        <Link to="/studio/analytics" className="button secondary">
          {t("analytics.title")}
        </Link>
      </nav>
      <MyCourses />
      <NewCourse />
    </section>
  );
}

function MyCourses() {
  const { t, i18n } = useTranslation("creator");
  const courses = useMyCourses();
  if (courses.isPending) return <Loading />;
  if (courses.isError) return <ProblemMessage error={courses.error} onRetry={() => void courses.refetch()} />;
  const items = courses.data.pages.flatMap((p) => p.items);
  return (
    <section aria-labelledby="my-courses">
      <h2 id="my-courses">{t("studio.myCourses")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("studio.noCourses")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("course.title")}</th>
                <th scope="col">{t("studio.status")}</th>
                <th scope="col">{t("course.price")}</th>
                <th scope="col">{t("studio.created")}</th>
                <th scope="col">{t("studio.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-testid="studio-course-row">
                  <th scope="row">
                    <Link to={`/studio/courses/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    <Money value={c.price} />
                  </td>
                  <td>{formatDateTime(c.createdAt, i18n.resolvedLanguage)}</td>
                  <td className="row-actions">
                    <Link to={`/studio/courses/${c.id}`}>{t("studio.edit")}
                      <span className="visually-hidden"> {c.title}</span></Link>
                    <Link to={`/studio/courses/${c.id}/coupons`}>{t("studio.coupons")}
                      <span className="visually-hidden"> {c.title}</span></Link>
                    <Link to={`/studio/analytics?courseId=${c.id}`}>{t("studio.analytics")}
                      <span className="visually-hidden"> {c.title}</span></Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {courses.hasNextPage && (
        <button type="button" className="secondary" disabled={courses.isFetchingNextPage} onClick={() => void courses.fetchNextPage()}>
          {t("state.loadMore", { ns: "common" })}
        </button>
      )}
    </section>
  );
}

function NewCourse() {
  const { t } = useTranslation("creator");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CourseForm>(EMPTY_COURSE);
  const [priceError, setPriceError] = useState(false);
  // one key per course being created: a retried submit after a lost answer creates it once
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: (fields: Schemas["CourseFields"]) =>
      call(api.POST("/courses", { body: fields, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: (course) => {
      void queryClient.invalidateQueries({ queryKey: keys.myCourses });
      setIdempotencyKey(newIdempotencyKey());
      navigate(`/studio/courses/${course.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { fields, priceError } = courseFields(form);
    setPriceError(Boolean(priceError));
    if (fields) create.mutate(fields);
  };

  return (
    <section aria-labelledby="new-course">
      <h2 id="new-course">{t("studio.newCourse")}</h2>
      <form className="form" data-testid="new-course-form" onSubmit={submit} noValidate>
        <CourseFieldsInputs form={form} onChange={setForm} errors={fieldErrors(create.error)} priceError={priceError} />
        <ProblemMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t("state.saving", { ns: "common" }) : t("studio.create")}
        </button>
      </form>
    </section>
  );
}
