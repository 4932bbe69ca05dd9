import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";

/** Where to go after signing in: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  if (!next) return "/";
  try {
    const url = new URL(next, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}

/**
 * What the sign-in and sign-up forms share: `submit` runs `action` (busy meanwhile, its problem
 * kept in `error`) and then goes on to `?next=`; `keepNext` carries that `?next=` to the other
 * form, so that switching forms does not lose where the visitor was going.
 */
export function useAuthForm(action: () => Promise<unknown>) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get("next");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
      navigate(safeNext(next), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const keepNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  return { submit, error, busy, keepNext };
}
