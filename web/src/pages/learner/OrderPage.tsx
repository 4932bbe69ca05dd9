import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type Schemas } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { Money, formatMoney } from "../../components/Money";
import { formatDateTime } from "../../components/learner/format";
import "../../styles/learner.css";

type Order = Schemas["Order"];

export default function OrderPage() {
  const { orderId = "" } = useParams();
  const { t, i18n } = useTranslation("learner");
  const order = useQuery({
    queryKey: ["order", orderId],
    queryFn: () => call(api.GET("/orders/{orderId}", { params: { path: { orderId } } })),
  });
  if (order.isPending) return <Loading />;
  if (order.isError) return <ProblemMessage error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const uiLang = i18n.resolvedLanguage ?? "en";
  return (
    <section className="order-page">
      <p className="crumbs">
        <Link to="/purchases">{t("purchases.title")}</Link>
      </p>
      <h1>{t("order.title", { title: o.courseTitle })}</h1>
      <dl className="facts">
        <dt>{t("purchases.status")}</dt>
        <dd data-testid="order-status">{t(`orderStatus.${o.status}`)}</dd>
        <dt>{t("order.course")}</dt>
        <dd>
          <Link to={`/course/${o.courseId}`}>{o.courseTitle}</Link>
        </dd>
        <dt>{t("order.created")}</dt>
        <dd>{formatDateTime(o.createdAt, uiLang)}</dd>
        {o.paidAt && (
          <>
            <dt>{t("order.paid")}</dt>
            <dd>{formatDateTime(o.paidAt, uiLang)}</dd>
          </>
        )}
        <dt>{t("order.price")}</dt>
        <dd>
          <Money value={o.price} />
        </dd>
        {o.discount.amount > 0 && (
          <>
            <dt>{t("order.discount", { code: o.couponCode ?? "" })}</dt>
            <dd>
              −<Money value={o.discount} freeLabel={false} />
            </dd>
          </>
        )}
        <dt>{t("purchases.total")}</dt>
        <dd>
          <Money value={o.total} freeLabel={false} />
        </dd>
        {o.refunded.amount > 0 && (
          <>
            <dt>{t("order.refunded")}</dt>
            <dd>
              <Money value={o.refunded} freeLabel={false} />
            </dd>
          </>
        )}
        {o.receipt && (
          <>
            <dt>{t("order.receipt")}</dt>
            <dd>{o.receipt.number}</dd>
          </>
        )}
      </dl>
      {o.refunds.length > 0 && (
        <>
          <h2>{t("order.refunds")}</h2>
          <ul>
            {o.refunds.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {o.disputes.length > 0 && (
        <>
          <h2>{t("order.disputes")}</h2>
          <ul>
            {o.disputes.map((d) => (
              <li key={d.id}>{t(`order.dispute.${d.status}`)}</li>
            ))}
          </ul>
        </>
      )}
      {(o.status === "paid" || o.status === "partially_refunded") && <RefundForm order={o} />}
      {o.status === "pending" && <p className="muted">{t("order.pendingHelp", { time: formatDateTime(o.checkoutExpiresAt, uiLang) })}</p>}
      {o.status !== "pending" && o.status !== "paid" && o.status !== "partially_refunded" && <p className="muted">{t(`checkout.help.${o.status}`)}</p>}
      <p className="muted small">{t("order.reference", { id: o.id })}</p>
    </section>
  );
}

function RefundForm({ order }: { order: Order }) {
  const { t, i18n } = useTranslation("learner");
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [amount, setAmount] = useState("");
  const left = order.total.amount - order.refunded.amount;
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: order.total.currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;

  const refund = useMutation({
    mutationFn: () =>
      call(
        api.POST("/orders/{orderId}/refund", {
          params: { path: { orderId: order.id } },
          body: { reason: reason.trim(), ...(amount ? { amount: Math.round(Number(amount) * 10 ** digits) } : {}) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["order", order.id] });
      void queryClient.invalidateQueries({ queryKey: ["me", "orders"] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    refund.mutate();
  };

  return (
    <section aria-labelledby="refund-title">
      <h2 id="refund-title">{t("refund.title")}</h2>
      {refund.isSuccess ? (
        <p className="notice" role="status" data-testid="refund-requested">
          {t("refund.requested", { amount: formatMoney(refund.data.amount, i18n.resolvedLanguage ?? "en") })}
        </p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p className="muted">{t("refund.help", { left: formatMoney({ amount: left, currency: order.total.currency }, i18n.resolvedLanguage ?? "en") })}</p>
          <label>
            {t("refund.reason")}
            <textarea data-testid="refund-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label>
            {t("refund.amount", { currency: order.total.currency.toUpperCase() })}
            <input
              data-testid="refund-amount"
              type="number"
              min={1 / 10 ** digits}
              max={left / 10 ** digits}
              step={1 / 10 ** digits}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-describedby="refund-amount-hint"
            />
            <span id="refund-amount-hint" className="muted small">
              {t("refund.amountHint")}
            </span>
          </label>
          <ProblemMessage error={refund.error} />
          <p>
            <button type="submit" data-testid="refund-submit" disabled={refund.isPending || !reason.trim()}>
              {refund.isPending ? t("refund.sending") : t("refund.submit")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
