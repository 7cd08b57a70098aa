import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import type { StoreLocation } from '../src/stores/knex.ts';

/** The PostgreSQL server tests use; CI always has one (DEVELOPERS.md). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * `REQUIRE_PG=1` (CI sets it): an unreachable PostgreSQL fails the run instead of skipping its suites.
 * `TEST_DIALECTS=sqlite`: run the SQLite suites only, on purpose (the time-shifted runs: the database
 * server keeps the real clock while the tests' clock is moved).
 */
const requirePg = process.env.REQUIRE_PG === '1';
const sqliteOnly = process.env.TEST_DIALECTS === 'sqlite';
if (requirePg && sqliteOnly) throw new Error('REQUIRE_PG=1 and TEST_DIALECTS=sqlite contradict each other');

let pgReachable: boolean | undefined;

/** Whether PostgreSQL answers; the PostgreSQL suites skip, and say so, when it does not. */
export async function isPgReachable(): Promise<boolean> {
  if (pgReachable !== undefined) return pgReachable;
  if (sqliteOnly) return (pgReachable = false);
  const k = knexFactory({
    client: 'pg',
    connection: PG_ADMIN_URL,
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 10_000,
  });
  let failure: unknown;
  try {
    await k.raw('select 1');
    pgReachable = true;
  } catch (err) {
    failure = err;
    pgReachable = false;
  } finally {
    await k.destroy();
  }
  if (!pgReachable) {
    const why = failure instanceof Error ? failure.message : String(failure);
    if (requirePg) {
      throw new Error(`REQUIRE_PG=1 but PostgreSQL at ${PG_ADMIN_URL} is not reachable (${why})`);
    }
    console.warn(`[tests] PostgreSQL at ${PG_ADMIN_URL} is not reachable: PostgreSQL suites are SKIPPED`);
  }
  return pgReachable;
}

export const pgAvailable = await isPgReachable();

export interface TestDatabase {
  readonly location: StoreLocation;
  /** The env a server process needs to use this database. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty place for the five stores: a temp folder (SQLite) or a new database (PostgreSQL). */
export async function createTestDatabase(dialect: 'sqlite' | 'pg'): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tripdesk-test-'));
  if (dialect === 'sqlite') {
    return {
      location: { dataDir, databaseUrl: undefined },
      env: { DATA_DIR: dataDir },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `tripdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  await admin.destroy();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    location: { dataDir, databaseUrl },
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async drop() {
      const k = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
      await k.raw(`drop database if exists ${name} with (force)`);
      await k.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The dialects a suite runs on: SQLite always, PostgreSQL when reachable. */
export const dialects: ReadonlyArray<'sqlite' | 'pg'> = pgAvailable ? ['sqlite', 'pg'] : ['sqlite'];
