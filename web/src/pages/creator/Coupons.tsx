import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, fieldErrors, type Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { Money } from "../../components/Money";
import { ProblemMessage } from "../../components/ProblemMessage";
import { Field } from "../../components/creator/Field";
import { keys, loadCourse, newIdempotencyKey } from "../../components/creator/api";
import { formatDateTime, formatNumber } from "../../components/creator/format";
import { fractionDigits, toMinorUnits } from "../../components/creator/money";
import { query } from "../../api/query";
import "../../styles/creator.css";

export default function Coupons() {
  const { courseId = "" } = useParams();
  const { t } = useTranslation("creator");
  const course = useQuery({ queryKey: keys.course(courseId), queryFn: () => loadCourse(courseId) });
  if (course.isPending) return <Loading />;
  if (course.isError) return <ProblemMessage error={course.error} onRetry={() => void course.refetch()} />;
  const view = course.data.view;
  return (
    <section className="coupons">
      <p>
        <Link to={`/studio/courses/${courseId}`}>{t("coupons.back", { title: view.title })}</Link>
      </p>
      <h1>{t("coupons.heading", { title: view.title })}</h1>
      <CouponList courseId={courseId} />
      <NewCoupon courseId={courseId} currency={view.price.currency} />
    </section>
  );
}

function CouponList({ courseId }: { courseId: string }) {
  const { t, i18n } = useTranslation("creator");
  const coupons = useInfiniteQuery({
    queryKey: keys.coupons(courseId),
    queryFn: ({ pageParam }) =>
      call(api.GET("/courses/{courseId}/coupons", { params: { path: { courseId }, query: query("/courses/{courseId}/coupons", { limit: 20, cursor: pageParam }) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (coupons.isPending) return <Loading />;
  if (coupons.isError) return <ProblemMessage error={coupons.error} onRetry={() => void coupons.refetch()} />;
  const items = coupons.data.pages.flatMap((p) => p.items);
  const language = i18n.resolvedLanguage;
  return (
    <section aria-labelledby="coupon-list">
      <h2 id="coupon-list">{t("coupons.list")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("coupons.none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="coupon-table">
            <thead>
              <tr>
                <th scope="col">{t("coupons.code")}</th>
                <th scope="col">{t("coupons.discount")}</th>
                <th scope="col">{t("coupons.redeemed")}</th>
                <th scope="col">{t("coupons.expires")}</th>
                <th scope="col">{t("coupons.created")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.code} data-testid="coupon-row">
                  <th scope="row">
                    <code>{c.code}</code>
                  </th>
                  <td>{c.percentOff != null ? t("coupons.percent", { value: c.percentOff }) : c.amountOff ? <Money value={c.amountOff} freeLabel={false} /> : "—"}</td>
                  <td>{t("coupons.usage", { redeemed: formatNumber(c.redeemed, language), max: formatNumber(c.maxRedemptions, language) })}</td>
                  <td>{formatDateTime(c.expiresAt, language)}</td>
                  <td>{formatDateTime(c.createdAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {coupons.hasNextPage && (
        <button type="button" className="secondary" disabled={coupons.isFetchingNextPage} onClick={() => void coupons.fetchNextPage()}>
          {t("state.loadMore", { ns: "common" })}
        </button>
      )}
    </section>
  );
}

type CouponForm = { code: string; type: "percent" | "amount"; percentOff: string; amountOff: string; maxRedemptions: string; expires: string };

function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

const EMPTY: CouponForm = { code: "", type: "percent", percentOff: "20", amountOff: "", maxRedemptions: "100", expires: "" };

function NewCoupon({ courseId, currency }: { courseId: string; currency: string }) {
  const { t } = useTranslation("creator");
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CouponForm>(() => ({ ...EMPTY, expires: inDays(30) }));
  const [amountError, setAmountError] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: (body: Schemas["CouponFields"]) =>
      call(api.POST("/courses/{courseId}/coupons", { params: { path: { courseId }, header: { "Idempotency-Key": idempotencyKey } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.coupons(courseId) });
      setForm({ ...EMPTY, expires: inDays(30) });
      setIdempotencyKey(newIdempotencyKey());
    },
  });
  const set = (field: keyof CouponForm) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = form.type === "amount" ? toMinorUnits(form.amountOff, currency) : null;
    setAmountError(form.type === "amount" && (amount === null || amount === 0));
    if (form.type === "amount" && !amount) return;
    create.mutate({
      code: form.code.trim(),
      ...(form.type === "percent" ? { percentOff: Number(form.percentOff) } : { amountOff: amount ?? 0 }),
      maxRedemptions: Number(form.maxRedemptions),
      // the end of the chosen day where the creator is
      expiresAt: new Date(`${form.expires}T23:59:59`).toISOString(),
    });
  };
  const errors = fieldErrors(create.error);
  return (
    <section aria-labelledby="new-coupon">
      <h2 id="new-coupon">{t("coupons.create")}</h2>
      <form className="form" onSubmit={submit} data-testid="new-coupon-form">
        <Field label={t("coupons.code")} error={errors.code}>
          <input name="code" required maxLength={40} autoCapitalize="characters" value={form.code} onChange={set("code")} />
        </Field>
        <fieldset>
          <legend>{t("coupons.discount")}</legend>
          <label className="checkbox">
            <input type="radio" name="type" value="percent" checked={form.type === "percent"} onChange={() => setForm({ ...form, type: "percent" })} />
            {t("coupons.percentOff")}
          </label>
          <label className="checkbox">
            <input type="radio" name="type" value="amount" checked={form.type === "amount"} onChange={() => setForm({ ...form, type: "amount" })} />
            {t("coupons.amountOff", { currency: currency.toUpperCase() })}
          </label>
          {form.type === "percent" ? (
            <Field label={t("coupons.percentValue")} error={errors.percentOff}>
              <input name="percentOff" type="number" min={1} max={100} required value={form.percentOff} onChange={set("percentOff")} />
            </Field>
          ) : (
            <Field
              label={t("coupons.amountValue", { currency: currency.toUpperCase() })}
              error={amountError ? t("course.priceInvalid", { count: fractionDigits(currency) }) : errors.amountOff}
            >
              <input name="amountOff" inputMode={fractionDigits(currency) === 0 ? "numeric" : "decimal"} required value={form.amountOff} onChange={set("amountOff")} />
            </Field>
          )}
        </fieldset>
        <div className="form-row">
          <Field label={t("coupons.maxRedemptions")} error={errors.maxRedemptions}>
            <input name="maxRedemptions" type="number" min={1} required value={form.maxRedemptions} onChange={set("maxRedemptions")} />
          </Field>
          <Field label={t("coupons.expiresOn")} error={errors.expiresAt}>
            <input name="expires" type="date" min={inDays(0)} required value={form.expires} onChange={set("expires")} />
          </Field>
        </div>
        <ProblemMessage error={create.error} />
        {create.isSuccess && (
          <p className="notice" role="status">
            {t("coupons.created_notice")}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t("coupons.create")}
        </button>
      </form>
    </section>
  );
}
