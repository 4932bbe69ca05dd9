// Query parameters are not in the OpenAPI document yet, so openapi-fetch does not accept a typed
// `params.query` on these paths. This one cast adds them; once the document declares them, call
// sites can pass `params: { query }` directly and this file goes away.

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
