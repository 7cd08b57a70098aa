import {
  money,
  type CancellationPolicy,
  type Extra,
  type Receipt,
  type TaxLine,
  type User,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Stores } from '../stores/index.ts';
import { CAPTURED_PAYMENT_STATUSES } from '../stores/payments/payments.ts';
import { describeItem } from './pay-saga.ts';
import { type TripsService } from '../selling/trips.ts';
import { itemStatusAt } from '../selling/trip-status.ts';
import type { TripItemRow } from '../stores/payments/trips.ts';

/**
 * The receipt (invoice) of a paid trip: the payment record, the items it paid for as they stand now,
 * and the refunds since. Same scope as the trip: a trip the caller may not see, or one not paid, is 404.
 */
export class ReceiptService {
  readonly #stores: Pick<Stores, 'trips' | 'paymentRecords'>;
  readonly #trips: TripsService;
  readonly #clock: Clock;

  constructor(stores: Pick<Stores, 'trips' | 'paymentRecords'>, trips: TripsService, clock: Clock) {
    this.#stores = stores;
    this.#trips = trips;
    this.#clock = clock;
  }

  /**
   * The receipt of the trip's sale, or with `invoice` that of another of its payments (items added to the
   * paid trip are paid, and invoiced, by themselves).
   */
  async receipt(user: User, tripId: string, invoice?: string): Promise<Receipt> {
    const trip = await this.#trips.get(user, tripId);
    const records = this.#stores.paymentRecords;
    const captured = (await records.livePaymentsOfTrip(tripId))
      .map((p) => p.payment)
      .filter((p) => CAPTURED_PAYMENT_STATUSES.includes(p.status));
    if (captured.length === 0) throw notFound('A receipt (the trip is not paid)');
    const payment = invoice === undefined ? captured[0] : captured.find((p) => p.invoiceNumber === invoice);
    if (!payment) throw notFound(`Invoice ${invoice} of this trip`);
    const attempt = await records.findAttempt(payment.attemptId);
    const record = await this.#stores.trips.findTrip(tripId);
    if (!attempt || !record) throw notFound('Receipt');
    const paid = new Set(attempt.saga.itemIds);
    const at = this.#clock.now().toISOString();
    const refunds = await records.listRefunds({ paymentId: payment.id });
    const currency = payment.amount.currency;
    const lines = record.items.filter((i) => paid.has(i.id));
    const taxTotal = lines.flatMap(taxesOf).reduce((sum, t) => sum + t.amount.amount, 0);
    return {
      invoiceNumber: payment.invoiceNumber!,
      tripId,
      issuedAt: payment.paidAt!,
      customer: trip.customer,
      payer: { name: payment.payerName },
      payment: {
        transactionId: payment.transactionId!,
        gateway: payment.gateway,
        status: payment.status as Receipt['payment']['status'],
        method: { brand: payment.methodBrand ?? 'card', last4: payment.methodLast4 ?? '····' },
        amount: payment.amount,
        paidAt: payment.paidAt!,
      },
      lines: lines.map((i) => ({
        itemId: i.id,
        type: i.type,
        description: describeItem(i),
        status: itemStatusAt(i, at),
        price: money(i.price_amount, i.currency),
        extras: i.extras as Extra[],
        ...(taxesOf(i).length > 0 ? { taxes: taxesOf(i) } : {}),
        ...(i.cancellation_policy ? { cancellationPolicy: i.cancellation_policy as CancellationPolicy } : {}),
      })),
      total: payment.amount,
      ...(taxTotal > 0 ? { taxTotal: money(taxTotal, currency) } : {}),
      refunds: refunds.map((r) => ({
        refundId: r.id,
        ...(r.itemId ? { itemId: r.itemId } : {}),
        amount: r.amount,
        status: r.status,
        ...(r.reason ? { reason: r.reason } : {}),
        refundedAt: r.updatedAt,
      })),
      refunded: money(payment.refundedAmount, currency),
      balance: money(payment.amount.amount - payment.refundedAmount, currency),
    };
  }
}

/** The taxes and fees an item was sold with (none for items sold before they were recorded). */
function taxesOf(i: Pick<TripItemRow, 'details'>): TaxLine[] {
  const taxes = (i.details as { taxes?: unknown }).taxes;
  return Array.isArray(taxes) ? (taxes as TaxLine[]) : [];
}
