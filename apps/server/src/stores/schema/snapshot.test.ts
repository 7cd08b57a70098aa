// The schema snapshot (in the manner of Ghost's schema integrity test): each store's schema after all its
// migrations, on SQLite and PostgreSQL, is committed in snapshots/<store>.<dialect>.txt with the
// migrations that made it and a hash of each one's source. A table changed without a migration, or a
// migration edited after it was recorded, fails here. After adding a migration, rewrite the snapshots
// (PostgreSQL must be reachable: both dialects are written at once), from apps/server:
//
//   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run src/stores/schema/snapshot.test.ts
//
// and commit them with the migration; review their diff as the change to the schema.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import type { Dialect } from '../knex.ts';
import { describeStoreSchema, formatSchema } from './description.ts';
import { openStores, storeMigrations, type Stores } from '../index.ts';

const UPDATE = process.env.UPDATE_SCHEMA_SNAPSHOT === '1';
const UPDATE_COMMAND = 'UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run src/stores/schema/snapshot.test.ts';
const SNAPSHOTS = join(import.meta.dirname, 'snapshots');
const SERVER = join(import.meta.dirname, '..', '..', '..');
const SNAPSHOT_DIALECTS: readonly Dialect[] = ['sqlite', 'pg'];
const DIALECT_NAMES: Record<Dialect, string> = { sqlite: 'SQLite', pg: 'PostgreSQL' };

function snapshotPath(store: StoreName, dialect: Dialect): string {
  return join(SNAPSHOTS, `${store}.${dialect}.txt`);
}

/** Every migration file of the server by name; a migration's file is named after it (ARCHITECTURE.md, 5). */
const migrationFiles = new Map<string, string[]>();
for (const entry of readdirSync(join(SERVER, 'src'), { recursive: true, withFileTypes: true })) {
  const name = /^(\d{14}_\w+)\.ts$/.exec(entry.name)?.[1];
  if (entry.isFile() && name) {
    migrationFiles.set(name, [...(migrationFiles.get(name) ?? []), join(entry.parentPath, entry.name)]);
  }
}

/** A migration's file; where stores share a migration's name (create_inventory_events), the store's own. */
function migrationFile(store: StoreName, name: string): string {
  const named = migrationFiles.get(name) ?? [];
  const files = named.length > 1 ? named.filter((f) => f.split(sep).includes(store)) : named;
  if (files.length !== 1) {
    throw new Error(
      `migration ${name} of ${store}: expected one file ${name}.ts under src, found ${files.length}`,
    );
  }
  return files[0]!;
}

/**
 * A hash of what a migration does: its source, with line endings and the paths it imports from left
 * out, so a checkout on Windows or a move of the file is not an edit, while any change of its code is.
 */
function migrationHash(store: StoreName, name: string): string {
  const source = readFileSync(migrationFile(store, name), 'utf8')
    .replace(/\r\n/g, '\n')
    .replace(/^(import\b[^;]*?\bfrom\s*)(['"])[^'"]*\2/gm, "$1''");
  return createHash('sha256').update(source).digest('hex');
}

function snapshotText(store: StoreName, dialect: Dialect, schema: string): string {
  return [
    `# The ${store} store's schema on ${DIALECT_NAMES[dialect]} after its migrations, and those migrations.`,
    '# Written by src/stores/schema/snapshot.test.ts, not by hand: add a migration, then run in apps/server',
    `#   ${UPDATE_COMMAND}`,
    '',
    ...storeMigrations[store].map((m) => `migration ${m.name} sha256:${migrationHash(store, m.name)}`),
    '',
    schema,
  ].join('\n');
}

/** The migrations a snapshot file recorded, with their hashes. */
function recordedMigrations(text: string): { name: string; hash: string }[] {
  return [...text.matchAll(/^migration (\S+) sha256:([0-9a-f]{64})$/gm)].map(([, name, hash]) => ({
    name: name!,
    hash: hash!,
  }));
}

describe.skipIf(UPDATE)('migrations recorded in the schema snapshots', () => {
  it.each(STORE_NAMES.flatMap((s) => SNAPSHOT_DIALECTS.map((d) => [s, d] as const)))(
    '%s on %s: none edited or removed since',
    (store, dialect) => {
      const path = snapshotPath(store, dialect);
      expect(
        existsSync(path),
        `no schema snapshot ${relative(SERVER, path)}: write it with ${UPDATE_COMMAND}`,
      ).toBe(true);
      const current = new Set(storeMigrations[store].map((m) => m.name));
      for (const recorded of recordedMigrations(readFileSync(path, 'utf8'))) {
        expect(
          current.has(recorded.name),
          `migration ${recorded.name} is in the ${store} schema snapshot but no longer in the ${store} ` +
            'store’s migrations: a migration that databases have run stays; undo it with a new migration',
        ).toBe(true);
        expect(
          migrationHash(store, recorded.name),
          `${relative(SERVER, migrationFile(store, recorded.name))} changed after the schema snapshot recorded it. ` +
            'Databases that ran it will not run it again: restore it and put the change in a new migration. ' +
            `If the edit changes nothing a database sees (a comment, formatting), update the snapshot: ${UPDATE_COMMAND}`,
        ).toBe(recorded.hash);
      }
    },
  );
});

describe('schema snapshot update', () => {
  it.runIf(UPDATE)('has PostgreSQL, to write both dialects', () => {
    expect(dialects, 'UPDATE_SCHEMA_SNAPSHOT=1 writes the SQLite and PostgreSQL snapshots at once').toEqual(
      SNAPSHOT_DIALECTS,
    );
  });
});

describe.each(dialects)('schema snapshot on %s', (dialect) => {
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

  it.each(STORE_NAMES)('%s: the migrated schema is the committed one', async (store) => {
    const path = snapshotPath(store, dialect);
    const actual = snapshotText(
      store,
      dialect,
      formatSchema(await describeStoreSchema(stores.knex[store], store)),
    );
    if (UPDATE) {
      writeFileSync(path, actual);
      return;
    }
    const expected = existsSync(path) ? readFileSync(path, 'utf8').replace(/\r\n/g, '\n') : '';
    expect(
      actual,
      `the ${store} store's schema on ${DIALECT_NAMES[dialect]} differs from ${relative(SERVER, path)}. ` +
        'Change a table only in a new migration (never by editing one already recorded); ' +
        `then update the snapshot with ${UPDATE_COMMAND} and commit it`,
    ).toBe(expected);
  });
});
