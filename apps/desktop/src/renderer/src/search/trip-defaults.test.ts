import { describe, expect, it } from 'vitest';
import { flightItem, heldTrip } from '../trips/trip-fixtures.ts';
import { defaultsAfterFlight, flightsOf, stationAt } from './trip-defaults.ts';

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

  const PLAN = { from: 'JFK', to: 'LHR', date: '2026-12-05', returnDate: '2026-12-12' };

  it('with a round trip searched, gives the nights from landing until its return date before the return is held', () => {
    const trip = heldTrip({ items: [outbound] });
    expect(defaultsAfterFlight(trip, outbound, LOCATIONS, HOTEL, CAR, PLAN)).toEqual({
      hotel: { ...HOTEL, city: 'London', checkIn: '2026-12-05', checkOut: '2026-12-12' },
      car: { location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-12' },
    });
  });

  it('takes a return held before its outbound for the return: the stay is at the destination until it leaves', () => {
    const back = flightItem({
      id: 'itm_back',
      from: 'LHR',
      to: 'JFK',
      departureAt: '2026-12-11T09:20:00+00:00',
      arrivalAt: '2026-12-11T11:45:00-05:00',
    });
    const next = defaultsAfterFlight(heldTrip({ items: [back] }), back, LOCATIONS, HOTEL, CAR, PLAN);
    expect(next.hotel).toMatchObject({ city: 'London', checkIn: '2026-12-05', checkOut: '2026-12-11' });
    expect(next.car).toEqual({ location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-11' });
    // Without the round trip searched, the same flight would be an outbound to New York.
    expect(defaultsAfterFlight(heldTrip({ items: [back] }), back, LOCATIONS, HOTEL, CAR).car.location).toBe(
      'JFK',
    );
  });

  it('finds the return of a round trip on the trip whatever was held last, and ignores a cancelled flight', () => {
    const back = flightItem({
      id: 'itm_back',
      from: 'LHR',
      to: 'JFK',
      departureAt: '2026-12-09T08:00:00.000Z',
    });
    const gone = flightItem({
      id: 'itm_gone',
      from: 'LHR',
      to: 'JFK',
      status: 'cancelled',
      departureAt: '2026-12-07T08:00:00.000Z',
    });
    const trip = heldTrip({ items: [gone, back, outbound] });
    expect(flightsOf(trip, PLAN)).toEqual({ outbound, back });
  });

  it('names the hotel’s city from the airport as sold when no rental station is there', () => {
    const toRome = flightItem({
      to: 'FCO',
      arrivalAt: '2026-12-05T19:10:00+01:00',
      destination: {
        code: 'FCO',
        name: 'Rome Fiumicino',
        city: 'Rome',
        country: 'IT',
        timeZone: 'Europe/Rome',
      },
    });
    const next = defaultsAfterFlight(heldTrip({ items: [toRome] }), toRome, LOCATIONS, HOTEL, CAR);
    expect(next.hotel).toMatchObject({ city: 'Rome', hotel: null, checkIn: '2026-12-05' });
    expect(next.car.location).toBe('');
  });
});
