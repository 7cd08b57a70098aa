import type { Knex } from 'knex';
import type { ItemStatus, ItemType } from '@tripdesk/shared';
import { countRows, inSnapshot } from '../consistency.ts';
import { inTransaction } from '../transactions.ts';
import { asInt } from '../knex.ts';
import { FINISHED_CHANGE_STATUSES } from './after-sale.ts';
import { CAPTURED_PAYMENT_STATUSES, TERMINAL_PAY_SAGA_STEPS } from './payments.ts';
import { ConsistencyRunsRepository } from './consistency-runs.ts';

/** Item statuses of a sold item: paid, and the units are the customer's. */
export const SOLD_ITEM_STATUSES: readonly ItemStatus[] = ['confirmed', 'checked_in', 'checked_out'];

/** A sold item whose trip has no captured payment. */
export interface UnpaidSoldItem {
  readonly id: string;
  readonly tripId: string;
  readonly status: ItemStatus;
  /** The trip has a pay saga not finished yet. */
  readonly sagaUnfinished: boolean;
}

/** A pay saga not finished and not written since some instant. */
export interface StaleSaga {
  readonly attemptId: string;
  readonly tripId: string;
  readonly step: string;
  readonly updatedAt: string;
}

/** A cancellation of a paid item with the refund records its refund left. */
export interface PaidCancellationCheck {
  readonly id: string;
  readonly tripId: string;
  readonly itemId: string;
  readonly status: string;
  readonly refundStatus: string;
  readonly refundAmount: number;
  readonly currency: string;
  /** Succeeded refunds under the cancellation's keys: of the trip's payment and of the item's charges. */
  readonly refunded: number;
  /** Refund records under its keys still pending. */
  readonly pendingParts: number;
}

/** One trip's money and what it paid for, as the ledger rule reads them (test/pay-ledger.test.ts). */
export interface TripLedgerCheck {
  readonly tripId: string;
  readonly currency: string;
  /** Of its captured payments: taken, and given back (succeeded refunds). */
  readonly captured: number;
  readonly refunded: number;
  /** Of its changes' own charges: taken, and given back. */
  readonly charged: number;
  readonly chargeRefunded: number;
  /** Prices of its items still sold, and how many. */
  readonly sold: number;
  readonly soldItems: number;
  /** Fees kept by the cancellations of its paid items, and how many such cancellations. */
  readonly fees: number;
  readonly paidCancellations: number;
  /** Why its money may be mid-way now (a saga, cancellation, change or refund not finished); undefined: settled. */
  readonly inFlight: string | undefined;
}

/** A trip item as the cross-store check compares it with its hold. */
export interface ItemCheck {
  readonly id: string;
  readonly tripId: string;
  readonly type: ItemType;
  readonly status: ItemStatus;
  /** The inventory hold that carries the item (trip_items.hold_id, or the item's own id). */
  readonly holdId: string;
  readonly holdExpiresAt: string | null;
  /** The trip has a pay saga not finished yet. */
  readonly sagaUnfinished: boolean;
  /** The item's cancellation record: its progress and what its hold was; null when none. */
  readonly cancellation: { readonly status: string; readonly holdStatus: string } | null;
  /** The item has a change not finished yet. */
  readonly changeUnfinished: boolean;
}

/**
 * The consistency checker's reads in the payments store (consistency/), with its stored runs
 * (consistency-runs.ts). Every scan reads one batch at one point of the store (one snapshot), so money,
 * items and the records of work in flight are always seen together.
 */
export class PaymentsConsistencyRepository extends ConsistencyRunsRepository {
  readonly #writer: Knex;
  readonly #reader: Knex;

  constructor(writer: Knex, reader: Knex) {
    super(writer, reader);
    this.#writer = writer;
    this.#reader = reader;
  }

  // ------------------------------------------------------------------------------------------
  // Sold items and their payments

  async countSoldItems(): Promise<number> {
    const row = (await this.#reader('trip_items')
      .whereIn('status', SOLD_ITEM_STATUSES)
      .first(this.#reader.raw('count(*) as n'))) as { n: unknown } | undefined;
    return asInt(row?.n);
  }

  /** Sold items whose trip has no captured payment, by id after `after`, at most `limit`. */
  async unpaidSoldItems(after: string, limit: number): Promise<UnpaidSoldItem[]> {
    return inSnapshot(this.#reader, async (trx) => {
      const rows = (await trx('trip_items as i')
        .select('i.id', 'i.trip_id', 'i.status')
        .whereIn('i.status', SOLD_ITEM_STATUSES)
        .whereNotExists(
          trx('payments as p')
            .select(trx.raw('1'))
            .whereRaw('p.trip_id = i.trip_id')
            .whereIn('p.status', CAPTURED_PAYMENT_STATUSES),
        )
        .where('i.id', '>', after)
        .orderBy('i.id')
        .limit(limit)) as { id: string; trip_id: string; status: ItemStatus }[];
      const unfinished = await unfinishedSagaTrips(trx, [...new Set(rows.map((r) => r.trip_id))]);
      return rows.map((r) => ({
        id: r.id,
        tripId: r.trip_id,
        status: r.status,
        sagaUnfinished: unfinished.has(r.trip_id),
      }));
    });
  }

  async countUnfinishedSagas(): Promise<number> {
    const row = (await this.#reader('pay_sagas')
      .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
      .first(this.#reader.raw('count(*) as n'))) as { n: unknown } | undefined;
    return asInt(row?.n);
  }

  /** Pay sagas not finished and not written since `staleBefore`, oldest first, at most `limit`. */
  async staleSagas(staleBefore: string, limit: number): Promise<StaleSaga[]> {
    const rows = (await this.#reader('pay_sagas')
      .select('attempt_id', 'trip_id', 'step', 'updated_at')
      .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
      .where('updated_at', '<=', staleBefore)
      .orderBy([{ column: 'updated_at' }, { column: 'attempt_id' }])
      .limit(limit)) as { attempt_id: string; trip_id: string; step: string; updated_at: string }[];
    return rows.map((r) => ({
      attemptId: r.attempt_id,
      tripId: r.trip_id,
      step: r.step,
      updatedAt: r.updated_at,
    }));
  }

  /** Whether the trip's pay saga is still unfinished (read now, in the writer). */
  async sagaUnfinished(tripId: string): Promise<boolean> {
    const row = await this.#writer('pay_sagas')
      .where({ trip_id: tripId })
      .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
      .first('attempt_id');
    return row !== undefined;
  }

  /** Whether the trip has a captured payment now (read in the writer). */
  async hasCapturedPayment(tripId: string): Promise<boolean> {
    const row = await this.#writer('payments')
      .where({ trip_id: tripId })
      .whereIn('status', CAPTURED_PAYMENT_STATUSES)
      .first('id');
    return row !== undefined;
  }

  /**
   * Cancellations of paid items with a refund to give (`hold_status` booked, refund above zero), by id
   * after `after`, each with the refund records under its gateway keys (`refund:{trip}:{item}:cancel`,
   * after-sale/cancellation.ts): `…:pay` on the trip's payment, `…:chg:{change}` on the item's charges.
   */
  async paidCancellations(after: string, limit: number): Promise<PaidCancellationCheck[]> {
    const stem = "('refund:' || c.trip_id || ':' || c.item_id || ':cancel')";
    const rows = (await this.#reader('item_cancellations as c')
      .select(
        'c.id',
        'c.trip_id',
        'c.item_id',
        'c.status',
        'c.refund_status',
        'c.refund_amount',
        'c.currency',
        this.#reader.raw(
          `(select coalesce(sum(r.amount), 0) from refunds r where r.trip_id = c.trip_id ` +
            `and r.idempotency_key = (${stem} || ':pay') and r.status = 'succeeded') as refunded_pay`,
        ),
        this.#reader.raw(
          `(select coalesce(sum(s.amount), 0) from supplement_refunds s where s.item_id = c.item_id ` +
            `and s.idempotency_key like (${stem} || ':chg:%') and s.status = 'succeeded') as refunded_charges`,
        ),
        this.#reader.raw(
          `(select count(*) from refunds r where r.trip_id = c.trip_id ` +
            `and r.idempotency_key = (${stem} || ':pay') and r.status = 'pending') as pending_pay`,
        ),
        this.#reader.raw(
          `(select count(*) from supplement_refunds s where s.item_id = c.item_id ` +
            `and s.idempotency_key like (${stem} || ':chg:%') and s.status = 'pending') as pending_charges`,
        ),
      )
      .where('c.hold_status', 'booked')
      .where('c.refund_amount', '>', 0)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(limit)) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r.id),
      tripId: String(r.trip_id),
      itemId: String(r.item_id),
      status: String(r.status),
      refundStatus: String(r.refund_status),
      refundAmount: asInt(r.refund_amount),
      currency: String(r.currency),
      refunded: asInt(r.refunded_pay) + asInt(r.refunded_charges),
      pendingParts: asInt(r.pending_pay) + asInt(r.pending_charges),
    }));
  }

  /** Cancelled items without a cancellation record (every cancellation writes one with the item). */
  async cancelledItemsWithoutRecord(after: string, limit: number): Promise<{ id: string; tripId: string }[]> {
    const rows = (await this.#reader('trip_items as i')
      .select('i.id', 'i.trip_id')
      .where('i.status', 'cancelled')
      .whereNotExists(
        this.#reader('item_cancellations as c').select(this.#reader.raw('1')).whereRaw('c.item_id = i.id'),
      )
      .where('i.id', '>', after)
      .orderBy('i.id')
      .limit(limit)) as { id: string; trip_id: string }[];
    return rows.map((r) => ({ id: r.id, tripId: r.trip_id }));
  }

  // ------------------------------------------------------------------------------------------
  // Captured payments and what they paid for

  /** Trips with a captured payment after `after` (by id), at most `limit`, each with its ledger, at one point. */
  tripLedgers(after: string, limit: number): Promise<TripLedgerCheck[]> {
    return inSnapshot(this.#reader, (trx) =>
      ledgers(trx, (q) => q.where('trip_id', '>', after).orderBy('trip_id').limit(limit)),
    );
  }

  /** One trip's ledger now (in the writer, at one point): the re-check before reporting. */
  tripLedger(tripId: string): Promise<TripLedgerCheck[]> {
    return inSnapshot(this.#writer, (trx) => ledgers(trx, (q) => q.where({ trip_id: tripId })));
  }

  // ------------------------------------------------------------------------------------------
  // Held items past their deadline

  async countHeldItems(): Promise<number> {
    const row = (await this.#reader('trip_items')
      .where('status', 'held')
      .first(this.#reader.raw('count(*) as n'))) as { n: unknown } | undefined;
    return asInt(row?.n);
  }

  async countOverdueItems(cutoff: string): Promise<number> {
    const row = (await this.#reader('trip_items')
      .where('status', 'held')
      .where('hold_expires_at', '<=', cutoff)
      .first(this.#reader.raw('count(*) as n'))) as { n: unknown } | undefined;
    return asInt(row?.n);
  }

  /** Held items whose deadline is at or before `cutoff`, by id, at most `limit`. */
  async overdueItems(cutoff: string, limit: number): Promise<{ id: string; holdExpiresAt: string }[]> {
    const rows = (await this.#reader('trip_items')
      .select('id', 'hold_expires_at')
      .where('status', 'held')
      .where('hold_expires_at', '<=', cutoff)
      .orderBy('id')
      .limit(limit)) as { id: string; hold_expires_at: string }[];
    return rows.map((r) => ({ id: r.id, holdExpiresAt: r.hold_expires_at }));
  }

  /** Statuses of items by id, now (in the writer). */
  async itemStatuses(ids: readonly string[]): Promise<Map<string, ItemStatus>> {
    const out = new Map<string, ItemStatus>();
    if (ids.length === 0) return out;
    const rows = (await this.#writer('trip_items').select('id', 'status').whereIn('id', ids)) as {
      id: string;
      status: ItemStatus;
    }[];
    for (const r of rows) out.set(r.id, r.status);
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Trip items against their holds

  countItems(): Promise<number> {
    return countRows(this.#reader, 'trip_items');
  }

  /** Up to `limit` trip items by id after `after`, with the work in flight on them, at one point. */
  async scanItems(after: string, limit: number): Promise<ItemCheck[]> {
    return inSnapshot(this.#reader, async (trx) => {
      const rows = (await trx('trip_items')
        .select('id', 'trip_id', 'type', 'status', 'hold_id', 'hold_expires_at')
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)) as Record<string, unknown>[];
      return itemChecks(trx, rows);
    });
  }

  /** One item as `scanItems` reads it, now (in the writer): the re-check before reporting or repairing. */
  async findItem(id: string): Promise<ItemCheck | undefined> {
    return inTransaction(this.#writer, async (trx) => {
      const rows = (await trx('trip_items')
        .select('id', 'trip_id', 'type', 'status', 'hold_id', 'hold_expires_at')
        .where({ id })) as Record<string, unknown>[];
      return (await itemChecks(trx, rows))[0];
    });
  }
}

/** Trips among `tripIds` with a pay saga not finished. */
async function unfinishedSagaTrips(trx: Knex.Transaction, tripIds: readonly string[]): Promise<Set<string>> {
  if (tripIds.length === 0) return new Set();
  const ids = (await trx('pay_sagas')
    .distinct('trip_id')
    .whereIn('trip_id', tripIds)
    .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
    .pluck('trip_id')) as string[];
  return new Set(ids);
}

/** Items with the work in flight on them: their trip's saga, their cancellation, their changes. */
async function itemChecks(trx: Knex.Transaction, rows: Record<string, unknown>[]): Promise<ItemCheck[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const sagas = await unfinishedSagaTrips(trx, [...new Set(rows.map((r) => String(r.trip_id)))]);
  const cancellations = (await trx('item_cancellations')
    .select('item_id', 'status', 'hold_status')
    .whereIn('item_id', ids)) as { item_id: string; status: string; hold_status: string }[];
  const changing = new Set(
    (await trx('item_changes')
      .distinct('item_id')
      .whereIn('item_id', ids)
      .whereNotIn('status', FINISHED_CHANGE_STATUSES)
      .pluck('item_id')) as string[],
  );
  return rows.map((r) => {
    const id = String(r.id);
    const c = cancellations.find((x) => x.item_id === id);
    return {
      id,
      tripId: String(r.trip_id),
      type: r.type as ItemType,
      status: r.status as ItemStatus,
      holdId: r.hold_id === null || r.hold_id === undefined ? id : String(r.hold_id),
      holdExpiresAt: r.hold_expires_at === null ? null : String(r.hold_expires_at),
      sagaUnfinished: sagas.has(String(r.trip_id)),
      cancellation: c ? { status: c.status, holdStatus: c.hold_status } : null,
      changeUnfinished: changing.has(id),
    };
  });
}

/**
 * Ledgers of the trips the `select` picks among those with a captured payment, in the caller's
 * snapshot: money taken and given back, what was sold and the fees kept, and any work in flight.
 */
async function ledgers(
  trx: Knex.Transaction,
  select: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<TripLedgerCheck[]> {
  const paid = (await select(
    trx('payments')
      .select('trip_id', 'currency')
      .sum({ captured: 'amount' })
      .sum({ refunded: 'refunded_amount' })
      .whereIn('status', CAPTURED_PAYMENT_STATUSES)
      .groupBy('trip_id', 'currency'),
  )) as Record<string, unknown>[];
  if (paid.length === 0) return [];
  const ids = [...new Set(paid.map((p) => String(p.trip_id)))];
  const sold = (await trx('trip_items')
    .select('trip_id', 'currency')
    .sum({ amount: 'price_amount' })
    .count({ n: '*' })
    .whereIn('trip_id', ids)
    .whereIn('status', SOLD_ITEM_STATUSES)
    .groupBy('trip_id', 'currency')) as Record<string, unknown>[];
  const fees = (await trx('item_cancellations')
    .select('trip_id', 'currency')
    .sum({ amount: 'fee_amount' })
    .count({ n: '*' })
    .whereIn('trip_id', ids)
    .where('hold_status', 'booked')
    .groupBy('trip_id', 'currency')) as Record<string, unknown>[];
  const charges = (await trx('item_changes')
    .select('trip_id', 'currency')
    .sum({ charged: 'charged_amount' })
    .sum({ refunded: 'charge_refunded_amount' })
    .whereIn('trip_id', ids)
    .where('charge_status', 'captured')
    .groupBy('trip_id', 'currency')) as Record<string, unknown>[];

  const inFlight = new Map<string, string>();
  const mark = (tripIds: Iterable<string>, why: string) => {
    for (const id of tripIds) if (!inFlight.has(id)) inFlight.set(id, why);
  };
  mark(await unfinishedSagaTrips(trx, ids), 'a payment is in progress');
  mark(
    (await trx('item_cancellations')
      .distinct('trip_id')
      .whereIn('trip_id', ids)
      .where((w) => w.whereNot('status', 'completed').orWhere('refund_status', 'pending'))
      .pluck('trip_id')) as string[],
    'a cancellation is in progress',
  );
  mark(
    (await trx('item_changes')
      .distinct('trip_id')
      .whereIn('trip_id', ids)
      .where((w) =>
        w
          .whereNotIn('status', FINISHED_CHANGE_STATUSES)
          .orWhere('refund_status', 'pending')
          .orWhereIn('charge_status', ['authorizing', 'authorized']),
      )
      .pluck('trip_id')) as string[],
    'a change is in progress',
  );
  for (const table of ['refunds', 'supplement_refunds']) {
    mark(
      (await trx(table)
        .distinct('trip_id')
        .whereIn('trip_id', ids)
        .where('status', 'pending')
        .pluck('trip_id')) as string[],
      'a refund is in progress',
    );
  }

  const find = (list: Record<string, unknown>[], tripId: string, currency: string) =>
    list.find((x) => x.trip_id === tripId && x.currency === currency);
  return paid.map((p) => {
    const tripId = String(p.trip_id);
    const currency = String(p.currency);
    const s = find(sold, tripId, currency);
    const f = find(fees, tripId, currency);
    const c = find(charges, tripId, currency);
    return {
      tripId,
      currency,
      captured: asInt(p.captured),
      refunded: asInt(p.refunded),
      charged: asInt(c?.charged),
      chargeRefunded: asInt(c?.refunded),
      sold: asInt(s?.amount),
      soldItems: asInt(s?.n),
      fees: asInt(f?.amount),
      paidCancellations: asInt(f?.n),
      inFlight: inFlight.get(tripId),
    };
  });
}
