import type { Knex } from 'knex';
import { eachDate } from '@tripdesk/shared';
import { rowsOf, type DatedHoldsSpec } from './dated-holds.ts';
import { type HoldStatus } from './holds.ts';
import { forUpdate, inTransaction } from './transactions.ts';
import { dialectOf, asInt } from './knex.ts';

/**
 * What the consistency checker's repositories share (consistency/): reads at one consistent
 * point of a store, and the scans and repairs of counted rows sold by the date (room_nights, car_days),
 * written once against the table and column names each store gives, as dated-holds.ts does.
 */

/**
 * Runs `work` in one read transaction: every statement sees the store as of one instant, so a scan
 * never mistakes a write in flight (a counter changed, its hold not yet) for a disagreement.
 * PostgreSQL: REPEATABLE READ, READ ONLY. SQLite: a deferred transaction, whose first read fixes the
 * snapshot under WAL (the read-only reader pool, or the writer's single connection).
 */
export function inSnapshot<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return dialectOf(knex) === 'pg'
    ? knex.transaction(work, { isolationLevel: 'repeatable read', readOnly: true })
    : knex.transaction(work);
}

/** A hold of an inventory store as the checker compares it with its trip item. */
export interface HoldState {
  readonly status: HoldStatus;
  readonly expiresAt: string;
}

/** A hold still `held` after its expiry. */
export interface OverdueHold {
  readonly id: string;
  readonly expiresAt: string;
}

/** Holds of `table` by id (absent: no such hold), read at one point. */
export async function holdStates(
  knex: Knex,
  table: string,
  ids: readonly string[],
): Promise<Map<string, HoldState>> {
  const out = new Map<string, HoldState>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await knex(table)
      .select('id', 'status', 'expires_at')
      .whereIn('id', ids.slice(i, i + 500))) as { id: string; status: HoldStatus; expires_at: string }[];
    for (const r of rows) out.set(r.id, { status: r.status, expiresAt: r.expires_at });
  }
  return out;
}

/** Holds of `table` still `held` whose expiry is at or before `cutoff`, by id after `after`. */
export async function overdueHolds(
  knex: Knex,
  table: string,
  cutoff: string,
  after: string,
  limit: number,
): Promise<OverdueHold[]> {
  const rows = (await knex(table)
    .select('id', 'expires_at')
    .where('status', 'held')
    .where('expires_at', '<=', cutoff)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)) as { id: string; expires_at: string }[];
  return rows.map((r) => ({ id: r.id, expiresAt: r.expires_at }));
}

export async function countOverdueHolds(knex: Knex, table: string, cutoff: string): Promise<number> {
  const row = (await knex(table)
    .where('status', 'held')
    .where('expires_at', '<=', cutoff)
    .first(knex.raw('count(*) as n'))) as { n: unknown } | undefined;
  return asInt(row?.n);
}

export async function countHeldHolds(knex: Knex, table: string): Promise<number> {
  const row = (await knex(table).where('status', 'held').first(knex.raw('count(*) as n'))) as
    { n: unknown } | undefined;
  return asInt(row?.n);
}

export async function countRows(knex: Knex, table: string): Promise<number> {
  const row = (await knex(table).first(knex.raw('count(*) as n'))) as { n: unknown } | undefined;
  return asInt(row?.n);
}

/** A counted row with what its holds say it should count. */
export interface CountedRowCheck {
  /** The unit's columns and the date: `{ room_type_id, night }`, `{ location_code, category, day }`. */
  readonly key: Readonly<Record<string, string>>;
  readonly capacity: number;
  /** Units that may be sold beyond capacity on the date (a room type's overbooking allowance); 0 without. */
  readonly allowance: number;
  readonly held: number;
  readonly booked: number;
  /** Units of the `held` holds over the date. */
  readonly heldByHolds: number;
  /** Units of the `booked` holds over the date. */
  readonly bookedByHolds: number;
}

/** What to write to a counted row under repair; undefined: leave it as it is. */
export type RecountDecision = { readonly held: number; readonly booked: number } | undefined;

export interface RecountOutcome {
  /** The row as found under its lock, with what its holds say; undefined when the row is gone. */
  readonly found: CountedRowCheck | undefined;
  /** True when the decision was written. */
  readonly written: boolean;
}

/** A `held` or `booked` hold over dates some of which have no counted row. */
export interface HoldWithoutRows {
  readonly id: string;
  readonly status: HoldStatus;
  readonly dates: number;
  readonly rows: number;
}

type DatedSpec = Pick<
  DatedHoldsSpec,
  'holds' | 'counted' | 'date' | 'unit' | 'start' | 'end' | 'quantity' | 'allowance'
>;

/**
 * Scans and repairs of the counted rows of a store that sells by the date. Scans read the reader pool
 * at one point per batch; a repair locks the row it recounts (PostgreSQL: FOR UPDATE) in the writer,
 * so no hold of that date can change between the recount and the write: every writer of a hold changes
 * the counted row first (dated-holds.ts).
 */
export class DatedConsistency {
  readonly #writer: Knex;
  readonly #reader: Knex;
  readonly #s: DatedSpec;

  constructor(writer: Knex, reader: Knex, spec: DatedSpec) {
    this.#writer = writer;
    this.#reader = reader;
    this.#s = spec;
  }

  get holdsTable(): string {
    return this.#s.holds;
  }

  /** Key columns of a counted row in order: the unit's, then the date. */
  get keyColumns(): readonly string[] {
    return [...this.#s.unit, this.#s.date];
  }

  countCountedRows(): Promise<number> {
    return countRows(this.#reader, this.#s.counted);
  }

  /**
   * Up to `limit` counted rows after the key `after` (in key order), each with the units its `held` and
   * `booked` holds put on its date, all read at one point.
   */
  async scanCounted(after: readonly string[] | undefined, limit: number): Promise<CountedRowCheck[]> {
    const s = this.#s;
    const keys = this.keyColumns;
    return inSnapshot(this.#reader, async (trx) => {
      const q = trx(s.counted)
        .select([...keys, 'capacity', 'held', 'booked', ...(s.allowance ? [s.allowance] : [])])
        .orderBy(keys.map((c) => ({ column: c })))
        .limit(limit);
      if (after) q.whereRaw(`(${keys.join(', ')}) > (${keys.map(() => '?').join(', ')})`, [...after]);
      const rows = (await q) as Record<string, unknown>[];
      if (rows.length === 0) return [];

      // The holds of the batch's units over its dates, summed per (unit, date) here: one query per batch
      // rather than a sum per row.
      const units = new Map<string, Record<string, string>>();
      let from = String(rows[0]![s.date]);
      let to = from;
      for (const r of rows) {
        const unit = Object.fromEntries(s.unit.map((c) => [c, String(r[c])]));
        units.set(JSON.stringify(s.unit.map((c) => unit[c])), unit);
        const d = String(r[s.date]);
        if (d < from) from = d;
        if (d > to) to = d;
      }
      const holds = (await trx(s.holds)
        .select([...s.unit, s.start, s.end, s.quantity, 'status'])
        .whereIn('status', ['held', 'booked'])
        .where(s.start, '<=', to)
        .where(s.end, '>', from)
        .where((w) => {
          // Each unit column among the batch's values: a superset of the batch's units when a unit has
          // two columns (cars), and sums of other units are never looked up below.
          for (const c of s.unit) w.whereIn(c, [...new Set([...units.values()].map((u) => u[c]!))]);
        })) as Record<string, unknown>[];
      const sums = new Map<string, { held: number; booked: number }>();
      for (const h of holds) {
        const unitKey = s.unit.map((c) => String(h[c]));
        for (const d of eachDate(String(h[s.start]), String(h[s.end]))) {
          if (d < from || d > to) continue;
          const k = JSON.stringify([...unitKey, d]);
          const sum = sums.get(k) ?? { held: 0, booked: 0 };
          if (h.status === 'held') sum.held += asInt(h[s.quantity]);
          else sum.booked += asInt(h[s.quantity]);
          sums.set(k, sum);
        }
      }
      return rows.map((r) => {
        const key = Object.fromEntries(keys.map((c) => [c, String(r[c])]));
        const sum = sums.get(JSON.stringify(keys.map((c) => key[c]))) ?? { held: 0, booked: 0 };
        return {
          key,
          capacity: asInt(r.capacity),
          allowance: s.allowance ? asInt(r[s.allowance]) : 0,
          held: asInt(r.held),
          booked: asInt(r.booked),
          heldByHolds: sum.held,
          bookedByHolds: sum.booked,
        };
      });
    });
  }

  /**
   * Recounts one counted row from its holds, under the row's lock, and writes what `decide` answers
   * (the service's rule of what is safe). Every hold writer changes the counted row before its hold, so
   * with the row locked the holds of its date stand still until this commits.
   */
  async recount(
    key: Readonly<Record<string, string>>,
    decide: (found: CountedRowCheck) => RecountDecision,
  ): Promise<RecountOutcome> {
    const s = this.#s;
    return inTransaction(this.#writer, async (trx) => {
      const row = (await forUpdate(
        trx,
        trx(s.counted)
          .select('capacity', 'held', 'booked', ...(s.allowance ? [s.allowance] : []))
          .where(key)
          .first(),
      )) as Record<string, unknown> | undefined;
      if (!row) return { found: undefined, written: false };
      const unit = Object.fromEntries(s.unit.map((c) => [c, key[c]!]));
      const date = key[s.date]!;
      const sums = (await trx(s.holds)
        .select('status')
        .sum({ n: s.quantity })
        .where(unit)
        .whereIn('status', ['held', 'booked'])
        .where(s.start, '<=', date)
        .where(s.end, '>', date)
        .groupBy('status')) as { status: string; n: unknown }[];
      const found: CountedRowCheck = {
        key,
        capacity: asInt(row.capacity),
        allowance: s.allowance ? asInt(row[s.allowance]) : 0,
        held: asInt(row.held),
        booked: asInt(row.booked),
        heldByHolds: asInt(sums.find((x) => x.status === 'held')?.n),
        bookedByHolds: asInt(sums.find((x) => x.status === 'booked')?.n),
      };
      const decision = decide(found);
      if (!decision) return { found, written: false };
      await trx(s.counted)
        .where(key)
        .update({ held: decision.held, booked: decision.booked, version: trx.raw('version + 1') });
      return { found, written: true };
    });
  }

  /** `held` and `booked` holds by id after `after`, up to `limit`, with how many counted rows their dates have. */
  async scanHoldRows(
    after: string,
    limit: number,
  ): Promise<{ checked: number; last: string | undefined; missing: HoldWithoutRows[] }> {
    const s = this.#s;
    const match = s.unit.map((c) => `c.${c} = h.${c}`).join(' and ');
    const rows = rowsOf(
      await this.#reader.raw(
        `select h.id, h.status, h.${s.start} as start_date, h.${s.end} as end_date, ` +
          `(select count(*) from ${s.counted} c where ${match} and c.${s.date} >= h.${s.start} ` +
          `and c.${s.date} < h.${s.end}) as counted_rows from ${s.holds} h ` +
          `where h.status in ('held', 'booked') and h.id > ? order by h.id limit ?`,
        [after, limit],
      ),
    );
    const missing: HoldWithoutRows[] = [];
    for (const r of rows) {
      const dates = eachDate(String(r.start_date), String(r.end_date)).length;
      if (asInt(r.counted_rows) !== dates) {
        missing.push({
          id: String(r.id),
          status: r.status as HoldStatus,
          dates,
          rows: asInt(r.counted_rows),
        });
      }
    }
    return {
      checked: rows.length,
      last: rows.length ? String(rows[rows.length - 1]!.id) : undefined,
      missing,
    };
  }

  holdStates(ids: readonly string[]): Promise<Map<string, HoldState>> {
    return holdStates(this.#reader, this.#s.holds, ids);
  }

  overdueHolds(cutoff: string, after: string, limit: number): Promise<OverdueHold[]> {
    return overdueHolds(this.#reader, this.#s.holds, cutoff, after, limit);
  }

  countOverdueHolds(cutoff: string): Promise<number> {
    return countOverdueHolds(this.#reader, this.#s.holds, cutoff);
  }

  countHeldHolds(): Promise<number> {
    return countHeldHolds(this.#reader, this.#s.holds);
  }
}
