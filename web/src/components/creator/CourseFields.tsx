import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { CURRENCIES, fractionDigits, toMajorUnits, toMinorUnits } from "./money";

const LEVELS = ["beginner", "intermediate", "advanced", "all"] as const;
const LANGUAGES = ["en", "zh-Hans"] as const;

export type CourseForm = {
  title: string;
  subtitle: string;
  description: string;
  language: string;
  level: Schemas["CourseFields"]["level"];
  tags: string;
  price: string;
  currency: string;
};

export const EMPTY_COURSE: CourseForm = {
  title: "",
  subtitle: "",
  description: "",
  language: "en",
  level: "beginner",
  tags: "",
  price: "0",
  currency: "usd",
};

/** The form's fields as the API wants them, or the field error of a price that is not one. */
export function courseFields(form: CourseForm): { fields?: Schemas["CourseFields"]; priceError?: true } {
  const amount = toMinorUnits(form.price, form.currency);
  if (amount === null) return { priceError: true };
  return {
    fields: {
      title: form.title.trim(),
      subtitle: form.subtitle.trim(),
      description: form.description.trim(),
      language: form.language,
      level: form.level,
      tags: form.tags
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
      price: { amount, currency: form.currency },
    },
  };
}

/** The inputs of a course's fields, shared by the new-course form and the editor. */
export function CourseFieldsInputs({
  form,
  onChange,
  errors,
  priceError,
  idPrefix,
}: {
  form: CourseForm;
  onChange: (form: CourseForm) => void;
  errors: Record<string, string>;
  priceError: boolean;
  idPrefix: string;
}) {
  const { t } = useTranslation("creator");
  const set = (field: keyof CourseForm) => (e: { target: { value: string } }) => onChange({ ...form, [field]: e.target.value });
  const digits = fractionDigits(form.currency);
  const error = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`${idPrefix}-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const described = (field: string) => (errors[field] ? `${idPrefix}-${field}-error` : undefined);
  return (
    <>
      <label>
        {t("course.title")}
        <input name="title" required maxLength={200} value={form.title} onChange={set("title")} aria-invalid={Boolean(errors.title)} aria-describedby={described("title")} />
        {error("title")}
      </label>
      <label>
        {t("course.subtitle")}
        <input name="subtitle" maxLength={300} value={form.subtitle} onChange={set("subtitle")} aria-describedby={described("subtitle")} />
        {error("subtitle")}
      </label>
      <label>
        {t("course.description")}
        <textarea name="description" rows={4} value={form.description} onChange={set("description")} aria-describedby={described("description")} />
        {error("description")}
      </label>
      <div className="form-row">
        <label>
          {t("course.language")}
          <select name="language" value={form.language} onChange={set("language")}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("course.level")}
          <select name="level" value={form.level} onChange={set("level")}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t("course.tags")}
        <input name="tags" value={form.tags} onChange={set("tags")} aria-describedby={`${idPrefix}-tags-hint`} />
        <span className="hint" id={`${idPrefix}-tags-hint`}>
          {t("course.tagsHint")}
        </span>
        {error("tags")}
      </label>
      <div className="form-row">
        <label>
          {t("course.price")}
          <input
            name="price"
            inputMode={digits === 0 ? "numeric" : "decimal"}
            value={form.price}
            onChange={set("price")}
            aria-invalid={priceError || Boolean(errors["price.amount"])}
            aria-describedby={`${idPrefix}-price-hint`}
          />
          <span className="hint" id={`${idPrefix}-price-hint`}>
            {priceError ? <span className="field-error">{t("course.priceInvalid", { count: digits })}</span> : t("course.priceHint", { count: digits })}
          </span>
          {error("price.amount")}
        </label>
        <label>
          {t("course.currency")}
          <select name="currency" value={form.currency} onChange={set("currency")}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

/** A course's fields as the form holds them (the price in major units, as typed). */
export function courseForm(course: Schemas["Course"] | Schemas["CourseView"]): CourseForm {
  return {
    title: course.title,
    subtitle: course.subtitle,
    description: course.description,
    language: course.language,
    level: course.level,
    tags: course.tags.join(", "),
    price: toMajorUnits(course.price.amount, course.price.currency),
    currency: course.price.currency,
  };
}
