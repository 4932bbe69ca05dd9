import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, call } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import "../../styles/learner.css";

const POLL_FOR_MS = 20_000;

export default function CheckoutReturn({ outcome }: { outcome: "success" | "cancel" }) {
  const { t } = useTranslation("learner");
  const [params] = useSearchParams();
  const orderId = params.get("orderId") ?? "";
  const queryClient = useQueryClient();
  // polling stops after POLL_FOR_MS; "check again" starts another round
  const [round, setRound] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  const polling = useRef(true);
  useEffect(() => {
    polling.current = true;
    setTimedOut(false);
    const timer = window.setTimeout(() => {
      polling.current = false;
      setTimedOut(true);
    }, POLL_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [round]);

  const order = useQuery({
    queryKey: ["order", orderId],
    queryFn: () => call(api.GET("/orders/{orderId}", { params: { path: { orderId } } })),
    enabled: orderId !== "",
    staleTime: 0,
    // Stripe's webhook may reach us a moment after the learner: ask again for a while
    refetchInterval: (query) =>
      outcome === "success" && query.state.data?.status === "pending" && polling.current ? 1000 : false,
  });
  const status = order.data?.status;

  useEffect(() => {
    if (status === "paid") void queryClient.invalidateQueries({ queryKey: ["me"] });
  }, [status, queryClient]);

  if (!orderId) return <ProblemMessage error={new ApiError(404, null)} />;
  const stillPending = status === "pending" && !timedOut;

  return (
    <section className="narrow checkout-return">
      <h1>{heading(outcome, status, t)}</h1>
      {order.isPending && <Loading />}
      <ProblemMessage error={order.error} onRetry={() => void order.refetch()} />
      {order.data && (
        <>
          <p data-testid="order-status" role="status" aria-live="polite" className={`order-status status-${order.data.status}`}>
            {outcome === "cancel" && status === "pending"
              ? t("checkout.cancelledText")
              : stillPending
                ? t("checkout.confirming")
                : t(`orderStatus.${order.data.status}`)}
          </p>
          <p>{explanation(outcome, order.data.status, stillPending, t)}</p>
          <p className="muted">{order.data.courseTitle}</p>
          <p className="row">
            {status === "paid" ? (
              <Link className="button" to={`/course/${order.data.courseId}`} data-testid="start-learning">
                {t("checkout.startLearning")}
              </Link>
            ) : (
              <Link className="button secondary" to={`/course/${order.data.courseId}`} data-testid="back-to-course">
                {t("checkout.backToCourse")}
              </Link>
            )}
            {status === "pending" && !stillPending && outcome === "success" && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setRound((r) => r + 1);
                  void order.refetch();
                }}
              >
                {t("checkout.checkAgain")}
              </button>
            )}
            <Link to={`/purchases/${order.data.id}`}>{t("checkout.viewOrder")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function explanation(outcome: "success" | "cancel", status: string, stillPending: boolean, t: (key: string) => string): string {
  if (status === "pending") {
    if (outcome === "cancel") return t("checkout.cancelledHelp");
    return stillPending ? t("checkout.confirmingHelp") : t("checkout.slowHelp");
  }
  return t(`checkout.help.${status}`);
}

function heading(outcome: "success" | "cancel", status: string | undefined, t: (key: string) => string): string {
  if (status === "paid" || status === "partially_refunded") return t("checkout.thanks");
  if (outcome === "cancel") return t("checkout.cancelled");
  if (status === undefined || status === "pending") return t("checkout.checking");
  return t("checkout.notCompleted");
}
