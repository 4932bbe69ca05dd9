import { Link } from "react-router";
import { useTranslation } from "react-i18next";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("problem.notFound")}</h1>
      <p>
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </section>
  );
}
