// The OpenAPI document declares every route's query parameters, so `params: { query }` is typed.
// openapi-fetch sends an empty string as `name=`, which the API reads as a value: this leaves empty
// values out, for queries built from form fields.
type Query = Record<string, string | number | undefined>;

/** `params` for openapi-fetch: the path parameters as typed, plus query parameters left out when empty. */
export function withQuery<P extends object = Record<never, never>>(query: Query, path?: P): P & { query?: never } {
  const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  return { ...(path ?? {}), query: defined } as unknown as P & { query?: never };
}
