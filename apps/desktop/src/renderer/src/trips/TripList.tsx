import { useCallback } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Trip, User } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { tripKeys } from '../api/query-keys.ts';
import { routeHash } from '../shell/route.ts';
import { formatInstant, formatMoney, formatPageRange, formatTravelDates, plural } from '../ui/formats.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { TripFilterBar } from './TripFilterBar.tsx';
import { tripListQuery, TRIPS_PAGE_SIZE, type TripFilters } from './trip-queries.ts';
import { ITEM_KIND, statusTone, TRIP_STATUS_WORDS } from './trip-words.ts';
import { useTripsScreen } from './trips-screen-store.ts';

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

/** The trips the clerk may see, a page at a time, filtered and searched on the server. */
export function TripList({ user }: { user: Pick<User, 'id' | 'role'> }) {
  const filters = useTripsScreen((s) => s.filters);
  const offset = useTripsScreen((s) => s.offset);
  const setFilters = useCallback((f: TripFilters) => useTripsScreen.getState().setFilters(f), []);
  const rangeOk = !filters.travelFrom || !filters.travelTo || filters.travelFrom <= filters.travelTo;

  const trips = useQuery({
    queryKey: tripKeys.list(filters, offset),
    queryFn: () => call('listTrips', { query: tripListQuery(filters, offset) }),
    placeholderData: keepPreviousData,
    enabled: rangeOk,
  });
  const list = trips.data?.items ?? [];
  const total = trips.data?.total ?? 0;
  const filtered = Object.values(filters).some((v) => v.trim() !== '');
  const setOffset = (o: number) => useTripsScreen.getState().setOffset(Math.max(0, o));

  return (
    <section className="section" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Trips</h1>
      </div>
      <TripFilterBar user={user} filters={filters} onChange={setFilters} />

      <p className="visually-hidden" role="status">
        {trips.isSuccess ? `${plural(total, 'trip')} found.` : ''}
      </p>
      {trips.isPending && rangeOk ? <p className="muted">Loading trips…</p> : null}
      {trips.isError ? <LoadError error={trips.error} retry={() => void trips.refetch()} /> : null}
      {trips.isSuccess && list.length === 0 ? (
        <p className="empty-state">
          {offset > 0 && total > 0
            ? 'This page is past the last trip.'
            : filtered
              ? 'No trip matches. Check the spelling, widen the dates, or clear the filters.'
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
                <th scope="col">Travel</th>
                <th scope="col">Destination</th>
                <th scope="col">Items</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Opened</th>
                <th scope="col">Trip / invoice</th>
              </tr>
            </thead>
            <tbody>
              {list.map((trip) => (
                <TripRow key={trip.id} trip={trip} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {trips.isSuccess && total > 0 ? (
        <nav className="pager" aria-label="Pages of trips">
          <span className="pager-range" aria-live="polite">
            {formatPageRange(offset, list.length, total)}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0 || trips.isFetching}
            onClick={() => setOffset(offset - TRIPS_PAGE_SIZE)}
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={offset + TRIPS_PAGE_SIZE >= total || trips.isFetching}
            onClick={() => setOffset(offset + TRIPS_PAGE_SIZE)}
          >
            Next ›
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function TripRow({ trip }: { trip: Trip }) {
  return (
    <tr>
      <td>
        {/* A real link: the address opens this trip (Back returns to the list, a new tab opens it). */}
        <a
          className="row-link"
          href={routeHash({ section: 'trips', tripId: trip.id })}
          aria-label={`Open the trip of ${trip.customer.name}, ${TRIP_STATUS_WORDS[trip.status]}`}
        >
          {trip.customer.name}
        </a>
        <span className="cell-sub">{trip.customer.email}</span>
      </td>
      <td>
        <span className={`status-badge status-${statusTone(trip.status)}`}>
          {TRIP_STATUS_WORDS[trip.status]}
        </span>
      </td>
      <td className="nowrap">
        {trip.travelStart ? (
          formatTravelDates(trip.travelStart, trip.travelEnd)
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{trip.destination ?? <span className="muted">—</span>}</td>
      <td>{itemsSummary(trip)}</td>
      <td className="num">{formatMoney(trip.total)}</td>
      <td>{formatInstant(trip.createdAt)}</td>
      <td>
        <span className="mono">{trip.id}</span>
        {trip.payment?.invoiceNumber ? (
          <span className="cell-sub mono">{trip.payment.invoiceNumber}</span>
        ) : null}
      </td>
    </tr>
  );
}
