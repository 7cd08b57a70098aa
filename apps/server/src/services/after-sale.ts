import {
  assertItemTransition,
  assertTripTransition,
  InvalidTransitionError,
  type ItemStatus,
  type ItemType,
  type TripStatus,
  type User,
} from '@tripdesk/shared';
import { DomainError, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { TripItemRow, TripRecord } from '../stores/payments/trips.ts';
import { tripStatusAt } from './trips.ts';

/**
 * What the after-sale services (cancellation, changes, front desk) share: the caller's scope over a
 * sold trip, the state machines' refusals as 409s, and the live event of a changed trip.
 */

/**
 * The trip and item the caller may act on, or 404 as if they did not exist (API.md, "Scope"): a front
 * desk sees trips that hold a stay at its hotel (or that it opened), and acts only on its own hotel's
 * stays.
 */
export function itemInScope(user: User, record: TripRecord | undefined, itemId: string): TripItemRow {
  if (!record || !tripInScope(user, record)) throw notFound('Trip');
  const item = record.items.find((i) => i.id === itemId);
  if (!item) throw notFound('Item');
  if (user.role === 'frontdesk' && (item.type !== 'hotel' || item.hotel_id !== user.hotelId)) {
    throw notFound('Item');
  }
  return item;
}

export function tripInScope(user: User, record: TripRecord): boolean {
  if (user.role !== 'frontdesk') return true;
  if (record.trip.created_by === user.id) return true;
  return record.items.some(
    (i) => i.hotel_id !== null && i.hotel_id === user.hotelId && i.status !== 'released',
  );
}

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
