import { describe, expect, it } from 'vitest';
import type { Role, User } from '@tripdesk/shared';
import { DomainError } from '../errors.ts';
import type { TripItemRow, TripRecord } from '../stores/payments/trips.ts';
import {
  canSeeTrip,
  refuseFrontDesk,
  reportScope,
  requireDeskHotel,
  requireItem,
  requireRole,
  tripListScope,
} from './access.ts';

const user = (role: Role, hotelId?: string): User => ({
  id: `usr_${role}`,
  email: `${role}@example.test`,
  name: role,
  role,
  ...(hotelId ? { hotelId } : {}),
});

const item = (id: string, over: Partial<TripItemRow>): TripItemRow =>
  ({ id, type: 'hotel', status: 'confirmed', hotel_id: 'htl_a', ...over }) as TripItemRow;

const trip = (createdBy: string, items: TripItemRow[]): TripRecord =>
  ({ trip: { id: 'trp_1', created_by: createdBy }, items, events: [] }) as unknown as TripRecord;

/** The problem a call answers: status, code and message. */
function refusal(run: () => unknown): [number, string, string] | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return [err.status, err.code, err.message];
  }
}

describe('access', () => {
  const stayA = item('itm_a', {});
  const flight = item('itm_f', { type: 'flight', hotel_id: null });
  const sold = trip('usr_agent', [stayA, flight]);

  it('lets admins and agents see every trip, a desk those with a live stay at its hotel or its own', () => {
    expect(canSeeTrip(user('admin'), sold)).toBe(true);
    expect(canSeeTrip(user('agent'), sold)).toBe(true);
    expect(canSeeTrip(user('frontdesk', 'htl_a'), sold)).toBe(true);
    expect(canSeeTrip(user('frontdesk', 'htl_b'), sold)).toBe(false);
    const released = trip('usr_agent', [item('itm_r', { status: 'released' })]);
    expect(canSeeTrip(user('frontdesk', 'htl_a'), released)).toBe(false);
    expect(canSeeTrip(user('frontdesk', 'htl_b'), trip('usr_frontdesk', []))).toBe(true);
  });

  it('answers 404 for a trip or item out of scope, as if it did not exist', () => {
    const desk = user('frontdesk', 'htl_a');
    expect(requireItem(desk, sold, 'itm_a')).toBe(stayA);
    expect(refusal(() => requireItem(desk, sold, 'itm_f'))).toEqual([
      404,
      'not_found',
      'Item was not found.',
    ]);
    expect(refusal(() => requireItem(user('frontdesk', 'htl_b'), sold, 'itm_a'))).toEqual([
      404,
      'not_found',
      'Trip was not found.',
    ]);
    expect(refusal(() => requireItem(user('agent'), undefined, 'itm_a'))?.[2]).toBe('Trip was not found.');
    expect(requireItem(user('agent'), sold, 'itm_f')).toBe(flight);
  });

  it('keeps a desk to its own hotel, and refuses roles with 403', () => {
    expect(refusal(() => requireDeskHotel(user('frontdesk', 'htl_a'), 'htl_b'))).toEqual([
      404,
      'not_found',
      'Hotel was not found.',
    ]);
    expect(refusal(() => requireDeskHotel(user('agent'), 'htl_b'))).toBeUndefined();
    expect(refusal(() => requireRole(user('agent'), ['admin', 'frontdesk'], 'No.'))).toEqual([
      403,
      'forbidden',
      'No.',
    ]);
    expect(refusal(() => refuseFrontDesk(user('frontdesk', 'htl_a'), 'Not flights.'))?.[0]).toBe(403);
    expect(refusal(() => refuseFrontDesk(user('admin'), 'Not flights.'))).toBeUndefined();
  });

  it('scopes trip lists and reports', () => {
    expect(tripListScope(user('agent'))).toBeUndefined();
    expect(tripListScope(user('frontdesk', 'htl_a'))).toEqual({ hotelId: 'htl_a', userId: 'usr_frontdesk' });
    expect(reportScope(user('admin'), undefined)).toEqual({ hotelId: undefined, all: true });
    expect(reportScope(user('frontdesk', 'htl_a'), undefined)).toEqual({ hotelId: 'htl_a', all: false });
    expect(refusal(() => reportScope(user('frontdesk', 'htl_a'), 'htl_b'))?.[0]).toBe(404);
    expect(refusal(() => reportScope(user('agent'), undefined))).toEqual([
      403,
      'forbidden',
      'Reports are for admins and the front desk.',
    ]);
  });
});
