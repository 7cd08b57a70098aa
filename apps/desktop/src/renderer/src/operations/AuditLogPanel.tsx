import { Fragment, useEffect, useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AUDIT_TARGET_TYPES,
  type AuditEntry,
  type AuditLogQuery,
  type AuditTargetType,
} from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { operationsKeys, userKeys } from '../api/query-keys.ts';
import { DateField } from '../ui/DateField.tsx';
import { endMin } from '../ui/date-pair.ts';
import { Field } from '../ui/form-field.tsx';
import { formatInstant, formatPageRange, plural } from '../ui/formats.ts';
import { LoadError } from '../ui/LoadError.tsx';

export const AUDIT_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

export const TARGET_WORDS: Readonly<Record<AuditTargetType, string>> = {
  user: 'User',
  hotel: 'Hotel',
  room_type: 'Room type',
  airport: 'Airport',
  flight: 'Flight',
  flight_schedule: 'Flight schedule',
  car_location: 'Car location',
  car: 'Car',
  backup: 'Backup',
  consistency_check: 'Consistency repair',
};

/** The actions an admin looks for, in words; a kind's prefix (`user.`) finds all of its actions. */
const ACTION_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Any action' },
  { value: 'user.', label: 'Any change to a user' },
  { value: 'user.update', label: 'User changed' },
  { value: 'user.disable', label: 'User disabled' },
  { value: 'user.enable', label: 'User enabled' },
  { value: 'user.password_reset', label: 'Password reset' },
  { value: 'user.password_change', label: 'Own password changed' },
  { value: 'hotel.', label: 'Any change to a hotel' },
  { value: 'room_type.update', label: 'Room type changed' },
  { value: 'room_type.overbooking', label: 'Overbooking allowance' },
  { value: 'flight.', label: 'Any change to a flight' },
  { value: 'fare_class.update', label: 'Fare class changed' },
  { value: 'flight_schedule.', label: 'Any change to a flight schedule' },
  { value: 'out_of_order.', label: 'Rooms out of order' },
  { value: 'closure.', label: 'Closed or opened to sale' },
  { value: 'extras.', label: 'Extras catalogue changed' },
  { value: 'taxes.set', label: 'Taxes and fees changed' },
  { value: 'car_location.', label: 'Any change to a car location' },
  { value: 'car.', label: 'Any change to a car' },
  { value: 'backup.create', label: 'Backup taken' },
  { value: 'backup.restore', label: 'Backup restored' },
  { value: 'consistency.repair', label: 'Consistency repair' },
];

interface AuditFilters {
  readonly q: string;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly from: string;
  readonly to: string;
}
const NO_FILTERS: AuditFilters = { q: '', actor: '', action: '', targetType: '', from: '', to: '' };

function auditQuery(f: AuditFilters, offset: number): AuditLogQuery {
  return {
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.targetType ? { targetType: f.targetType as AuditTargetType } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    limit: AUDIT_PAGE_SIZE,
    offset,
  };
}

/** Admin: who did what, when, to which thing, with what it was before and became; searched and paged. */
export function AuditLogPanel() {
  const id = useId();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const change = (f: AuditFilters) => {
    setFilters(f);
    setOffset(0);
  };
  useEffect(() => {
    if (q === filters.q) return undefined;
    const timer = setTimeout(() => change({ ...filters, q }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, filters]);

  const rangeOk = !filters.from || !filters.to || filters.from <= filters.to;
  const users = useQuery({ queryKey: userKeys.all, queryFn: async () => (await call('listUsers')).items });
  const log = useQuery({
    queryKey: operationsKeys.audit({ ...filters, offset }),
    queryFn: () => call('listAuditLog', { query: auditQuery(filters, offset) }),
    placeholderData: keepPreviousData,
    enabled: rangeOk,
  });
  const items = log.data?.items ?? [];
  const total = log.data?.total ?? 0;
  const filtered = Object.values(filters).some((v) => v !== '');
  const toggle = (entryId: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(entryId)) next.delete(entryId);
      else next.add(entryId);
      return next;
    });

  return (
    <div className="audit-log">
      <form
        className="trip-filters audit-filters"
        role="search"
        aria-label="Search the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          change({ ...filters, q });
        }}
      >
        <div className="field trip-search">
          <label htmlFor={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Name, plate, hotel, id…"
            autoComplete="off"
            aria-describedby={`${id}-q-hint`}
          />
          <span id={`${id}-q-hint`} className="field-hint">
            Words of the entry, its target’s id, or who did it.
          </span>
        </div>
        <Field id={`${id}-actor`} label="Who">
          <select
            id={`${id}-actor`}
            value={filters.actor}
            onChange={(e) => change({ ...filters, q, actor: e.target.value })}
          >
            <option value="">Anyone</option>
            {(users.data ?? [])
              .filter((u) => u.role === 'admin')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </Field>
        <Field id={`${id}-action`} label="Action">
          <select
            id={`${id}-action`}
            value={filters.action}
            onChange={(e) => change({ ...filters, q, action: e.target.value })}
          >
            {ACTION_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-target`} label="What">
          <select
            id={`${id}-target`}
            value={filters.targetType}
            onChange={(e) => change({ ...filters, q, targetType: e.target.value })}
          >
            <option value="">Anything</option>
            {AUDIT_TARGET_TYPES.map((t) => (
              <option key={t} value={t}>
                {TARGET_WORDS[t]}
              </option>
            ))}
          </select>
        </Field>
        <DateField
          id={`${id}-from`}
          label="From"
          className="trip-date"
          value={filters.from}
          onChange={(from) => change({ ...filters, q, from })}
        />
        <DateField
          id={`${id}-to`}
          label="To"
          className="trip-date"
          value={filters.to}
          min={endMin(filters.from, 0)}
          error={rangeOk ? undefined : 'Ends before it starts.'}
          onChange={(to) => change({ ...filters, q, to })}
        />
        <div className="trip-filter-actions">
          <button type="submit" className="button button-small">
            Search
          </button>
          {filtered || q ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setQ('');
                change(NO_FILTERS);
              }}
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {log.isSuccess ? `${plural(total, 'entry', 'entries')} found.` : ''}
      </p>
      {log.isPending && rangeOk ? <p className="muted">Loading the audit log…</p> : null}
      {log.isError ? <LoadError error={log.error} retry={() => void log.refetch()} /> : null}
      {log.isSuccess && items.length === 0 ? (
        <p className="empty-state">
          {offset > 0 && total > 0
            ? 'This page is past the last entry.'
            : filtered
              ? 'No entry matches. Widen the dates or clear the filters.'
              : 'Nothing recorded yet. Every change an administrator makes is listed here.'}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap" aria-busy={log.isFetching}>
          <table className="data-table audit-table">
            <caption className="visually-hidden">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Action</th>
                <th scope="col">
                  <span className="visually-hidden">Changes</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <AuditRow
                  key={entry.id}
                  entry={entry}
                  open={open.has(entry.id)}
                  onToggle={() => toggle(entry.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.isSuccess && total > 0 ? (
        <nav className="pager" aria-label="Pages of the audit log">
          <span className="pager-range" aria-live="polite">
            {formatPageRange(offset, items.length, total)}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0 || log.isFetching}
            onClick={() => setOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={offset + AUDIT_PAGE_SIZE >= total || log.isFetching}
            onClick={() => setOffset(offset + AUDIT_PAGE_SIZE)}
          >
            Next ›
          </button>
        </nav>
      ) : null}
    </div>
  );
}

function AuditRow({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle: () => void }) {
  const fields = changeRows(entry);
  const detailsId = `audit-${entry.id}-changes`;
  return (
    <Fragment>
      <tr>
        <td className="nowrap">{formatInstant(entry.at)}</td>
        <td>{entry.actor.name}</td>
        <td>
          <span id={`audit-${entry.id}`}>{entry.summary}</span>
          {entry.targetId ? <span className="mono muted audit-target"> {entry.targetId}</span> : null}
        </td>
        <td>
          <span className="tag tag-muted">{TARGET_WORDS[entry.targetType]}</span>{' '}
          <span className="mono">{entry.action}</span>
        </td>
        <td className="actions">
          {fields.length > 0 ? (
            <button
              type="button"
              className="button button-small"
              aria-expanded={open}
              aria-controls={detailsId}
              aria-describedby={`audit-${entry.id}`}
              onClick={onToggle}
            >
              {open ? 'Hide changes' : `Changes (${fields.length})`}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="audit-details" id={detailsId}>
          <td colSpan={5}>
            <table className="data-table audit-diff">
              <caption className="visually-hidden">Before and after: {entry.summary}</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f.name}>
                    <th scope="row" className="audit-field" title={f.name}>
                      {fieldWords(f.name)}
                    </th>
                    <td className="mono audit-before">{f.before}</td>
                    <td className="mono audit-after">{f.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** One row per field either side names: before → after, `—` where a side has none. */
export function changeRows(entry: Pick<AuditEntry, 'before' | 'after'>): {
  name: string;
  before: string;
  after: string;
}[] {
  const names = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  const show = (side: Record<string, unknown> | null, name: string) =>
    side && name in side ? valueText(side[name]) : '—';
  return names.map((name) => ({ name, before: show(entry.before, name), after: show(entry.after, name) }));
}

/** `mustChangePassword` → "Must change password": the field as a clerk would say it. */
export function fieldWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (value === '[redacted]') return '(hidden)';
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'amount' in value && 'currency' in value) {
    const m = value as { amount: number; currency: string };
    return `${(m.amount / 100).toFixed(2)} ${m.currency}`;
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  return JSON.stringify(value);
}
