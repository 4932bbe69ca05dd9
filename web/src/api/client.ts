// The typed client over the API as its OpenAPI document describes it (src/api/openapi.json, kept
// equal to the catalog's document by a test; `npm run api-types` generates src/api/schema.d.ts).
// It adds the bearer token, renews an expired one transparently (once, then retries the request)
// and turns every answer that is not a success into an ApiError carrying the problem details.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";
import { currentSession, refreshSession } from "./session";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** the API could not be reached at all */
  readonly offline: boolean;

  constructor(status: number, problem: Problem | null, offline = false) {
    super(problem?.detail ?? problem?.title ?? (offline ? "offline" : `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
    this.offline = offline;
  }
}

async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  let session = currentSession();
  if (session && session.expiresAt <= Date.now()) {
    session = await refreshSession(session.accessToken);
  }
  const send = (req: Request, token: string | undefined) => {
    if (token && !req.headers.has("authorization")) req.headers.set("authorization", `Bearer ${token}`);
    return fetch(req);
  };
  let response: Response;
  try {
    response = await send(request, session?.accessToken);
  } catch {
    throw new ApiError(0, null, true);
  }
  if (response.status === 401 && session) {
    const renewed = await refreshSession(session.accessToken);
    if (renewed) {
      try {
        response = await send(retry, renewed.accessToken);
      } catch {
        throw new ApiError(0, null, true);
      }
    }
  }
  return response;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authorizedFetch });

async function anonymousFetch(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw new ApiError(0, null, true);
  }
}

/**
 * The same API without the caller's token, for reads whose answer is the same for everyone (lists,
 * trending, reviews, similar courses, a creator's page): the edge cache keys on Authorization, so
 * only these token-less reads can be answered there. And for signing out, which needs no token.
 */
export const publicApi = createClient<paths>({ baseUrl: window.location.origin, fetch: anonymousFetch });

/**
 * The data of a call, or an ApiError: what react-query's queryFn and mutationFn want.
 * `call(api.GET("/courses/{courseId}", { params: { path: { courseId } } }))`
 */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const problem = isProblem(error) ? error : null;
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

/** The fields of a validation problem, by name, for forms. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem?.errors) return {};
  return Object.fromEntries(error.problem.errors.map((e) => [e.field, e.message]));
}
