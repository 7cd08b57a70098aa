import type { Money } from '@tripdesk/shared';
import type { NotificationIntent, NotificationPolicy, OutboxTripEvent } from '../stores/payments/outbox.ts';

const sum = (list: readonly unknown[]): Money | undefined => {
  let total: Money | undefined;
  for (const m of list) {
    if (!isMoney(m)) continue;
    total = total ? { amount: total.amount + m.amount, currency: total.currency } : m;
  }
  return total;
};

function isMoney(v: unknown): v is Money {
  const m = v as { amount?: unknown; currency?: unknown } | null;
  return (
    typeof m === 'object' && m !== null && typeof m.amount === 'number' && typeof m.currency === 'string'
  );
}

/**
 * Which trip events make which notification, the notification policy: the events of ONE change of
 * one trip (what one transaction writes) in, at most one notification of each kind out. Each goes to
 * the user who opened the trip (in the app) and to the customer (by email): see outbox-worker.ts.
 *
 * - `trip.confirmed` (the pay saga's last step): trip_confirmed.
 * - `trip.cancelled` (a whole trip cancelled, or its last item): trip_cancelled, with the items
 *   cancelled by that change; their own `item.cancelled` events make nothing more.
 * - `item.cancelled` without the trip: item_cancelled (one item of a paid trip).
 * - `item.expired` / `trip.expired` (the sweeper, or a payment that met an expired hold): hold_expired.
 * - `refund.succeeded` (a cancellation's refund went through at the gateway): refund_succeeded, once per
 *   cancellation.
 * Anything else (holds placed, items released by the desk, check-ins, changes) tells nobody.
 */
export function notificationsFor(tripId: string, events: readonly OutboxTripEvent[]): NotificationIntent[] {
  const out: NotificationIntent[] = [];
  const of = (type: string) => events.filter((e) => e.type === type);
  const ids = (list: readonly OutboxTripEvent[]) =>
    list.map((e) => e.itemId).filter((id): id is string => id !== undefined);
  const reasonOf = (list: readonly OutboxTripEvent[]) =>
    list.map((e) => e.detail?.reason).find((r): r is string => typeof r === 'string');

  const confirmed = of('trip.confirmed')[0];
  if (confirmed) {
    const d = confirmed.detail ?? {};
    out.push({
      kind: 'trip_confirmed',
      itemIds: [],
      detail: {
        ...(isMoney(d.amount) ? { paid: d.amount } : {}),
        ...(typeof d.invoiceNumber === 'string' ? { invoiceNumber: d.invoiceNumber } : {}),
      },
      dedupeKey: `trip_confirmed:${tripId}`,
    });
  }

  const itemsCancelled = of('item.cancelled');
  const tripCancelled = of('trip.cancelled')[0];
  if (tripCancelled || itemsCancelled.length > 0) {
    const refund = isMoney(tripCancelled?.detail?.refund)
      ? tripCancelled.detail.refund
      : sum(itemsCancelled.map((e) => e.detail?.refund));
    const fee = sum(itemsCancelled.map((e) => e.detail?.fee));
    const reason = reasonOf(tripCancelled ? [tripCancelled] : itemsCancelled);
    const itemIds = ids(itemsCancelled);
    out.push({
      kind: tripCancelled ? 'trip_cancelled' : 'item_cancelled',
      itemIds,
      detail: {
        ...(refund ? { refund } : {}),
        ...(fee ? { fee } : {}),
        ...(reason ? { reason } : {}),
      },
      dedupeKey: tripCancelled
        ? `trip_cancelled:${tripId}`
        : `item_cancelled:${tripId}:${[...itemIds].sort().join(',')}`,
    });
  }

  const itemsExpired = of('item.expired');
  const tripExpired = of('trip.expired')[0];
  if (tripExpired || itemsExpired.length > 0) {
    out.push({
      kind: 'hold_expired',
      itemIds: ids(itemsExpired),
      detail: { tripExpired: tripExpired !== undefined },
      // A trip expires once; items expiring while others still hold are told each time.
      ...(tripExpired ? { dedupeKey: `hold_expired:${tripId}` } : {}),
    });
  }

  const refunds = of('refund.succeeded');
  for (const r of refunds) {
    const d = r.detail ?? {};
    const key = typeof d.cancellationId === 'string' ? d.cancellationId : r.itemId;
    out.push({
      kind: 'refund_succeeded',
      itemIds: r.itemId ? [r.itemId] : [],
      detail: { ...(isMoney(d.amount) ? { refund: d.amount } : {}) },
      ...(key ? { dedupeKey: `refund_succeeded:${tripId}:${key}` } : {}),
    });
  }
  return out;
}

/** The policy the trip writes are given (openStores `notificationPolicy`). */
export const notificationPolicy: NotificationPolicy = notificationsFor;
