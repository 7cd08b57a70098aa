import type { Knex } from 'knex';
import { eachDate } from '@tripdesk/shared';
import { dialectOf, asInt, iso } from './knex.ts';
import {
  HoldRefusedError,
  LAZY_EXPIRY_ACTOR,
  recordInventoryEvents,
  type HoldEnd,
  type HoldStatus,
  type InvariantViolation,
} from './holds.ts';
import { forUpdate, inTransaction } from './transactions.ts';

/**
 * The hold engine of units sold by the date: hotel rooms by night (room_nights) and cars by day
 * (car_days). Both stores count the same way, so the SQL is written once here against the table and
 * column names each store gives; hotels/holds.ts and cars/holds.ts wrap it in their own vocabulary.
 *
 * Every operation is one transaction. On PostgreSQL the counted rows of a unit are locked in date order
 * (one `select ... order by date for update`) before they are changed, and the sweeper changes rows in
 * (unit, date) order, so writers never wait on each other in a cycle.
 */

/** Column values naming one unit: `{ room_type_id }` or `{ location_code, category }`. */
export type UnitKey = Readonly<Record<string, string>>;

export interface DatedHoldsSpec {
  /** hotel_holds | car_holds */
  readonly holds: string;
  /** room_nights | car_days */
  readonly counted: string;
  /** night | day */
  readonly date: string;
  /** Columns naming the unit, in both tables. */
  readonly unit: readonly string[];
  /** check_in / check_out, pick_up / drop_off: the end is exclusive. */
  readonly start: string;
  readonly end: string;
  /** rooms | cars */
  readonly quantity: string;
  /**
   * Column of the counted table with the units that may be sold beyond `capacity` (hotels: the room
   * type's overbooking allowance); the invariant is then held + booked <= capacity + allowance. Absent:
   * nothing beyond capacity (cars).
   */
  readonly allowance?: string;
  /**
   * The unit's capacity and the columns it adds to a hold row (the hotel of a room type), read inside
   * the placing transaction; undefined when there is no such unit. PostgreSQL: locked FOR SHARE, so the
   * catalog cannot change the capacity until the placement commits.
   */
  readUnit(
    trx: Knex.Transaction,
    unit: UnitKey,
  ): Promise<
    { capacity: number; allowance?: number; columns: Record<string, unknown>; retired: boolean } | undefined
  >;
  /** The first date of [start, end) on which the unit is closed to sale (stop-sell), if any. */
  firstClosedDate(
    trx: Knex.Transaction,
    unit: UnitKey,
    start: string,
    end: string,
  ): Promise<string | undefined>;
}

export interface DatedHoldRow {
  readonly id: string;
  readonly status: HoldStatus;
  readonly expires_at: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly [column: string]: unknown;
}

export interface PlaceDatedHold {
  readonly id: string;
  readonly unit: UnitKey;
  readonly start: string;
  readonly end: string;
  readonly quantity: number;
  readonly expiresAt: Date;
  readonly now: Date;
  /** Who placed it: a user id. */
  readonly actor: string;
}

/** A hold the sweeper expired: enough to announce which unit and dates became free. */
export interface EndedDatedHold {
  readonly row: DatedHoldRow;
  readonly dates: readonly string[];
}

export class DatedHolds {
  readonly knex: Knex;
  readonly #s: DatedHoldsSpec;

  constructor(knex: Knex, spec: DatedHoldsSpec) {
    this.knex = knex;
    this.#s = spec;
  }

  /**
   * Places a hold, all or nothing: first releases, in the same transaction, every held hold of the same
   * unit over an overlapping date whose expiry has passed (so a late sweeper never causes a wrong
   * sold_out), creates the counted rows a date lacks, then adds `quantity` to `held` on every date only
   * where `capacity - booked - held >= quantity`. A date short of units refuses the whole hold.
   */
  async place(p: PlaceDatedHold): Promise<DatedHoldRow> {
    const dates = eachDate(p.start, p.end);
    if (dates.length === 0) throw new RangeError('a hold covers at least one date');
    const at = iso(p.now);
    try {
      return await this.#placeOnce(p, dates, at);
    } catch (err) {
      if (err instanceof HoldRefusedError && err.refusal.reason === 'sold_out') {
        await inTransaction(this.knex, (trx) => this.#releaseExpired(trx, p.unit, p.start, p.end, at, p.id));
      }
      throw err;
    }
  }

  async #placeOnce(p: PlaceDatedHold, dates: readonly string[], at: string): Promise<DatedHoldRow> {
    const s = this.#s;
    return inTransaction(this.knex, async (trx) => {
      const unit = await s.readUnit(trx, p.unit);
      if (!unit) throw new HoldRefusedError({ reason: 'unknown_unit' });
      // Read under the unit's lock: a retirement or closure committed before this hold refuses it.
      if (unit.retired) throw new HoldRefusedError({ reason: 'retired' });
      const closed = await s.firstClosedDate(trx, p.unit, p.start, p.end);
      if (closed !== undefined) throw new HoldRefusedError({ reason: 'closed_to_sale', date: closed });

      // Lazily created counted rows: a date without a row has every unit free.
      await trx(s.counted)
        .insert(
          dates.map((d) => ({
            ...p.unit,
            [s.date]: d,
            capacity: unit.capacity,
            ...(s.allowance ? { [s.allowance]: unit.allowance ?? 0 } : {}),
          })),
        )
        .onConflict([...s.unit, s.date])
        .ignore();

      await this.#releaseExpired(trx, p.unit, p.start, p.end, at, p.id);

      const n = await trx(s.counted)
        .where(p.unit)
        .where(s.date, '>=', p.start)
        .where(s.date, '<', p.end)
        .whereRaw(`${this.#sellable} - booked - held >= ?`, [p.quantity])
        .update({ held: trx.raw('held + ?', [p.quantity]), version: trx.raw('version + 1') });
      if (n !== dates.length) {
        const short = (await trx(s.counted)
          .first(s.date)
          .where(p.unit)
          .where(s.date, '>=', p.start)
          .where(s.date, '<', p.end)
          .whereRaw(`${this.#sellable} - booked - held < ?`, [p.quantity])
          .orderBy(s.date)) as Record<string, string> | undefined;
        throw new HoldRefusedError({ reason: 'sold_out', ...(short ? { date: short[s.date]! } : {}) });
      }

      const row: DatedHoldRow = {
        id: p.id,
        ...p.unit,
        ...unit.columns,
        [s.start]: p.start,
        [s.end]: p.end,
        [s.quantity]: p.quantity,
        status: 'held',
        expires_at: iso(p.expiresAt),
        created_at: at,
        updated_at: at,
      };
      await trx(s.holds).insert(row);
      await recordInventoryEvents(trx, [
        {
          holdId: p.id,
          at,
          type: 'hold.placed',
          actor: p.actor,
          detail: { units: p.quantity, from: p.start, to: p.end, expiresAt: row.expires_at },
        },
      ]);
      return row;
    });
  }

  /** What a counted row may sell: its capacity, plus its allowance where the store has one. */
  get #sellable(): string {
    return this.#s.allowance ? `(capacity + ${this.#s.allowance})` : 'capacity';
  }

  /**
   * Releases every held hold of the unit over an overlapping date whose expiry has passed, after
   * locking the counted rows of their dates and of [start, end). Run inside a placing transaction, and
   * again on its own when a placement is refused: the refusal rolls back the first run, yet an expired
   * hold that a write met is still released (every write treats it as expired).
   */
  async #releaseExpired(
    trx: Knex.Transaction,
    unit: UnitKey,
    start: string,
    end: string,
    at: string,
    forId: string,
  ): Promise<void> {
    const s = this.#s;
    const expired = (await forUpdate(
      trx,
      trx(s.holds)
        .select('*')
        .where(unit)
        .where('status', 'held')
        .where('expires_at', '<=', at)
        .where(s.start, '<', end)
        .where(s.end, '>', start)
        .orderBy('id'),
    )) as DatedHoldRow[];

    let from = start;
    let to = end;
    for (const h of expired) {
      if (this.#startOf(h) < from) from = this.#startOf(h);
      if (this.#endOf(h) > to) to = this.#endOf(h);
    }
    await this.#lockCounted(trx, unit, from, to);

    for (const h of expired) {
      await this.#shift(trx, unit, this.#startOf(h), this.#endOf(h), { held: -this.#quantityOf(h) });
    }
    if (expired.length > 0) {
      await trx(s.holds)
        .whereIn(
          'id',
          expired.map((h) => h.id),
        )
        .update({ status: 'expired', updated_at: at });
      await recordInventoryEvents(
        trx,
        expired.map((h) => ({
          holdId: h.id,
          at,
          type: 'hold.expired',
          actor: LAZY_EXPIRY_ACTOR,
          detail: { reason: 'hold_expired', releasedFor: forId },
        })),
      );
    }
  }

  /**
   * held → booked on every date, only while the hold is `held` and its expiry is still ahead of `now`:
   * a hold past its expiry is never confirmed, even if the sweeper has not reached it. True if it did.
   */
  async confirm(id: string, now: Date, actor: string): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const h = await this.#lockHold(trx, id);
      if (!h || h.status !== 'held' || h.expires_at <= at) return false;
      const q = this.#quantityOf(h);
      await this.#shift(trx, this.#unitOf(h), this.#startOf(h), this.#endOf(h), { held: -q, booked: q });
      await trx(this.#s.holds).where({ id }).update({ status: 'booked', updated_at: at });
      await recordInventoryEvents(trx, [{ holdId: id, at, type: 'hold.confirmed', actor }]);
      return true;
    });
  }

  /** held → released | expired | cancelled; its units go back. Idempotent: false when not held. */
  async release(id: string, reason: HoldEnd, now: Date, actor: string): Promise<boolean> {
    return this.#end(id, 'held', reason, now, actor);
  }

  /** booked → cancelled; the booked units go back. Idempotent: false when not booked. */
  async cancel(id: string, now: Date, actor: string): Promise<boolean> {
    return this.#end(id, 'booked', 'cancelled', now, actor);
  }

  /**
   * Expires up to `limit` held holds whose expiry is at or before `now`, oldest first, in one
   * transaction. On PostgreSQL the holds are taken `FOR UPDATE SKIP LOCKED`, so several instances
   * sweeping at once share the work instead of queueing on the same rows.
   */
  async expireDue(now: Date, limit: number, actor: string): Promise<EndedDatedHold[]> {
    const s = this.#s;
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const due = (await forUpdate(
        trx,
        trx(s.holds)
          .select('*')
          .where('status', 'held')
          .where('expires_at', '<=', at)
          .orderBy([{ column: 'expires_at' }, { column: 'id' }])
          .limit(limit),
        true,
      )) as DatedHoldRow[];
      if (due.length === 0) return [];

      // One decrement per counted row, applied in (unit, date) order: the global lock order.
      const decrements = new Map<string, { unit: UnitKey; date: string; n: number }>();
      for (const h of due) {
        const unit = this.#unitOf(h);
        for (const date of eachDate(this.#startOf(h), this.#endOf(h))) {
          const key = JSON.stringify([...s.unit.map((c) => unit[c]), date]);
          const entry = decrements.get(key);
          if (entry) entry.n += this.#quantityOf(h);
          else decrements.set(key, { unit, date, n: this.#quantityOf(h) });
        }
      }
      for (const key of [...decrements.keys()].sort()) {
        const { unit, date, n } = decrements.get(key)!;
        const changed = await trx(s.counted)
          .where({ ...unit, [s.date]: date })
          .update({ held: trx.raw('held - ?', [n]), version: trx.raw('version + 1') });
        if (changed !== 1) throw new Error(`${s.counted} row missing for ${key}`);
      }
      await trx(s.holds)
        .whereIn(
          'id',
          due.map((h) => h.id),
        )
        .update({ status: 'expired', updated_at: at });
      await recordInventoryEvents(
        trx,
        due.map((h) => ({
          holdId: h.id,
          at,
          type: 'hold.expired',
          actor,
          detail: { reason: 'hold_expired' },
        })),
      );
      return due.map((h) => ({
        row: { ...h, status: 'expired', updated_at: at },
        dates: eachDate(this.#startOf(h), this.#endOf(h)),
      }));
    });
  }

  async find(id: string): Promise<DatedHoldRow | undefined> {
    return (await this.knex(this.#s.holds).where({ id }).first()) as DatedHoldRow | undefined;
  }

  async statuses(ids: readonly string[]): Promise<Map<string, HoldStatus>> {
    const out = new Map<string, HoldStatus>();
    if (ids.length === 0) return out;
    const rows = (await this.knex(this.#s.holds).select('id', 'status').whereIn('id', ids)) as {
      id: string;
      status: HoldStatus;
    }[];
    for (const r of rows) out.set(r.id, r.status);
    return out;
  }

  /**
   * Rows breaking the invariant: counts out of 0 <= held, 0 <= booked, held + booked <= capacity (+ the
   * allowance, where the store has one), or
   * disagreeing with the holds (held = units of `held` holds over the date, booked = of `booked` ones),
   * and held or booked holds missing a counted row on one of their dates.
   */
  async checkInvariant(): Promise<InvariantViolation[]> {
    const s = this.#s;
    const match = s.unit.map((c) => `h.${c} = c.${c}`).join(' and ');
    const expected = (status: HoldStatus) =>
      `(select coalesce(sum(h.${s.quantity}), 0) from ${s.holds} h where ${match} and h.status = '${status}' ` +
      `and h.${s.start} <= c.${s.date} and h.${s.end} > c.${s.date})`;
    const counted = (await this.knex.raw(
      `select c.*, ${expected('held')} as expected_held, ${expected('booked')} as expected_booked from ${s.counted} c`,
    )) as unknown;
    const violations: InvariantViolation[] = [];
    for (const r of rowsOf(counted)) {
      const [held, booked, capacity] = [asInt(r.held), asInt(r.booked), asInt(r.capacity)];
      const allowance = s.allowance ? asInt(r[s.allowance]) : 0;
      const problems: string[] = [];
      if (held < 0 || booked < 0 || allowance < 0) problems.push('negative count');
      if (held + booked > capacity + allowance) {
        problems.push(
          `held ${held} + booked ${booked} > capacity ${capacity}` +
            (allowance > 0 ? ` + allowance ${allowance}` : ''),
        );
      }
      if (held !== asInt(r.expected_held))
        problems.push(`held ${held} but held holds say ${r.expected_held}`);
      if (booked !== asInt(r.expected_booked))
        problems.push(`booked ${booked} but booked holds say ${r.expected_booked}`);
      if (problems.length > 0) {
        const key = Object.fromEntries([...s.unit, s.date].map((c) => [c, r[c]]));
        violations.push({ table: s.counted, key, problem: problems.join('; ') });
      }
    }
    const holdRows = (await this.knex.raw(
      `select h.*, (select count(*) from ${s.counted} c where ${match} and c.${s.date} >= h.${s.start} ` +
        `and c.${s.date} < h.${s.end}) as counted_rows from ${s.holds} h where h.status in ('held', 'booked')`,
    )) as unknown;
    for (const h of rowsOf(holdRows)) {
      const nights = eachDate(String(h[s.start]), String(h[s.end])).length;
      if (asInt(h.counted_rows) !== nights) {
        violations.push({
          table: s.holds,
          key: { id: h.id },
          problem: `${h.status} over ${nights} dates but ${h.counted_rows} counted rows`,
        });
      }
    }
    return violations;
  }

  async #end(id: string, from: HoldStatus, to: HoldEnd, now: Date, actor: string): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const h = await this.#lockHold(trx, id);
      if (!h || h.status !== from) return false;
      const q = this.#quantityOf(h);
      await this.#shift(
        trx,
        this.#unitOf(h),
        this.#startOf(h),
        this.#endOf(h),
        from === 'held' ? { held: -q } : { booked: -q },
      );
      await trx(this.#s.holds).where({ id }).update({ status: to, updated_at: at });
      await recordInventoryEvents(trx, [{ holdId: id, at, type: `hold.${to}`, actor }]);
      return true;
    });
  }

  async #lockHold(trx: Knex.Transaction, id: string): Promise<DatedHoldRow | undefined> {
    return (await forUpdate(trx, trx(this.#s.holds).where({ id }).first())) as DatedHoldRow | undefined;
  }

  /** PostgreSQL: locks the unit's counted rows over [from, to) in date order, the one lock order. */
  async #lockCounted(trx: Knex.Transaction, unit: UnitKey, from: string, to: string): Promise<void> {
    if (dialectOf(trx) !== 'pg') return;
    const s = this.#s;
    await trx(s.counted)
      .select(s.date)
      .where(unit)
      .where(s.date, '>=', from)
      .where(s.date, '<', to)
      .orderBy(s.date)
      .forUpdate();
  }

  /** Moves counts on every date of [from, to); every date must have its row. */
  async #shift(
    trx: Knex.Transaction,
    unit: UnitKey,
    from: string,
    to: string,
    delta: { held?: number; booked?: number },
  ): Promise<void> {
    const s = this.#s;
    await this.#lockCounted(trx, unit, from, to);
    const set: Record<string, Knex.Raw> = { version: trx.raw('version + 1') };
    if (delta.held) set.held = trx.raw('held + ?', [delta.held]);
    if (delta.booked) set.booked = trx.raw('booked + ?', [delta.booked]);
    const n = await trx(s.counted).where(unit).where(s.date, '>=', from).where(s.date, '<', to).update(set);
    const dates = eachDate(from, to).length;
    if (n !== dates) throw new Error(`${s.counted}: ${n} of ${dates} rows of ${JSON.stringify(unit)} exist`);
  }

  #unitOf(h: DatedHoldRow): UnitKey {
    return Object.fromEntries(this.#s.unit.map((c) => [c, String(h[c])]));
  }
  #startOf(h: DatedHoldRow): string {
    return String(h[this.#s.start]);
  }
  #endOf(h: DatedHoldRow): string {
    return String(h[this.#s.end]);
  }
  #quantityOf(h: DatedHoldRow): number {
    return asInt(h[this.#s.quantity]);
  }
}

/** `knex.raw` answers rows directly on SQLite and as `{ rows }` on PostgreSQL. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}
