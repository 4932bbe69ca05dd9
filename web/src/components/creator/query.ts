// The API reads query parameters (limit, cursor, from, to, courseId) that its OpenAPI document does
// not declare yet, so the generated types refuse `params.query`. This is the one place that casts
// them through; once the document declares them, delete it and pass `params: { query }` directly.
type Query = Record<string, string | number | undefined>;

/** `params` for openapi-fetch: the path parameters as typed, plus query parameters left out when empty. */
export function withQuery<P extends object = Record<never, never>>(query: Query, path?: P): P & { query?: never } {
  const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  return { ...(path ?? {}), query: defined } as unknown as P & { query?: never };
}
