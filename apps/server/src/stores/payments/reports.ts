import type { Knex } from 'knex';
import type { ItemType } from '@tripdesk/shared';
import { dialectOf, asInt } from '../knex.ts';
import { CAPTURED_PAYMENT_STATUSES } from './payments.ts';

/** A period of instants: [from, to), ISO-8601 UTC text as stored. */
export interface InstantRange {
  readonly from: string;
  readonly to: string;
}

/** A sold stay of a hotel with a night in the period, as sold. */
export interface SoldStayRow {
  readonly itemId: string;
  readonly hotelId: string;
  readonly checkIn: string;
  readonly checkOut: string;
  readonly rooms: number;
  readonly priceAmount: number;
  readonly currency: string;
  /** The priced extras (JSON as stored: `[{ price: { amount }, quantity }]`). */
  readonly extras: readonly { price?: { amount?: number }; quantity?: number }[];
}

/** Money moved on one UTC date, for one item type and currency. */
export interface MoneyByDayRow {
  readonly date: string;
  /** `trip`: a refund not tied to one item. */
  readonly itemType: ItemType | 'trip';
  readonly currency: string;
  readonly count: number;
  readonly amount: number;
}

/** What became of the items placed in a period, per type. */
export interface HoldOutcomeRow {
  readonly itemType: ItemType;
  readonly placed: number;
  readonly paid: number;
  readonly expired: number;
  readonly released: number;
  readonly held: number;
  readonly cancelled: number;
}

export interface PayAttemptCounts {
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly declined: number;
}

/** Statuses of a sold stay: its nights count as sold. Cancelled ones gave their rooms back. */
const SOLD_STAY_STATUSES = ['confirmed', 'checked_in', 'checked_out'] as const;

/** An item paid by the pay saga: it has an `item.confirmed` event (whatever happened to it after). */
const PAID = `exists (select 1 from trip_events e where e.trip_id = i.trip_id and e.item_id = i.id and e.type = 'item.confirmed')`;

/**
 * The price an item was paid at: before its first completed change, the change's old price; else its
 * price now. A change's difference is money of its own (item_changes' charge, or a refund).
 */
const PRICE_AS_PAID =
  'coalesce((select c.old_price from item_changes c where c.item_id = i.id ' +
  "and c.status in ('swapped', 'completed') order by c.created_at, c.id limit 1), i.price_amount)";

/**
 * The payments store's reads for reports (reports/reports.ts): sold stays, money captured and given
 * back by day, the fate of holds and pay attempts. Aggregates in SQL, in a form both SQLite and
 * PostgreSQL run; PostgreSQL answers counts and sums as strings, hence `asInt`.
 */
export class PaymentReportsRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Confirmed, checked-in and checked-out stays of the hotels with a night in [from, to). */
  async soldStays(hotelIds: readonly string[], from: string, to: string): Promise<SoldStayRow[]> {
    if (hotelIds.length === 0) return [];
    const k = this.knex;
    const field = (name: 'checkIn' | 'checkOut' | 'rooms') =>
      dialectOf(k) === 'pg' ? `(i.details::json ->> '${name}')` : `json_extract(i.details, '$.${name}')`;
    const rows = (await k('trip_items as i')
      .select(
        'i.id',
        'i.hotel_id',
        'i.price_amount',
        'i.currency',
        'i.extras',
        k.raw(`${field('checkIn')} as check_in`),
        k.raw(`${field('checkOut')} as check_out`),
        k.raw(`${field('rooms')} as rooms`),
      )
      .where('i.type', 'hotel')
      .whereIn('i.hotel_id', hotelIds)
      .whereIn('i.status', SOLD_STAY_STATUSES)
      .whereRaw(`${field('checkIn')} < ?`, [to])
      .whereRaw(`${field('checkOut')} > ?`, [from])
      .orderBy('i.id')) as {
      id: string;
      hotel_id: string;
      price_amount: unknown;
      currency: string;
      extras: string;
      check_in: string;
      check_out: string;
      rooms: unknown;
    }[];
    return rows.map((r) => ({
      itemId: r.id,
      hotelId: r.hotel_id,
      checkIn: r.check_in,
      checkOut: r.check_out,
      rooms: asInt(r.rooms ?? 1) || 1,
      priceAmount: asInt(r.price_amount),
      currency: r.currency,
      extras: JSON.parse(r.extras || '[]') as SoldStayRow['extras'],
    }));
  }

  /**
   * Money captured per UTC date, item type and currency: the items a trip's payment paid, at the price
   * they were paid (dated by the payment's capture), and the supplements of changes that cost more
   * (dated by the change, whose request captures them). `hotelId`: stays of that hotel only.
   */
  async salesByDay(range: InstantRange, hotelId?: string): Promise<MoneyByDayRow[]> {
    const k = this.knex;
    const day = (col: string) => k.raw(`substr(${col}, 1, 10)`);
    const paid = (await k('payments as p')
      .join('trip_items as i', 'i.trip_id', 'p.trip_id')
      .select(
        day('p.paid_at').wrap('', ' as day'),
        'i.type as item_type',
        'i.currency',
        k.raw('count(*) as n'),
        k.raw(`sum(${PRICE_AS_PAID}) as amount`),
      )
      .whereIn('p.status', CAPTURED_PAYMENT_STATUSES)
      .where('p.paid_at', '>=', range.from)
      .where('p.paid_at', '<', range.to)
      .whereRaw(PAID)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })
      .groupBy(day('p.paid_at'))
      .groupBy('i.type', 'i.currency')) as DayRow[];
    const supplements = (await k('item_changes as c')
      .join('trip_items as i', 'i.id', 'c.item_id')
      .select(
        day('c.created_at').wrap('', ' as day'),
        'c.item_type',
        'c.currency',
        k.raw('count(*) as n'),
        k.raw('sum(c.charged_amount) as amount'),
      )
      .where('c.charge_status', 'captured')
      .where('c.created_at', '>=', range.from)
      .where('c.created_at', '<', range.to)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })
      .groupBy(day('c.created_at'))
      .groupBy('c.item_type', 'c.currency')) as DayRow[];
    return [...paid, ...supplements].map(toMoneyByDay);
  }

  /**
   * The taxes and fees of the items paid in the period (as sold: the lines in each item's details), per
   * UTC date of the capture, item type and currency; read beside `salesByDay`, which counts them in.
   */
  async taxesByDay(range: InstantRange, hotelId?: string): Promise<MoneyByDayRow[]> {
    const k = this.knex;
    const rows = (await k('payments as p')
      .join('trip_items as i', 'i.trip_id', 'p.trip_id')
      .select(k.raw('substr(p.paid_at, 1, 10) as day'), 'i.type as item_type', 'i.currency', 'i.details')
      .whereIn('p.status', CAPTURED_PAYMENT_STATUSES)
      .where('p.paid_at', '>=', range.from)
      .where('p.paid_at', '<', range.to)
      .whereRaw(PAID)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })) as { day: string; item_type: string; currency: string; details: unknown }[];
    const sums = new Map<string, DayRow>();
    for (const r of rows) {
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as {
        taxes?: { amount: { amount: number } }[];
      } | null;
      const amount = (details?.taxes ?? []).reduce((sum, t) => sum + t.amount.amount, 0);
      if (amount === 0) continue;
      const key = `${r.day}|${r.item_type}|${r.currency}`;
      const row = sums.get(key) ?? {
        day: r.day,
        item_type: r.item_type,
        currency: r.currency,
        n: 0,
        amount: 0,
      };
      sums.set(key, { ...row, n: Number(row.n) + 1, amount: Number(row.amount) + amount });
    }
    return [...sums.values()].map(toMoneyByDay);
  }

  /**
   * Succeeded refunds per UTC date (of their settling), item type and currency: refunds of trip payments
   * (`trip` when not tied to one item) and of change supplements. `hotelId`: stays of that hotel only.
   */
  async refundsByDay(range: InstantRange, hotelId?: string): Promise<MoneyByDayRow[]> {
    const k = this.knex;
    const day = (col: string) => k.raw(`substr(${col}, 1, 10)`);
    const typeOf = k.raw("coalesce(i.type, 'trip')");
    const refunds = (await k('refunds as r')
      .leftJoin('trip_items as i', 'i.id', 'r.item_id')
      .select(
        day('r.updated_at').wrap('', ' as day'),
        k.raw("coalesce(i.type, 'trip') as item_type"),
        'r.currency',
        k.raw('count(*) as n'),
        k.raw('sum(r.amount) as amount'),
      )
      .where('r.status', 'succeeded')
      .where('r.updated_at', '>=', range.from)
      .where('r.updated_at', '<', range.to)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })
      .groupBy(day('r.updated_at'))
      .groupBy(typeOf)
      .groupBy('r.currency')) as DayRow[];
    const supplements = (await k('supplement_refunds as s')
      .join('trip_items as i', 'i.id', 's.item_id')
      .select(
        day('s.updated_at').wrap('', ' as day'),
        'i.type as item_type',
        's.currency',
        k.raw('count(*) as n'),
        k.raw('sum(s.amount) as amount'),
      )
      .where('s.status', 'succeeded')
      .where('s.updated_at', '>=', range.from)
      .where('s.updated_at', '<', range.to)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })
      .groupBy(day('s.updated_at'))
      .groupBy('i.type', 's.currency')) as DayRow[];
    return [...refunds, ...supplements].map(toMoneyByDay);
  }

  /**
   * The items placed (created) in the period, per type, and what became of them by `now`: paid (an
   * `item.confirmed` event), then maybe cancelled; or, unpaid, expired (a held one past its expiry
   * counts as expired before the sweeper marks it), released (removed, or cancelled while held) or
   * still held.
   */
  async holdOutcomes(range: InstantRange, now: string, hotelId?: string): Promise<HoldOutcomeRow[]> {
    const k = this.knex;
    const sum = (cond: string, alias: string, bindings: string[] = []) =>
      k.raw(`sum(case when ${cond} then 1 else 0 end) as ${alias}`, bindings);
    const items = k('trip_items as i')
      .select('i.type', 'i.status', 'i.hold_expires_at', k.raw(`case when ${PAID} then 1 else 0 end as paid`))
      .where('i.created_at', '>=', range.from)
      .where('i.created_at', '<', range.to)
      .modify((q) => {
        if (hotelId !== undefined) q.where('i.hotel_id', hotelId);
      })
      .as('x');
    const rows = (await k
      .from(items)
      .select(
        'x.type',
        k.raw('count(*) as placed'),
        k.raw('sum(x.paid) as paid'),
        sum(
          "x.paid = 0 and (x.status = 'expired' or (x.status = 'held' and x.hold_expires_at <= ?))",
          'expired',
          [now],
        ),
        sum("x.paid = 0 and x.status in ('released', 'cancelled')", 'released'),
        sum("x.paid = 0 and x.status = 'held' and x.hold_expires_at > ?", 'held', [now]),
        sum("x.paid = 1 and x.status = 'cancelled'", 'cancelled'),
      )
      .groupBy('x.type')
      .orderBy('x.type')) as Record<string, unknown>[];
    return rows.map((r) => ({
      itemType: r.type as ItemType,
      placed: asInt(r.placed),
      paid: asInt(r.paid),
      expired: asInt(r.expired),
      released: asInt(r.released),
      held: asInt(r.held),
      cancelled: asInt(r.cancelled),
    }));
  }

  /**
   * Pay attempts started in the period (one payment row each): captured, ended without money (failed
   * or voided), and of those declined by the issuer. `hotelId`: trips with a stay at that hotel.
   */
  async payAttempts(range: InstantRange, hotelId?: string): Promise<PayAttemptCounts> {
    const k = this.knex;
    const captured = CAPTURED_PAYMENT_STATUSES.map((s) => `'${s}'`).join(', ');
    const row = (await k('payments as p')
      .select(
        k.raw('count(*) as attempts'),
        k.raw(`sum(case when p.status in (${captured}) then 1 else 0 end) as succeeded`),
        k.raw("sum(case when p.status in ('failed', 'voided') then 1 else 0 end) as failed"),
        k.raw('sum(case when p.decline_code is not null then 1 else 0 end) as declined'),
      )
      .where('p.created_at', '>=', range.from)
      .where('p.created_at', '<', range.to)
      .modify((q) => {
        if (hotelId !== undefined) {
          q.whereExists(
            k('trip_items as i')
              .select(k.raw('1'))
              .whereRaw('i.trip_id = p.trip_id')
              .where('i.hotel_id', hotelId),
          );
        }
      })
      .first()) as Record<string, unknown> | undefined;
    return {
      attempts: asInt(row?.attempts),
      succeeded: asInt(row?.succeeded),
      failed: asInt(row?.failed),
      declined: asInt(row?.declined),
    };
  }
}

interface DayRow {
  day: string;
  item_type: string;
  currency: string;
  n: unknown;
  amount: unknown;
}

const toMoneyByDay = (r: DayRow): MoneyByDayRow => ({
  date: r.day,
  itemType: r.item_type as MoneyByDayRow['itemType'],
  currency: r.currency,
  count: asInt(r.n),
  amount: asInt(r.amount),
});
