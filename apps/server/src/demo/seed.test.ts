import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { openStores, type Stores } from '../stores/index.ts';
import { countDemoCatalog, generateCatalog } from './catalog.ts';
import { seedDemoCatalog } from './seed.ts';

const OPTIONS = { seed: 11, scale: 1, startDate: '2026-11-21', now: new Date('2026-11-20T08:00:00Z') };

describe.each(dialects)('seedDemoCatalog on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  const expected = countDemoCatalog(generateCatalog(OPTIONS));

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('fills empty stores with the generated catalog', async () => {
    const result = await seedDemoCatalog(stores, OPTIONS);
    expect(result).toEqual({
      hotels: {
        seeded: true,
        counts: {
          hotels: expected.hotels,
          roomTypes: expected.roomTypes,
          rooms: expected.rooms,
          roomNights: 0,
        },
      },
      flights: {
        seeded: true,
        counts: { flights: expected.flights, fareClasses: expected.fareClasses, seatAssignments: 0 },
      },
      cars: {
        seeded: true,
        counts: { carLocations: expected.carLocations, cars: expected.cars, carDays: 0 },
      },
    });
  });

  it('writes what the generator made', async () => {
    const catalog = generateCatalog(OPTIONS);
    const flight = catalog.flights[100];
    const rows = await stores.knex.flights('fare_classes').where({ flight_id: flight?.id }).orderBy('code');
    expect(
      rows.map((r: Record<string, unknown>) => ({
        code: r.code,
        name: r.name,
        price: { amount: r.price_amount, currency: r.currency },
        seats: JSON.parse(r.seats as string),
        capacity: r.capacity,
      })),
    ).toEqual(
      [...(flight?.fareClasses ?? [])]
        .sort((a, b) => (a.code < b.code ? -1 : 1))
        .map((c) => ({ ...c, seats: [...c.seats], capacity: c.seats.length })),
    );
    const hotel = catalog.hotels[3];
    const roomType = hotel?.roomTypes[0];
    expect(
      await stores.knex
        .hotels('rooms')
        .where({ room_type_id: roomType?.id })
        .orderBy('number')
        .pluck('number'),
    ).toEqual(roomType?.rooms.map((r) => r.number));
    expect(
      await stores.knex.hotels('hotels').where({ id: hotel?.id }).first('name', 'timezone', 'created_at'),
    ).toEqual({
      name: hotel?.name,
      timezone: hotel?.timezone,
      created_at: '2026-11-20T08:00:00.000Z',
    });
    expect(await stores.hotels.firstHotelId()).toMatch(/^htl_/);
  });

  it('changes nothing when run again, whatever the options', async () => {
    const snapshot = async () => ({
      hotels: await stores.knex.hotels('hotels').orderBy('id'),
      flights: await stores.knex.flights('flights').orderBy('id').limit(500),
      cars: await stores.knex.cars('cars').orderBy('id'),
    });
    const before = await snapshot();
    const again = await seedDemoCatalog(stores, { seed: 12, scale: 2, startDate: '2027-01-01' });
    expect([again.hotels.seeded, again.flights.seeded, again.cars.seeded]).toEqual([false, false, false]);
    expect(again.hotels.counts.hotels).toBe(expected.hotels);
    expect(again.flights.counts.flights).toBe(expected.flights);
    expect(await snapshot()).toEqual(before);
  });

  it('seeds only the stores that are empty', async () => {
    const other = await createTestDatabase(dialect);
    const otherStores = await openStores(other.location);
    try {
      await otherStores.cars.insertCatalog({
        locations: [{ code: 'OWN', name: 'Our own desk', city: 'Oslo' }],
        cars: [],
      });
      const result = await seedDemoCatalog(otherStores, OPTIONS);
      expect(result.hotels.seeded).toBe(true);
      expect(result.flights.seeded).toBe(true);
      expect(result.cars).toEqual({ seeded: false, counts: { carLocations: 1, cars: 0, carDays: 0 } });
    } finally {
      await otherStores.close();
      await other.drop();
    }
  });
});
