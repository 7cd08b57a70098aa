/**
 * The first problem with each field of a search, from the shared query schema's issues; `words` says
 * each field's problem in the desk's words, keyed by field and then by what zod found.
 */
export function fieldProblems<K extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  words: (field: K, message: string) => string,
  fields: readonly K[],
): Partial<Record<K, string>> {
  const problems: Partial<Record<K, string>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '') as K;
    if (fields.includes(field)) problems[field] ??= words(field, issue.message);
  }
  return problems;
}

/** Results that reached the page size: the answer's total says how many matched. */
export function MoreResultsNote({
  shown,
  total,
  what,
}: {
  shown: number;
  total: number | undefined;
  what: string;
}) {
  if (total === undefined || total <= shown) return null;
  return (
    <p className="muted table-count">
      Showing the first {shown} of {total} {what}. Narrow the search to see the others.
    </p>
  );
}
