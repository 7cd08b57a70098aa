import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.ts';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import {
  BackupIdSchema,
  BackupSchema,
  STORE_NAMES,
  type Backup,
  type BackupReason,
  type StoreName,
} from '@tripdesk/shared';
import type { Logger } from '../logger.ts';
import { dialectOf } from '../stores/knex.ts';
import {
  archiveFileName,
  fileEntry,
  MANIFEST,
  newBackupId,
  readManifest,
  writeArchive,
  type Manifest,
  type StoreEntry,
} from './archive.ts';
import { tableOrder } from './pg-tables.ts';

export interface BackupOptions {
  readonly backupDir: string;
  readonly reason: BackupReason;
  readonly serverVersion: string;
  readonly now: Date;
  readonly logger?: Logger;
  /** SQLite: how long to wait for one store's writer before letting go of all and trying again. */
  readonly acquireTimeoutMs?: number;
}

/** knex's own bookkeeping tables: their content is the manifest's `migrations`, not data. */
const KNEX_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

/**
 * Copies the five stores into one archive in `backupDir` and answers what it wrote.
 *
 * SQLite: there is no transaction across the five files, so writes pause in all five while they are
 * copied. Each store's knex pool has exactly one (writer) connection; holding all five through the pool
 * means no write is in progress in any store and none can start (the DataDirLock keeps other processes
 * out), so the copies show one moment of the whole system: the state a crash at that moment would have
 * left, which the reconciler and the after-sale recovery repair at the next start (the crash tests prove
 * it). Searches use their own read-only connections and keep answering during the pause.
 *
 * PostgreSQL: one REPEATABLE READ READ ONLY transaction reads all five schemas from one snapshot;
 * writes never wait (pauseMs 0).
 */
export async function takeBackup(
  knex: Readonly<Record<StoreName, Knex>>,
  opts: BackupOptions,
): Promise<Backup> {
  const dialect = dialectOf(knex.users);
  const id = newBackupId(opts.now, opts.reason);
  // Archives hold password hashes and customer data: the folder and every file in it are private.
  ensurePrivateDir(opts.backupDir);
  const staging = join(opts.backupDir, `.staging-${id}`);
  await mkdir(staging, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    const copied =
      dialect === 'sqlite'
        ? await copySqlite(knex, staging, opts.acquireTimeoutMs ?? 2000)
        : await dumpPg(knex.users, staging);
    const manifest: Manifest = {
      format: 1,
      product: 'tripdesk',
      id,
      createdAt: opts.now.toISOString(),
      serverVersion: opts.serverVersion,
      dialect,
      reason: opts.reason,
      pauseMs: copied.pauseMs,
      stores: copied.stores,
    };
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    const files = STORE_NAMES.flatMap((s) => copied.stores[s].files.map((f) => f.name));
    const archive = join(opts.backupDir, archiveFileName(id));
    await writeArchive(staging, files, archive);
    await chmod(archive, PRIVATE_FILE_MODE);
    const backup = BackupSchema.parse({
      id,
      fileName: archiveFileName(id),
      createdAt: manifest.createdAt,
      sizeBytes: (await stat(archive)).size,
      dialect,
      reason: opts.reason,
      pauseMs: copied.pauseMs,
    });
    // Listing reads this small file instead of unpacking every archive's manifest.
    await writeFile(join(opts.backupDir, `${id}.json`), JSON.stringify(backup), { mode: PRIVATE_FILE_MODE });
    opts.logger?.info(
      { backup: archive, pauseMs: backup.pauseMs, sizeBytes: backup.sizeBytes },
      'backup taken',
    );
    return backup;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

interface Copied {
  readonly pauseMs: number;
  readonly stores: Record<StoreName, StoreEntry>;
}

type RawSqlite = Database.Database;

async function copySqlite(
  knex: Readonly<Record<StoreName, Knex>>,
  staging: string,
  timeoutMs: number,
): Promise<Copied> {
  await mkdir(join(staging, 'sqlite'), { recursive: true });
  // The pause runs from the first store held (its writes wait from then on) to the release.
  const { held, firstAt } = await holdAllWriters(knex, timeoutMs);
  let pauseMs: number;
  try {
    for (const [store, conn] of held) {
      // The online backup API, on the held connection: nothing else can write through it meanwhile.
      await conn.backup(join(staging, 'sqlite', `${store}.sqlite`));
    }
  } finally {
    for (const [store, conn] of held) await knex[store].client.releaseConnection(conn);
    pauseMs = Math.round((performance.now() - firstAt) * 10) / 10;
  }
  const stores = {} as Record<StoreName, StoreEntry>;
  for (const s of STORE_NAMES) {
    const name = `sqlite/${s}.sqlite`;
    stores[s] = { ...describeSqliteCopy(join(staging, name)), files: [await fileEntry(staging, name)] };
  }
  return { pauseMs, stores };
}

/**
 * Every store's writer connection, taken in a fixed order. A request may hold one store's connection
 * while it waits for another's, so a store that does not come within `timeoutMs` makes this let go of
 * everything and try again after a short random delay, rather than wait in a cycle. `firstAt`: when
 * the first store of the winning round was taken.
 */
async function holdAllWriters(
  knex: Readonly<Record<StoreName, Knex>>,
  timeoutMs: number,
): Promise<{ held: Array<[StoreName, RawSqlite]>; firstAt: number }> {
  for (let round = 1; ; round++) {
    const held: Array<[StoreName, RawSqlite]> = [];
    let firstAt = 0;
    let complete = true;
    for (const s of STORE_NAMES) {
      const client = knex[s].client as {
        acquireConnection(): Promise<RawSqlite>;
        releaseConnection(c: unknown): Promise<unknown>;
      };
      const pending = client.acquireConnection();
      const conn = await Promise.race([pending, delay(timeoutMs).then(() => undefined)]);
      if (!conn) {
        // Lost the race: give the connection back whenever it does come.
        pending.then((c) => client.releaseConnection(c)).catch(() => {});
        complete = false;
        break;
      }
      if (held.length === 0) firstAt = performance.now();
      held.push([s, conn]);
    }
    if (complete) return { held, firstAt };
    for (const [s, c] of held.reverse()) await knex[s].client.releaseConnection(c);
    if (round >= 20) throw new Error('could not pause writes in all five stores at once; try again');
    await delay(20 + Math.random() * 200);
  }
}

/** Applied migrations and row counts of a copied store; leaves the copy a single self-contained file. */
function describeSqliteCopy(path: string): Pick<StoreEntry, 'migrations' | 'rows'> {
  const db = new Database(path);
  try {
    // The copy carries the WAL flag of its source: back to a rollback journal, one file, nothing beside it.
    db.pragma('journal_mode = DELETE');
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const migrations = tables.includes('knex_migrations')
      ? (db.prepare('SELECT name FROM knex_migrations ORDER BY id').all() as { name: string }[]).map(
          (r) => r.name,
        )
      : [];
    const rows: Record<string, number> = {};
    for (const t of tables) {
      if (KNEX_TABLES.has(t)) continue;
      rows[t] = (
        db.prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`).get() as { n: number }
      ).n;
    }
    return { migrations, rows };
  } finally {
    db.close();
  }
}

/** Rows fetched per round trip from the snapshot's cursor. */
const FETCH_ROWS = 2000;

async function dumpPg(knex: Knex, staging: string): Promise<Copied> {
  const stores = {} as Record<StoreName, StoreEntry>;
  await knex.transaction(async (trx) => {
    // First statement of the transaction: every read below sees one snapshot of all five schemas.
    await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const s of STORE_NAMES) {
      const tables = (
        (await trx.raw(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name`,
          [s],
        )) as { rows: { table_name: string }[] }
      ).rows.map((r) => r.table_name);
      const migrations = tables.includes('knex_migrations')
        ? (
            (await trx.raw('SELECT name FROM ??.knex_migrations ORDER BY id', [s])) as {
              rows: { name: string }[];
            }
          ).rows.map((r) => r.name)
        : [];
      const data = tables.filter((t) => !KNEX_TABLES.has(t));
      await mkdir(join(staging, 'pg', s), { recursive: true });
      const rows: Record<string, number> = {};
      const files = [];
      for (const t of data) {
        const name = `pg/${s}/${t}.ndjson`;
        if (!/^[a-z0-9_]+$/.test(t)) throw new Error(`table name ${s}.${t} cannot be archived`);
        rows[t] = await dumpTable(trx, s, t, join(staging, name));
        files.push(await fileEntry(staging, name));
      }
      stores[s] = { files, migrations, rows, tableOrder: await tableOrder(trx, s, data) };
    }
  });
  return { pauseMs: 0, stores };
}

/** One table as NDJSON, read through a cursor so a large table never sits in memory whole. */
async function dumpTable(
  trx: Knex.Transaction,
  schema: string,
  table: string,
  file: string,
): Promise<number> {
  const out = createWriteStream(file);
  let n = 0;
  const cursor = `backup_${schema}_${table}`;
  try {
    await trx.raw(`DECLARE ?? NO SCROLL CURSOR FOR SELECT * FROM ??.??`, [cursor, schema, table]);
    for (;;) {
      const { rows } = (await trx.raw(`FETCH ${FETCH_ROWS} FROM ??`, [cursor])) as {
        rows: Record<string, unknown>[];
      };
      if (rows.length === 0) break;
      const text = rows.map((r) => JSON.stringify(r, byteaAsHex)).join('\n') + '\n';
      if (!out.write(text)) await once(out, 'drain');
      n += rows.length;
    }
    await trx.raw('CLOSE ??', [cursor]);
  } finally {
    out.end();
    await once(out, 'close');
  }
  return n;
}

/** bytea comes back as a Buffer: written as PostgreSQL's own hex text form, which it reads back as bytea. */
function byteaAsHex(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    return `\\x${Buffer.from((value as { data: number[] }).data).toString('hex')}`;
  }
  return value;
}

/** The archives in the backup folder, newest first; unreadable ones are skipped (and logged). */
export async function listBackups(backupDir: string, logger?: Logger): Promise<Backup[]> {
  let names: string[];
  try {
    names = await readdir(backupDir);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return [];
    throw err;
  }
  const items: { backup: Backup; mtimeMs: number }[] = [];
  for (const name of names) {
    const id = name.endsWith('.tar.gz') ? name.slice(0, -'.tar.gz'.length) : undefined;
    if (!id || !BackupIdSchema.safeParse(id).success) continue;
    try {
      const mtimeMs = (await stat(join(backupDir, name))).mtimeMs;
      items.push({ backup: await describeBackup(backupDir, id), mtimeMs });
    } catch (err) {
      logger?.warn({ err, file: name }, 'not a readable backup archive; left out of the list');
    }
  }
  // Newest first; backups of the same second by when their archive was written.
  return items
    .sort((a, b) => b.backup.createdAt.localeCompare(a.backup.createdAt) || b.mtimeMs - a.mtimeMs)
    .map((i) => i.backup);
}

/** One archive's description: its side file, else its manifest (an archive copied in by hand). */
export async function describeBackup(backupDir: string, id: string): Promise<Backup> {
  const archive = join(backupDir, archiveFileName(id));
  const sizeBytes = (await stat(archive)).size;
  try {
    const side = BackupSchema.parse(JSON.parse(await readFile(join(backupDir, `${id}.json`), 'utf8')));
    return { ...side, sizeBytes };
  } catch {
    const m = await readManifest(archive);
    return {
      id,
      fileName: archiveFileName(id),
      createdAt: m.createdAt,
      sizeBytes,
      dialect: m.dialect,
      reason: m.reason,
      pauseMs: m.pauseMs,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
