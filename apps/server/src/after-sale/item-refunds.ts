import { money, type Money } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import {
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type PaymentGateway,
} from '../paying/gateway.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import type { AfterSaleRefundStatus } from '../stores/payments/after-sale.ts';
import {
  CAPTURED_PAYMENT_STATUSES,
  RefundNotApplicableError,
  type PaymentRecord,
} from '../stores/payments/payments.ts';

/** One refund at the gateway, as written before the gateway was asked. */
interface RefundPart {
  readonly source: 'payment' | 'charge';
  /** The refunds / supplement_refunds row. */
  readonly recordId: string;
  /** The gateway's authorization the money goes back to. */
  readonly authorizationId: string;
  readonly amount: Money;
  readonly key: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
}

export interface ItemRefundRequest {
  readonly tripId: string;
  readonly itemId: string;
  readonly amount: Money;
  /**
   * Stem of the gateway idempotency keys, one logical refund: e.g. `refund:{trip}:{item}:cancel`. A
   * retry with the same stem is the same refund, never a second one.
   */
  readonly key: string;
  readonly reason: string;
}

/**
 * Gives money back for one item: first from the item's own change charges (what dearer changes charged
 * on top, newest first), then from the trip's payment, each part written `pending` before the gateway
 * is asked, with a key derived from the request's stem, and settled after. A gateway that cannot be
 * reached leaves the parts `pending`, to be asked again with the same keys (the after-sale recovery
 * job); one that refuses settles them `failed`.
 */
export class ItemRefunds {
  readonly #stores: Pick<Stores, 'afterSale' | 'paymentRecords'>;
  readonly #gateway: PaymentGateway;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(
    stores: Pick<Stores, 'afterSale' | 'paymentRecords'>,
    gateway: PaymentGateway,
    deps: { clock: Clock; logger: Logger },
  ) {
    this.#stores = stores;
    this.#gateway = gateway;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  /** Writes the parts (or finds them, on a retry) and asks the gateway for each one still pending. */
  async refund(r: ItemRefundRequest): Promise<AfterSaleRefundStatus> {
    if (r.amount.amount === 0) return 'none';
    let parts: RefundPart[];
    try {
      parts = await this.#begin(r);
    } catch (err) {
      if (err instanceof RefundNotApplicableError || err instanceof ShortRefundError) {
        this.#logger.error({ err, tripId: r.tripId, itemId: r.itemId }, 'a refund could not be recorded');
        return 'failed';
      }
      throw err;
    }
    for (const part of parts) {
      if (part.status === 'pending') await this.#ask(part);
    }
    return this.status(r);
  }

  /** Where the refund stands, from its records: every part succeeded, one still pending, or failed. */
  async status(
    r: Pick<ItemRefundRequest, 'tripId' | 'itemId' | 'key' | 'amount'>,
  ): Promise<AfterSaleRefundStatus> {
    if (r.amount.amount === 0) return 'none';
    const parts = await this.#existing(r);
    if (parts.length === 0) return 'failed';
    if (parts.some((p) => p.status === 'pending')) return 'pending';
    if (parts.some((p) => p.status === 'failed')) return 'failed';
    const total = parts.reduce((sum, p) => sum + p.amount.amount, 0);
    return total === r.amount.amount ? 'succeeded' : 'failed';
  }

  /** The parts already recorded under the request's keys (a retry finds what the first attempt wrote). */
  async #existing(r: Pick<ItemRefundRequest, 'tripId' | 'itemId' | 'key'>): Promise<RefundPart[]> {
    const parts: RefundPart[] = [];
    for (const { change } of await this.#stores.afterSale.refundableCharges(r.itemId)) {
      const found = await this.#stores.afterSale.findSupplementRefundByKey(`${r.key}:chg:${change.id}`);
      if (found) {
        parts.push({
          source: 'charge',
          recordId: found.id,
          authorizationId: change.chargeTransactionId!,
          amount: found.amount,
          key: found.idempotencyKey,
          status: found.status,
        });
      }
    }
    const payKey = `${r.key}:pay`;
    const paid = (await this.#stores.paymentRecords.listRefunds({ tripId: r.tripId })).find(
      (x) => x.idempotencyKey === payKey,
    );
    if (paid) {
      const payment = await this.#stores.paymentRecords.findPayment(paid.paymentId);
      parts.push({
        source: 'payment',
        recordId: paid.id,
        authorizationId: payment!.transactionId!,
        amount: paid.amount,
        key: payKey,
        status: paid.status,
      });
    }
    return parts;
  }

  /**
   * Splits the amount over the item's charges (newest first) and then the trip's payment, writing each
   * part `pending`; parts a former attempt wrote are taken as they are, so the split never changes.
   */
  async #begin(r: ItemRefundRequest): Promise<RefundPart[]> {
    const now = this.#clock.now();
    const currency = r.amount.currency;
    let left = r.amount.amount;
    const parts: RefundPart[] = [];
    for (const { change, left: chargeLeft } of await this.#stores.afterSale.refundableCharges(r.itemId)) {
      if (left === 0) break;
      const key = `${r.key}:chg:${change.id}`;
      const earlier = await this.#stores.afterSale.findSupplementRefundByKey(key);
      const amount = earlier ? earlier.amount.amount : Math.min(left, chargeLeft);
      if (amount <= 0) continue;
      const record =
        earlier ??
        (await this.#stores.afterSale.beginSupplementRefund({
          id: newId('srf'),
          changeId: change.id,
          amount: money(amount, currency),
          reason: r.reason,
          idempotencyKey: key,
          now,
        }));
      left -= record.amount.amount;
      parts.push({
        source: 'charge',
        recordId: record.id,
        authorizationId: change.chargeTransactionId!,
        amount: record.amount,
        key,
        status: record.status,
      });
    }
    if (left > 0) {
      const payment = await this.#paymentOf(r.tripId, r.itemId);
      if (!payment?.transactionId) throw new ShortRefundError(`trip ${r.tripId} has no captured payment`);
      const record = await this.#stores.paymentRecords.beginRefund({
        id: newId('rfd'),
        paymentId: payment.id,
        itemId: r.itemId,
        amount: money(left, currency),
        reason: r.reason,
        idempotencyKey: `${r.key}:pay`,
        now,
      });
      parts.push({
        source: 'payment',
        recordId: record.id,
        authorizationId: payment.transactionId,
        amount: record.amount,
        key: `${r.key}:pay`,
        status: record.status,
      });
    }
    return parts;
  }

  /**
   * The captured payment that paid the item: the sale's, or the later round that paid an item added to
   * the paid trip. An item no attempt names (sold before rounds were recorded) is the sale's.
   */
  async #paymentOf(tripId: string, itemId: string): Promise<PaymentRecord | undefined> {
    const captured = (await this.#stores.paymentRecords.livePaymentsOfTrip(tripId)).filter((p) =>
      CAPTURED_PAYMENT_STATUSES.includes(p.payment.status),
    );
    return (captured.find((p) => p.itemIds.includes(itemId)) ?? captured[0])?.payment;
  }

  /** Asks the gateway for one pending part and settles its record with the answer. */
  async #ask(part: RefundPart): Promise<void> {
    let outcome: { status: 'succeeded' | 'failed'; gatewayRefundId?: string } | undefined;
    try {
      const result = await this.#gateway.refund(part.authorizationId, part.amount, part.key);
      // A refund the gateway still processes (some Stripe methods) stays pending: asked again later.
      if (result.status !== 'pending') outcome = { status: result.status, gatewayRefundId: result.refundId };
    } catch (err) {
      if (err instanceof PaymentGatewayUnavailableError) {
        this.#logger.warn({ err, key: part.key }, 'refund: the gateway is unavailable; it stays pending');
        return;
      }
      if (!(err instanceof PaymentGatewayRefusedError)) throw err;
      this.#logger.error({ err, key: part.key }, 'refund: the gateway refused it');
      outcome = { status: 'failed' };
    }
    if (!outcome) return;
    const now = this.#clock.now();
    if (part.source === 'payment')
      await this.#stores.paymentRecords.settleRefund(part.recordId, outcome, now);
    else await this.#stores.afterSale.settleSupplementRefund(part.recordId, outcome, now);
  }
}

/** The money to give back is more than the item's charges and the trip's payment hold. */
class ShortRefundError extends Error {}
