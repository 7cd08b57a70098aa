import { describe, expect, it } from 'vitest';
import { flightItem, heldTrip } from '../trips/trip-fixtures.ts';
import { defaultsAfterFlight, stationAt } from './trip-defaults.ts';

const LOCATIONS = [
  { code: 'JFK', name: 'JFK Terminal 4', city: 'New York' },
  { code: 'LHR-A', name: 'Heathrow T5', city: 'London' },
];
const HOTEL = {
  city: '',
  hotel: null,
  checkIn: '2026-11-22',
  checkOut: '2026-11-25',
  guests: '2',
  rooms: '1',
};
const CAR = { location: '', pickUp: '2026-11-22', dropOff: '2026-11-24' };
const outbound = flightItem({ id: 'itm_out', from: 'JFK', to: 'LHR', arrivalAt: '2026-12-05T19:10:00.000Z' });

describe('search defaults after a flight is held', () => {
  it('finds the station at an airport by its code or a code that starts with it', () => {
    expect(stationAt('JFK', LOCATIONS)?.code).toBe('JFK');
    expect(stationAt('LHR', LOCATIONS)?.code).toBe('LHR-A');
    expect(stationAt('CDG', LOCATIONS)).toBeUndefined();
  });

  it('gives the nights between landing and the return flight, at the destination’s station and city', () => {
    const back = flightItem({
      id: 'itm_back',
      from: 'LHR',
      to: 'JFK',
      departureAt: '2026-12-09T08:00:00.000Z',
      arrivalAt: '2026-12-09T11:00:00.000Z',
    });
    const trip = heldTrip({
      items: [back, outbound],
      travellers: [
        { id: 'trv_a', name: 'A', kind: 'adult', lead: true },
        { id: 'trv_b', name: 'B', kind: 'adult', lead: false },
        { id: 'trv_c', name: 'C', kind: 'child', age: 7, lead: false },
        { id: 'trv_d', name: 'D', kind: 'infant', age: 1, lead: false },
      ],
    });
    expect(defaultsAfterFlight(trip, back, LOCATIONS, HOTEL, CAR)).toEqual({
      hotel: { ...HOTEL, city: 'London', checkIn: '2026-12-05', checkOut: '2026-12-09', guests: '3' },
      car: { location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-09' },
    });
  });

  it('keeps the form’s nights from the landing day when there is no return, and its place when no station', () => {
    const trip = heldTrip({ items: [flightItem({ to: 'CDG', arrivalAt: '2026-12-05T19:10:00.000Z' })] });
    const next = defaultsAfterFlight(trip, trip.items[0] as never, LOCATIONS, HOTEL, CAR);
    expect(next.hotel).toEqual({ ...HOTEL, checkIn: '2026-12-05', checkOut: '2026-12-08' });
    expect(next.car).toEqual({ location: '', pickUp: '2026-12-05', dropOff: '2026-12-08' });
  });
});
