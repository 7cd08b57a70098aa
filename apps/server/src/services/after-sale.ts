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
import type { TripItemRow, TripRecord } from '../stores/payments/trips.ts';
import { tripStatusAt } from './trips.ts';

/**
 * What the after-sale services (cancellation, changes, front desk) share: the caller's scope over a
 * sold trip, the state machines' refusals as 409s, and the live event of a changed trip.
 */

/** The item state machine's refusal as `409 invalid_transition`. */
export function itemTransition(type: ItemType, from: ItemStatus, to: ItemStatus): void {
  refuseAsConflict(() => assertItemTransition(type, from, to));
}

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
