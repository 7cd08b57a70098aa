import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Knex } from 'knex';
import { STORE_NAMES, type BackupDialect } from '@tripdesk/shared';
import type { Logger } from '../logger.ts';
import { openStores, storeMigrations } from '../stores/index.ts';
import { createStoreKnex, type StoreLocation } from '../stores/knex.ts';
import { ListMigrationSource } from '../stores/migrations.ts';
import { ArchiveError, extractArchive, type Manifest } from './archive.ts';
import { columnTypes, resetSequences, selfReferencing } from './pg-tables.ts';

export interface RestoreOptions {
  readonly archive: string;
  readonly location: StoreLocation;
  /** Replace data that is there (moved aside, never deleted); without it, existing data is a refusal. */
  readonly force: boolean;
  readonly now: Date;
  readonly logger?: Logger;
}

export interface RestoreResult {
  readonly manifest: Manifest;
  /** Where the data that was there went: a folder (SQLite) or schema names (PostgreSQL). */
  readonly replaced: string | undefined;
}

/** A restore refused before anything was changed: existing data without `force`. */
export class RestoreRefusedError extends Error {}

/**
 * Why this server cannot restore the archive (another dialect, or migrations this server does not
 * have: a backup of a newer version), or undefined when it can.
 */
export function restoreRefusal(manifest: Manifest, dialect: BackupDialect): string | undefined {
  if (manifest.dialect !== dialect) {
    return manifest.dialect === 'pg'
      ? 'This archive is a PostgreSQL backup: restore it with DATABASE_URL set.'
      : 'This archive is a SQLite backup: restore it without DATABASE_URL (into a DATA_DIR).';
  }
  for (const s of STORE_NAMES) {
    const known = new Set(storeMigrations[s].map((m) => m.name));
    const unknown = manifest.stores[s]!.migrations.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      return `The archive's ${s} store has migrations this server does not know (${unknown.join(', ')}): it was made by a newer Tripdesk (${manifest.serverVersion}). Upgrade this server first.`;
    }
  }
  return undefined;
}

/**
 * Restores an archive over the stores at `location`, then migrates them to this server's latest schema.
 * The caller holds the DataDirLock (SQLite) or has stopped every server instance (PostgreSQL). Checked
 * before anything changes: every file's sha256, the manifest, the dialect and the migrations.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const { location } = opts;
  const dialect: BackupDialect = location.databaseUrl ? 'pg' : 'sqlite';
  await mkdir(location.dataDir, { recursive: true });
  // In the data folder: the files are renamed into place, never copied across file systems.
  const staging = await mkdtemp(join(location.dataDir, '.restore-'));
  try {
    const manifest = await extractArchive(opts.archive, staging);
    const refusal = restoreRefusal(manifest, dialect);
    if (refusal) throw new ArchiveError(refusal);
    const stamp = opts.now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const replaced =
      dialect === 'sqlite'
        ? await installSqlite(location.dataDir, staging, stamp, opts.force)
        : await installPg(location, staging, manifest, stamp, opts.force);
    try {
      // Up to this server's schema; no pre-upgrade backup here: the archive is that backup.
      const stores = await openStores(location);
      await stores.close();
    } catch (err) {
      // The restored data does not open: the data that was there goes back in place.
      await (dialect === 'sqlite' ? undoSqlite(location.dataDir, replaced) : undoPg(location, replaced));
      throw err;
    }
    opts.logger?.info(
      { archive: opts.archive, backupId: manifest.id, replaced, dialect },
      'backup restored and migrated',
    );
    return { manifest, replaced };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const sqliteFiles = (s: string) => [`${s}.sqlite`, `${s}.sqlite-wal`, `${s}.sqlite-shm`];

async function installSqlite(
  dataDir: string,
  staging: string,
  stamp: string,
  force: boolean,
): Promise<string | undefined> {
  const existing = STORE_NAMES.flatMap(sqliteFiles).filter((f) => existsSync(join(dataDir, f)));
  let replaced: string | undefined;
  if (existing.length > 0) {
    if (!force) {
      throw new RestoreRefusedError(
        `${dataDir} already holds store files (${existing.join(', ')}). Run again with --force: ` +
          `they are moved to ${join(dataDir, `replaced-${stamp}`)}, not deleted.`,
      );
    }
    replaced = join(dataDir, `replaced-${stamp}`);
    await mkdir(replaced, { recursive: true });
    for (const f of existing) await rename(join(dataDir, f), join(replaced, f));
  }
  const installed: string[] = [];
  try {
    for (const s of STORE_NAMES) {
      await rename(join(staging, 'sqlite', `${s}.sqlite`), join(dataDir, `${s}.sqlite`));
      installed.push(`${s}.sqlite`);
    }
  } catch (err) {
    // Half installed: put back what was there.
    for (const f of installed) await rm(join(dataDir, f), { force: true });
    if (replaced) for (const f of existing) await rename(join(replaced, f), join(dataDir, f));
    throw err;
  }
  return replaced;
}

async function undoSqlite(dataDir: string, replaced: string | undefined): Promise<void> {
  for (const f of STORE_NAMES.flatMap(sqliteFiles)) await rm(join(dataDir, f), { force: true });
  if (!replaced) return;
  for (const f of STORE_NAMES.flatMap(sqliteFiles)) {
    if (existsSync(join(replaced, f))) await rename(join(replaced, f), join(dataDir, f));
  }
  await rm(replaced, { recursive: true, force: true });
}

async function undoPg(location: StoreLocation, replaced: string | undefined): Promise<void> {
  const k = createStoreKnex(location, 'users');
  try {
    for (const s of STORE_NAMES) await k.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [s]);
    for (const aside of replaced?.split(', ') ?? []) {
      const s = STORE_NAMES.find((n) => aside.endsWith(`_${n}`));
      if (s) await k.raw('ALTER SCHEMA ?? RENAME TO ??', [aside, s]);
    }
  } finally {
    await k.destroy();
  }
}

async function installPg(
  location: StoreLocation,
  staging: string,
  manifest: Manifest,
  stamp: string,
  force: boolean,
): Promise<string | undefined> {
  const admin = createStoreKnex(location, 'users');
  const replaced: string[] = [];
  try {
    const { rows } = (await admin.raw(
      `SELECT table_schema AS s, count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = ANY(?) GROUP BY table_schema`,
      [[...STORE_NAMES]],
    )) as { rows: { s: string; n: number }[] };
    const present = rows.filter((r) => r.n > 0).map((r) => r.s);
    if (present.length > 0 && !force) {
      throw new RestoreRefusedError(
        `The database already has Tripdesk schemas (${present.join(', ')}). Run again with --force: ` +
          `they are renamed to replaced_${stamp}_<store>, not dropped.`,
      );
    }
    const schemas = (
      (await admin.raw('SELECT nspname FROM pg_namespace WHERE nspname = ANY(?)', [[...STORE_NAMES]])) as {
        rows: { nspname: string }[];
      }
    ).rows.map((r) => r.nspname);
    for (const s of schemas) {
      const aside = `replaced_${stamp}_${s}`.toLowerCase();
      await admin.raw('ALTER SCHEMA ?? RENAME TO ??', [s, aside]);
      replaced.push(aside);
    }
  } finally {
    await admin.destroy();
  }
  for (const s of STORE_NAMES) {
    const k = createStoreKnex(location, s);
    try {
      await k.raw('CREATE SCHEMA IF NOT EXISTS ??', [s]);
      // The schema as it was at the backup: the archive's migrations, in this server's order.
      const recorded = new Set(manifest.stores[s]!.migrations);
      await k.migrate.latest({
        migrationSource: new ListMigrationSource(storeMigrations[s].filter((m) => recorded.has(m.name))),
        tableName: 'knex_migrations',
        schemaName: s,
      });
      const entry = manifest.stores[s]!;
      const order = entry.tableOrder ?? Object.keys(entry.rows);
      await k.transaction(async (trx) => {
        // Parents are inserted before children; only a table referring to itself needs triggers off.
        if ((await selfReferencing(trx, s)).size > 0)
          await trx.raw('SET LOCAL session_replication_role = replica');
        for (const t of [...order].reverse()) await trx.raw('DELETE FROM ??.??', [s, t]);
        for (const t of order) await insertNdjson(trx, s, t, join(staging, 'pg', s, `${t}.ndjson`));
        await resetSequences(trx, s);
      });
    } finally {
      await k.destroy();
    }
  }
  return replaced.length > 0 ? replaced.join(', ') : undefined;
}

const INSERT_BATCH = 500;

async function insertNdjson(
  trx: Knex.Transaction,
  schema: string,
  table: string,
  file: string,
): Promise<void> {
  const types = await columnTypes(trx, schema, table);
  const json = [...types].filter(([, t]) => t === 'json' || t === 'jsonb').map(([c]) => c);
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await trx.withSchema(schema).table(table).insert(batch);
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    // node-postgres would send a JS array as a PostgreSQL array: JSON columns get JSON text.
    for (const c of json) if (row[c] !== null && row[c] !== undefined) row[c] = JSON.stringify(row[c]);
    batch.push(row);
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
}
