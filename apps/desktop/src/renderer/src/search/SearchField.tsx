import type { ReactNode } from 'react';

/** A labelled search field with its error under it; the input gets the matching aria props. */
export function SearchField({
  id,
  label,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** aria-invalid and aria-describedby for an input whose error SearchField shows. */
/** A calendar-date search field (check-in, pick-up, departure…): the same markup for every date. */
export function DateField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <SearchField id={id} label={label} error={error}>
      <input
        id={id}
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalid(id, error)}
      />
    </SearchField>
  );
}

export function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

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
