// The signed-in session: the token pair in localStorage, so that a reload or a second tab stays
// signed in. Refresh tokens are single use (the server rotates them), so a refresh runs under a Web
// Lock shared by every tab: the second tab waiting for it finds the pair already rotated and uses it.
import type { components } from "./schema";

type TokenPair = components["schemas"]["TokenPair"];
const KEY = "lectern.session";

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch ms after which the access token is treated as expired (a minute early) */
  expiresAt: number;
}

type Listener = (session: Session | null, reason: "signed-in" | "refreshed" | "signed-out" | "expired") => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function storePair(pair: TokenPair, reason: "signed-in" | "refreshed"): Session {
  const session: Session = {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + (pair.expiresIn - 60) * 1000,
  };
  localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener(session, reason));
  return session;
}

export function clearSession(reason: "signed-out" | "expired"): void {
  localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(null, reason));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// another tab signed in, refreshed or out
window.addEventListener("storage", (event) => {
  if (event.key === KEY) {
    const session = currentSession();
    listeners.forEach((listener) => listener(session, session ? "refreshed" : "signed-out"));
  }
});

let refreshing: Promise<Session | null> | null = null;

/**
 * A fresh pair for the stored refresh token, once per tab at a time and one tab at a time.
 * `failed` is the access token that the server just refused: when another tab has already moved
 * past it, its pair is used without spending the refresh token again.
 */
export function refreshSession(failed: string | null): Promise<Session | null> {
  if (!refreshing) {
    const run = async () => {
      const session = currentSession();
      if (!session) return null;
      if (failed !== null && session.accessToken !== failed && session.expiresAt > Date.now()) return session;
      let response: Response;
      try {
        response = await fetch("/auth/refresh", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
      } catch {
        // offline: keep the session, the caller shows the connection problem
        return null;
      }
      if (response.status === 400 || response.status === 401) {
        // refused: the refresh token is unknown, used, revoked or too old
        clearSession("expired");
        return null;
      }
      if (!response.ok) {
        // busy or throttled (503, 429): keep the pair for the next try; the caller shows the problem
        return null;
      }
      return storePair((await response.json()) as TokenPair, "refreshed");
    };
    const locked = (navigator.locks ? navigator.locks.request("lectern.refresh", run) : run()) as Promise<Session | null>;
    const pending = locked.finally(() => {
      refreshing = null;
    });
    refreshing = pending;
    return pending;
  }
  return refreshing;
}
