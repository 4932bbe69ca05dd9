import { useTranslation } from "react-i18next";

export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <p className="load-more">
      <button type="button" className="secondary" onClick={onClick} disabled={loading} aria-busy={loading}>
        {loading ? t("state.loading") : t("state.loadMore")}
      </button>
    </p>
  );
}
