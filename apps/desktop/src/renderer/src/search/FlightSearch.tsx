import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FlightAvailabilityQuerySchema, type FlightAvailabilityRow } from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { deskDate, formatCalendarDate, formatFlightTimes, formatMoney, plural } from '../ui/formats.ts';
import { AirportField } from '../ui/AirportField.tsx';
import { flightPolicyContext } from './flight-terms.ts';
import { SEARCH_PAGE_SIZE } from './search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { described, Field } from '../ui/form-field.tsx';
import { fieldProblems, MoreResultsNote } from './search-form.tsx';
import { useSearch, type FlightDraft } from './search-store.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { searchKeys } from '../api/query-keys.ts';
import { FlightHoldDialog } from './FlightHoldDialog.tsx';
import { useCurrentTripQuery } from '../trip-builder/current-trip.ts';
import { ExtrasNote, OfferTerms, sameExtras } from './OfferTerms.tsx';
import { call } from '../api/call.ts';

type Criterion = 'from' | 'to' | 'date' | 'passengers';
const FIELDS: readonly Criterion[] = ['from', 'to', 'date', 'passengers'];

function words(field: Criterion, message: string): string {
  switch (field) {
    case 'from':
      return 'Pick the departure airport from the list: type its code or city, e.g. New York.';
    case 'to':
      return /differ/.test(message)
        ? 'Flying to the same airport? Pick another one.'
        : 'Pick the arrival airport from the list: type its code or city, e.g. London.';
    case 'date':
      return 'Enter the departure date.';
    case 'passengers':
      return 'Passengers: a whole number from 1 to 9.';
  }
}

export function defaultFlightDraft(now: number): FlightDraft {
  return { from: '', to: '', date: deskDate(now, 1), passengers: '1' };
}

/** Flight search: route and date → fare classes with free seats; seats are chosen on the seat map. */
export function FlightSearch({ onHeld }: { onHeld: (result: HoldResult, what: string) => void }) {
  const id = useId();
  // A trip with travellers fills in how many fly.
  const travelling = useCurrentTripQuery().data?.travellers?.length ?? 0;
  const draft =
    useSearch((s) => s.flightDraft) ??
    ({
      ...defaultFlightDraft(serverNow()),
      ...(travelling > 0 ? { passengers: String(travelling) } : {}),
    } as FlightDraft);
  const params = useSearch((s) => s.flightSearch);
  const [errors, setErrors] = useState<Partial<Record<Criterion, string>>>({});
  const [holding, setHolding] = useState<FlightAvailabilityRow | null>(null);

  const results = useQuery({
    queryKey: searchKeys.flights(params ?? { from: '', to: '', date: '', passengers: 1 }),
    queryFn: () =>
      call('searchFlightAvailability', { query: { ...params!, limit: SEARCH_PAGE_SIZE, sort: 'name' } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });

  const setDraft = (change: Partial<FlightDraft>) =>
    useSearch.getState().setFlightDraft({ ...draft, ...change });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = FlightAvailabilityQuerySchema.safeParse({
      from: draft.from.trim().toUpperCase(),
      to: draft.to.trim().toUpperCase(),
      date: draft.date,
      passengers: draft.passengers,
    });
    if (!parsed.success) {
      const found = fieldProblems(parsed.error.issues, words, FIELDS);
      setErrors(found);
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    const { from, to, date, passengers } = parsed.data;
    useSearch.getState().searchFlights({ from, to, date, passengers });
  };

  const rows = results.data?.results ?? [];
  const shared = sameExtras(rows);

  return (
    <div className="search-pane">
      <form className="search-form" onSubmit={submit} noValidate aria-label="Flight search">
        <AirportField
          id={`${id}-from`}
          label="From (airport or city)"
          value={draft.from}
          error={errors.from}
          onChange={(code) => setDraft({ from: code })}
        />
        <AirportField
          id={`${id}-to`}
          label="To (airport or city)"
          value={draft.to}
          error={errors.to}
          onChange={(code) => setDraft({ to: code })}
        />
        <DateField
          id={`${id}-date`}
          label="Departure date"
          value={draft.date}
          error={errors.date}
          onChange={(v) => setDraft({ date: v })}
        />
        <Field id={`${id}-passengers`} label="Passengers" error={errors.passengers} className="field-narrow">
          <input
            id={`${id}-passengers`}
            type="number"
            min={1}
            max={9}
            inputMode="numeric"
            value={draft.passengers}
            onChange={(e) => setDraft({ passengers: e.target.value })}
            {...described(`${id}-passengers`, errors.passengers)}
          />
        </Field>
        <div className="search-submit">
          <button type="submit" className="button button-primary" aria-busy={results.isFetching}>
            Search flights
          </button>
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {params && results.isSuccess ? `${plural(rows.length, 'fare')} with free seats.` : ''}
      </p>
      <div className="search-results" aria-busy={results.isFetching}>
        {params === null ? (
          <p className="empty-state">Enter the airports and the date to see flights with free seats.</p>
        ) : results.isPending ? (
          <p className="muted">Searching flights…</p>
        ) : results.isError ? (
          <LoadError error={results.error} retry={() => void results.refetch()} />
        ) : rows.length === 0 ? (
          <p className="empty-state">
            No flights from {params.from} to {params.to} on {formatCalendarDate(params.date)} with{' '}
            {plural(params.passengers, 'free seat')}. Try another date.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table results-table">
              <caption className="visually-hidden">
                Flights from {params.from} to {params.to} on {formatCalendarDate(params.date)}
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
                {rows.map((row) => (
                  <tr key={`${row.flightId}-${row.fareClass}`}>
                    <td className="mono">{row.flightNumber}</td>
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
                      />
                    </td>
                    <td className="cell-action">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Choose seats on ${row.flightNumber}, ${row.fareClassName ?? row.fareClass}`}
                        onClick={() => setHolding(row)}
                      >
                        Choose seats
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shared ? <ExtrasNote itemType="flight" extras={shared} /> : null}
            <MoreResultsNote shown={rows.length} total={results.data?.total} what="fares" />
          </div>
        )}
      </div>

      {holding && params ? (
        <FlightHoldDialog
          row={holding}
          passengers={params.passengers}
          onClose={() => setHolding(null)}
          onHeld={(result) => {
            setHolding(null);
            onHeld(result, `${holding.flightNumber} ${holding.from} → ${holding.to}`);
          }}
        />
      ) : null}
    </div>
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
