import { useQuery } from '@tanstack/react-query';
import { type ChangeItemRequest, type FlightAvailabilityRow, type FlightItem } from '@tripdesk/shared';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { SeatMap } from '../search/SeatMap.tsx';
import { DateField } from '../ui/DateField.tsx';
import { Field } from '../ui/form-field.tsx';
import { formatMoney, formatTimeOfDay } from '../ui/formats.ts';
import { call } from '../api/call.ts';

export interface FlightDraft {
  /** The flight on the same route: the item's own, or another one. */
  flightId: string;
  /** The day whose flights on the route are listed. */
  date: string;
  fareClass: string;
  seats: string[];
  /** Each passenger's name as it will read, in passenger order. */
  names: string[];
}

export const flightDraftOf = (item: FlightItem): FlightDraft => ({
  flightId: item.flightId,
  date: (item.departureAt ?? '').slice(0, 10),
  fareClass: item.fareClass,
  seats: item.seats,
  names: item.passengers.map((p) => p.name),
});

/** What the clerk changed of a flight, or null when nothing is. */
export function flightChange(
  item: FlightItem,
  draft: FlightDraft,
  payment: object,
): ChangeItemRequest | null {
  const flightChanged = draft.flightId !== item.flightId;
  const fareChanged = draft.fareClass !== item.fareClass;
  const seatsChanged = draft.seats.join() !== item.seats.join();
  const names = draft.names.map((n) => n.trim());
  const namesChanged = names.some((n, i) => n !== item.passengers[i]?.name);
  if (!flightChanged && !fareChanged && !seatsChanged && !namesChanged) return null;
  const unitsChanged = flightChanged || fareChanged || seatsChanged;
  return {
    type: 'flight',
    ...(flightChanged ? { flightId: draft.flightId } : {}),
    ...(fareChanged ? { fareClass: draft.fareClass } : {}),
    ...(seatsChanged && draft.seats.length > 0 ? { seats: draft.seats } : {}),
    ...(namesChanged ? { passengerNames: names } : {}),
    // Names alone move nothing and cost nothing: no card is sent.
    ...(unitsChanged ? payment : {}),
  };
}

/** One option per flight of the route that day (the search answers one row per fare class). */
function flightsOfDay(rows: readonly FlightAvailabilityRow[]): FlightAvailabilityRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.flightId) && seen.add(r.flightId));
}

/** Another flight on the same route, another fare class or other seats, corrected passenger names. */
export function FlightChangeFields({
  id,
  item,
  draft,
  onDraft,
}: {
  id: string;
  item: FlightItem;
  draft: FlightDraft;
  onDraft: (change: Partial<FlightDraft>) => void;
}) {
  const flight = useQuery({
    queryKey: inventoryKeys.flight(draft.flightId),
    queryFn: () => call('getFlight', { params: { flightId: draft.flightId } }),
  });
  const seatMap = useQuery({
    queryKey: searchKeys.seatMap(draft.flightId),
    queryFn: () => call('getSeatMap', { params: { flightId: draft.flightId } }),
  });
  const route = {
    from: item.from ?? '',
    to: item.to ?? '',
    date: draft.date,
    passengers: item.passengers.length,
  };
  const sameRoute = useQuery({
    queryKey: searchKeys.flights(route),
    queryFn: () => call('searchFlightAvailability', { query: { ...route, limit: 200, sort: 'name' } }),
    enabled: route.from !== '' && route.to !== '' && /^\d{4}-\d{2}-\d{2}$/.test(draft.date),
  });
  const others = flightsOfDay(sameRoute.data?.results ?? []).filter((f) => f.flightId !== item.flightId);
  const chosen = others.find((f) => f.flightId === draft.flightId);
  const cabin = (seatMap.data?.seats ?? []).filter((s) => s.fareClass === draft.fareClass);
  const own = draft.flightId === item.flightId;
  return (
    <>
      <div className="change-flight-row">
        <DateField
          id={`${id}-date`}
          label={`Flights ${item.from} → ${item.to} on`}
          value={draft.date}
          onChange={(date) => onDraft({ date })}
        />
        <Field id={`${id}-flight`} label="Flight">
          <select
            id={`${id}-flight`}
            value={draft.flightId}
            onChange={(e) => onDraft({ flightId: e.target.value, seats: [] })}
          >
            <option value={item.flightId}>
              {item.flightNumber} (as sold)
              {item.departureAt ? ` · departs ${formatTimeOfDay(item.departureAt)}` : ''}
            </option>
            {!own && !chosen ? <option value={draft.flightId}>{draft.flightId}</option> : null}
            {others.map((f) => (
              <option key={f.flightId} value={f.flightId}>
                {f.flightNumber} · departs {formatTimeOfDay(f.departureAt)} · arrives{' '}
                {formatTimeOfDay(f.arrivalAt)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {sameRoute.isSuccess && others.length === 0 ? (
        <p className="muted">No other flight {`${item.from} → ${item.to}`} with free seats that day.</p>
      ) : null}
      {sameRoute.isError ? (
        <p className="form-error" role="alert">
          {sameRoute.error.message}
        </p>
      ) : null}
      <Field id={`${id}-fare`} label="Fare class">
        <select
          id={`${id}-fare`}
          value={draft.fareClass}
          onChange={(e) => onDraft({ fareClass: e.target.value, seats: [] })}
          data-autofocus
        >
          {(flight.data?.fareClasses ?? []).length === 0 ? (
            <option value={draft.fareClass}>{draft.fareClass}</option>
          ) : null}
          {(flight.data?.fareClasses ?? []).map((f) => (
            <option key={f.code} value={f.code}>
              {f.name} ({f.code}) · {formatMoney(f.price)} a seat · {f.available} free
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="hold-fieldset">
        <legend>Passenger names (corrections are free)</legend>
        {item.passengers.map((p, i) => (
          <Field key={i} id={`${id}-name-${i}`} label={`Passenger ${i + 1}`}>
            <input
              id={`${id}-name-${i}`}
              value={draft.names[i] ?? ''}
              autoComplete="off"
              onChange={(e) => onDraft({ names: draft.names.map((n, k) => (k === i ? e.target.value : n)) })}
            />
          </Field>
        ))}
      </fieldset>
      <fieldset className="hold-fieldset">
        <legend>Seats{own ? '' : ' (assigned unless you pick them)'}</legend>
        {seatMap.isPending ? <p className="muted">Loading the seat map…</p> : null}
        {seatMap.isError ? (
          <p className="form-error" role="alert">
            {seatMap.error.message}
          </p>
        ) : null}
        {seatMap.isSuccess ? (
          <SeatMap
            // The item's own seats are taken by it: show them as free to keep.
            seats={cabin.map((s) =>
              own && item.seats.includes(s.seat) ? { ...s, status: 'available' as const } : s,
            )}
            selected={draft.seats}
            max={item.passengers.length}
            onChange={(seats) => onDraft({ seats })}
            label={`Seat map, fare class ${draft.fareClass}`}
          />
        ) : null}
      </fieldset>
    </>
  );
}
