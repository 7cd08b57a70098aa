import { useEffect, useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  addDays,
  FlightAvailabilityQuerySchema,
  isCalendarDate,
  type FlightAvailabilityRow,
  type Trip,
} from '@tripdesk/shared';
import { serverNow } from '../live/server-clock.ts';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { deskDate, formatCalendarDate, plural } from '../ui/formats.ts';
import { AirportField } from '../ui/AirportField.tsx';
import { SEARCH_PAGE_SIZE, type FlightSearchParams } from './search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';
import { described, Field } from '../ui/form-field.tsx';
import { fieldProblems } from './search-form.tsx';
import { useSearch, type FlightDraft, type FlightTripType } from './search-store.ts';
import { searchKeys } from '../api/query-keys.ts';
import { FlightHoldDialog } from './FlightHoldDialog.tsx';
import { FlightResults, LEG_WORDS, type FlightLeg } from './FlightResults.tsx';
import { useCurrentTripQuery } from '../trip-builder/current-trip.ts';
import { otherLegOf } from './passenger-defaults.ts';
import { stayOf } from './trip-defaults.ts';
import { call } from '../api/call.ts';

type Criterion = 'from' | 'to' | 'date' | 'returnDate' | 'passengers';
const FIELDS: readonly Criterion[] = ['from', 'to', 'date', 'returnDate', 'passengers'];

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
    case 'returnDate':
      return /before/.test(message)
        ? 'The return cannot leave before the outbound: choose the departure day or later.'
        : 'Enter the return date, or choose One-way.';
    case 'passengers':
      return 'Passengers: a whole number from 1 to 9.';
  }
}

const TRIP_TYPES: readonly { value: FlightTripType; label: string }[] = [
  { value: 'round-trip', label: 'Round trip' },
  { value: 'one-way', label: 'One-way' },
];

/** Days between a round trip's departure and return when nothing says otherwise. */
const RETURN_AFTER_DAYS = 7;

/**
 * The form before anything is typed: a round trip (what an agency sells most), tomorrow and a week on;
 * a trip with a stay flies out on its check-in and back on its check-out, its travellers as passengers.
 */
export function defaultFlightDraft(now: number, trip?: Trip): FlightDraft {
  const stay = stayOf(trip);
  const date = stay?.checkIn ?? deskDate(now, 1);
  const travelling = trip?.travellers?.length ?? 0;
  return {
    tripType: 'round-trip',
    from: '',
    to: '',
    date,
    returnDate: stay?.checkOut ?? addDays(date, RETURN_AFTER_DAYS),
    passengers: travelling > 0 ? String(travelling) : '1',
  };
}

const noSearch: FlightSearchParams = { from: '', to: '', date: '', passengers: 1 };

/**
 * Flight search: one way, or a round trip in one search (the outbound and the return listed one above
 * the other); fare classes with free seats, whose seats are chosen on the seat map. Both legs go on the
 * same trip, with the same passengers: once the outbound is held, the keyboard is in the return list.
 */
export function FlightSearch({
  onHeld,
}: {
  onHeld: (result: HoldResult, what: string, next?: string) => void;
}) {
  const id = useId();
  const trip = useCurrentTripQuery().data;
  const draft = useSearch((s) => s.flightDraft) ?? defaultFlightDraft(serverNow(), trip);
  const params = useSearch((s) => s.flightSearch);
  const back = useSearch((s) => s.returnSearch);
  const [errors, setErrors] = useState<Partial<Record<Criterion, string>>>({});
  const [holding, setHolding] = useState<{ row: FlightAvailabilityRow; leg: FlightLeg | null } | null>(null);
  /** Bumped when the outbound is held: the return list takes the keyboard. */
  const [toReturn, setToReturn] = useState(0);
  const roundTrip = draft.tripType === 'round-trip';

  const search = (p: FlightSearchParams | null) => ({
    queryKey: searchKeys.flights(p ?? noSearch),
    queryFn: () =>
      call('searchFlightAvailability', { query: { ...p!, limit: SEARCH_PAGE_SIZE, sort: 'name' } }),
    enabled: p !== null,
    placeholderData: keepPreviousData,
  });
  const outbound = useQuery(search(params));
  const returns = useQuery(search(back));

  const setDraft = (change: Partial<FlightDraft>) =>
    useSearch.getState().setFlightDraft({ ...draft, ...change });
  const dates = useDatePair({
    start: draft.date,
    end: draft.returnDate,
    minGap: 0,
    onChange: ({ start, end }) => setDraft({ date: start, returnDate: end }),
  });

  const chooseTripType = (tripType: FlightTripType) => {
    // A round trip chosen again gets a return date that fits the departure.
    const fits = isCalendarDate(draft.returnDate) && (!draft.date || draft.returnDate >= draft.date);
    const returnDate =
      tripType === 'round-trip' && !fits && isCalendarDate(draft.date)
        ? (stayOf(trip)?.checkOut ?? addDays(draft.date, RETURN_AFTER_DAYS))
        : draft.returnDate;
    setDraft({ tripType, returnDate });
    if (tripType === 'one-way') setErrors((e) => ({ ...e, returnDate: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = {
      from: draft.from.trim().toUpperCase(),
      to: draft.to.trim().toUpperCase(),
      date: draft.date,
      passengers: draft.passengers,
    };
    const parsed = FlightAvailabilityQuerySchema.safeParse(query);
    const found = parsed.success ? {} : fieldProblems(parsed.error.issues, words, FIELDS);
    if (roundTrip) {
      const returning = FlightAvailabilityQuerySchema.safeParse({
        ...query,
        from: query.to,
        to: query.from,
        date: draft.returnDate,
      });
      const dateIssue = returning.success
        ? undefined
        : returning.error.issues.find((i) => i.path[0] === 'date');
      if (dateIssue) found.returnDate = words('returnDate', dateIssue.message);
      else if (isCalendarDate(draft.date) && draft.returnDate < draft.date)
        found.returnDate = words('returnDate', 'before');
    }
    const first = FIELDS.find((f) => found[f]);
    setErrors(found);
    if (first || !parsed.success) {
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const { from, to, date, passengers } = parsed.data;
    useSearch
      .getState()
      .searchFlights(
        { from, to, date, passengers },
        roundTrip ? { from: to, to: from, date: draft.returnDate, passengers } : null,
      );
  };

  // The fares this trip holds, marked in the lists.
  const held = new Set(
    (trip?.items ?? []).flatMap((i) =>
      i.type === 'flight' && i.status === 'held' ? [`${i.flightId}/${i.fareClass}`] : [],
    ),
  );

  // Once the outbound is held, the return list: in view, its first fare's button focused (after the
  // seat dialog has given focus back to the button that opened it).
  useEffect(() => {
    if (toReturn === 0) return;
    const section = document.getElementById(`${id}-return`);
    section?.scrollIntoView?.({ block: 'start' });
    const target =
      section?.querySelector<HTMLElement>('tbody button') ?? document.getElementById(`${id}-return-heading`);
    target?.focus({ preventScroll: true });
  }, [toReturn, id]);

  const count = (q: typeof outbound) => q.data?.results.length ?? 0;
  const status =
    params && outbound.isSuccess && (!back || returns.isSuccess)
      ? back
        ? `${plural(count(outbound), 'outbound fare')} and ${plural(count(returns), 'return fare')} with free seats.`
        : `${plural(count(outbound), 'fare')} with free seats.`
      : '';

  return (
    <div className="search-pane">
      <form className="search-form" onSubmit={submit} noValidate aria-label="Flight search">
        {/* What kind of trip and for how many first, as on an airline's site; then where and when. */}
        <div className="search-form-line">
          <div className="trip-type" role="radiogroup" aria-labelledby={`${id}-trip`}>
            <span id={`${id}-trip`} className="field-label">
              Trip
            </span>
            <div className="segmented">
              {TRIP_TYPES.map((t) => (
                <label key={t.value} className="segment">
                  <input
                    type="radio"
                    name={`${id}-trip`}
                    value={t.value}
                    checked={draft.tripType === t.value}
                    onChange={() => chooseTripType(t.value)}
                  />
                  {t.label}
                </label>
              ))}
            </div>
          </div>
          <Field
            id={`${id}-passengers`}
            label="Passengers"
            error={errors.passengers}
            className="field-inline field-narrow"
          >
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
        </div>
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
        <DateField id={`${id}-date`} label="Departure date" error={errors.date} {...dates.start} />
        {roundTrip ? (
          <DateField id={`${id}-returnDate`} label="Return date" error={errors.returnDate} {...dates.end} />
        ) : null}
        <div className="search-submit">
          <button
            type="submit"
            className="button button-primary"
            aria-busy={outbound.isFetching || returns.isFetching}
          >
            Search flights
          </button>
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {status}
      </p>
      <div className="search-results" aria-busy={outbound.isFetching || returns.isFetching}>
        {params === null ? (
          <p className="empty-state">
            Enter the airports and the dates to see flights with free seats
            {roundTrip ? ', out and back' : ''}.
          </p>
        ) : (
          <FlightResults
            id={`${id}-outbound`}
            params={params}
            leg={back ? 'outbound' : null}
            results={outbound}
            held={held}
            onChoose={(row) => setHolding({ row, leg: back ? 'outbound' : null })}
          />
        )}
        {params && back ? (
          <FlightResults
            id={`${id}-return`}
            params={back}
            leg="return"
            results={returns}
            held={held}
            onChoose={(row) => setHolding({ row, leg: 'return' })}
          />
        ) : null}
      </div>

      {holding && params ? (
        <FlightHoldDialog
          row={holding.row}
          passengers={params.passengers}
          leg={holding.leg}
          samePassengersAs={otherLegOf(trip, holding.row)}
          onClose={() => setHolding(null)}
          onHeld={(result) => {
            const { row, leg } = holding;
            setHolding(null);
            const what = `${leg ? `${LEG_WORDS[leg].toLowerCase()} ` : ''}${row.flightNumber} ${row.from} → ${row.to}`;
            // The return comes next unless this trip already holds one.
            const next =
              leg === 'outbound' && back && !otherLegOf(trip, params)
                ? `Now the return, ${back.from} → ${back.to} on ${formatCalendarDate(back.date)}.`
                : undefined;
            if (next) setToReturn((n) => n + 1);
            onHeld(result, what, next);
          }}
        />
      ) : null}
    </div>
  );
}
