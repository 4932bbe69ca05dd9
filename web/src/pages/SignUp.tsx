import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { ProblemMessage } from "../components/ProblemMessage";
import { safeNext } from "./SignIn";

export default function SignUp() {
  const { t } = useTranslation("learner");
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signUp(email, password, displayName);
      navigate(safeNext(params.get("next")), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

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
        {t("auth.haveAccount")} <Link to="/signin">{t("auth.signIn")}</Link>
      </p>
    </section>
  );
}
