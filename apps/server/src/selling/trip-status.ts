import {
  assertItemTransition,
  assertTripTransition,
  InvalidTransitionError,
  type ItemStatus,
  type ItemType,
  type TripStatus,
} from '@tripdesk/shared';
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { TripItemRow, TripRecord, TripRow } from '../stores/payments/trips.ts';

/**
 * A trip and its items as they stand at a moment, over the state machines of packages/shared: the
 * status a read shows (a hold past its expiry is expired, swept or not), the stored totals, the
 * refusal of a transition the machines do not list, the live event of a changed trip, and whether a
 * sold trip is used up.
 */

/** Items whose price counts in the trip's total: all but those that gave their units back unsold. */
export const UNCOUNTED: readonly ItemStatus[] = ['released', 'expired'];
export const SOLD: readonly ItemStatus[] = ['confirmed', 'checked_in', 'checked_out'];

/** An item as it stands at `at`: a held item whose hold has run out is expired, swept or not. */
export function itemStatusAt(item: Pick<TripItemRow, 'status' | 'hold_expires_at'>, at: string): ItemStatus {
  return item.status === 'held' && item.hold_expires_at !== null && item.hold_expires_at <= at
    ? 'expired'
    : item.status;
}

/** A held trip with nothing held any more (every hold ran out) and nothing sold is expired, swept or not. */
export function tripStatusAt(trip: TripRow, items: readonly TripItemRow[], at: string): TripStatus {
  if (trip.status !== 'held') return trip.status;
  const live = items.some((i) => itemStatusAt(i, at) === 'held');
  const sold = items.some((i) => SOLD.includes(i.status));
  return live || sold ? 'held' : 'expired';
}

/** Stored totals: the sum of the counting items and the earliest running hold (the payment deadline). */
export function tripTotals(
  items: readonly Pick<TripItemRow, 'status' | 'hold_expires_at' | 'price_amount'>[],
  at: string,
): Pick<TripRow, 'total_amount' | 'hold_expires_at'> {
  let total = 0;
  let deadline: string | null = null;
  for (const i of items) {
    const status = itemStatusAt(i, at);
    if (!UNCOUNTED.includes(status)) total += i.price_amount;
    if (status === 'held' && (deadline === null || i.hold_expires_at! < deadline))
      deadline = i.hold_expires_at;
  }
  return { total_amount: total, hold_expires_at: deadline };
}

/** The item state machine's refusal as `409 invalid_transition`. */
export function itemTransition(type: ItemType, from: ItemStatus, to: ItemStatus): void {
  refuseAsConflict(() => assertItemTransition(type, from, to));
}

/** The trip state machine's refusal as `409 invalid_transition`. */
export function tripTransition(from: TripStatus, to: TripStatus): void {
  refuseAsConflict(() => assertTripTransition(from, to));
}

function refuseAsConflict(assert: () => void): void {
  try {
    assert();
  } catch (err) {
    if (err instanceof InvalidTransitionError) {
      throw new DomainError('invalid_transition', `Not possible now: ${err.message}.`, {
        from: err.from,
        to: err.to,
      });
    }
    throw err;
  }
}

/** `trip.changed` for the live screens; front desks get it for trips with a stay at their hotel. */
export function tripChanged(record: TripRecord, at: string): DomainEvent {
  return {
    type: 'trip.changed',
    tripId: record.trip.id,
    status: tripStatusAt(record.trip, record.items, at),
    hotelIds: [
      ...new Set(
        record.items.filter((i) => i.hotel_id !== null && i.status !== 'released').map((i) => i.hotel_id!),
      ),
    ],
    at,
  };
}

/** Items that gave their units back: they count neither as sold nor as still to be used. */
export const GONE: readonly ItemStatus[] = ['released', 'expired', 'cancelled'];

/**
 * True when a sold trip has been used up: at least one item sold, every stay checked out, every flight
 * departed and every car returned (drop-off day reached, in UTC: locations carry no time zone).
 */
export function tripUsedUp(items: readonly TripItemRow[], now: Date): boolean {
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const live = items.filter((i) => !GONE.includes(i.status));
  if (live.length === 0) return false;
  return live.every((i) => {
    const d = i.details as Record<string, string | undefined>;
    switch (i.type) {
      case 'hotel':
        return i.status === 'checked_out';
      case 'flight':
        return i.status === 'confirmed' && d.departureAt !== undefined && d.departureAt <= at;
      case 'car':
        return i.status === 'confirmed' && d.dropOff !== undefined && d.dropOff <= today;
    }
  });
}
