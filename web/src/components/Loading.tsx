import { useTranslation } from "react-i18next";

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite" data-testid="loading">
      {t("state.loading")}
    </p>
  );
}
