import type { paths } from "./schema";

// The OpenAPI document declares every route's query parameters, so a GET's `params.query` is typed.
// openapi-fetch sends an empty string as `name=`, which the API reads as a value (an empty filter
// matches nothing, a bad one is refused): `query` leaves empty values out, for queries built from
// form fields and the URL. Names are checked against the route's declaration; a declared string
// (an enumeration too) takes any string here, since form and URL values are strings the API checks.

type GetPath = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];
type DeclaredQuery<P extends GetPath> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
// mapped over Q's own keys, so a required parameter (search's q) stays required
type Loose<Q> = { [K in keyof Q]: (NonNullable<Q[K]> extends string ? string : Q[K]) | null };

/** The query of `GET path`: the given values, without the empty and undefined ones. */
export function query<P extends GetPath>(_path: P, values: Loose<DeclaredQuery<P>>): DeclaredQuery<P> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") clean[name] = value;
  }
  return clean as DeclaredQuery<P>;
}
