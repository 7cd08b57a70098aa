import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  addMoney,
  policyAtPrice,
  type FlightAvailabilityRow,
  type FlightItem,
  type Money,
  type PassengerRequest,
} from '@tripdesk/shared';
import { HoldDialog, PolicyTerm, type ChosenExtras } from '../trip-builder/HoldDialog.tsx';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { formatFlightLine, formatFlightTimes, formatMoney } from '../ui/formats.ts';
import { SeatMap } from './SeatMap.tsx';
import { flightPolicyContext } from './flight-terms.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { searchKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { useCurrentTripQuery } from '../trip-builder/current-trip.ts';
import { travellerLabel } from '../trip-builder/traveller-drafts.ts';
import { expiringDocuments } from '../trip-builder/travel-documents.ts';
import { LEG_WORDS, type FlightLeg } from './FlightResults.tsx';
import { passengerDefaults } from './passenger-defaults.ts';

/**
 * Seats and passenger names for one fare of one flight, then the hold. A round trip's leg says which it
 * is, and seats the passengers of the trip's other leg (`samePassengersAs`) so nobody is chosen twice.
 */
export function FlightHoldDialog({
  row,
  passengers,
  leg = null,
  samePassengersAs,
  onClose,
  onHeld,
}: {
  row: FlightAvailabilityRow;
  passengers: number;
  leg?: FlightLeg | null;
  samePassengersAs?: FlightItem | undefined;
  onClose: () => void;
  onHeld: (result: HoldResult) => void;
}) {
  const id = useId();
  // The trip's travellers fill the seats in order, or as on the other leg: no name typed again
  // ('' = someone else, typed).
  const travellers = useCurrentTripQuery().data?.travellers ?? [];
  const [first] = useState(() => passengerDefaults(passengers, travellers, samePassengersAs?.passengers));
  const [names, setNames] = useState<string[]>(first.names);
  const [picked, setPicked] = useState<string[]>(first.picked);
  const [seats, setSeats] = useState<string[]>([]);
  const seatMap = useQuery({
    queryKey: searchKeys.seatMap(row.flightId),
    queryFn: () => call('getSeatMap', { params: { flightId: row.flightId } }),
  });
  const cabin = (seatMap.data?.seats ?? []).filter((s) => s.fareClass === row.fareClass);
  const fareName = row.fareClassName ?? `class ${row.fareClass}`;

  // A seat taken by another desk meanwhile is dropped from the choice (live updates refetch the map).
  const taken = new Set(cabin.filter((s) => s.status !== 'available').map((s) => s.seat));
  const chosen = seats.filter((s) => !taken.has(s));
  // A passport that runs out before the flight leaves (its date at the origin airport): warned, not refused.
  const expiring = expiringDocuments(
    picked.map((t) => travellers.find((x) => x.id === t)),
    row.departureAt.slice(0, 10),
  );

  // The passengers and the seat map, below the summary.
  const passengerFields = (
    <>
      <fieldset className="hold-fieldset">
        <legend>Passengers</legend>
        {samePassengersAs ? (
          <p className="field-hint">
            As on {samePassengersAs.flightNumber ?? 'the other flight'} {samePassengersAs.from} →{' '}
            {samePassengersAs.to}, in the same order.
          </p>
        ) : null}
        <div className="passenger-list">
          {names.map((name, i) => (
            <div className="passenger-line" key={i}>
              {travellers.length > 0 ? (
                <div className="field">
                  <label htmlFor={`${id}-who-${i}`}>Passenger {i + 1}</label>
                  <select
                    id={`${id}-who-${i}`}
                    value={picked[i] ?? ''}
                    onChange={(e) => setPicked((list) => list.map((t, j) => (j === i ? e.target.value : t)))}
                    {...(i === 0 ? { 'data-autofocus': true } : {})}
                  >
                    {travellers.map((t) => (
                      <option key={t.id} value={t.id}>
                        {travellerLabel(t)}
                      </option>
                    ))}
                    <option value="">Someone else…</option>
                  </select>
                </div>
              ) : null}
              {travellers.length === 0 || !picked[i] ? (
                <div className="field">
                  <label htmlFor={`${id}-name-${i}`}>Passenger {i + 1} name</label>
                  <input
                    id={`${id}-name-${i}`}
                    autoComplete="off"
                    value={name}
                    onChange={(e) => setNames((list) => list.map((n, j) => (j === i ? e.target.value : n)))}
                    {...(i === 0 && travellers.length === 0 ? { 'data-autofocus': true } : {})}
                  />
                </div>
              ) : null}
              <p className="passenger-seat" aria-live="polite">
                {chosen[i] ? (
                  <>
                    Seat <strong>{chosen[i]}</strong>
                  </>
                ) : (
                  <span className="muted">Seat assigned at check-in</span>
                )}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="hold-fieldset">
        <legend>Seats, {fareName}</legend>
        {seatMap.isPending ? (
          <p className="muted">Loading the seat map…</p>
        ) : seatMap.isError ? (
          <LoadError
            error={seatMap.error}
            retry={() => void seatMap.refetch()}
            message={`${seatMap.error.message} Seats can also be assigned at check-in.`}
          />
        ) : (
          <SeatMap
            seats={cabin}
            selected={chosen}
            max={passengers}
            onChange={setSeats}
            label={`Seat map, ${fareName}`}
          />
        )}
      </fieldset>
    </>
  );

  return (
    <HoldDialog
      title={`Choose seats · ${row.flightNumber} ${row.from} → ${row.to}${leg ? ` (${LEG_WORDS[leg].toLowerCase()})` : ''}`}
      itemType="flight"
      size={{ rooms: 0, guests: 0, passengers }}
      submitLabel={passengers === 1 ? 'Hold seat' : 'Hold seats'}
      offeredExtras={row.extras}
      extrasNote={(extras) => {
        const policy = row.cancellationPolicy;
        if (policy?.feePercent === undefined || !extras.total) return null;
        const fee = policyAtPrice(policy, withExtras(row, extras)).fee;
        return fee ? <> · cancellation fee now {formatMoney(fee)}</> : null;
      }}
      build={(extras, specialRequests) => {
        const missing = names.findIndex((n, i) => !picked[i] && n.trim() === '');
        if (missing >= 0) {
          document.getElementById(`${id}-name-${missing}`)?.focus();
          return `Enter the name of passenger ${missing + 1}, as on their passport.`;
        }
        const twice = picked.findIndex((t, i) => t !== '' && picked.indexOf(t) !== i);
        if (twice >= 0) {
          document.getElementById(`${id}-who-${twice}`)?.focus();
          return `Passenger ${twice + 1} is already passenger ${picked.indexOf(picked[twice]!) + 1}.`;
        }
        const list: PassengerRequest[] = names.map((name, i) => ({
          ...(picked[i] ? { travellerId: picked[i] } : { name: name.trim() }),
          ...(chosen[i] ? { seat: chosen[i] } : {}),
        }));
        return {
          type: 'flight',
          flightId: row.flightId,
          fareClass: row.fareClass,
          passengers: list,
          ...(extras.length > 0 ? { extras } : {}),
          ...(specialRequests ? { specialRequests } : {}),
        };
      }}
      onClose={onClose}
      onHeld={onHeld}
    >
      {(extras) => (
        <>
          <FlightSummary row={row} passengers={passengers} fareName={fareName} extras={extras} />
          {expiring.length > 0 ? (
            <div className="notice" role="status">
              {expiring.map((line) => (
                <p key={line} className="notice-line">
                  {line}
                </p>
              ))}
              <p className="notice-line">The seats can still be held; ask for the new document.</p>
            </div>
          ) : null}
          {passengerFields}
        </>
      )}
    </HoldDialog>
  );
}

/**
 * The flight, its times, its price and its cancellation terms, following the extras chosen: a fare whose
 * fee is a share of what is paid (W) quotes the fee the hold will write, extras included.
 */
function FlightSummary({
  row,
  passengers,
  fareName,
  extras,
}: {
  row: FlightAvailabilityRow;
  passengers: number;
  fareName: string;
  extras: ChosenExtras;
}) {
  const fare = row.totalPrice ?? row.price;
  const price = withExtras(row, extras);
  const policy = row.cancellationPolicy ? policyAtPrice(row.cancellationPolicy, price) : undefined;
  const share = policy?.feePercent !== undefined;
  const note = !share
    ? undefined
    : extras.total
      ? 'fee on the fare and extras'
      : extras.any
        ? 'the fee grows with the extras, priced when held'
        : 'extras chosen add to the fee';
  return (
    <dl className="hold-summary">
      <dt>Flight</dt>
      <dd>
        {row.flightNumber} {row.from} → {row.to}, {fareName}
      </dd>
      <dt>Times</dt>
      <dd>{formatFlightLine(formatFlightTimes(row.departureAt, row.arrivalAt), row.from, row.to)} (local)</dd>
      <dt>Price</dt>
      <dd aria-live="polite">
        {extras.total ? (
          <>
            <strong>{formatMoney(price)}</strong> with extras ({formatMoney(fare)} fare
            {passengers > 1 ? `, ${formatMoney(row.price)} a seat` : ''}, {formatMoney(extras.total)} extras)
          </>
        ) : (
          <>
            <strong>{formatMoney(fare)}</strong>
            {passengers > 1 ? ` (${formatMoney(row.price)} a seat)` : ''}, before extras
          </>
        )}
      </dd>
      <PolicyTerm policy={policy} context={{ ...flightPolicyContext(row), price }} note={note} />
    </dl>
  );
}

/** The offer's price for every passenger with the extras chosen (the fare alone when they are not priced). */
function withExtras(row: FlightAvailabilityRow, extras: ChosenExtras): Money {
  const fare = row.totalPrice ?? row.price;
  return extras.total && extras.total.currency === fare.currency ? addMoney(fare, extras.total) : fare;
}
