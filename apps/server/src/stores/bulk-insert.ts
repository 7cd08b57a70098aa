import type { Knex } from 'knex';
import { dialectOf } from './knex.ts';

/**
 * Inserts many rows as multi-row INSERTs, in the caller's transaction so the batches commit together.
 * Batches stay under both dialects' limits: SQLite's 500 terms of a compound SELECT (knex writes a
 * multi-row insert as `select ... union all select ...` there) and 32,766 bound variables, and
 * PostgreSQL's 65,535 bind parameters.
 */
export async function insertInBatches(
  trx: Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first).length;
  const maxRows = dialectOf(trx) === 'pg' ? 2000 : 500;
  const perBatch = Math.max(1, Math.min(maxRows, Math.floor(30_000 / columns)));
  for (let i = 0; i < rows.length; i += perBatch) {
    await trx(table).insert(rows.slice(i, i + perBatch));
  }
}
