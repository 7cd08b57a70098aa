import type { Knex } from 'knex';
import { isUniqueViolation } from '../users/repository.ts';

export type GatewayTransactionStatus = 'authorized' | 'captured' | 'voided' | 'declined';

/** One authorize call of the local gateway and what became of it. Amounts in minor units. */
export interface GatewayTransaction {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly tripId: string;
  readonly paymentMethod: string;
  readonly description: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: GatewayTransactionStatus;
  readonly declineCode: string | null;
  readonly declineMessage: string | null;
  readonly cardBrand: string;
  readonly cardLast4: string;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly captureIdempotencyKey: string | null;
  readonly voidIdempotencyKey: string | null;
  readonly createdAt: string;
  readonly capturedAt: string | null;
  readonly voidedAt: string | null;
}

export type NewGatewayTransaction = Omit<
  GatewayTransaction,
  | 'capturedAmount'
  | 'refundedAmount'
  | 'captureIdempotencyKey'
  | 'voidIdempotencyKey'
  | 'capturedAt'
  | 'voidedAt'
>;

export interface GatewayRefund {
  readonly id: string;
  readonly transactionId: string;
  readonly idempotencyKey: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly createdAt: string;
}

/** Outcome of a step's conditional update. */
export type StepUpdate = 'applied' | 'not_applicable' | 'key_taken';

/** Where a Stripe event stands in the dedupe table, as seen by the one asking to handle it. */
export type StripeEventClaim = 'claimed' | 'processed' | 'in_flight';

interface TransactionRow {
  id: string;
  idempotency_key: string;
  trip_id: string;
  payment_method: string;
  description: string;
  amount: number | string;
  currency: string;
  status: GatewayTransactionStatus;
  decline_code: string | null;
  decline_message: string | null;
  card_brand: string;
  card_last4: string;
  captured_amount: number | string;
  refunded_amount: number | string;
  capture_idempotency_key: string | null;
  void_idempotency_key: string | null;
  created_at: string;
  captured_at: string | null;
  voided_at: string | null;
}

interface RefundRow {
  id: string;
  transaction_id: string;
  idempotency_key: string;
  amount: number | string;
  currency: string;
  status: GatewayRefund['status'];
  created_at: string;
}

// PostgreSQL answers bigint columns as strings; amounts stay far below 2^53.
const toTransaction = (r: TransactionRow): GatewayTransaction => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  tripId: r.trip_id,
  paymentMethod: r.payment_method,
  description: r.description,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  declineCode: r.decline_code,
  declineMessage: r.decline_message,
  cardBrand: r.card_brand,
  cardLast4: r.card_last4,
  capturedAmount: Number(r.captured_amount),
  refundedAmount: Number(r.refunded_amount),
  captureIdempotencyKey: r.capture_idempotency_key,
  voidIdempotencyKey: r.void_idempotency_key,
  createdAt: r.created_at,
  capturedAt: r.captured_at,
  voidedAt: r.voided_at,
});

const toRefund = (r: RefundRow): GatewayRefund => ({
  id: r.id,
  transactionId: r.transaction_id,
  idempotencyKey: r.idempotency_key,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  createdAt: r.created_at,
});

/**
 * The payment gateway's records in the payments store: the local gateway's authorizations and
 * refunds, and the Stripe webhook events already handled. The only code touching those tables.
 */
export class GatewayRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /**
   * Records an authorize call unless one with the same idempotency key exists. Answers the row
   * that holds the key: the new one, or the first call's (the unique index decides races).
   */
  async insertTransactionOnce(
    t: NewGatewayTransaction,
  ): Promise<{ inserted: boolean; transaction: GatewayTransaction }> {
    const inserted = await this.knex('gateway_transactions')
      .insert({
        id: t.id,
        idempotency_key: t.idempotencyKey,
        trip_id: t.tripId,
        payment_method: t.paymentMethod,
        description: t.description,
        amount: t.amount,
        currency: t.currency,
        status: t.status,
        decline_code: t.declineCode,
        decline_message: t.declineMessage,
        card_brand: t.cardBrand,
        card_last4: t.cardLast4,
        created_at: t.createdAt,
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('id');
    const row = await this.knex<TransactionRow>('gateway_transactions')
      .where({ idempotency_key: t.idempotencyKey })
      .first();
    if (!row) throw new Error(`gateway transaction with key ${t.idempotencyKey} vanished`);
    return { inserted: inserted.length > 0, transaction: toTransaction(row) };
  }

  async findTransaction(id: string): Promise<GatewayTransaction | undefined> {
    const row = await this.knex<TransactionRow>('gateway_transactions').where({ id }).first();
    return row && toTransaction(row);
  }

  async listTransactionsOfTrip(tripId: string): Promise<GatewayTransaction[]> {
    const rows = await this.knex<TransactionRow>('gateway_transactions')
      .where({ trip_id: tripId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toTransaction);
  }

  /** authorized → captured, the whole amount, in one conditional update. */
  async markCaptured(id: string, idempotencyKey: string, at: string): Promise<StepUpdate> {
    return this.#step(() =>
      this.knex('gateway_transactions')
        .where({ id, status: 'authorized' })
        .update({
          status: 'captured',
          captured_amount: this.knex.ref('amount'),
          capture_idempotency_key: idempotencyKey,
          captured_at: at,
        }),
    );
  }

  /** authorized → voided, in one conditional update. */
  async markVoided(id: string, idempotencyKey: string, at: string): Promise<StepUpdate> {
    return this.#step(() =>
      this.knex('gateway_transactions')
        .where({ id, status: 'authorized' })
        .update({ status: 'voided', void_idempotency_key: idempotencyKey, voided_at: at }),
    );
  }

  async #step(update: () => Promise<number>): Promise<StepUpdate> {
    try {
      return (await update()) === 1 ? 'applied' : 'not_applicable';
    } catch (err) {
      if (isUniqueViolation(err)) return 'key_taken';
      throw err;
    }
  }

  async findRefundByKey(idempotencyKey: string): Promise<GatewayRefund | undefined> {
    const row = await this.knex<RefundRow>('gateway_refunds')
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row && toRefund(row);
  }

  async listRefunds(transactionId: string): Promise<GatewayRefund[]> {
    const rows = await this.knex<RefundRow>('gateway_refunds')
      .where({ transaction_id: transactionId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toRefund);
  }

  /**
   * Records a refund and adds it to the transaction's refunded total in one transaction, on the
   * condition that the transaction is captured, in that currency, and has that much left to give
   * back. `not_applicable` when the condition fails, `key_taken` when the key already names a
   * refund; nothing is written then.
   */
  async insertRefund(refund: GatewayRefund): Promise<StepUpdate> {
    try {
      return await this.knex.transaction(async (trx) => {
        const n = await trx('gateway_transactions')
          .where({ id: refund.transactionId, status: 'captured', currency: refund.currency })
          .whereRaw('refunded_amount + ? <= captured_amount', [refund.amount])
          .increment('refunded_amount', refund.amount);
        if (n !== 1) return 'not_applicable';
        await trx('gateway_refunds').insert({
          id: refund.id,
          transaction_id: refund.transactionId,
          idempotency_key: refund.idempotencyKey,
          amount: refund.amount,
          currency: refund.currency,
          status: refund.status,
          created_at: refund.createdAt,
        });
        return 'applied';
      });
    } catch (err) {
      if (isUniqueViolation(err)) return 'key_taken';
      throw err;
    }
  }

  /**
   * Claims a Stripe event for handling. `claimed`: the caller handles it, then calls
   * `markStripeEventProcessed` (or `releaseStripeEvent` if handling failed). A claim older than
   * `staleBefore` whose handler never finished (a crash) is taken over.
   */
  async claimStripeEvent(
    eventId: string,
    type: string,
    now: string,
    staleBefore: string,
  ): Promise<StripeEventClaim> {
    const inserted = await this.knex('stripe_webhook_events')
      .insert({ event_id: eventId, type, received_at: now, claimed_at: now, processed_at: null })
      .onConflict('event_id')
      .ignore()
      .returning('event_id');
    if (inserted.length > 0) return 'claimed';
    const row = (await this.knex('stripe_webhook_events')
      .where({ event_id: eventId })
      .first('claimed_at', 'processed_at')) as
      { claimed_at: string; processed_at: string | null } | undefined;
    // Released between the insert and this read: its handler just failed; let Stripe come back.
    if (!row) return 'in_flight';
    if (row.processed_at !== null) return 'processed';
    if (row.claimed_at >= staleBefore) return 'in_flight';
    const taken = await this.knex('stripe_webhook_events')
      .where({ event_id: eventId, claimed_at: row.claimed_at })
      .whereNull('processed_at')
      .update({ claimed_at: now });
    return taken === 1 ? 'claimed' : 'in_flight';
  }

  async markStripeEventProcessed(eventId: string, now: string): Promise<void> {
    await this.knex('stripe_webhook_events').where({ event_id: eventId }).update({ processed_at: now });
  }

  /** Gives a claim back after its handler failed, so Stripe's redelivery is handled afresh. */
  async releaseStripeEvent(eventId: string): Promise<void> {
    await this.knex('stripe_webhook_events').where({ event_id: eventId }).whereNull('processed_at').delete();
  }

  async isStripeEventProcessed(eventId: string): Promise<boolean> {
    const row = await this.knex('stripe_webhook_events')
      .where({ event_id: eventId })
      .whereNotNull('processed_at')
      .first('event_id');
    return row !== undefined;
  }
}
