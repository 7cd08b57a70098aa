import { useQuery } from '@tanstack/react-query';
import { type ChangeItemRequest, type FlightItem } from '@tripdesk/shared';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { SeatMap } from '../search/SeatMap.tsx';
import { Field } from '../ui/form-field.tsx';
import { formatMoney } from '../ui/formats.ts';
import { call } from '../api/call.ts';

export interface FlightDraft {
  fareClass: string;
  seats: string[];
}

export const flightDraftOf = (item: FlightItem): FlightDraft => ({
  fareClass: item.fareClass,
  seats: item.seats,
});

/** What the clerk changed of a flight, or null when nothing is. */
export function flightChange(
  item: FlightItem,
  draft: FlightDraft,
  payment: object,
): ChangeItemRequest | null {
  const fareChanged = draft.fareClass !== item.fareClass;
  const seatsChanged = draft.seats.join() !== item.seats.join();
  if (!fareChanged && !seatsChanged) return null;
  return {
    type: 'flight',
    ...(fareChanged ? { fareClass: draft.fareClass } : {}),
    ...(seatsChanged && draft.seats.length > 0 ? { seats: draft.seats } : {}),
    ...payment,
  };
}

/** Another fare class or other seats on the same flight. */
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
    queryKey: inventoryKeys.flight(item.flightId),
    queryFn: () => call('getFlight', { params: { flightId: item.flightId } }),
  });
  const seatMap = useQuery({
    queryKey: searchKeys.seatMap(item.flightId),
    queryFn: () => call('getSeatMap', { params: { flightId: item.flightId } }),
  });
  const cabin = (seatMap.data?.seats ?? []).filter((s) => s.fareClass === draft.fareClass);
  return (
    <>
      <Field id={`${id}-fare`} label="Fare class">
        <select
          id={`${id}-fare`}
          value={draft.fareClass}
          onChange={(e) => onDraft({ fareClass: e.target.value, seats: [] })}
          data-autofocus
        >
          {(flight.data?.fareClasses ?? []).length === 0 ? (
            <option value={item.fareClass}>{item.fareClass}</option>
          ) : null}
          {(flight.data?.fareClasses ?? []).map((f) => (
            <option key={f.code} value={f.code}>
              {f.name} ({f.code}) · {formatMoney(f.price)} a seat · {f.available} free
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="hold-fieldset">
        <legend>Seats</legend>
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
              item.seats.includes(s.seat) ? { ...s, status: 'available' as const } : s,
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
