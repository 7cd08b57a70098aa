import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TripStatusSchema, type User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { userKeys } from '../api/query-keys.ts';
import { DateField } from '../ui/DateField.tsx';
import { endMin } from '../ui/date-pair.ts';
import { Field } from '../ui/form-field.tsx';
import { NO_TRIP_FILTERS, type TripFilters } from './trip-queries.ts';
import { TRIP_STATUS_WORDS } from './trip-words.ts';

/** How long typing in the search box waits before the list asks the server again. */
const SEARCH_DELAY_MS = 300;

/** The statuses a desk looks for together, beside each status alone. */
const STATUS_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'held,confirmed', label: 'Active (held or paid)' },
  ...TripStatusSchema.options.map((s) => ({ value: s, label: TRIP_STATUS_WORDS[s] })),
];

/**
 * Finding trips: one search box (invoice number, name, email, phone), status, travel dates, destination
 * and, for admins and agents, who sold it. "/" anywhere on the list puts the cursor in the search box;
 * Enter searches at once (typing searches after a pause).
 */
export function TripFilterBar({
  user,
  filters,
  onChange,
}: {
  user: Pick<User, 'id' | 'role'>;
  filters: TripFilters;
  onChange: (filters: TripFilters) => void;
}) {
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  // Text fields are typed into here and reach the list after a pause or on Enter.
  const [q, setQ] = useState(filters.q);
  const [destination, setDestination] = useState(filters.destination);
  const typed = { ...filters, q, destination };

  useEffect(() => {
    if (q === filters.q && destination === filters.destination) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, q, destination }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, destination, filters, onChange]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const any = Object.entries(typed).some(([, v]) => v !== '');
  const dateError =
    filters.travelFrom && filters.travelTo && filters.travelTo < filters.travelFrom
      ? 'Ends before it starts.'
      : undefined;

  return (
    <form
      className="trip-filters"
      role="search"
      aria-label="Find trips"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(typed);
      }}
    >
      <div className="field trip-search">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          ref={searchRef}
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-describedby={`${id}-q-hint`}
          aria-keyshortcuts="/"
          placeholder="INV-2026-000123, name…"
          autoComplete="off"
        />
        <span id={`${id}-q-hint`} className="field-hint">
          Invoice no., name, email or phone. Press / to jump here.
        </span>
      </div>
      <Field id={`${id}-status`} label="Status">
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => onChange({ ...typed, status: e.target.value })}
        >
          {STATUS_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <DateField
        id={`${id}-from`}
        label="Travelling from"
        className="trip-date"
        value={filters.travelFrom}
        onChange={(travelFrom) => onChange({ ...typed, travelFrom })}
      />
      <DateField
        id={`${id}-to`}
        label="Travelling to"
        className="trip-date"
        value={filters.travelTo}
        min={endMin(filters.travelFrom, 0)}
        error={dateError}
        onChange={(travelTo) => onChange({ ...typed, travelTo })}
      />
      <Field id={`${id}-destination`} label="Destination" className="trip-destination">
        <input
          id={`${id}-destination`}
          type="text"
          value={destination}
          onChange={(e) => setDestination(e.target.value)}
          placeholder="City, airport, station"
          autoComplete="off"
        />
      </Field>
      {user.role === 'frontdesk' ? null : (
        <SellerField
          id={`${id}-seller`}
          user={user}
          value={filters.soldBy}
          onChange={(soldBy) => onChange({ ...typed, soldBy })}
        />
      )}
      <div className="trip-filter-actions">
        {/* Enter in any field searches at once; the button is there for the mouse. */}
        <button type="submit" className="button button-small">
          Search
        </button>
        {any ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQ('');
              setDestination('');
              onChange(NO_TRIP_FILTERS);
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Who sold it: an admin picks any user; an agent anyone or themself (agents cannot list users). */
function SellerField({
  id,
  user,
  value,
  onChange,
}: {
  id: string;
  user: Pick<User, 'id' | 'role'>;
  value: string;
  onChange: (soldBy: string) => void;
}) {
  const users = useQuery({
    queryKey: userKeys.sellers,
    queryFn: async () => (await call('listUsers')).items,
    enabled: user.role === 'admin',
  });
  const others = (users.data ?? []).filter((u) => u.id !== user.id);
  return (
    <Field id={id} label="Sold by">
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Anyone</option>
        <option value={user.id}>Me</option>
        {others.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
        {value && value !== user.id && !others.some((u) => u.id === value) ? (
          <option value={value}>Another user</option>
        ) : null}
      </select>
    </Field>
  );
}
