import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Field } from "./Field";
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
}: {
  form: CourseForm;
  onChange: (form: CourseForm) => void;
  errors: Record<string, string>;
  priceError: boolean;
}) {
  const { t } = useTranslation("creator");
  const set = (field: keyof CourseForm) => (e: { target: { value: string } }) => onChange({ ...form, [field]: e.target.value });
  const digits = fractionDigits(form.currency);
  return (
    <>
      <Field label={t("course.title")} error={errors.title}>
        <input name="title" required maxLength={200} value={form.title} onChange={set("title")} />
      </Field>
      <Field label={t("course.subtitle")} error={errors.subtitle}>
        <input name="subtitle" maxLength={300} value={form.subtitle} onChange={set("subtitle")} />
      </Field>
      <Field label={t("course.description")} error={errors.description}>
        <textarea name="description" rows={4} value={form.description} onChange={set("description")} />
      </Field>
      <div className="form-row">
        <Field label={t("course.language")} error={errors.language}>
          <select name="language" value={form.language} onChange={set("language")}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("course.level")} error={errors.level}>
          <select name="level" value={form.level} onChange={set("level")}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t("course.tags")} hint={t("course.tagsHint")} error={errors.tags}>
        <input name="tags" value={form.tags} onChange={set("tags")} />
      </Field>
      <div className="form-row">
        <Field
          label={t("course.price")}
          hint={t("course.priceHint", { count: digits })}
          error={priceError ? t("course.priceInvalid", { count: digits }) : (errors["price.amount"] ?? errors.price)}
        >
          <input name="price" inputMode={digits === 0 ? "numeric" : "decimal"} value={form.price} onChange={set("price")} />
        </Field>
        <Field label={t("course.currency")} error={errors["price.currency"]}>
          <select name="currency" value={form.currency} onChange={set("currency")}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
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
