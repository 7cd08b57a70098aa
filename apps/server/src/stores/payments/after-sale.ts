import type { Knex } from 'knex';
import type { ItemStatus, ItemType, Money } from '@tripdesk/shared';
import { isUniqueViolation } from '../constraint-violations.ts';
import { asInt, iso } from '../knex.ts';
import { forUpdate, inTransaction } from '../transactions.ts';
import { NO_NOTIFICATIONS, recordNotifications, type NotificationPolicy } from './outbox.ts';
import {
  TripChangeConflict,
  TripsRepository,
  travelOf,
  type NewTripEvent,
  type TripItemRow,
  type TripRecord,
  type TripRow,
} from './trips.ts';

/*
 * The payments store after the sale: sold items' details, price and hold (check-in, check-out,
 * changes), the front desk's stays, cancellations with their refunds, item changes with their charges,
 * and refunds of those charges. The only code touching item_cancellations, item_changes and
 * supplement_refunds, and trip_items' details, price and hold.
 */

// ---------------------------------------------------------------------------------------------
// Items

/**
 * A change to one item beyond its status: the front desk's room and times, a changed item's details and
 * price, the hold that now carries it. Applies only while the item is still in `from`.
 */
export interface ItemUpdate {
  readonly id: string;
  readonly from: ItemStatus;
  readonly status?: ItemStatus;
  /** The item's type fields, replaced whole. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly priceAmount?: number;
  readonly extras?: readonly unknown[];
  readonly cancellationPolicy?: unknown;
  /** The inventory hold that carries the item from now on (after a change). */
  readonly holdId?: string;
}

/** What a service decided to write to one trip, inside the trip's transaction. */
export interface ItemsChange {
  readonly trip?: Partial<Pick<TripRow, 'status' | 'total_amount' | 'hold_expires_at'>>;
  readonly items: readonly ItemUpdate[];
  readonly events: readonly NewTripEvent[];
  /** Cancellations begun by this change: recorded with it, or not at all. */
  readonly cancellations?: readonly NewCancellation[];
  /** A change of an item reaching its commit point with this write (compare-and-set on its status). */
  readonly itemChange?: { readonly id: string; readonly from: ChangeStatus; readonly to: ChangeStatus };
}

/**
 * The id of the inventory hold that carries an item: the item's own id, until a change moved the item
 * to a new hold (trip_items.hold_id).
 */
export function holdIdOf(item: TripItemRow): string {
  const holdId = (item as TripItemRow & { hold_id?: string | null }).hold_id;
  return holdId ?? item.id;
}

// ---------------------------------------------------------------------------------------------
// Cancellations

export type CancellationStatus = 'started' | 'inventory_returned' | 'completed';
export type AfterSaleRefundStatus = 'none' | 'pending' | 'succeeded' | 'failed';

export interface NewCancellation {
  readonly id: string;
  readonly tripId: string;
  readonly itemId: string;
  readonly itemType: ItemType;
  readonly holdId: string;
  /** What the hold was when the item was cancelled: a held hold is released, a booked one cancelled. */
  readonly holdStatus: 'held' | 'booked';
  readonly actor: string;
  readonly reason: string | null;
  readonly refund: Money;
  readonly fee: Money;
}

export interface CancellationRecord extends NewCancellation {
  readonly status: CancellationStatus;
  readonly refundStatus: AfterSaleRefundStatus;
  readonly refundAttempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface CancellationRow {
  id: string;
  trip_id: string;
  item_id: string;
  item_type: ItemType;
  hold_id: string;
  hold_status: 'held' | 'booked';
  actor: string;
  reason: string | null;
  refund_amount: number | string;
  fee_amount: number | string;
  currency: string;
  status: CancellationStatus;
  refund_status: AfterSaleRefundStatus;
  refund_attempts: number | string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

const toCancellation = (r: CancellationRow): CancellationRecord => ({
  id: r.id,
  tripId: r.trip_id,
  itemId: r.item_id,
  itemType: r.item_type,
  holdId: r.hold_id,
  holdStatus: r.hold_status,
  actor: r.actor,
  reason: r.reason,
  refund: { amount: Number(r.refund_amount), currency: r.currency },
  fee: { amount: Number(r.fee_amount), currency: r.currency },
  status: r.status,
  refundStatus: r.refund_status,
  refundAttempts: Number(r.refund_attempts),
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// ---------------------------------------------------------------------------------------------
// Item changes

export type ChangeStatus =
  | 'started'
  | 'held'
  | 'charged'
  | 'confirmed'
  | 'swapped'
  | 'completed'
  | 'failed'
  | 'compensating'
  | 'compensated';

export const FINISHED_CHANGE_STATUSES: readonly ChangeStatus[] = ['completed', 'failed', 'compensated'];

export type ChargeStatus = 'authorizing' | 'authorized' | 'captured' | 'voided' | 'declined';

/** The item's sold fields, before or after a change. */
export interface ItemTerms {
  readonly details: Readonly<Record<string, unknown>>;
  readonly priceAmount: number;
  readonly extras: readonly unknown[];
  readonly cancellationPolicy: unknown;
}

export interface NewItemChange {
  readonly id: string;
  readonly tripId: string;
  readonly itemId: string;
  readonly itemType: ItemType;
  readonly oldHoldId: string;
  readonly newHoldId: string;
  readonly oldItem: ItemTerms;
  readonly newItem: ItemTerms;
  readonly currency: string;
  readonly paymentMethod: string | null;
  readonly idempotencyKey: string | null;
  readonly actor: string;
  readonly now: Date;
}

export interface ItemChangeRecord {
  readonly id: string;
  readonly tripId: string;
  readonly itemId: string;
  readonly itemType: ItemType;
  readonly oldHoldId: string;
  readonly newHoldId: string;
  readonly oldItem: ItemTerms;
  readonly newItem: ItemTerms;
  readonly currency: string;
  readonly status: ChangeStatus;
  readonly paymentMethod: string | null;
  readonly chargeTransactionId: string | null;
  readonly chargeStatus: ChargeStatus | null;
  readonly chargedAmount: number;
  readonly chargeRefundedAmount: number;
  readonly methodBrand: string | null;
  readonly methodLast4: string | null;
  readonly refundStatus: AfterSaleRefundStatus;
  readonly idempotencyKey: string | null;
  readonly actor: string;
  readonly error: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface ChangeRow {
  id: string;
  trip_id: string;
  item_id: string;
  item_type: ItemType;
  old_hold_id: string;
  new_hold_id: string;
  old_item: string;
  new_item: string;
  old_price: number | string;
  new_price: number | string;
  currency: string;
  status: ChangeStatus;
  payment_method: string | null;
  charge_transaction_id: string | null;
  charge_status: ChargeStatus | null;
  charged_amount: number | string;
  charge_refunded_amount: number | string;
  method_brand: string | null;
  method_last4: string | null;
  refund_status: AfterSaleRefundStatus;
  idempotency_key: string | null;
  actor: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const toChange = (r: ChangeRow): ItemChangeRecord => ({
  id: r.id,
  tripId: r.trip_id,
  itemId: r.item_id,
  itemType: r.item_type,
  oldHoldId: r.old_hold_id,
  newHoldId: r.new_hold_id,
  oldItem: JSON.parse(r.old_item) as ItemTerms,
  newItem: JSON.parse(r.new_item) as ItemTerms,
  currency: r.currency,
  status: r.status,
  paymentMethod: r.payment_method,
  chargeTransactionId: r.charge_transaction_id,
  chargeStatus: r.charge_status,
  chargedAmount: Number(r.charged_amount),
  chargeRefundedAmount: Number(r.charge_refunded_amount),
  methodBrand: r.method_brand,
  methodLast4: r.method_last4,
  refundStatus: r.refund_status,
  idempotencyKey: r.idempotency_key,
  actor: r.actor,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What a change's charge step records. */
export interface ChargeUpdate {
  readonly chargeStatus: ChargeStatus;
  readonly chargeTransactionId?: string;
  readonly methodBrand?: string;
  readonly methodLast4?: string;
}

// ---------------------------------------------------------------------------------------------
// Supplement refunds

export interface NewSupplementRefund {
  readonly id: string;
  readonly changeId: string;
  readonly amount: Money;
  readonly reason: string | null;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export interface SupplementRefundRecord {
  readonly id: string;
  readonly changeId: string;
  readonly tripId: string;
  readonly itemId: string;
  readonly amount: Money;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly reason: string | null;
  readonly gatewayRefundId: string | null;
  readonly idempotencyKey: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface SupplementRefundRow {
  id: string;
  change_id: string;
  trip_id: string;
  item_id: string;
  amount: number | string;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string | null;
  gateway_refund_id: string | null;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

const toSupplementRefund = (r: SupplementRefundRow): SupplementRefundRecord => ({
  id: r.id,
  changeId: r.change_id,
  tripId: r.trip_id,
  itemId: r.item_id,
  amount: { amount: Number(r.amount), currency: r.currency },
  status: r.status,
  reason: r.reason,
  gatewayRefundId: r.gateway_refund_id,
  idempotencyKey: r.idempotency_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A refund a change's charge cannot take: not captured, another currency, or more than is left. */
export class SupplementRefundNotApplicableError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'SupplementRefundNotApplicableError';
  }
}

/** One currency's money moved by changes: charged for dearer changes, refunded from those charges. */
export interface SupplementLedgerLine {
  readonly currency: string;
  readonly charged: number;
  readonly refunded: number;
}

// ---------------------------------------------------------------------------------------------

export class AfterSaleRepository {
  readonly knex: Knex;
  readonly #notify: NotificationPolicy;

  /** `notify`: which of a change's events make notifications, written in the change's transaction. */
  constructor(knex: Knex, notify: NotificationPolicy = NO_NOTIFICATIONS) {
    this.knex = knex;
    this.#notify = notify;
  }

  /**
   * Runs `decide` on the locked trip (PostgreSQL: FOR UPDATE; SQLite: the one connection) and its items,
   * and writes what it returns in the same transaction: nothing when it returns undefined, nothing when
   * it throws. Undefined when there is no such trip. An item no longer in its `from` status, or a change
   * no longer in its `from` status, is a TripChangeConflict and nothing is written.
   */
  async changeItems(
    tripId: string,
    now: Date,
    decide: (current: { trip: TripRow; items: readonly TripItemRow[] }) => ItemsChange | undefined,
  ): Promise<{ record: TripRecord; changed: boolean } | undefined> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const locked = (await forUpdate(trx, trx('trips').where({ id: tripId }).first())) as
        TripRow | undefined;
      if (!locked) return undefined;
      // The trips repository reads through this transaction: the same rows, parsed the same way.
      const trips = new TripsRepository(trx);
      const before = (await trips.findTrip(tripId))!;
      const change = decide({ trip: locked, items: before.items });
      if (!change) return { record: before, changed: false };

      for (const u of change.items) {
        const set: Record<string, unknown> = { updated_at: at };
        if (u.status !== undefined) set.status = u.status;
        if (u.details !== undefined) {
          set.details = JSON.stringify(u.details);
          // A change of dates, flight or names moves what the trips list finds the item by.
          const type = before.items.find((i) => i.id === u.id)?.type;
          if (type) Object.assign(set, travelOf(type, u.details));
        }
        if (u.priceAmount !== undefined) set.price_amount = u.priceAmount;
        if (u.extras !== undefined) set.extras = JSON.stringify(u.extras);
        if (u.cancellationPolicy !== undefined) {
          set.cancellation_policy =
            u.cancellationPolicy === null ? null : JSON.stringify(u.cancellationPolicy);
        }
        if (u.holdId !== undefined) set.hold_id = u.holdId;
        const n = await trx('trip_items').where({ id: u.id, trip_id: tripId, status: u.from }).update(set);
        if (n !== 1) throw new TripChangeConflict(`item ${u.id} is no longer ${u.from}`);
      }
      if (change.itemChange) {
        const { id, from, to } = change.itemChange;
        const n = await trx('item_changes')
          .where({ id, status: from })
          .update({ status: to, updated_at: at });
        if (n !== 1) throw new TripChangeConflict(`change ${id} is no longer ${from}`);
      }
      if (change.cancellations && change.cancellations.length > 0) {
        await trx('item_cancellations').insert(change.cancellations.map((c) => cancellationRow(c, at)));
      }
      await trx('trips')
        .where({ id: tripId })
        .update({ ...change.trip, updated_at: at, version: trx.raw('version + 1') });
      if (change.events.length > 0) {
        await trx('trip_events').insert(
          change.events.map((e) => ({
            trip_id: tripId,
            item_id: e.itemId ?? null,
            at,
            type: e.type,
            actor: e.actor,
            from_status: e.from ?? null,
            to_status: e.to ?? null,
            detail: e.detail ? JSON.stringify(e.detail) : null,
          })),
        );
        // The notifications these events warrant, in the same transaction (transactional outbox).
        await recordNotifications(trx, tripId, at, change.events, this.#notify);
      }
      return { record: (await trips.findTrip(tripId))!, changed: true };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Cancellations

  async findCancellation(itemId: string): Promise<CancellationRecord | undefined> {
    const row = (await this.knex('item_cancellations').where({ item_id: itemId }).first()) as
      CancellationRow | undefined;
    return row && toCancellation(row);
  }

  async cancellationsOfTrip(tripId: string): Promise<CancellationRecord[]> {
    const rows = (await this.knex('item_cancellations')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as CancellationRow[];
    return rows.map(toCancellation);
  }

  /** Moves a cancellation on if it is in one of `from` (compare-and-set); false when it was not. */
  async advanceCancellation(
    id: string,
    from: readonly CancellationStatus[],
    to: CancellationStatus,
    now: Date,
  ): Promise<boolean> {
    const n = await this.knex('item_cancellations')
      .where({ id })
      .whereIn('status', from)
      .update({ status: to, updated_at: iso(now) });
    return n === 1;
  }

  /** Records how the cancellation's refund stands after an attempt at the gateway. */
  async setCancellationRefund(
    id: string,
    refundStatus: Exclude<AfterSaleRefundStatus, 'none'>,
    now: Date,
    error?: string,
  ): Promise<void> {
    await this.knex('item_cancellations')
      .where({ id })
      .whereNot('refund_status', 'none')
      .update({
        refund_status: refundStatus,
        refund_attempts: this.knex.raw('refund_attempts + 1'),
        last_error: error ?? null,
        updated_at: iso(now),
      });
  }

  /**
   * Cancellations to finish: not completed, or with a refund still pending, not stamped since
   * `staleBefore`, oldest first, at most `limit`. Each is stamped `now` in the same transaction; on
   * PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED, so instances share the work.
   */
  async claimUnfinishedCancellations(
    now: Date,
    staleBefore: Date,
    limit: number,
  ): Promise<CancellationRecord[]> {
    return inTransaction(this.knex, async (trx) => {
      const q = trx('item_cancellations')
        .select('*')
        .where((w) => w.whereNot('status', 'completed').orWhere('refund_status', 'pending'))
        .where('updated_at', '<=', iso(staleBefore))
        .orderBy([{ column: 'updated_at' }, { column: 'id' }])
        .limit(limit);
      const rows = (await forUpdate(trx, q, true)) as CancellationRow[];
      if (rows.length === 0) return [];
      await trx('item_cancellations')
        .whereIn(
          'id',
          rows.map((r) => r.id),
        )
        .update({ updated_at: iso(now) });
      return rows.map((r) => toCancellation({ ...r, updated_at: iso(now) }));
    });
  }

  // ------------------------------------------------------------------------------------------
  // Item changes

  async createChange(c: NewItemChange): Promise<ItemChangeRecord> {
    const at = iso(c.now);
    await this.knex('item_changes').insert({
      id: c.id,
      trip_id: c.tripId,
      item_id: c.itemId,
      item_type: c.itemType,
      old_hold_id: c.oldHoldId,
      new_hold_id: c.newHoldId,
      old_item: JSON.stringify(c.oldItem),
      new_item: JSON.stringify(c.newItem),
      old_price: c.oldItem.priceAmount,
      new_price: c.newItem.priceAmount,
      currency: c.currency,
      status: 'started',
      payment_method: c.paymentMethod,
      idempotency_key: c.idempotencyKey,
      actor: c.actor,
      created_at: at,
      updated_at: at,
    });
    return (await this.findChange(c.id))!;
  }

  async findChange(id: string): Promise<ItemChangeRecord | undefined> {
    const row = (await this.knex('item_changes').where({ id }).first()) as ChangeRow | undefined;
    return row && toChange(row);
  }

  /** The change of a trip made with this request key, if any (a retried change request). */
  async findChangeByKey(
    itemId: string,
    actor: string,
    idempotencyKey: string,
  ): Promise<ItemChangeRecord | undefined> {
    const row = (await this.knex('item_changes')
      .where({ item_id: itemId, actor, idempotency_key: idempotencyKey })
      .orderBy('created_at', 'desc')
      .first()) as ChangeRow | undefined;
    return row && toChange(row);
  }

  /** Changes of an item that are still under way (at most one runs at a time). */
  async unfinishedChangesOfItem(itemId: string): Promise<ItemChangeRecord[]> {
    const rows = (await this.knex('item_changes')
      .where({ item_id: itemId })
      .whereNotIn('status', FINISHED_CHANGE_STATUSES)) as ChangeRow[];
    return rows.map(toChange);
  }

  /** Every change of a trip, oldest first. */
  async changesOfTrip(tripId: string): Promise<ItemChangeRecord[]> {
    const rows = (await this.knex('item_changes')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as ChangeRow[];
    return rows.map(toChange);
  }

  /** Moves a change on if it is in one of `from` (compare-and-set), with an error note; false if not. */
  async advanceChange(
    id: string,
    from: readonly ChangeStatus[],
    to: ChangeStatus,
    now: Date,
    patch: { error?: string; refundStatus?: AfterSaleRefundStatus } = {},
  ): Promise<boolean> {
    const n = await this.knex('item_changes')
      .where({ id })
      .whereIn('status', from)
      .update({
        status: to,
        updated_at: iso(now),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
        ...(patch.refundStatus !== undefined ? { refund_status: patch.refundStatus } : {}),
      });
    return n === 1;
  }

  /** The new units' terms as the hold gave them (a flight's assigned seats), before the commit point. */
  async setNewItem(id: string, terms: ItemTerms, now: Date): Promise<void> {
    await this.knex('item_changes')
      .where({ id })
      .update({ new_item: JSON.stringify(terms), updated_at: iso(now) });
  }

  async setChangeRefundStatus(id: string, refundStatus: AfterSaleRefundStatus, now: Date): Promise<void> {
    await this.knex('item_changes')
      .where({ id })
      .update({ refund_status: refundStatus, updated_at: iso(now) });
  }

  /** Records the step of a change's own charge; `captured` sets the charged amount (new − old price). */
  async setCharge(id: string, u: ChargeUpdate, now: Date): Promise<void> {
    await this.knex('item_changes')
      .where({ id })
      .update({
        charge_status: u.chargeStatus,
        ...(u.chargeTransactionId !== undefined ? { charge_transaction_id: u.chargeTransactionId } : {}),
        ...(u.methodBrand !== undefined ? { method_brand: u.methodBrand } : {}),
        ...(u.methodLast4 !== undefined ? { method_last4: u.methodLast4 } : {}),
        charged_amount: u.chargeStatus === 'captured' ? this.knex.raw('new_price - old_price') : 0,
        updated_at: iso(now),
      });
  }

  /** Changes to finish or undo: not finished, or a refund pending, not stamped since `staleBefore`. */
  async claimUnfinishedChanges(now: Date, staleBefore: Date, limit: number): Promise<ItemChangeRecord[]> {
    return inTransaction(this.knex, async (trx) => {
      const q = trx('item_changes')
        .select('*')
        .where((w) => w.whereNotIn('status', FINISHED_CHANGE_STATUSES).orWhere('refund_status', 'pending'))
        .where('updated_at', '<=', iso(staleBefore))
        .orderBy([{ column: 'updated_at' }, { column: 'id' }])
        .limit(limit);
      const rows = (await forUpdate(trx, q, true)) as ChangeRow[];
      if (rows.length === 0) return [];
      await trx('item_changes')
        .whereIn(
          'id',
          rows.map((r) => r.id),
        )
        .update({ updated_at: iso(now) });
      return rows.map((r) => toChange({ ...r, updated_at: iso(now) }));
    });
  }

  /**
   * The item's captured change charges with what is left of each to refund (pending refunds count as
   * spent), newest first: money given back for the item comes from these before the trip's payment.
   */
  async refundableCharges(itemId: string): Promise<{ change: ItemChangeRecord; left: number }[]> {
    const rows = (await this.knex('item_changes')
      .where({ item_id: itemId, charge_status: 'captured' })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])) as ChangeRow[];
    const out: { change: ItemChangeRecord; left: number }[] = [];
    for (const r of rows) {
      const pending = (await this.knex('supplement_refunds')
        .where({ change_id: r.id, status: 'pending' })
        .first(this.knex.raw('coalesce(sum(amount), 0) as n'))) as { n: unknown } | undefined;
      const left = Number(r.charged_amount) - Number(r.charge_refunded_amount) - asInt(pending?.n);
      out.push({ change: toChange(r), left });
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Supplement refunds

  /**
   * A `pending` refund of a change's charge, before the gateway is asked. With an idempotency key
   * already recorded, answers that refund. SupplementRefundNotApplicableError when the charge is not
   * captured or has less left than `amount`.
   */
  async beginSupplementRefund(r: NewSupplementRefund): Promise<SupplementRefundRecord> {
    const at = iso(r.now);
    try {
      return await inTransaction(this.knex, async (trx) => {
        const earlier = (await trx('supplement_refunds')
          .where({ idempotency_key: r.idempotencyKey })
          .first()) as SupplementRefundRow | undefined;
        if (earlier) return toSupplementRefund(earlier);
        const change = (await forUpdate(trx, trx('item_changes').where({ id: r.changeId }).first())) as
          ChangeRow | undefined;
        if (!change || change.charge_status !== 'captured') {
          throw new SupplementRefundNotApplicableError(`change ${r.changeId} has no captured charge`);
        }
        if (change.currency !== r.amount.currency) {
          throw new SupplementRefundNotApplicableError(
            `change ${r.changeId} was charged in ${change.currency}`,
          );
        }
        const pending = (await trx('supplement_refunds')
          .where({ change_id: r.changeId, status: 'pending' })
          .first(trx.raw('coalesce(sum(amount), 0) as n'))) as { n: unknown } | undefined;
        const left =
          Number(change.charged_amount) - Number(change.charge_refunded_amount) - asInt(pending?.n);
        if (r.amount.amount > left) {
          throw new SupplementRefundNotApplicableError(
            `only ${left} minor units of change ${r.changeId}'s charge are left to refund`,
          );
        }
        await trx('supplement_refunds').insert({
          id: r.id,
          change_id: r.changeId,
          trip_id: change.trip_id,
          item_id: change.item_id,
          amount: r.amount.amount,
          currency: r.amount.currency,
          status: 'pending',
          reason: r.reason,
          gateway_refund_id: null,
          idempotency_key: r.idempotencyKey,
          created_at: at,
          updated_at: at,
        });
        return toSupplementRefund(
          (await trx('supplement_refunds').where({ id: r.id }).first()) as SupplementRefundRow,
        );
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const winner = (await this.knex('supplement_refunds')
          .where({ idempotency_key: r.idempotencyKey })
          .first()) as SupplementRefundRow | undefined;
        if (winner) return toSupplementRefund(winner);
      }
      throw err;
    }
  }

  /** Settles a pending supplement refund; a succeeded one adds to its change's refunded amount. Idempotent. */
  async settleSupplementRefund(
    id: string,
    outcome: { status: 'succeeded' | 'failed'; gatewayRefundId?: string | null },
    now: Date,
  ): Promise<SupplementRefundRecord> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const row = (await forUpdate(trx, trx('supplement_refunds').where({ id }).first())) as
        SupplementRefundRow | undefined;
      if (!row) throw new SupplementRefundNotApplicableError(`no supplement refund ${id}`);
      if (row.status !== 'pending') return toSupplementRefund(row);
      await trx('supplement_refunds')
        .where({ id })
        .update({
          status: outcome.status,
          ...(outcome.gatewayRefundId ? { gateway_refund_id: outcome.gatewayRefundId } : {}),
          updated_at: at,
        });
      if (outcome.status === 'succeeded') {
        const n = await trx('item_changes')
          .where({ id: row.change_id })
          .whereRaw('charge_refunded_amount + ? <= charged_amount', [Number(row.amount)])
          .update({ charge_refunded_amount: trx.raw('charge_refunded_amount + ?', [Number(row.amount)]) });
        if (n !== 1) throw new SupplementRefundNotApplicableError(`change ${row.change_id} cannot take it`);
      }
      return toSupplementRefund(
        (await trx('supplement_refunds').where({ id }).first()) as SupplementRefundRow,
      );
    });
  }

  async findSupplementRefundByKey(idempotencyKey: string): Promise<SupplementRefundRecord | undefined> {
    const row = (await this.knex('supplement_refunds').where({ idempotency_key: idempotencyKey }).first()) as
      SupplementRefundRow | undefined;
    return row && toSupplementRefund(row);
  }

  /** Refunds of change charges of a trip, oldest first. */
  async supplementRefundsOfTrip(tripId: string): Promise<SupplementRefundRecord[]> {
    const rows = (await this.knex('supplement_refunds')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as SupplementRefundRow[];
    return rows.map(toSupplementRefund);
  }

  /** Per currency, what changes charged and what of it was refunded: the ledger's share of the changes. */
  async supplementLedger(tripId?: string): Promise<SupplementLedgerLine[]> {
    const q = this.knex('item_changes')
      .select('currency')
      .sum({ charged: 'charged_amount' })
      .sum({ refunded: 'charge_refunded_amount' })
      .where('charge_status', 'captured')
      .groupBy('currency')
      .orderBy('currency');
    if (tripId) q.where({ trip_id: tripId });
    const rows = (await q) as { currency: string; charged: unknown; refunded: unknown }[];
    return rows.map((r) => ({
      currency: r.currency,
      charged: asInt(r.charged),
      refunded: asInt(r.refunded),
    }));
  }
}

function cancellationRow(c: NewCancellation, at: string): Record<string, unknown> {
  return {
    id: c.id,
    trip_id: c.tripId,
    item_id: c.itemId,
    item_type: c.itemType,
    hold_id: c.holdId,
    hold_status: c.holdStatus,
    actor: c.actor,
    reason: c.reason,
    refund_amount: c.refund.amount,
    fee_amount: c.fee.amount,
    currency: c.refund.currency,
    status: 'started',
    refund_status: c.refund.amount > 0 ? 'pending' : 'none',
    refund_attempts: 0,
    last_error: null,
    created_at: at,
    updated_at: at,
  };
}
