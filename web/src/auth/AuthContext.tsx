import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, publicApi, type Schemas } from "../api/client";
import { clearSession, currentSession, onSessionChange, storePair } from "../api/session";

type Profile = Schemas["Profile"];

interface Auth {
  /** undefined while the profile loads, null when signed out */
  user: Profile | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signUp(email: string, password: string, displayName: string): Promise<void>;
  signOut(): Promise<void>;
  /** true once the server refused a refresh: the page says so until the next sign-in */
  expired: boolean;
  hasRole(role: "learner" | "creator" | "admin"): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => currentSession() !== null);
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      onSessionChange((session, reason) => {
        setSignedIn(session !== null);
        if (reason === "expired") setExpired(true);
        if (reason === "signed-in") setExpired(false);
        if (reason !== "refreshed") queryClient.clear();
      }),
    [queryClient],
  );

  const me = useQuery({
    queryKey: ["me"],
    queryFn: () => call(api.GET("/me")),
    enabled: signedIn,
    staleTime: 60_000,
  });

  const signIn = useCallback(async (email: string, password: string) => {
    const pair = await call(api.POST("/auth/login", { body: { email, password } }));
    storePair(pair, "signed-in");
  }, []);

  const signUp = useCallback(
    async (email: string, password: string, displayName: string) => {
      await call(api.POST("/auth/register", { body: { email, password, displayName } }));
      await signIn(email, password);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    const session = currentSession();
    if (session) {
      // without the access token: an expired one would spend the refresh token just to sign out
      await publicApi.POST("/auth/logout", { body: { refreshToken: session.refreshToken } }).catch(() => undefined);
    }
    clearSession("signed-out");
  }, []);

  const user = !signedIn ? null : me.data;
  const value = useMemo<Auth>(
    () => ({
      user,
      signIn,
      signUp,
      signOut,
      expired,
      hasRole: (role) => !!user && user.roles.includes(role),
    }),
    [user, signIn, signUp, signOut, expired],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}
