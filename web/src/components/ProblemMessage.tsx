import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/**
 * An error in words: the problem's own title and detail (the API writes them for people), its field
 * errors, and the correlation id to quote; a plain sentence when the API could not be reached.
 */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  let heading = t("problem.heading");
  let detail: string | undefined;
  let fields: { field: string; message: string }[] = [];
  let reference: string | undefined;
  if (error instanceof ApiError) {
    if (error.offline) {
      detail = t("problem.offline");
    } else {
      heading = t(`problem.status.${error.status}`, { defaultValue: error.problem?.title ?? t("problem.heading") });
      detail = error.problem?.detail ?? error.problem?.title;
      fields = error.problem?.errors ?? [];
      reference = error.problem?.correlationId;
    }
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div role="alert" className="problem">
      <p className="problem-heading">{heading}</p>
      {detail && detail !== heading && !repeatsFields(detail, fields) && <p>{detail}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field + f.message}>{t("problem.field", { field: f.field, message: f.message })}</li>
          ))}
        </ul>
      )}
      {reference && <p className="muted small">{t("problem.reference", { id: reference })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}

/** A validation problem's detail is often its field errors joined: saying them once is enough. */
function repeatsFields(detail: string, fields: { field: string; message: string }[]): boolean {
  return fields.length > 0 && fields.every((f) => detail.includes(f.message));
}
