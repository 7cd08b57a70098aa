/** One value of a query parameter; empty, undefined and null ones are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/**
 * `path?name=value&…`, leaving out empty and undefined values (the server reads `?city=` as "not
 * given" anyway). The query is part of the URL string rather than axios `params`, so a cache key, a
 * log line and a test all see the same request.
 */
export function pathWithQuery(path: string, query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
