import { useEffect, useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TripStatusSchema, type Trip, type TripStatus } from '@tripdesk/shared';
import { ITEM_KIND, statusTone, TRIP_STATUS_WORDS } from './trip-words.ts';
import { formatInstant, formatMoney, plural } from '../ui/formats.ts';
import { useTripsScreen } from './trips-screen-store.ts';
import { TripDetail } from './TripDetail.tsx';
import { Field } from '../ui/form-field.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { tripKeys } from '../api/query-keys.ts';
import './trips.css';
import { call } from '../api/call.ts';

export interface TripsSectionProps {
  readonly currentUserId: string;
  /** Present for roles that sell from Search: carries an open or held trip back to the trip builder. */
  readonly onContinueSelling?: (tripId: string) => void;
}

/** Every trip the clerk may see, searchable and filtered by status; one trip opens in full. */
export function TripsSection({ currentUserId, onContinueSelling }: TripsSectionProps) {
  const openTripId = useTripsScreen((s) => s.openTripId);
  if (openTripId !== null) {
    return (
      <TripDetail
        tripId={openTripId}
        currentUserId={currentUserId}
        onBack={() => useTripsScreen.getState().show(null)}
        {...(onContinueSelling ? { onContinueSelling } : {})}
      />
    );
  }
  return <TripList />;
}

/** How long typing waits before the list asks the server again. */
const SEARCH_DELAY_MS = 300;

function itemsSummary(trip: Trip): string {
  const counted = trip.items.filter((i) => i.status !== 'released');
  if (counted.length === 0) return 'Nothing held';
  const kinds = ['hotel', 'flight', 'car'] as const;
  return kinds
    .map((k) => [k, counted.filter((i) => i.type === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => (n > 1 ? `${n} × ${ITEM_KIND[k]}` : ITEM_KIND[k]))
    .join(', ');
}

function TripList() {
  const id = useId();
  const filters = useTripsScreen((s) => s.filters);
  const [q, setQ] = useState(filters.q);

  useEffect(() => {
    if (q === filters.q) return undefined;
    const timer = setTimeout(() => useTripsScreen.getState().setFilters({ ...filters, q }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, filters]);

  const trips = useQuery({
    queryKey: tripKeys.list(filters),
    queryFn: async () =>
      (await call('listTrips', { query: { status: filters.status, q: filters.q.trim() } })).items,
    placeholderData: keepPreviousData,
  });
  const list = trips.data ?? [];
  const filtered = filters.q.trim() !== '' || filters.status !== '';

  return (
    <section className="section" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Trips</h1>
      </div>
      <form
        className="trip-filters"
        role="search"
        aria-label="Find trips"
        onSubmit={(e) => {
          e.preventDefault();
          useTripsScreen.getState().setFilters({ ...filters, q });
        }}
      >
        <div className="field trip-search">
          <label htmlFor={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={`${id}-q-hint`}
            autoComplete="off"
          />
          <span id={`${id}-q-hint`} className="field-hint">
            Customer name, email or phone, or the trip’s ID.
          </span>
        </div>
        <Field id={`${id}-status`} label="Status">
          <select
            id={`${id}-status`}
            value={filters.status}
            onChange={(e) =>
              useTripsScreen.getState().setFilters({ q, status: e.target.value as TripStatus | '' })
            }
          >
            <option value="">Any status</option>
            {TripStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {TRIP_STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </Field>
      </form>

      <p className="visually-hidden" role="status">
        {trips.isSuccess ? `${plural(list.length, 'trip')} found.` : ''}
      </p>
      {trips.isPending ? <p className="muted">Loading trips…</p> : null}
      {trips.isError ? <LoadError error={trips.error} retry={() => void trips.refetch()} /> : null}
      {trips.isSuccess && list.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? 'No trip matches. Check the spelling, or set the status to “Any status”.'
            : 'No trips yet. Trips appear here once a first item is held for a customer.'}
        </p>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap" aria-busy={trips.isFetching}>
          <table className="data-table trips-table">
            <caption className="visually-hidden">Trips</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Items</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Opened</th>
                <th scope="col">Trip ID</th>
              </tr>
            </thead>
            <tbody>
              {list.map((trip) => (
                <tr key={trip.id}>
                  <td>
                    <button
                      type="button"
                      className="link-button row-link"
                      onClick={() => useTripsScreen.getState().show(trip.id)}
                      aria-label={`Open the trip of ${trip.customer.name}, ${TRIP_STATUS_WORDS[trip.status]}`}
                    >
                      {trip.customer.name}
                    </button>
                    <span className="cell-sub">{trip.customer.email}</span>
                  </td>
                  <td>
                    <span className={`status-badge status-${statusTone(trip.status)}`}>
                      {TRIP_STATUS_WORDS[trip.status]}
                    </span>
                  </td>
                  <td>{itemsSummary(trip)}</td>
                  <td className="num">{formatMoney(trip.total)}</td>
                  <td>{formatInstant(trip.createdAt)}</td>
                  <td className="mono">{trip.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted table-count">{plural(list.length, 'trip')}</p>
        </div>
      ) : null}
    </section>
  );
}
