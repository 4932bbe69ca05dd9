import { useTranslation } from "react-i18next";

export function StatusBadge({ status, testId }: { status: "draft" | "published"; testId?: string }) {
  const { t } = useTranslation("creator");
  return (
    <span className={`badge ${status}`} data-testid={testId}>
      {t(`status.${status}`)}
    </span>
  );
}
