import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import { newId } from '../ids.ts';
import { openStores, type Stores } from '../index.ts';
import type { FlightCatalog } from './repository.ts';

const CREATED_AT = '2026-11-21T09:00:00.000Z';

function smallCatalog(): FlightCatalog {
  const flightId = newId('flt');
  return {
    flights: [
      {
        id: flightId,
        flightNumber: 'BA117',
        origin: 'LHR',
        destination: 'JFK',
        departureAt: '2026-12-01T11:25:00.000Z',
        arrivalAt: '2026-12-01T19:20:00.000Z',
        createdAt: CREATED_AT,
      },
    ],
    fareClasses: [
      {
        flightId,
        code: 'J',
        name: 'Business',
        priceAmount: 420000,
        currency: 'USD',
        capacity: 2,
        seats: ['1A', '1K'],
      },
      {
        flightId,
        code: 'Y',
        name: 'Economy',
        priceAmount: 61900,
        currency: 'USD',
        capacity: 3,
        seats: ['30A', '30B', '30C'],
      },
    ],
  };
}

describe.each(dialects)('flights store on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let catalog: FlightCatalog;
  let flightId: string;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    catalog = smallCatalog();
    flightId = catalog.flights[0]?.id ?? '';
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('writes a catalog in bulk and counts it', async () => {
    expect(await stores.flights.countCatalog()).toEqual({ flights: 0, fareClasses: 0, seatAssignments: 0 });
    expect(await stores.flights.insertCatalogIfEmpty(catalog)).toBe(true);
    expect(await stores.flights.insertCatalogIfEmpty(smallCatalog())).toBe(false);
    expect(await stores.flights.countCatalog()).toEqual({ flights: 1, fareClasses: 2, seatAssignments: 0 });
    const y = (await stores.knex
      .flights('fare_classes')
      .where({ flight_id: flightId, code: 'Y' })
      .first()) as Record<string, unknown>;
    expect(y).toMatchObject({ capacity: 3, held: 0, booked: 0, version: 0, price_amount: 61900 });
    expect(JSON.parse(y.seats as string)).toEqual(['30A', '30B', '30C']);
  });

  it('refuses a flight that lands before it leaves, or goes nowhere', async () => {
    const flight = {
      id: newId('flt'),
      flight_number: 'BA118',
      origin: 'JFK',
      destination: 'LHR',
      departure_at: '2026-12-01T22:00:00.000Z',
      arrival_at: '2026-12-02T10:00:00.000Z',
      created_at: CREATED_AT,
    };
    await expect(
      stores.knex.flights('flights').insert({ ...flight, arrival_at: '2026-12-01T21:00:00.000Z' }),
    ).rejects.toThrow(/flights_arrival_after_departure/);
    await expect(stores.knex.flights('flights').insert({ ...flight, destination: 'JFK' })).rejects.toThrow(
      /flights_airports_distinct/,
    );
    await expect(
      stores.knex.flights('flights').insert({ ...flight, departure_at: '2026-12-01T22:00:00+01:00' }),
    ).rejects.toThrow(/flights_departure_at_iso/);
  });

  it('refuses held + booked above capacity and negative counts on a fare class', async () => {
    const y = () => stores.knex.flights('fare_classes').where({ flight_id: flightId, code: 'Y' });
    await y().update({ held: 2, booked: 1 });
    await expect(y().update({ held: stores.knex.flights.raw('held + 1') })).rejects.toThrow(
      /fare_classes_within_capacity/,
    );
    await expect(y().update({ held: -1 })).rejects.toThrow(/fare_classes_held_nonnegative/);
    await expect(y().update({ booked: -1 })).rejects.toThrow(/fare_classes_booked_nonnegative/);
    await expect(
      stores.knex.flights('fare_classes').insert({
        flight_id: flightId,
        code: 'W',
        name: 'Premium Economy',
        price_amount: 100000,
        currency: 'USD',
        capacity: 1,
        held: 1,
        booked: 1,
      }),
    ).rejects.toThrow(/fare_classes_within_capacity/);
    expect(await y().first('held', 'booked')).toEqual({ held: 2, booked: 1 });
  });

  describe('seat_assignments', () => {
    const hold = (seat: string, itemId: string) => ({
      flight_id: flightId,
      seat,
      fare_class: 'Y',
      item_id: itemId,
      status: 'held',
      expires_at: '2026-11-21T09:30:00.000Z',
    });

    it('lets one item hold a seat, and refuses the same seat to a second one', async () => {
      await stores.knex.flights('seat_assignments').insert(hold('30A', 'itm_first'));
      await expect(stores.knex.flights('seat_assignments').insert(hold('30A', 'itm_second'))).rejects.toThrow(
        /UNIQUE constraint failed|duplicate key value/,
      );
      await expect(
        stores.knex
          .flights('seat_assignments')
          .insert({ ...hold('30A', 'itm_second'), status: 'booked', expires_at: null }),
      ).rejects.toThrow(/UNIQUE constraint failed|duplicate key value/);
      expect(await stores.knex.flights('seat_assignments').where({ seat: '30A' }).select('item_id')).toEqual([
        { item_id: 'itm_first' },
      ]);
      // Releasing the hold deletes the row, and the seat is free again.
      await stores.knex.flights('seat_assignments').where({ flight_id: flightId, seat: '30A' }).delete();
      await stores.knex.flights('seat_assignments').insert(hold('30A', 'itm_second'));
    });

    it('refuses an unknown status, a hold without an expiry, and a fare class the flight lacks', async () => {
      await expect(
        stores.knex.flights('seat_assignments').insert({ ...hold('30B', 'itm_x'), status: 'reserved' }),
      ).rejects.toThrow(/seat_assignments_status_known/);
      await expect(
        stores.knex.flights('seat_assignments').insert({ ...hold('30B', 'itm_x'), expires_at: null }),
      ).rejects.toThrow(/seat_assignments_hold_expires/);
      await expect(
        stores.knex.flights('seat_assignments').insert({ ...hold('30B', 'itm_x'), fare_class: 'F' }),
      ).rejects.toThrow(/FOREIGN KEY constraint failed|seat_assignments_fare_class_foreign/);
      await stores.knex
        .flights('seat_assignments')
        .insert({ ...hold('30B', 'itm_x'), status: 'booked', expires_at: null });
      expect((await stores.flights.countCatalog()).seatAssignments).toBe(2);
    });
  });
});
