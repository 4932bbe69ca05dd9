// The OpenAPI document declares every route's query parameters, so `params: { query }` is typed
// (and required where a parameter is, as search's q). openapi-fetch sends an empty string as
// `name=`, which the API reads as a value (an empty filter matches nothing): this leaves empty
// values out, for queries built from form fields.

type QueryValue = string | number | undefined | null;

/** `init` with `params.query` set to `query` (empty and undefined values left out). */
export function withQuery<T extends object>(init: T, query: Record<string, QueryValue>): T {
  const clean: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") clean[key] = value;
  }
  const params = (init as { params?: object }).params ?? {};
  return { ...init, params: { ...params, query: clean } } as T;
}
