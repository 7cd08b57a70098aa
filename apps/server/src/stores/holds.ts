import type { Knex } from 'knex';
import { dialectOf } from './knex.ts';

/**
 * What the three inventory stores' holds repositories (hotels, flights, cars) share: hold statuses,
 * the typed refusals of a placement, the audit events, row locking and the transaction wrapper.
 */

export const HOLD_STATUSES = ['held', 'booked', 'released', 'expired', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** How a held hold ends without being booked: removed from the trip, ran out, or the trip was cancelled. */
export type HoldEnd = 'released' | 'expired' | 'cancelled';

/** Actor of the releases a placement makes of other holds that ran out (before the sweeper got to them). */
export const LAZY_EXPIRY_ACTOR = 'system:lazy-expiry';

/** Why a placement was refused. Nothing was written: the transaction rolled back. */
export type HoldRefusal =
  | { readonly reason: 'unknown_unit' }
  | { readonly reason: 'sold_out'; readonly date?: string }
  | { readonly reason: 'seat_taken'; readonly seats: readonly string[] }
  | { readonly reason: 'seat_not_in_class'; readonly seats: readonly string[] };

export class HoldRefusedError extends Error {
  readonly refusal: HoldRefusal;
  constructor(refusal: HoldRefusal) {
    super(`hold refused: ${refusal.reason}`);
    this.name = 'HoldRefusedError';
    this.refusal = refusal;
  }
}

/** A row the invariant query found wrong; tests expect none. */
export interface InvariantViolation {
  readonly table: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly problem: string;
}

export interface InventoryEvent {
  readonly holdId: string;
  readonly at: string;
  /** hold.placed, hold.confirmed, hold.released, hold.expired, hold.cancelled */
  readonly type: string;
  readonly actor: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** The audit rows of a change, in the change's own transaction. */
export async function recordInventoryEvents(
  trx: Knex.Transaction,
  events: readonly InventoryEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await trx('inventory_events').insert(
    events.map((e) => ({
      hold_id: e.holdId,
      at: e.at,
      type: e.type,
      actor: e.actor,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })),
  );
}

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

/** pg returns integers of aggregates (`sum`, `count`) as strings. */
export function asInt(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function iso(at: Date): string {
  return at.toISOString();
}
