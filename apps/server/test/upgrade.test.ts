import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import { loadConfig } from '../src/config.ts';
import { readManifest } from '../src/operations/archive.ts';
import { restoreCommand } from '../src/operations/commands.ts';
import { startServer } from '../src/server.ts';
import { appliedMigrations } from '../src/stores/knex.ts';
import { openStores, storeMigrations } from '../src/stores/index.ts';
import type { Migration } from '../src/stores/migrations.ts';
import { createTestDatabase, dialects, type TestDatabase } from './databases.ts';
import { ADMIN, login } from './harness.ts';

const env = (db: TestDatabase) => ({
  ...db.env,
  PORT: '0',
  LOG_LEVEL: 'silent',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
});

/** An older release: each store without its newest migration (the users store without its newest two). */
const older = Object.fromEntries(
  STORE_NAMES.map((s) => [s, storeMigrations[s].slice(0, s === 'users' ? -2 : -1)]),
) as unknown as Record<StoreName, readonly Migration[]>;

const archives = (db: TestDatabase) => {
  const dir = join(db.location.dataDir, 'backups');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tar.gz')) : [];
};

describe.each(dialects)('schema upgrade at start on %s', (dialect) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('takes no backup on a fresh install, nor when nothing is pending', async () => {
    const db = await createTestDatabase(dialect);
    dbs.push(db);
    await (await startServer(loadConfig(env(db)))).close();
    await (await startServer(loadConfig(env(db)))).close();
    expect(archives(db)).toEqual([]);
  });

  it('backs up an older install before migrating it; that backup restores the older data', async () => {
    const db = await createTestDatabase(dialect);
    dbs.push(db);
    // The older release ran here and wrote a user.
    const old = await openStores(db.location, { migrations: older });
    const at = new Date().toISOString();
    await old.knex.users('users').insert({
      id: 'usr_before_upgrade',
      email: 'before@example.test',
      name: 'Before',
      role: 'agent',
      password_hash: 'not-a-real-hash',
      created_at: at,
      updated_at: at,
    });
    await old.close();

    const server = await startServer(loadConfig(env(db)));
    await login(server.url, ADMIN.email, ADMIN.password);
    await server.close();
    const files = archives(db);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^tripdesk-\d{8}T\d{6}Z-pre-upgrade-[a-z0-9]{6}\.tar\.gz$/);
    const archive = join(db.location.dataDir, 'backups', files[0]!);
    const manifest = await readManifest(archive);
    expect(manifest.reason).toBe('pre-upgrade');
    for (const s of STORE_NAMES) expect(manifest.stores[s]!.migrations).toEqual(older[s].map((m) => m.name));
    // Taken before the admin of ADMIN_EMAIL was created: the older data only.
    expect(manifest.stores.users!.rows.users).toBe(1);

    const target = await createTestDatabase(dialect);
    dbs.push(target);
    await restoreCommand(loadConfig(env(target)), { archive, force: false });
    const stores = await openStores(target.location, { migrate: false });
    try {
      for (const s of STORE_NAMES) {
        expect(await appliedMigrations(stores.knex[s], s)).toEqual(storeMigrations[s].map((m) => m.name));
      }
      expect((await stores.users.findByEmail('before@example.test'))?.id).toBe('usr_before_upgrade');
    } finally {
      await stores.close();
    }
  });
});
