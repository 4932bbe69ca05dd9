import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { query } from "../../api/query";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { Money } from "../../components/Money";
import { LoadMore } from "../../components/learner/LoadMore";
import { formatDate } from "../../components/learner/format";
import "../../styles/learner.css";

export default function Purchases() {
  const { t, i18n } = useTranslation("learner");
  const orders = useInfiniteQuery({
    queryKey: ["me", "orders"],
    queryFn: ({ pageParam }) => call(api.GET("/me/orders", { params: { query: query("/me/orders", { limit: 20, cursor: pageParam }) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const uiLang = i18n.resolvedLanguage ?? "en";
  return (
    <>
      <h1>{t("purchases.title")}</h1>
      {orders.isPending && <Loading />}
      <ProblemMessage error={orders.error} onRetry={() => void orders.refetch()} />
      {orders.isSuccess && items.length === 0 && (
        <div className="panel">
          <p>{t("purchases.empty")}</p>
          <Link to="/browse">{t("library.browse")}</Link>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="orders">
            <caption className="visually-hidden">{t("purchases.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("purchases.course")}</th>
                <th scope="col">{t("purchases.date")}</th>
                <th scope="col">{t("purchases.status")}</th>
                <th scope="col">{t("purchases.total")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((order) => (
                <tr key={order.id} data-testid="order-row">
                  <td>
                    <Link to={`/purchases/${order.id}`}>{order.courseTitle}</Link>
                  </td>
                  <td>{formatDate(order.paidAt ?? order.createdAt, uiLang)}</td>
                  <td>
                    <span className={`status status-${order.status}`}>{t(`orderStatus.${order.status}`)}</span>
                  </td>
                  <td>
                    <Money value={order.total} />
                    {order.refunded.amount > 0 && (
                      <span className="muted small">
                        {" "}
                        ({t("purchases.refunded")} <Money value={order.refunded} freeLabel={false} />)
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore hasMore={orders.hasNextPage} loading={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()} />
    </>
  );
}
