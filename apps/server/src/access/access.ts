import type { Role, User } from '@tripdesk/shared';
import { forbidden, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { TripItemRow, TripRecord } from '../stores/payments/trips.ts';

/**
 * Who may see and do what (API.md "Scope"), in one place: each service method calls one of these
 * first, the way a route calls its schema. Admins and agents see every trip; a front desk sees the
 * trips holding a stay at its hotel and the walk-in trips it opened, and acts on its own hotel's
 * stays only. What lies outside a caller's scope answers 404, as if it did not exist; what its role
 * may not do answers 403.
 */

/** 403 with `message` unless the caller has one of `roles`. */
export function requireRole(user: User, roles: readonly Role[], message: string): void {
  if (!roles.includes(user.role)) throw forbidden(message);
}

/** 403 with `message` when the caller works at a front desk. */
export function refuseFrontDesk(user: User, message: string): void {
  requireRole(user, ['admin', 'agent'], message);
}

/** Front desk scope over a trip: a stay at its hotel, or a walk-in it opened itself. */
export function canSeeTrip(user: User, record: TripRecord): boolean {
  if (user.role !== 'frontdesk') return true;
  if (record.trip.created_by === user.id) return true;
  return record.items.some(
    (i) => i.hotel_id !== null && i.hotel_id === user.hotelId && i.status !== 'released',
  );
}

/** The trip if the caller may see it; 404 otherwise, as for a trip that does not exist. */
export function requireTrip(user: User, record: TripRecord | undefined): TripRecord {
  if (!record || !canSeeTrip(user, record)) throw notFound('Trip');
  return record;
}

/** True when the caller may act on the item: anyone but a front desk, which acts on its own stays. */
export function canActOnItem(user: User, item: Pick<TripItemRow, 'type' | 'hotel_id'>): boolean {
  return user.role !== 'frontdesk' || (item.type === 'hotel' && worksAtHotel(user, item.hotel_id));
}

/** The trip's item the caller may act on, or 404 (trip, then item) as if it did not exist. */
export function requireItem(user: User, record: TripRecord | undefined, itemId: string): TripItemRow {
  const trip = requireTrip(user, record);
  const item = trip.items.find((i) => i.id === itemId);
  if (!item || !canActOnItem(user, item)) throw notFound('Item');
  return item;
}

/** True unless the caller is a front desk of another hotel. */
export function worksAtHotel(user: User, hotelId: string | null): boolean {
  return user.role !== 'frontdesk' || user.hotelId === hotelId;
}

/** A front desk works its own hotel only: another hotel is 404, as if it did not exist. */
export function requireDeskHotel(user: User, hotelId: string): void {
  if (!worksAtHotel(user, hotelId)) throw notFound('Hotel');
}

/** The filter a trip list applies for the caller: a front desk's scope, or none. */
export function tripListScope(user: User): { hotelId: string; userId: string } | undefined {
  return user.role === 'frontdesk' ? { hotelId: user.hotelId ?? '', userId: user.id } : undefined;
}

/**
 * Which hotel the caller may report on: agents none (403); the desk its own (another one is 404, as
 * the desk's routes answer); admins the one asked for, or every hotel (`undefined`, `all`).
 */
export function reportScope(
  user: User,
  hotelId: string | undefined,
): { readonly hotelId: string | undefined; readonly all: boolean } {
  requireRole(user, ['admin', 'frontdesk'], 'Reports are for admins and the front desk.');
  if (user.role === 'frontdesk') {
    if (!user.hotelId || (hotelId !== undefined && hotelId !== user.hotelId)) throw notFound('Hotel');
    return { hotelId: user.hotelId, all: false };
  }
  return { hotelId, all: true };
}

/** Which live events a stream sends the caller: trips in its scope, and its own notifications. */
export function canSeeEvent(user: User, event: DomainEvent): boolean {
  switch (event.type) {
    case 'availability.changed':
      return true;
    case 'trip.changed':
      return (
        user.role === 'admin' ||
        user.role === 'agent' ||
        (user.hotelId !== undefined && event.hotelIds.includes(user.hotelId))
      );
    case 'notification.created':
      // Someone's own notification: no role sees another user's.
      return event.userId === user.id;
    case 'session.changed':
      // For the server's own streams; never sent to a client.
      return false;
  }
}
