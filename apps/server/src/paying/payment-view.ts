import { money, type Payment, type Refund, type Trip, type TripPayment } from '@tripdesk/shared';
import type { AfterSaleRepository } from '../stores/payments/after-sale.ts';
import {
  CAPTURED_PAYMENT_STATUSES,
  type PaymentRecord,
  type PaymentRecordsRepository,
} from '../stores/payments/payments.ts';

/**
 * The API's `payment` of a trip (API.md: `{ transactionId, invoiceNumber, amount, status, gateway,
 * paidAt }`), from its payment record: present once the payment is captured, whatever was refunded
 * since; undefined while it is in flight, and for a declined or voided attempt.
 */
export function paymentView(p: PaymentRecord | undefined): Payment | undefined {
  if (!p || !CAPTURED_PAYMENT_STATUSES.includes(p.status)) return undefined;
  if (!p.invoiceNumber || !p.transactionId || !p.paidAt) return undefined;
  return {
    transactionId: p.transactionId,
    invoiceNumber: p.invoiceNumber,
    amount: p.amount,
    status: p.status as Payment['status'],
    gateway: p.gateway,
    paidAt: p.paidAt,
  };
}

/** The API's `refund` of a trip: what its cancellations give back and how far that got; undefined if none. */
export async function refundView(
  afterSale: AfterSaleRepository,
  tripId: string,
): Promise<Refund | undefined> {
  const cancellations = await afterSale.cancellationsOfTrip(tripId);
  if (cancellations.length === 0) return undefined;
  const amount = cancellations.reduce((s, c) => s + c.refund.amount, 0);
  const statuses = cancellations.map((c) => c.refundStatus);
  const status = statuses.includes('pending')
    ? 'pending'
    : statuses.includes('failed')
      ? 'failed'
      : 'succeeded';
  const refunded = cancellations.filter((c) => c.refundStatus === 'succeeded').map((c) => c.updatedAt);
  return {
    amount: money(amount, cancellations[0]!.refund.currency),
    status,
    ...(status === 'succeeded' && refunded.length > 0 ? { refundedAt: refunded.sort().at(-1)! } : {}),
  };
}

/**
 * The trip with what its payment records say: `payment` (the sale's), `payments` (every payment taken,
 * with the items each paid: items added to a paid trip are paid by themselves) and `refund`.
 */
export async function withPayments(
  stores: { readonly paymentRecords: PaymentRecordsRepository; readonly afterSale: AfterSaleRepository },
  view: Trip,
): Promise<Trip> {
  const payments = (await stores.paymentRecords.livePaymentsOfTrip(view.id)).flatMap(
    ({ payment, itemIds }): TripPayment[] => {
      const shown = paymentView(payment);
      return shown ? [{ ...shown, itemIds }] : [];
    },
  );
  const refund = await refundView(stores.afterSale, view.id);
  const first = payments[0];
  const payment = first && (({ itemIds: _, ...p }) => p)(first);
  return {
    ...view,
    ...(payment ? { payment } : {}),
    ...(payments.length > 0 ? { payments } : {}),
    ...(refund ? { refund } : {}),
  };
}
