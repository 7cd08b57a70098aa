import { useState, type ReactNode } from 'react';
import type { ApiError } from '../api/api-error.ts';

/**
 * The pieces every desk form shares: a labelled field with its hint or error, the aria wiring that
 * ties an input to that text, and the server's field errors turned into sentences beside the fields.
 */

export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {/* The error replaces the hint: they often say the same thing. */}
      {props.hint && !props.error ? (
        <p id={`${props.id}-hint`} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** aria props tying an input to its hint and error text. */
export function described(id: string, error: string | undefined, hint = false) {
  const ids = error ? `${id}-error` : hint ? `${id}-hint` : '';
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}

/**
 * The server's field message as a sentence. zod's generic wording ("Too small: expected …") says
 * nothing to a clerk, so it gives way to the field's own `fallback`.
 */
export function sentence(message: string, fallback: string): string {
  if (/^(too (small|big)|invalid (input|option)|expected)/i.test(message) || message.trim() === '')
    return fallback;
  const text = message.replaceAll('frontdesk', 'front desk').replaceAll('`', '');
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * Sorts a failed request's field errors onto the form's fields. `place` maps the server's path
 * (`nightlyRate.amount`, `fareClasses.0.seats.3`) to one of the form's field keys, or null when no
 * field shows it; `fallbacks` words each field's error when the server's wording is zod's.
 */
export function placeFieldErrors<K extends string>(
  error: ApiError | null,
  place: (path: string) => K | null,
  fallbacks: Readonly<Record<K, string>> | ((key: K) => string),
): { byField: Partial<Record<K, string>>; formError: string | null } {
  if (!error) return { byField: {}, formError: null };
  const byField: Partial<Record<K, string>> = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.errors) {
    const key = place(path.replace(/^body\.?/, ''));
    if (key === null) unplaced.push(sentence(message, ''));
    else
      byField[key] ??= sentence(message, typeof fallbacks === 'function' ? fallbacks(key) : fallbacks[key]);
  }
  const placed = Object.keys(byField).length > 0;
  const formError =
    error.code === 'validation_failed' && unplaced.filter(Boolean).length === 0 && placed
      ? 'Some details need correcting. See the messages beside the fields.'
      : error.code === 'validation_failed' && !placed && error.errors.length === 0
        ? `${error.message} ${sentence(error.detail, '')}`.trim()
        : [error.message, ...unplaced.filter(Boolean)].join(' ');
  return { byField, formError };
}

/** The first field in `order` that has an error, for sending the keyboard there. */
export function firstInvalid<K extends string>(order: readonly K[], errors: Partial<Record<K, string>>) {
  return order.find((key) => errors[key] !== undefined) ?? null;
}

/** A form's alert line under the fields; announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/**
 * The fields edited since the last submit. Their errors are hidden: a message about what the field
 * said before ("Already in the hotel: 109") is wrong once the clerk has changed it.
 */
export function useEditedFields<K extends string>() {
  const [edited, setEdited] = useState<ReadonlySet<K>>(() => new Set());
  return {
    mark: (key: K) => setEdited((s) => (s.has(key) ? s : new Set([...s, key]))),
    reset: () => setEdited(new Set()),
    /** `errors` without those of edited fields. */
    hide: (errors: Partial<Record<K, string>>): Partial<Record<K, string>> =>
      Object.fromEntries(Object.entries(errors).filter(([key]) => !edited.has(key as K))) as Partial<
        Record<K, string>
      >,
  };
}
