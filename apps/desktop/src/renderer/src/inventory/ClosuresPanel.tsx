import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDays } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { searchKeys } from '../api/query-keys.ts';
import { DateField } from '../ui/DateField.tsx';
import { Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { deskDate, formatStay } from '../ui/formats.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { ConfirmChangeDialog } from './ConfirmChangeDialog.tsx';

/** A closure as every kind lists it: what it closes (`target`) and its dates. */
export interface ClosureRow {
  readonly id: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
  readonly reason?: string | undefined;
}

type ClosureField = 'target' | 'from' | 'to';

/**
 * Admin: stop-sell for one kind of unit (room types of a hotel, car categories of a location, fare
 * classes of a flight number): closed dates listed with remove, and a form to close more. A closed
 * unit leaves search on those dates and new holds are refused; what is sold stays sold.
 */
export function ClosuresPanel({
  title,
  idPrefix,
  targetLabel,
  targets,
  unit,
  queryKey,
  list,
  create,
  remove,
  today,
}: {
  title: string;
  idPrefix: string;
  /** "Room type", "Category", "Fare class". */
  targetLabel: string;
  /** Value and name of each thing that can be closed. */
  targets: readonly { value: string; label: string }[];
  unit: 'night' | 'day';
  queryKey: readonly unknown[];
  list: () => Promise<ClosureRow[]>;
  create: (c: { target: string; from: string; to: string; reason?: string }) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  /** The owner's today where it has a time zone (a hotel's); else the desk's. */
  today?: string;
}) {
  const queryClient = useQueryClient();
  const closures = useQuery({ queryKey, queryFn: list });
  const [target, setTarget] = useState(targets[0]?.value ?? '');
  const [from, setFrom] = useState(() => today ?? deskDate(Date.now()));
  const [to, setTo] = useState(() => addDays(today ?? deskDate(Date.now()), 1));
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<ClosureField, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [opening, setOpening] = useState<ClosureRow | null>(null);
  const nameOf = (value: string) => targets.find((t) => t.value === value)?.label ?? value;
  const id = (field: string) => `${idPrefix}-${field}`;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
  };
  const close = useMutation<unknown, ApiError, void>({
    mutationFn: () => create({ target, from, to, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: () => {
      setNotice(`${nameOf(target)} is closed to sale ${formatStay(from, to, unit)}.`);
      setReason('');
      refresh();
    },
  });
  const server = placeFieldErrors<ClosureField>(
    close.error,
    (path) =>
      path === 'from'
        ? 'from'
        : path === 'to'
          ? 'to'
          : /^(roomTypeId|category|fareClass)/.test(path)
            ? 'target'
            : null,
    {
      target: `Choose a ${targetLabel.toLowerCase()}.`,
      from: 'Enter the first date.',
      to: 'Enter the date it sells again.',
    },
  );
  const errors = { ...server.byField, ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (close.isPending) return;
    const found: Partial<Record<ClosureField, string>> = {};
    if (!target) found.target = `Choose a ${targetLabel.toLowerCase()}.`;
    if (!from) found.from = 'Enter the first date.';
    if (!to) found.to = 'Enter the date it sells again.';
    else if (from && to <= from) found.to = 'Reopens must be after the first date.';
    setClientErrors(found);
    setNotice(null);
    if (Object.keys(found).length > 0) {
      close.reset();
      return;
    }
    close.mutate();
  };

  const items = closures.data ?? [];
  return (
    <section className="panel" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{title}</h3>
      {targets.length === 0 ? (
        <p className="muted">Nothing here to close yet.</p>
      ) : (
        <form className="toolbar-form" onSubmit={submit} noValidate aria-label={`Close to sale: ${title}`}>
          <Field id={id('target')} label={targetLabel} error={errors.target}>
            <select id={id('target')} value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
          <DateField
            id={id('from')}
            label={unit === 'night' ? 'First night' : 'First day'}
            value={from}
            onChange={(v) => {
              setFrom(v);
              if (v && to && to <= v) setTo(addDays(v, 1));
            }}
            error={errors.from}
          />
          <DateField id={id('to')} label="Reopens" value={to} onChange={setTo} error={errors.to} />
          <Field id={id('reason')} label="Reason (optional)">
            <input
              id={id('reason')}
              autoComplete="off"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          <button type="submit" className="button" disabled={close.isPending}>
            {close.isPending ? 'Closing…' : 'Close to sale'}
          </button>
        </form>
      )}
      <FormAlert message={server.formError} />
      <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
        {notice ?? ''}
      </p>
      {closures.isError ? <LoadError error={closures.error} retry={() => void closures.refetch()} /> : null}
      {closures.data && items.length === 0 ? <p className="muted">Nothing is closed to sale.</p> : null}
      {items.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{targetLabel}</th>
              <th scope="col">Closed</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="row-head">
                  {nameOf(c.target)}
                </th>
                <td>{formatStay(c.from, c.to, unit)}</td>
                <td>{c.reason ?? '—'}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Reopen ${nameOf(c.target)} (${formatStay(c.from, c.to, unit)})`}
                    onClick={() => setOpening(c)}
                  >
                    Reopen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {opening ? (
        <ConfirmChangeDialog
          title={`Reopen ${nameOf(opening.target)}?`}
          label="Reopen to sale"
          busyLabel="Reopening…"
          run={() => remove(opening.id)}
          onDone={() => {
            setNotice(
              `${nameOf(opening.target)} is on sale again ${formatStay(opening.from, opening.to, unit)}.`,
            );
            setOpening(null);
            refresh();
          }}
          onClose={() => setOpening(null)}
        >
          <p>
            {nameOf(opening.target)} can be searched and held again{' '}
            {formatStay(opening.from, opening.to, unit)}.
          </p>
        </ConfirmChangeDialog>
      ) : null}
    </section>
  );
}
