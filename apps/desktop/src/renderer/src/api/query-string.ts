/**
 * `path?name=value&…`, leaving out empty and undefined values (the server reads `?city=` as "not
 * given" anyway). The query is part of the URL string rather than axios `params`, so a cache key, a
 * log line and a test all see the same request.
 */
export function pathWithQuery(
  path: string,
  query: Readonly<Record<string, string | number | undefined | null>>,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
