import type { UseQueryResult } from '@tanstack/react-query';
import type { FlightAvailabilityResults, FlightAvailabilityRow } from '@tripdesk/shared';
import { formatCalendarDate, formatFlightTimes, formatMoney, plural } from '../ui/formats.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { flightPolicyContext } from './flight-terms.ts';
import { ExtrasNote, OfferTerms, sameExtras } from './OfferTerms.tsx';
import { MoreResultsNote } from './search-form.tsx';
import type { FlightSearchParams } from './search-queries.ts';

/** Which flight of a round trip a list is; a one-way search has no legs. */
export type FlightLeg = 'outbound' | 'return';

export const LEG_WORDS: Readonly<Record<FlightLeg, string>> = { outbound: 'Outbound', return: 'Return' };

/**
 * The fares of one search (a one-way search, or one leg of a round trip) as a table: times on each
 * airport's clock, fare class, free seats, prices, terms, and the button to choose seats. A leg has its
 * heading ("Return · LHR → JFK · Sat, Dec 12"), which the search focuses once the outbound is held.
 */
export function FlightResults({
  id,
  params,
  leg,
  results,
  held,
  onChoose,
}: {
  /** The leg's section; its heading is `${id}-heading`. */
  id: string;
  params: FlightSearchParams;
  leg: FlightLeg | null;
  results: UseQueryResult<FlightAvailabilityResults>;
  /** `flightId/fareClass` of the fares this trip holds now. */
  held: ReadonlySet<string>;
  onChoose: (row: FlightAvailabilityRow) => void;
}) {
  const rows = results.data?.results ?? [];
  const shared = sameExtras(rows);
  const headingId = `${id}-heading`;
  const day = formatCalendarDate(params.date);

  const body = results.isPending ? (
    <p className="muted">Searching flights…</p>
  ) : results.isError ? (
    <LoadError error={results.error} retry={() => void results.refetch()} />
  ) : rows.length === 0 ? (
    <p className="empty-state">
      No flights from {params.from} to {params.to} on {day} with {plural(params.passengers, 'free seat')}. Try
      another date.
    </p>
  ) : (
    <div className="table-wrap">
      <table className="data-table results-table">
        <caption className="visually-hidden">
          Flights from {params.from} to {params.to} on {day}
        </caption>
        <thead>
          <tr>
            <th scope="col">Flight</th>
            <th scope="col">Departs (local)</th>
            <th scope="col">Arrives (local)</th>
            <th scope="col">Fare class</th>
            <th scope="col" className="num">
              Free
            </th>
            <th scope="col" className="num">
              Per seat
            </th>
            <th scope="col" className="num">
              Total{params.passengers > 1 ? ` × ${params.passengers}` : ''}
            </th>
            <th scope="col">Terms</th>
            <th scope="col">
              <span className="visually-hidden">Seats</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const onTrip = held.has(`${row.flightId}/${row.fareClass}`);
            return (
              <tr key={`${row.flightId}-${row.fareClass}`} className={onTrip ? 'row-held' : undefined}>
                <td className="mono">
                  {row.flightNumber}
                  {onTrip ? <span className="held-chip">On the trip</span> : null}
                </td>
                <FlightTimesCells row={row} />
                <td>
                  {row.fareClassName ?? row.fareClass}
                  <span className="cell-sub">class {row.fareClass}</span>
                </td>
                <td className="num">{row.available}</td>
                <td className="num">{formatMoney(row.price)}</td>
                <td className="num cell-strong">{row.totalPrice ? formatMoney(row.totalPrice) : '—'}</td>
                <td className="cell-terms">
                  <OfferTerms
                    itemType="flight"
                    policy={row.cancellationPolicy}
                    context={flightPolicyContext(row)}
                    extras={shared ? undefined : row.extras}
                    taxes={row.taxes}
                  />
                </td>
                <td className="cell-action">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Choose seats on ${row.flightNumber}, ${row.fareClassName ?? row.fareClass}`}
                    onClick={() => onChoose(row)}
                  >
                    Choose seats
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shared ? <ExtrasNote itemType="flight" extras={shared} /> : null}
      <MoreResultsNote shown={rows.length} total={results.data?.total} what="fares" />
    </div>
  );

  if (leg === null) return body;
  return (
    <section className="flight-leg" id={id} aria-labelledby={headingId}>
      <h2 id={headingId} className="flight-leg-heading" tabIndex={-1}>
        <span className="flight-leg-name">{LEG_WORDS[leg]}</span> {params.from} → {params.to}{' '}
        <span className="flight-leg-day">{day}</span>
        {results.isSuccess ? (
          <>
            {' '}
            <span className="flight-leg-count">· {plural(rows.length, 'fare')}</span>
          </>
        ) : null}
      </h2>
      {body}
    </section>
  );
}

/** Departure and arrival on each airport's clock; `+1` when it lands the next local day. */
function FlightTimesCells({ row }: { row: FlightAvailabilityRow }) {
  const t = formatFlightTimes(row.departureAt, row.arrivalAt);
  return (
    <>
      <td className="cell-when">
        <span className="mono">{t.departs}</span>
        {t.utc ? ' UTC' : ''}{' '}
        <abbr
          className="airport-code"
          title={row.origin ? `${row.origin.name}, ${row.origin.city}` : undefined}
        >
          {row.from}
        </abbr>
        <span className="cell-sub">{t.departsOn}</span>
      </td>
      <td className="cell-when">
        <span className="mono">{t.arrives}</span>
        {t.dayShift ? (
          <abbr className="day-shift" title={`Lands ${t.arrivesOn}, local time`}>
            {t.dayShift}
          </abbr>
        ) : null}
        {t.utc ? ' UTC' : ''}{' '}
        <abbr
          className="airport-code"
          title={row.destination ? `${row.destination.name}, ${row.destination.city}` : undefined}
        >
          {row.to}
        </abbr>
        <span className="cell-sub">{t.arrivesOn}</span>
      </td>
    </>
  );
}
