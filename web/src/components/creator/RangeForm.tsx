import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

export type Range = { from: string; to: string };

/** A from–to picker applied on submit, so a half-typed range does not fetch. */
export function RangeForm({ value, onChange, type }: { value: Range; onChange: (r: Range) => void; type: "month" | "date" }) {
  const { t } = useTranslation("creator");
  const [draft, setDraft] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="form-row range" onSubmit={submit}>
      <label>
        {t("range.from")}
        <input type={type} value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </label>
      <label>
        {t("range.to")}
        <input type={type} value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </label>
      <button type="submit" className="secondary">
        {t("range.apply")}
      </button>
    </form>
  );
}

/** The month `months` before this one, as "yyyy-MM" (UTC, as the ledger counts). */
export function monthBefore(months: number): string {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 7);
}
