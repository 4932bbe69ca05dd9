import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { useAuthForm } from "../auth/useAuthForm";
import { ProblemMessage } from "../components/ProblemMessage";

export default function SignUp() {
  const { t } = useTranslation("learner");
  const { signUp } = useAuth();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { submit, error, busy, keepNext } = useAuthForm(() => signUp(email, password, displayName));

  return (
    <section className="narrow">
      <h1>{t("auth.signUpTitle")}</h1>
      <form onSubmit={submit} className="form">
        <label>
          {t("auth.displayName")}
          <input name="displayName" autoComplete="name" required maxLength={80} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          {t("auth.email")}
          <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t("auth.password")}
          <input type="password" name="password" autoComplete="new-password" required minLength={10} maxLength={128} aria-describedby="password-hint" value={password} onChange={(e) => setPassword(e.target.value)} />
          <span id="password-hint" className="muted small">{t("auth.passwordHint")}</span>
        </label>
        <ProblemMessage error={error} />
        <button type="submit" disabled={busy}>
          {t("auth.signUp")}
        </button>
      </form>
      <p>
        {t("auth.haveAccount")} <Link to={keepNext("/signin")}>{t("auth.signIn")}</Link>
      </p>
    </section>
  );
}
