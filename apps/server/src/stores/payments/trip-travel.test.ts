import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import { dialectOf } from '../knex.ts';
import { ListMigrationSource } from '../migrations.ts';
import { openStores, storeMigrations, type Stores } from '../index.ts';
import { travelOf } from './trips.ts';

/** The travel columns the trips list filters by: derived from an item's details, and backfilled. */

const AT = '2026-11-21T09:00:00.000Z';

function migrationConfig(knex: Knex) {
  return {
    migrationSource: new ListMigrationSource(storeMigrations.payments),
    tableName: 'knex_migrations',
    ...(dialectOf(knex) === 'pg' ? { schemaName: 'payments' } : {}),
  };
}

describe('travelOf', () => {
  it('takes dates, destination and searchable text from each item type', () => {
    expect(
      travelOf('hotel', {
        hotelName: 'Tagus Inn',
        hotelCity: 'Lisbon',
        checkIn: '2026-12-01',
        checkOut: '2026-12-04',
      }),
    ).toEqual({
      travel_start: '2026-12-01',
      travel_end: '2026-12-04',
      destination: 'Lisbon',
      place_search: 'lisbon | tagus inn',
      traveller_search: null,
    });
    expect(
      travelOf('flight', {
        to: 'JFK',
        departureAt: '2026-12-01T22:00:00-05:00',
        arrivalAt: '2026-12-02T06:00:00Z',
        passengers: [{ name: 'Alan Turing' }, { name: ' ' }, { name: 'Ada King' }],
      }),
    ).toMatchObject({
      travel_start: '2026-12-01',
      travel_end: '2026-12-02',
      destination: 'JFK',
      traveller_search: 'alan turing | ada king',
    });
    // An older hotel item without its city is found by the hotel's name.
    expect(travelOf('hotel', { hotelName: 'Tagus Inn', checkIn: '2026-12-01' })).toMatchObject({
      destination: 'Tagus Inn',
      place_search: 'tagus inn',
      travel_end: null,
    });
  });
});

describe.each(dialects)('trip items travel backfill on %s', (dialect) => {
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

  it('fills the travel columns of items recorded before them', async () => {
    const k = stores.knex.payments;
    const config = migrationConfig(k);
    const completed = async () => ((await k.migrate.list(config)) as [{ name: string }[], unknown])[0];
    while ((await completed()).some((m) => m.name === '20261204200000_trip_items_travel')) {
      await k.migrate.down(config);
    }
    expect(await k.schema.hasColumn('trip_items', 'travel_start')).toBe(false);
    await k('trips').insert({
      id: 'trp_old',
      status: 'confirmed',
      customer_name: 'Old',
      customer_email: 'old@example.test',
      currency: 'USD',
      total_amount: 100,
      created_by: 'usr_a',
      created_at: AT,
      updated_at: AT,
    });
    await k('trip_items').insert({
      id: 'itm_old',
      trip_id: 'trp_old',
      position: 1,
      type: 'car',
      status: 'confirmed',
      price_amount: 100,
      currency: 'USD',
      created_by: 'usr_a',
      details: JSON.stringify({
        locationCode: 'LIS01',
        category: 'economy',
        pickUp: '2026-12-01',
        dropOff: '2026-12-03',
      }),
      extras: '[]',
      created_at: AT,
      updated_at: AT,
    });
    await k.migrate.latest(config);
    const row = (await k('trip_items').where({ id: 'itm_old' }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({
      travel_start: '2026-12-01',
      travel_end: '2026-12-03',
      destination: 'LIS01',
      place_search: 'lis01',
    });
    const { total } = await stores.trips.listTrips({ destination: 'lis0', limit: 10 });
    expect(total).toBe(1);
  });
});
