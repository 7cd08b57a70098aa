import type { Knex } from 'knex';
import { dialectOf } from './knex.ts';

/*
 * How every repository writes: one transaction retried on a transient PostgreSQL abort, and row locks
 * that only PostgreSQL needs.
 */

/**
 * `FOR UPDATE` (optionally `SKIP LOCKED`) on PostgreSQL. SQLite needs no row locks: one connection per
 * process runs every write, and one process per data folder (ARCHITECTURE.md).
 */
export function forUpdate<Q extends Knex.QueryBuilder>(trx: Knex.Transaction, q: Q, skipLocked = false): Q {
  if (dialectOf(trx) !== 'pg') return q;
  const locked = q.forUpdate();
  return (skipLocked ? locked.skipLocked() : locked) as Q;
}

/** `FOR SHARE` on PostgreSQL: the catalog may not change the row's capacity until we commit. */
export function forShare<Q extends Knex.QueryBuilder>(trx: Knex.Transaction, q: Q): Q {
  return dialectOf(trx) === 'pg' ? (q.forShare() as Q) : q;
}

const TRANSIENT_PG_CODES = new Set(['40P01', '40001']);

/**
 * One transaction, all or nothing, retried (a few times) when PostgreSQL aborted it for a deadlock or a
 * serialization failure: the writers lock rows in one order (unit, then date), so these should not
 * happen, but an abort must never surface as a 500 when running it again is safe.
 */
export async function inTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 4 || code === undefined || !TRANSIENT_PG_CODES.has(code)) throw err;
    }
  }
}
