import { useEffect, useState, type FormEvent } from "react";
import { Link, NavLink, Outlet, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthContext";
import { LANGUAGES } from "../i18n";
import { ApiError } from "../api/client";

export function Layout() {
  const { t } = useTranslation();
  const { user, signOut, expired, hasRole } = useAuth();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const offline = useOffline();

  return (
    <>
      <a className="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand" aria-label={t("nav.home")}>
            {t("brand")}
          </Link>
          <SearchBox />
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            ☰<span className="visually-hidden">{t("nav.menu")}</span>
          </button>
          <nav id="main-nav" aria-label={t("nav.menu")} className={menuOpen ? "open" : undefined} onClick={() => setMenuOpen(false)}>
            <NavLink to="/browse">{t("nav.browse")}</NavLink>
            {user && <NavLink to="/library">{t("nav.library")}</NavLink>}
            {user && <NavLink to="/purchases">{t("nav.purchases")}</NavLink>}
            {hasRole("creator") && <NavLink to="/studio">{t("nav.studio")}</NavLink>}
            {hasRole("admin") && <NavLink to="/console">{t("nav.console")}</NavLink>}
            {user ? (
              <>
                <NavLink to="/account">{user.displayName}</NavLink>
                <button
                  type="button"
                  className="link"
                  onClick={async () => {
                    await signOut();
                    navigate("/");
                  }}
                >
                  {t("nav.signOut")}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/signin">{t("nav.signIn")}</NavLink>
                <NavLink to="/signup" className="button small">
                  {t("nav.signUp")}
                </NavLink>
              </>
            )}
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      {offline && (
        <p className="banner warning" role="alert">
          {t("problem.offlineBanner")}
        </p>
      )}
      {expired && !user && (
        <p className="banner warning" role="alert">
          {t("problem.expired")} <Link to="/signin">{t("nav.signIn")}</Link>
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          {t("brand")} · {t("footer.tagline")} · <a href="/docs">{t("footer.api")}</a>
        </p>
      </footer>
    </>
  );
}

function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const current = params.get("q") ?? "";
  const [q, setQ] = useState(current);
  // the box shows the query of the results on screen, also after back/forward
  useEffect(() => setQ(current), [current]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor="site-search" className="visually-hidden">
        {t("search.label")}
      </label>
      <input id="site-search" type="search" value={q} placeholder={t("search.placeholder")} onChange={(e) => setQ(e.target.value)} />
      <button type="submit">{t("search.submit")}</button>
    </form>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t("nav.language")}</span>
      <select value={i18n.resolvedLanguage} onChange={(e) => void i18n.changeLanguage(e.target.value)} onClick={(e) => e.stopPropagation()}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code === "zh" ? "zh-Hans" : "en"}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Offline: the browser says so, or the last request could not reach the API. */
function useOffline(): boolean {
  const queryClient = useQueryClient();
  const [browserOffline, setBrowserOffline] = useState(!navigator.onLine);
  const [unreachable, setUnreachable] = useState(false);
  useEffect(() => {
    const update = () => setBrowserOffline(!navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated") return;
        const error = event.query.state.error;
        if (event.query.state.status === "error" && error instanceof ApiError && error.offline) setUnreachable(true);
        if (event.query.state.status === "success") setUnreachable(false);
      }),
    [queryClient],
  );
  return browserOffline || unreachable;
}
