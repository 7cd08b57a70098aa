import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { dialectOf } from './knex.ts';
import { ListMigrationSource } from './migrations.ts';
import { openStores, storeMigrations, type Stores } from './index.ts';

const TABLES = {
  hotels: ['hotels', 'room_types', 'rooms', 'room_nights'],
  flights: ['flights', 'fare_classes', 'seat_assignments'],
  cars: ['car_locations', 'cars', 'car_days'],
} as const;

describe.each(dialects)('catalog store migrations on %s', (dialect) => {
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

  it.each(Object.keys(TABLES) as (keyof typeof TABLES)[])(
    '%s: go down completely and up again',
    async (store) => {
      const knex = stores.knex[store];
      const config = {
        migrationSource: new ListMigrationSource(storeMigrations[store]),
        tableName: 'knex_migrations',
        ...(dialectOf(knex) === 'pg' ? { schemaName: store } : {}),
      };
      for (const table of TABLES[store]) expect(await knex.schema.hasTable(table)).toBe(true);
      await knex.migrate.rollback(config, true);
      for (const table of TABLES[store]) expect(await knex.schema.hasTable(table)).toBe(false);
      await knex.migrate.latest(config);
      for (const table of TABLES[store]) expect(await knex.schema.hasTable(table)).toBe(true);
      const [, pending] = (await knex.migrate.list(config)) as [unknown[], unknown[]];
      expect(pending).toEqual([]);
    },
  );
});
