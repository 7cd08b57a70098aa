import type { ApiError } from '../api/api-error.ts';

/**
 * What the admin's per-owner list editors share (extras, taxes and fees): the code and name cells of a
 * row, its Remove cell, the server's field errors placed on their rows, and the messages under the form.
 */

/** The server's `body.items.N.field…` errors as `N.field` (a price's amount under `amount`). */
export function rowErrorsOf(error: ApiError): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of error.errors ?? []) {
    const m = /^body\.items\.(\d+)\.(\w+)/.exec(e.path);
    if (m) byField[`${m[1]}.${m[2] === 'price' ? 'amount' : m[2]}`] = e.message;
  }
  return byField;
}

/** The code and the name of row `index` (`noun` names the row: "Extra 2 code"). */
export function CodeAndNameCells({
  fieldId,
  index,
  noun,
  code,
  name,
  onChange,
  error,
}: {
  fieldId: (index: number, field: string) => string;
  index: number;
  noun: string;
  code: string;
  name: string;
  onChange: (change: { code?: string; name?: string }) => void;
  error: (index: number, field: string) => string | undefined;
}) {
  return (
    <>
      <td>
        <input
          id={fieldId(index, 'code')}
          className="extras-code"
          aria-label={`${noun} ${index + 1} code`}
          value={code}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange({ code: e.target.value })}
          aria-invalid={error(index, 'code') ? true : undefined}
        />
        {error(index, 'code') ? <span className="field-error">{error(index, 'code')}</span> : null}
      </td>
      <td>
        <input
          id={fieldId(index, 'name')}
          aria-label={`${noun} ${index + 1} name`}
          value={name}
          maxLength={80}
          onChange={(e) => onChange({ name: e.target.value })}
          aria-invalid={error(index, 'name') ? true : undefined}
        />
        {error(index, 'name') ? <span className="field-error">{error(index, 'name')}</span> : null}
      </td>
    </>
  );
}

export function RemoveCell({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <td>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={label}
        onClick={onRemove}
      >
        Remove
      </button>
    </td>
  );
}

/** A refusal not placed on a field, and what was saved. */
export function ListMessages({
  failures,
  notice,
}: {
  failures: readonly (string | null | undefined)[];
  notice: string | null;
}) {
  return (
    <>
      {failures
        .filter((f): f is string => !!f)
        .map((f) => (
          <p className="form-error" role="alert" key={f}>
            {f}
          </p>
        ))}
      <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
        {notice ?? ''}
      </p>
    </>
  );
}
