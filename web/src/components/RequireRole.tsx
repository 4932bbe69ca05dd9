import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { Loading } from "./Loading";
import { ProblemMessage } from "./ProblemMessage";
import { ApiError } from "../api/client";

/** Pages for signed-in people (and a role): others go to sign in and come back afterwards. */
export function RequireRole({ role, children }: { role?: "creator" | "admin"; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (role && !user.roles.includes(role)) {
    return <ProblemMessage error={new ApiError(403, null)} />;
  }
  return <>{children}</>;
}
