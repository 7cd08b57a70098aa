import type { Knex } from 'knex';
import type { Money } from '@tripdesk/shared';
import { isUniqueViolation } from '../constraint-violations.ts';
import { forUpdate, inTransaction } from '../transactions.ts';
import { asInt, iso } from '../knex.ts';

/** A payment record's status (the seeds' payment record), wider than the API's PaymentStatus. */
export const PAYMENT_RECORD_STATUSES = [
  'authorizing',
  'authorized',
  'captured',
  'voided',
  'failed',
  'partially_refunded',
  'refunded',
] as const;
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number];

/**
 * A payment that stands for its trip (in flight or taken): at most one per trip and pay round, by a
 * unique index (round 1 is the sale; a later round pays items added to the paid trip).
 */
export const LIVE_PAYMENT_STATUSES: readonly PaymentRecordStatus[] = [
  'authorizing',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
];

/** Money was taken: captured, and maybe partly or wholly given back since. */
export const CAPTURED_PAYMENT_STATUSES: readonly PaymentRecordStatus[] = [
  'captured',
  'partially_refunded',
  'refunded',
];

/** The pay saga's steps (paying/pay-saga.ts), in order; a row holds the last one persisted. */
export const PAY_SAGA_STEPS = [
  'started',
  'holds_checked',
  'authorized',
  'confirmed_hotels',
  'confirmed_flights',
  'confirmed_cars',
  'captured',
  'completed',
  'compensating',
  'compensated',
] as const;
export type PaySagaStep = (typeof PAY_SAGA_STEPS)[number];

/** Steps a saga never leaves. */
export const TERMINAL_PAY_SAGA_STEPS: readonly PaySagaStep[] = ['completed', 'compensated'];

export type RefundRecordStatus = 'pending' | 'succeeded' | 'failed';

export interface PaymentRecord {
  readonly id: string;
  readonly tripId: string;
  readonly attemptId: string;
  /** 1 for the trip's sale, 2 for the first items paid after it, and so on. */
  readonly payRound: number;
  /** The gateway's authorization id; null until authorized. */
  readonly transactionId: string | null;
  /** `INV-2026-000123`; null until captured. */
  readonly invoiceNumber: string | null;
  readonly amount: Money;
  readonly status: PaymentRecordStatus;
  readonly gateway: 'local' | 'stripe';
  readonly payerName: string;
  readonly paymentMethod: string;
  readonly methodBrand: string | null;
  readonly methodLast4: string | null;
  readonly description: string;
  readonly declineCode: string | null;
  readonly idempotencyKey: string;
  /** Sum of the succeeded refunds, minor units of `amount.currency`. */
  readonly refundedAmount: number;
  readonly paidAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RefundRecord {
  readonly id: string;
  readonly paymentId: string;
  readonly tripId: string;
  readonly itemId: string | null;
  readonly amount: Money;
  readonly status: RefundRecordStatus;
  readonly reason: string | null;
  readonly gatewayRefundId: string | null;
  readonly idempotencyKey: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Why a saga was compensated: the problem the pay request answered (or would have). */
export interface PaySagaError {
  /** An API error code (`payment_declined`, `hold_expired`, ...). */
  readonly code: string;
  readonly detail: string;
  readonly declineCode?: string;
  /** The items at fault (a hold that ran out, an item changed meanwhile). */
  readonly itemIds?: readonly string[];
  /** The step the saga had reached when it turned to compensating. */
  readonly fromStep?: PaySagaStep;
}

export interface PaySagaRecord {
  readonly attemptId: string;
  readonly tripId: string;
  readonly paymentId: string;
  readonly step: PaySagaStep;
  /** The items this attempt pays, fixed when it started. */
  readonly itemIds: readonly string[];
  /** Who asked to pay (a user id): the actor of the changes the saga makes. */
  readonly actor: string;
  readonly error: PaySagaError | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A pay attempt: its saga row and its payment row. */
export interface PayAttempt {
  readonly saga: PaySagaRecord;
  readonly payment: PaymentRecord;
}

export interface NewPayAttempt {
  readonly attemptId: string;
  readonly paymentId: string;
  readonly tripId: string;
  /** The round this payment is (unique among the trip's live payments): captured payments so far + 1; default 1. */
  readonly payRound?: number;
  readonly itemIds: readonly string[];
  readonly actor: string;
  readonly amount: Money;
  readonly gateway: 'local' | 'stripe';
  readonly payerName: string;
  readonly paymentMethod: string;
  readonly description: string;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export interface NewRefund {
  readonly id: string;
  readonly paymentId: string;
  readonly itemId?: string | null;
  readonly amount: Money;
  readonly reason?: string | null;
  /** The gateway call's idempotency key; a second record with the same key is the same refund. */
  readonly idempotencyKey?: string | null;
  readonly now: Date;
}

/** One currency's money in and out: captured − refunded is what the stores should show as sold. */
export interface LedgerLine {
  readonly currency: string;
  readonly captured: number;
  readonly refunded: number;
}

/** Another payment of the trip's round is in flight or taken (the one-live-payment index said so). */
export class LivePaymentExistsError extends Error {
  readonly tripId: string;
  constructor(tripId: string) {
    super(`trip ${tripId} already has a payment in flight or taken`);
    this.name = 'LivePaymentExistsError';
    this.tripId = tripId;
  }
}

/** A refund the payment cannot take: not captured, another currency, or more than is left. */
export class RefundNotApplicableError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'RefundNotApplicableError';
  }
}

interface PaymentRow {
  id: string;
  trip_id: string;
  attempt_id: string;
  pay_round: number | string;
  transaction_id: string | null;
  invoice_number: string | null;
  amount: number | string;
  currency: string;
  status: PaymentRecordStatus;
  gateway: 'local' | 'stripe';
  payer_name: string;
  payment_method: string;
  method_brand: string | null;
  method_last4: string | null;
  description: string;
  decline_code: string | null;
  idempotency_key: string;
  refunded_amount: number | string;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

interface SagaRow {
  attempt_id: string;
  trip_id: string;
  payment_id: string;
  step: PaySagaStep;
  item_ids: string;
  actor: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

interface RefundRow {
  id: string;
  payment_id: string;
  trip_id: string;
  item_id: string | null;
  amount: number | string;
  currency: string;
  status: RefundRecordStatus;
  reason: string | null;
  gateway_refund_id: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

// PostgreSQL answers bigint columns as strings; amounts stay far below 2^53.
const toPayment = (r: PaymentRow): PaymentRecord => ({
  id: r.id,
  tripId: r.trip_id,
  attemptId: r.attempt_id,
  payRound: Number(r.pay_round),
  transactionId: r.transaction_id,
  invoiceNumber: r.invoice_number,
  amount: { amount: Number(r.amount), currency: r.currency },
  status: r.status,
  gateway: r.gateway,
  payerName: r.payer_name,
  paymentMethod: r.payment_method,
  methodBrand: r.method_brand,
  methodLast4: r.method_last4,
  description: r.description,
  declineCode: r.decline_code,
  idempotencyKey: r.idempotency_key,
  refundedAmount: Number(r.refunded_amount),
  paidAt: r.paid_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toSaga = (r: SagaRow): PaySagaRecord => ({
  attemptId: r.attempt_id,
  tripId: r.trip_id,
  paymentId: r.payment_id,
  step: r.step,
  itemIds: JSON.parse(r.item_ids) as string[],
  actor: r.actor,
  error: r.error === null ? null : (JSON.parse(r.error) as PaySagaError),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRefund = (r: RefundRow): RefundRecord => ({
  id: r.id,
  paymentId: r.payment_id,
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

/** `INV-2026-000123`: the year, then the year's sequence number. */
export function formatInvoiceNumber(year: number, n: number): string {
  return `INV-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Payment records in the payments store: pay attempts (a payment row and its saga row), refunds,
 * invoice numbers and the ledger. The only code touching payments, pay_sagas, refunds and
 * invoice_counters. Each method is one transaction; step changes are conditional (compare-and-set on
 * the saga's step), so two runners of one saga (a request and the reconciler) never both apply a step.
 *
 * Recording a refund (cancellation, change): `beginRefund` (pending, before asking the gateway, with the
 * gateway call's idempotency key) → gateway → `settleRefund` (succeeded or failed, with the gateway's
 * refund id). A pending refund counts as spent, so a Stripe `charge.refunded` webhook arriving in
 * between is not recorded a second time, and a crash leaves a pending row to retry with the same key.
 * `recordRefund` does both at once for a refund the gateway already made.
 */
export class PaymentRecordsRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  // ------------------------------------------------------------------------------------------
  // Pay attempts

  /**
   * Writes a new attempt: the payment `authorizing` and its saga `started`, in one transaction.
   * Answers the existing attempt when one of the trip already has this idempotency key (a retry of the
   * same request); throws LivePaymentExistsError when another payment of the trip is live.
   */
  async createAttempt(a: NewPayAttempt): Promise<{ attempt: PayAttempt; created: boolean }> {
    const at = iso(a.now);
    try {
      await inTransaction(this.knex, async (trx) => {
        await trx('payments').insert({
          id: a.paymentId,
          trip_id: a.tripId,
          attempt_id: a.attemptId,
          pay_round: a.payRound ?? 1,
          transaction_id: null,
          invoice_number: null,
          amount: a.amount.amount,
          currency: a.amount.currency,
          status: 'authorizing',
          gateway: a.gateway,
          payer_name: a.payerName,
          payment_method: a.paymentMethod,
          description: a.description,
          idempotency_key: a.idempotencyKey,
          created_at: at,
          updated_at: at,
        });
        await trx('pay_sagas').insert({
          attempt_id: a.attemptId,
          trip_id: a.tripId,
          payment_id: a.paymentId,
          step: 'started',
          item_ids: JSON.stringify(a.itemIds),
          actor: a.actor,
          error: null,
          created_at: at,
          updated_at: at,
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const same = await this.findAttemptByKey(a.tripId, a.idempotencyKey);
      if (same) return { attempt: same, created: false };
      // Not this request's key: the one-live-payment-per-trip index refused a second payment.
      throw new LivePaymentExistsError(a.tripId);
    }
    return { attempt: (await this.findAttempt(a.attemptId))!, created: true };
  }

  async findAttempt(attemptId: string): Promise<PayAttempt | undefined> {
    const saga = (await this.knex('pay_sagas').where({ attempt_id: attemptId }).first()) as
      SagaRow | undefined;
    if (!saga) return undefined;
    const payment = (await this.knex('payments').where({ id: saga.payment_id }).first()) as PaymentRow;
    return { saga: toSaga(saga), payment: toPayment(payment) };
  }

  async findAttemptByKey(tripId: string, idempotencyKey: string): Promise<PayAttempt | undefined> {
    const row = (await this.knex('payments')
      .where({ trip_id: tripId, idempotency_key: idempotencyKey })
      .first('attempt_id')) as { attempt_id: string } | undefined;
    return row && this.findAttempt(row.attempt_id);
  }

  async findPayment(id: string): Promise<PaymentRecord | undefined> {
    const row = (await this.knex('payments').where({ id }).first()) as PaymentRow | undefined;
    return row && toPayment(row);
  }

  async findPaymentByTransaction(transactionId: string): Promise<PaymentRecord | undefined> {
    const row = (await this.knex('payments').where({ transaction_id: transactionId }).first()) as
      PaymentRow | undefined;
    return row && toPayment(row);
  }

  /**
   * The trip's first payment that is in flight or was taken (the sale's, round 1, when there is one);
   * undefined when none is.
   */
  async findLivePayment(tripId: string): Promise<PaymentRecord | undefined> {
    const row = (await this.knex('payments')
      .where({ trip_id: tripId })
      .whereIn('status', LIVE_PAYMENT_STATUSES)
      .orderBy('pay_round')
      .first()) as PaymentRow | undefined;
    return row && toPayment(row);
  }

  /**
   * Every payment of the trip in flight or taken, by round, each with the items its attempt paid: the
   * sale first, then the items added to the paid trip and paid by themselves.
   */
  async livePaymentsOfTrip(tripId: string): Promise<{ payment: PaymentRecord; itemIds: string[] }[]> {
    const rows = (await this.knex('payments as p')
      .join('pay_sagas as s', 's.attempt_id', 'p.attempt_id')
      .where('p.trip_id', tripId)
      .whereIn('p.status', LIVE_PAYMENT_STATUSES)
      .orderBy('p.pay_round')
      .select('p.*', 's.item_ids')) as (PaymentRow & { item_ids: string })[];
    return rows.map((r) => ({ payment: toPayment(r), itemIds: JSON.parse(r.item_ids) as string[] }));
  }

  /** How many payments of the trip took money: the next pay is round this + 1. */
  async countCapturedPayments(tripId: string): Promise<number> {
    const row = (await this.knex('payments')
      .where({ trip_id: tripId })
      .whereIn('status', CAPTURED_PAYMENT_STATUSES)
      .count({ n: '*' })
      .first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Live payments of many trips at once, by trip id, the first round of each (for trip lists). */
  async livePayments(tripIds: readonly string[]): Promise<Map<string, PaymentRecord>> {
    const out = new Map<string, PaymentRecord>();
    if (tripIds.length === 0) return out;
    const rows = (await this.knex('payments')
      .whereIn('trip_id', tripIds)
      .whereIn('status', LIVE_PAYMENT_STATUSES)
      .orderBy('pay_round', 'desc')) as PaymentRow[];
    for (const r of rows) out.set(r.trip_id, toPayment(r));
    return out;
  }

  /** Every payment attempt of the trip, oldest first, declined and voided ones included. */
  async listPayments(tripId: string): Promise<PaymentRecord[]> {
    const rows = (await this.knex('payments')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as PaymentRow[];
    return rows.map(toPayment);
  }

  /**
   * Moves the saga to `to` if its step is one of `from` (compare-and-set); also stamps `updated_at`,
   * which is the reconciler's sign of life. False when another runner moved it first.
   */
  async advance(
    attemptId: string,
    from: readonly PaySagaStep[],
    to: PaySagaStep,
    now: Date,
    error?: PaySagaError,
  ): Promise<boolean> {
    const n = await this.knex('pay_sagas')
      .where({ attempt_id: attemptId })
      .whereIn('step', from)
      .update({ step: to, updated_at: iso(now), ...(error ? { error: JSON.stringify(error) } : {}) });
    return n === 1;
  }

  /** Stamps `updated_at` of a saga that is not finished: it is being worked on. */
  async touch(attemptId: string, now: Date): Promise<void> {
    await this.knex('pay_sagas')
      .where({ attempt_id: attemptId })
      .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
      .update({ updated_at: iso(now) });
  }

  /**
   * The gateway authorized: payment `authorizing` → `authorized` with its transaction id and card, saga
   * `holds_checked` → `authorized`, in one transaction. False (nothing written) if either moved already.
   */
  async markAuthorized(
    attemptId: string,
    auth: { transactionId: string; methodBrand: string; methodLast4: string },
    now: Date,
  ): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const saga = await lockSaga(trx, attemptId);
      if (!saga || saga.step !== 'holds_checked') return false;
      const n = await trx('payments').where({ id: saga.payment_id, status: 'authorizing' }).update({
        status: 'authorized',
        transaction_id: auth.transactionId,
        method_brand: auth.methodBrand,
        method_last4: auth.methodLast4,
        updated_at: at,
      });
      if (n !== 1) return false;
      await trx('pay_sagas').where({ attempt_id: attemptId }).update({ step: 'authorized', updated_at: at });
      return true;
    });
  }

  /**
   * The card was declined at authorize: payment → `failed` with the decline code, saga →
   * `compensating` (nothing is held at the gateway; the compensation checks nothing was booked and
   * records the decline on the trip), in one transaction. False if either moved already.
   */
  async markDeclined(
    attemptId: string,
    declineCode: string,
    error: PaySagaError,
    now: Date,
    card?: { methodBrand: string; methodLast4: string },
  ): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const saga = await lockSaga(trx, attemptId);
      if (!saga || saga.step !== 'holds_checked') return false;
      const n = await trx('payments')
        .where({ id: saga.payment_id, status: 'authorizing' })
        .update({
          status: 'failed',
          decline_code: declineCode,
          ...(card ? { method_brand: card.methodBrand, method_last4: card.methodLast4 } : {}),
          updated_at: at,
        });
      if (n !== 1) return false;
      await trx('pay_sagas')
        .where({ attempt_id: attemptId })
        .update({ step: 'compensating', error: JSON.stringify(error), updated_at: at });
      return true;
    });
  }

  /**
   * The gateway captured: payment `authorized` → `captured` with `paid_at` and the year's next invoice
   * number, saga `confirmed_cars` → `captured`, all in one transaction, so a number is used exactly when
   * a payment is captured (a rollback gives it back: no gaps). Idempotent: a payment already captured is
   * answered as it is. Undefined when the attempt is in no state to be captured.
   */
  async markCaptured(attemptId: string, now: Date): Promise<PaymentRecord | undefined> {
    const at = iso(now);
    const year = now.getUTCFullYear();
    return inTransaction(this.knex, async (trx) => {
      const saga = await lockSaga(trx, attemptId);
      if (!saga) return undefined;
      const payment = (await forUpdate(
        trx,
        trx('payments').where({ id: saga.payment_id }).first(),
      )) as PaymentRow;
      if (CAPTURED_PAYMENT_STATUSES.includes(payment.status)) return toPayment(payment);
      if (saga.step !== 'confirmed_cars' || payment.status !== 'authorized') return undefined;
      const number = await nextInvoiceNumber(trx, year);
      await trx('payments')
        .where({ id: payment.id })
        .update({
          status: 'captured',
          invoice_number: formatInvoiceNumber(year, number),
          paid_at: at,
          updated_at: at,
        });
      await trx('pay_sagas').where({ attempt_id: attemptId }).update({ step: 'captured', updated_at: at });
      return toPayment((await trx('payments').where({ id: payment.id }).first()) as PaymentRow);
    });
  }

  /**
   * Ends a compensation: payment → `voided` (an authorization was voided) or `failed` (none was made),
   * saga `compensating` → `compensated`, in one transaction. A payment captured meanwhile (the
   * compensation refunded it) keeps its status. False when the saga is not compensating.
   */
  async finishCompensation(
    attemptId: string,
    paymentStatus: 'voided' | 'failed',
    now: Date,
  ): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const saga = await lockSaga(trx, attemptId);
      if (!saga || saga.step !== 'compensating') return false;
      await trx('payments')
        .where({ id: saga.payment_id })
        .whereIn('status', ['authorizing', 'authorized'])
        .update({ status: paymentStatus, updated_at: at });
      await trx('pay_sagas').where({ attempt_id: attemptId }).update({ step: 'compensated', updated_at: at });
      return true;
    });
  }

  /**
   * Sagas to repair: not finished, not stamped since `staleBefore`, at most `limit`, oldest first,
   * leaving out `exclude` (the ones this process runs right now). Each is stamped `now` in the same
   * transaction; on PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED, so instances reconciling at
   * the same moment take different sagas, and the stamp keeps the others off them for their grace.
   */
  async claimUnfinished(
    now: Date,
    staleBefore: Date,
    limit: number,
    exclude: readonly string[] = [],
  ): Promise<PaySagaRecord[]> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const q = trx('pay_sagas')
        .select('*')
        .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
        .where('updated_at', '<=', iso(staleBefore))
        .orderBy([{ column: 'updated_at' }, { column: 'attempt_id' }])
        .limit(limit);
      if (exclude.length > 0) q.whereNotIn('attempt_id', exclude);
      const rows = (await forUpdate(trx, q, true)) as SagaRow[];
      if (rows.length === 0) return [];
      await trx('pay_sagas')
        .whereIn(
          'attempt_id',
          rows.map((r) => r.attempt_id),
        )
        .update({ updated_at: at });
      return rows.map((r) => toSaga({ ...r, updated_at: at }));
    });
  }

  /** The unfinished saga of a trip, if one is running (at most one: its payment is live). */
  async unfinishedSagaOfTrip(tripId: string): Promise<PaySagaRecord | undefined> {
    const row = (await this.knex('pay_sagas')
      .where({ trip_id: tripId })
      .whereNotIn('step', TERMINAL_PAY_SAGA_STEPS)
      .first()) as SagaRow | undefined;
    return row && toSaga(row);
  }

  // ------------------------------------------------------------------------------------------
  // Refunds

  /**
   * Writes a `pending` refund of a captured payment before the gateway is asked. With an idempotency
   * key already recorded, answers that refund (a retry). Throws RefundNotApplicableError when the
   * payment is not captured, is in another currency, or has less left than `amount` (succeeded and
   * pending refunds count as spent).
   */
  async beginRefund(r: NewRefund): Promise<RefundRecord> {
    return this.#insertRefund(r, 'pending', null);
  }

  /**
   * Settles a pending refund with the gateway's answer: `succeeded` adds it to the payment's refunded
   * amount (→ `partially_refunded` / `refunded`), `failed` frees its amount again. Idempotent: a refund
   * already settled is answered as it is.
   */
  async settleRefund(
    refundId: string,
    outcome: { status: 'succeeded' | 'failed'; gatewayRefundId?: string | null },
    now: Date,
  ): Promise<RefundRecord> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const row = (await forUpdate(trx, trx('refunds').where({ id: refundId }).first())) as
        RefundRow | undefined;
      if (!row) throw new RefundNotApplicableError(`no refund ${refundId}`);
      if (row.status !== 'pending') return toRefund(row);
      await trx('refunds')
        .where({ id: refundId })
        .update({
          status: outcome.status,
          ...(outcome.gatewayRefundId ? { gateway_refund_id: outcome.gatewayRefundId } : {}),
          updated_at: at,
        });
      if (outcome.status === 'succeeded') await applyRefund(trx, row.payment_id, Number(row.amount), at);
      return toRefund((await trx('refunds').where({ id: refundId }).first()) as RefundRow);
    });
  }

  /**
   * Records a refund the gateway already made (or reported), in one step: `succeeded` ones count at
   * once. Idempotent by `gatewayRefundId` and by `idempotencyKey`: the same refund recorded twice is
   * answered as first recorded. Throws RefundNotApplicableError like beginRefund.
   */
  async recordRefund(
    r: NewRefund & { status: RefundRecordStatus; gatewayRefundId?: string | null },
  ): Promise<RefundRecord> {
    if (r.gatewayRefundId) {
      const known = (await this.knex('refunds').where({ gateway_refund_id: r.gatewayRefundId }).first()) as
        RefundRow | undefined;
      if (known) return toRefund(known);
    }
    return this.#insertRefund(r, r.status, r.gatewayRefundId ?? null);
  }

  async findRefund(id: string): Promise<RefundRecord | undefined> {
    const row = (await this.knex('refunds').where({ id }).first()) as RefundRow | undefined;
    return row && toRefund(row);
  }

  /** Refunds of a payment, or of every payment of a trip, oldest first. */
  async listRefunds(of: { paymentId: string } | { tripId: string }): Promise<RefundRecord[]> {
    const rows = (await this.knex('refunds')
      .where('paymentId' in of ? { payment_id: of.paymentId } : { trip_id: of.tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as RefundRow[];
    return rows.map(toRefund);
  }

  async #insertRefund(
    r: NewRefund,
    status: RefundRecordStatus,
    gatewayRefundId: string | null,
  ): Promise<RefundRecord> {
    const at = iso(r.now);
    try {
      return await inTransaction(this.knex, async (trx) => {
        if (r.idempotencyKey) {
          const earlier = (await trx('refunds').where({ idempotency_key: r.idempotencyKey }).first()) as
            RefundRow | undefined;
          if (earlier) return toRefund(earlier);
        }
        const payment = (await forUpdate(trx, trx('payments').where({ id: r.paymentId }).first())) as
          PaymentRow | undefined;
        if (!payment) throw new RefundNotApplicableError(`no payment ${r.paymentId}`);
        if (!CAPTURED_PAYMENT_STATUSES.includes(payment.status)) {
          throw new RefundNotApplicableError(`payment ${payment.id} is ${payment.status}, not captured`);
        }
        if (payment.currency !== r.amount.currency) {
          throw new RefundNotApplicableError(
            `payment ${payment.id} is in ${payment.currency}, the refund in ${r.amount.currency}`,
          );
        }
        const pending = (await trx('refunds')
          .where({ payment_id: payment.id, status: 'pending' })
          .first(trx.raw('coalesce(sum(amount), 0) as n'))) as { n: unknown } | undefined;
        const left = Number(payment.amount) - Number(payment.refunded_amount) - asInt(pending?.n);
        if (r.amount.amount > left) {
          throw new RefundNotApplicableError(
            `only ${left} ${payment.currency} minor units of payment ${payment.id} are left to refund, not ${r.amount.amount}`,
          );
        }
        await trx('refunds').insert({
          id: r.id,
          payment_id: payment.id,
          trip_id: payment.trip_id,
          item_id: r.itemId ?? null,
          amount: r.amount.amount,
          currency: r.amount.currency,
          status,
          reason: r.reason ?? null,
          gateway_refund_id: gatewayRefundId,
          idempotency_key: r.idempotencyKey ?? null,
          created_at: at,
          updated_at: at,
        });
        if (status === 'succeeded') await applyRefund(trx, payment.id, r.amount.amount, at);
        return toRefund((await trx('refunds').where({ id: r.id }).first()) as RefundRow);
      });
    } catch (err) {
      // Two records of one refund raced: the loser answers the winner's row.
      if (isUniqueViolation(err)) {
        const winner = (await this.knex('refunds')
          .where((w) => {
            if (r.idempotencyKey) w.orWhere({ idempotency_key: r.idempotencyKey });
            if (gatewayRefundId) w.orWhere({ gateway_refund_id: gatewayRefundId });
            if (!r.idempotencyKey && !gatewayRefundId) w.where({ id: r.id });
          })
          .first()) as RefundRow | undefined;
        if (winner) return toRefund(winner);
      }
      throw err;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Ledger

  /** Per currency: what was captured and what of it was refunded (succeeded refunds), over all payments. */
  async ledger(): Promise<LedgerLine[]> {
    const rows = (await this.knex('payments')
      .select('currency')
      .sum({ captured: 'amount' })
      .sum({ refunded: 'refunded_amount' })
      .whereIn('status', CAPTURED_PAYMENT_STATUSES)
      .groupBy('currency')
      .orderBy('currency')) as { currency: string; captured: unknown; refunded: unknown }[];
    return rows.map((r) => ({
      currency: r.currency,
      captured: asInt(r.captured),
      refunded: asInt(r.refunded),
    }));
  }

  /** The same for one trip. */
  async tripLedger(tripId: string): Promise<LedgerLine[]> {
    const rows = (await this.knex('payments')
      .select('currency')
      .sum({ captured: 'amount' })
      .sum({ refunded: 'refunded_amount' })
      .where({ trip_id: tripId })
      .whereIn('status', CAPTURED_PAYMENT_STATUSES)
      .groupBy('currency')
      .orderBy('currency')) as { currency: string; captured: unknown; refunded: unknown }[];
    return rows.map((r) => ({
      currency: r.currency,
      captured: asInt(r.captured),
      refunded: asInt(r.refunded),
    }));
  }

  /**
   * Invoice numbers given in `year`, in order, with the number the counter stands at: the gap check of
   * an audit (numbers 1..last, each once).
   */
  async invoiceNumbers(year: number): Promise<{ numbers: string[]; last: number }> {
    const numbers = (await this.knex('payments')
      .whereNotNull('invoice_number')
      .where('invoice_number', 'like', `INV-${year}-%`)
      .orderBy('invoice_number')
      .pluck('invoice_number')) as string[];
    const counter = (await this.knex('invoice_counters').where({ year }).first('last_number')) as
      { last_number: unknown } | undefined;
    return { numbers, last: asInt(counter?.last_number) };
  }
}

async function lockSaga(trx: Knex.Transaction, attemptId: string): Promise<SagaRow | undefined> {
  return (await forUpdate(trx, trx('pay_sagas').where({ attempt_id: attemptId }).first())) as
    SagaRow | undefined;
}

/**
 * The year's next invoice number, counted in the caller's transaction: the upsert takes the counter
 * row's lock (PostgreSQL) until the caller commits, so concurrent captures number one after the other.
 */
async function nextInvoiceNumber(trx: Knex.Transaction, year: number): Promise<number> {
  const rows = (await trx('invoice_counters')
    .insert({ year, last_number: 1 })
    .onConflict('year')
    .merge({ last_number: trx.raw('invoice_counters.last_number + 1') })
    .returning('last_number')) as ({ last_number: unknown } | number)[];
  const first = rows[0];
  const n = typeof first === 'object' ? asInt(first.last_number) : asInt(first);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`invoice counter of ${year} answered ${String(n)}`);
  return n;
}

/** Adds a succeeded refund to its payment's total and status, refusing more than was captured. */
async function applyRefund(
  trx: Knex.Transaction,
  paymentId: string,
  amount: number,
  at: string,
): Promise<void> {
  const n = await trx('payments')
    .where({ id: paymentId })
    .whereIn('status', CAPTURED_PAYMENT_STATUSES)
    .whereRaw('refunded_amount + ? <= amount', [amount])
    .update({
      refunded_amount: trx.raw('refunded_amount + ?', [amount]),
      status: trx.raw(
        "case when refunded_amount + ? = amount then 'refunded' else 'partially_refunded' end",
        [amount],
      ),
      updated_at: at,
    });
  if (n !== 1)
    throw new RefundNotApplicableError(`payment ${paymentId} cannot take a refund of ${amount} more`);
}
