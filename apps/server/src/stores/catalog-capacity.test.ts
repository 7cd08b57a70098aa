import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { DEMO_AIRPORTS } from '../demo/catalog.ts';
import { seedDemoCatalog } from '../demo/seed.ts';
import { dialectOf } from './knex.ts';
import { ListMigrationSource } from './migrations.ts';
import { openStores, storeMigrations, type Stores } from './index.ts';

/**
 * The capacity columns the booking engine reads (room_types.capacity, car_fleets) and the local
 * departure date flight search reads: filled by their data migrations for rows written before them,
 * and kept by the catalog writes, demo seeding included.
 */

const AT = '2026-11-21T09:00:00.000Z';

function migrationConfig(knex: Knex, store: 'hotels' | 'flights' | 'cars') {
  return {
    migrationSource: new ListMigrationSource(storeMigrations[store]),
    tableName: 'knex_migrations',
    ...(dialectOf(knex) === 'pg' ? { schemaName: store } : {}),
  };
}

/** Undoes a store's migrations from the last one back to `name`, inclusive. */
async function downTo(knex: Knex, store: 'hotels' | 'flights' | 'cars', name: string): Promise<void> {
  const config = migrationConfig(knex, store);
  const completed = async () => ((await knex.migrate.list(config)) as [{ name: string }[], unknown])[0];
  expect((await completed()).map((m) => m.name)).toContain(name);
  while ((await completed()).some((m) => m.name === name)) await knex.migrate.down(config);
}

describe.each(dialects)('catalog capacity on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('backfills each room type’s capacity from its rooms', async () => {
    const k = stores.knex.hotels;
    await downTo(k, 'hotels', '20261121100000_room_type_capacity');
    expect(await k.schema.hasColumn('room_types', 'capacity')).toBe(false);
    await k('hotels').insert({ id: 'htl_a', name: 'A', city: 'X', country: 'PT', created_at: AT });
    const type = (id: string) => ({
      id,
      hotel_id: 'htl_a',
      name: id,
      max_occupancy: 2,
      nightly_rate_amount: 100,
      currency: 'USD',
      created_at: AT,
    });
    await k('room_types').insert([type('rmt_three'), type('rmt_none')]);
    await k('rooms').insert(
      ['1', '2', '3'].map((n) => ({
        id: `rom_${n}`,
        hotel_id: 'htl_a',
        room_type_id: 'rmt_three',
        number: n,
      })),
    );
    await k.migrate.latest(migrationConfig(k, 'hotels'));
    const rows = (await k('room_types').orderBy('id').select('id', 'capacity')) as {
      id: string;
      capacity: number;
    }[];
    expect(rows.map((r) => [r.id, Number(r.capacity)])).toEqual([
      ['rmt_none', 0],
      ['rmt_three', 3],
    ]);
    await expect(k('room_types').where({ id: 'rmt_none' }).update({ capacity: -1 })).rejects.toThrow(
      /room_types_capacity_nonnegative|CHECK constraint failed/,
    );
  });

  it('backfills car_fleets: cars per category and location, at the cheapest car’s rate', async () => {
    const k = stores.knex.cars;
    await downTo(k, 'cars', '20261121100000_create_car_fleets');
    expect(await k.schema.hasTable('car_fleets')).toBe(false);
    await k('car_locations').insert([
      { code: 'AAA', name: 'A', city: 'X' },
      { code: 'BBB', name: 'B', city: 'Y' },
    ]);
    const car = (id: string, location: string, category: string, rate: number) => ({
      id,
      location_code: location,
      plate: id,
      category,
      model: 'M',
      daily_rate_amount: rate,
      currency: 'USD',
      created_at: AT,
    });
    await k('cars').insert([
      car('c1', 'AAA', 'economy', 4000),
      car('c2', 'AAA', 'economy', 3000),
      car('c3', 'AAA', 'economy', 3500),
      car('c4', 'AAA', 'suv', 9000),
      car('c5', 'BBB', 'economy', 2500),
    ]);
    await k.migrate.latest(migrationConfig(k, 'cars'));
    const fleets = await k('car_fleets').orderBy(['location_code', 'category']);
    expect(fleets.map((f: Record<string, unknown>) => ({ ...f, capacity: Number(f.capacity) }))).toEqual([
      { location_code: 'AAA', category: 'economy', capacity: 3, daily_rate_amount: 3000, currency: 'USD' },
      { location_code: 'AAA', category: 'suv', capacity: 1, daily_rate_amount: 9000, currency: 'USD' },
      { location_code: 'BBB', category: 'economy', capacity: 1, daily_rate_amount: 2500, currency: 'USD' },
    ]);
  });

  it('catalog writes that add cars or rooms to what exists keep capacity and counted rows right', async () => {
    await stores.knex.cars('car_days').insert({
      location_code: 'AAA',
      category: 'economy',
      day: '2026-12-01',
      capacity: 3,
      booked: 3,
    });
    await stores.cars.insertCatalog({
      locations: [],
      cars: [
        {
          id: 'c6',
          locationCode: 'AAA',
          plate: 'c6',
          category: 'economy',
          model: 'M',
          dailyRateAmount: 2000,
          currency: 'USD',
          createdAt: AT,
        },
      ],
    });
    expect(await stores.cars.findFleet('AAA', 'economy')).toEqual({
      locationCode: 'AAA',
      category: 'economy',
      capacity: 4,
      dailyRateAmount: 2000,
      currency: 'USD',
    });
    const day = await stores.knex.cars('car_days').where({ location_code: 'AAA', day: '2026-12-01' }).first();
    expect(Number(day.capacity)).toBe(4);

    await stores.hotels.insertCatalog({
      hotels: [],
      roomTypes: [],
      rooms: [{ id: 'rom_4', hotelId: 'htl_a', roomTypeId: 'rmt_three', number: '4' }],
    });
    expect((await stores.hotels.findRoomType('htl_a', 'rmt_three'))?.capacity).toBe(4);
  });

  it('backfills a flight’s departure date from its UTC instant', async () => {
    const k = stores.knex.flights;
    await downTo(k, 'flights', '20261121100000_flight_departure_date');
    await k('flights').insert({
      id: 'flt_a',
      flight_number: 'TP1',
      origin: 'LIS',
      destination: 'MAD',
      departure_at: '2026-12-05T23:30:00.000Z',
      arrival_at: '2026-12-06T01:00:00.000Z',
      created_at: AT,
    });
    await k.migrate.latest(migrationConfig(k, 'flights'));
    expect(await k('flights').where({ id: 'flt_a' }).first('departure_date')).toEqual({
      departure_date: '2026-12-05',
    });
  });
});

describe.each(dialects)('demo seeding on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    await seedDemoCatalog(stores, { seed: 3, scale: 1, startDate: '2026-11-21', now: new Date(AT) });
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('gives every room type its number of rooms as capacity', async () => {
    const k = stores.knex.hotels;
    const types = (await k('room_types').select(
      'capacity',
      k.raw('(select count(*) from rooms where rooms.room_type_id = room_types.id) as rooms'),
    )) as { capacity: number; rooms: number | string }[];
    expect(types.length).toBeGreaterThan(100);
    expect(types.filter((t) => Number(t.capacity) !== Number(t.rooms))).toEqual([]);
    expect(types.every((t) => Number(t.capacity) > 0)).toBe(true);
  });

  it('gives every category of every location one fleet row: its cars and their lowest rate', async () => {
    const cars = (await stores.knex
      .cars('cars')
      .select('location_code', 'category', 'daily_rate_amount')) as {
      location_code: string;
      category: string;
      daily_rate_amount: number;
    }[];
    expect(cars.length).toBeGreaterThan(0);
    const expected = new Map<string, { capacity: number; rate: number }>();
    for (const c of cars) {
      const key = `${c.location_code}/${c.category}`;
      const fleet = expected.get(key) ?? { capacity: 0, rate: Infinity };
      expected.set(key, { capacity: fleet.capacity + 1, rate: Math.min(fleet.rate, c.daily_rate_amount) });
    }
    const fleets = (await stores.knex.cars('car_fleets').select()) as {
      location_code: string;
      category: string;
      capacity: number;
      daily_rate_amount: number;
    }[];
    expect(
      new Map(
        fleets.map((f) => [
          `${f.location_code}/${f.category}`,
          { capacity: Number(f.capacity), rate: f.daily_rate_amount },
        ]),
      ),
    ).toEqual(expected);
  });

  it('dates every flight by its local departure date at the origin', async () => {
    const zones = new Map(DEMO_AIRPORTS.map((a) => [a.code, a.timezone]));
    const flights = (await stores.knex
      .flights('flights')
      .select('origin', 'departure_at', 'departure_date')) as {
      origin: string;
      departure_at: string;
      departure_date: string;
    }[];
    const local = (zone: string, at: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date(at));
    const wrong = flights.filter((f) => f.departure_date !== local(zones.get(f.origin)!, f.departure_at));
    expect(flights.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
    // Not merely the UTC date: some departures are on another calendar day locally.
    expect(flights.some((f) => f.departure_date !== f.departure_at.slice(0, 10))).toBe(true);
  });
});
