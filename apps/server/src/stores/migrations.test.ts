import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_NAMES } from '@tripdesk/shared';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { appliedMigrations, dialectOf } from './knex.ts';
import { ListMigrationSource } from './migrations.ts';
import { describeStoreSchema } from './schema/description.ts';
import { openStores, storeMigrations, type Stores } from './index.ts';

/**
 * Every store's migrations can be undone: each `down` leaves what its `up` found, so all of them in
 * turn leave the store empty, and running them up again gives the very schema the first run gave
 * (tables, columns, keys, indexes, checks: schema/description.ts).
 */
describe.each(dialects)('store migrations on %s', (dialect) => {
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

  it.each(STORE_NAMES)('%s: go down completely and up again to the same schema', async (store) => {
    const knex = stores.knex[store];
    const config = {
      migrationSource: new ListMigrationSource(storeMigrations[store]),
      tableName: 'knex_migrations',
      ...(dialectOf(knex) === 'pg' ? { schemaName: store } : {}),
    };
    const migrated = await describeStoreSchema(knex, store);
    expect(Object.keys(migrated.tables)).not.toEqual([]);
    expect(await appliedMigrations(knex, store)).toEqual(storeMigrations[store].map((m) => m.name));

    await knex.migrate.rollback(config, true);
    expect(await appliedMigrations(knex, store)).toEqual([]);
    expect(await describeStoreSchema(knex, store)).toEqual({ tables: {}, others: [] });

    await knex.migrate.latest(config);
    expect(await describeStoreSchema(knex, store)).toEqual(migrated);
    const [, pending] = (await knex.migrate.list(config)) as [unknown[], unknown[]];
    expect(pending).toEqual([]);
  });
});
