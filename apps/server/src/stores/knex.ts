import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import { ListMigrationSource, type Migration } from './migrations.ts';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files.ts';

export type Dialect = 'sqlite' | 'pg';

export interface StoreLocation {
  /** Folder of the SQLite files; used when `databaseUrl` is unset. */
  readonly dataDir: string;
  /** PostgreSQL: every store is one schema, named after the store, in this database. */
  readonly databaseUrl: string | undefined;
  /**
   * SQLite's `synchronous` in WAL mode. `full` (the default) syncs every commit to disk, so an answered
   * booking survives a power cut; `normal` survives a process crash only, and writes faster where disk syncs
   * are slow (BENCHMARKS.md).
   */
  readonly sqliteSynchronous?: 'full' | 'normal';
  /**
   * PostgreSQL: the most connections the five stores' pools open together (DATABASE_POOL_MAX less the
   * event bus's share, see `connectionBudget`); default `DEFAULT_STORE_CONNECTIONS`. Unused by SQLite.
   */
  readonly maxConnections?: number;
}

/** DATABASE_POOL_MAX's default: four instances fit a default PostgreSQL (max_connections 100) with room. */
export const DEFAULT_POOL_MAX = 16;
/** The event bus's connections (PostgreSQL): one LISTEN, one NOTIFY. */
export const EVENT_BUS_CONNECTIONS = 2;
/** The smallest DATABASE_POOL_MAX: one connection per store, plus the event bus's. */
export const MIN_POOL_MAX = STORE_NAMES.length + EVENT_BUS_CONNECTIONS;
const DEFAULT_STORE_CONNECTIONS = DEFAULT_POOL_MAX - EVENT_BUS_CONNECTIONS;

/**
 * How a process's connection budget is shared: the event bus takes its two, the stores share the rest
 * evenly, and what does not divide goes first to the stores every request touches (users: sessions and
 * idempotency keys; payments: trips), then to the inventory stores.
 */
export function connectionBudget(poolMax: number): {
  readonly stores: Readonly<Record<StoreName, number>>;
  readonly events: number;
} {
  if (!Number.isInteger(poolMax) || poolMax < MIN_POOL_MAX) {
    throw new Error(`a connection budget needs at least ${MIN_POOL_MAX} connections, got ${poolMax}`);
  }
  return { stores: storeShares(poolMax - EVENT_BUS_CONNECTIONS), events: EVENT_BUS_CONNECTIONS };
}

const SHARE_ORDER: readonly StoreName[] = ['users', 'payments', 'hotels', 'flights', 'cars'];

function storeShares(total: number): Record<StoreName, number> {
  const base = Math.floor(total / STORE_NAMES.length);
  const extra = total - base * STORE_NAMES.length;
  return Object.fromEntries(SHARE_ORDER.map((store, i) => [store, base + (i < extra ? 1 : 0)])) as Record<
    StoreName,
    number
  >;
}

/**
 * How long a request waits for a pooled PostgreSQL connection before it is answered 503 with
 * Retry-After: long enough to ride out a burst, short enough that a desk is told rather than left hanging.
 */
export const ACQUIRE_TIMEOUT_MS = 5000;

/**
 * bigint (int8) columns and counts as JavaScript numbers, as SQLite gives them, rather than pg's strings:
 * every amount is bounded far below 2^53 (MAX_PRICE_MINOR), so the number is exact, and a sum of two
 * amounts can never become the concatenation of two strings.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text');
  },
};

/** A store's own knex instance: one SQLite file, or one PostgreSQL schema. */
export function createStoreKnex(location: StoreLocation, store: StoreName): Knex {
  if (location.databaseUrl) {
    const total = location.maxConnections ?? DEFAULT_STORE_CONNECTIONS;
    if (!Number.isInteger(total) || total < STORE_NAMES.length) {
      throw new Error(`the five stores need at least ${STORE_NAMES.length} connections, got ${total}`);
    }
    return knexFactory({
      client: 'pg',
      connection: { connectionString: location.databaseUrl, types: pgTypes },
      searchPath: [store],
      // Idle connections go back to the server after a while: instances that are quiet leave room for
      // those that are busy, within the same max_connections.
      pool: { min: 0, max: storeShares(total)[store], idleTimeoutMillis: 10_000 },
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    });
  }
  // The folder and the store's file are private (0700, 0600) whatever the umask; SQLite gives the -wal
  // and -shm files the database file's mode.
  ensurePrivateDir(location.dataDir);
  ensurePrivateFile(join(location.dataDir, `${store}.sqlite`));
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(location.dataDir, `${store}.sqlite`) },
    useNullAsDefault: true,
    pool: {
      // better-sqlite3 is synchronous: knex keeps one connection, so writes in a process are serialised.
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma(`synchronous = ${location.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

/**
 * A store's knex for reads that must not wait on writers: availability search and catalog reads.
 * SQLite: knex runs the writer on one connection, and a write transaction holds it across awaits, so a
 * read queued behind it would wait for the commit. This is a second, read-only pool of its own
 * connections; under WAL a reader sees the last commit while the writer writes. Open it after the
 * store was migrated (the WAL files exist by then). PostgreSQL: the store's own pool, which already
 * reads while others write; the caller must not destroy it twice.
 */
export function createStoreReader(location: StoreLocation, store: StoreName, writer: Knex): Knex {
  if (location.databaseUrl) return writer;
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(location.dataDir, `${store}.sqlite`), options: { readonly: true } },
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: 2,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        try {
          // The writer's pragmas minus those that write (journal_mode) or only matter to writes.
          conn.pragma('busy_timeout = 5000');
          conn.pragma('query_only = ON');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

export function dialectOf(knex: Knex): Dialect {
  return knex.client.config.client === 'pg' ? 'pg' : 'sqlite';
}

/** Names of the migrations already applied to a store, in order; none for a new store. */
export async function appliedMigrations(knex: Knex, store: StoreName): Promise<string[]> {
  const schema = dialectOf(knex) === 'pg' ? knex.schema.withSchema(store) : knex.schema;
  if (!(await schema.hasTable('knex_migrations'))) return [];
  const rows = (await (
    dialectOf(knex) === 'pg' ? knex.withSchema(store).from('knex_migrations') : knex.from('knex_migrations')
  )
    .orderBy('id')
    .select<{ name: string }[]>('name')) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Bring a store's schema up to date; on PostgreSQL the store's schema is created first. */
export async function migrateStore(
  knex: Knex,
  store: StoreName,
  migrations: readonly Migration[],
): Promise<void> {
  const dialect = dialectOf(knex);
  if (dialect === 'pg') await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [store]);
  await knex.migrate.latest({
    migrationSource: new ListMigrationSource(migrations),
    tableName: 'knex_migrations',
    ...(dialect === 'pg' ? { schemaName: store } : {}),
  });
}

/** pg returns integers of aggregates (`sum`, `count`) as strings. */
export function asInt(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function iso(at: Date): string {
  return at.toISOString();
}
