import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { useAuthForm } from "../auth/useAuthForm";
import { ProblemMessage } from "../components/ProblemMessage";

export default function SignIn() {
  const { t } = useTranslation("learner");
  const { signIn } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { submit, error, busy, keepNext } = useAuthForm(() => signIn(email, password));

  return (
    <section className="narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <form onSubmit={submit} className="form">
        <label>
          {t("auth.email")}
          <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t("auth.password")}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ProblemMessage error={error} />
        <button type="submit" disabled={busy}>
          {t("auth.signIn")}
        </button>
      </form>
      <p>
        {t("auth.noAccount")} <Link to={keepNext("/signup")}>{t("auth.signUp")}</Link>
      </p>
    </section>
  );
}
