import type { CheckContext, ConsistencyCheck, Tally } from './check.ts';
import { SOLD_ITEM_STATUSES } from '../stores/payments/consistency.ts';

/** 2. Sold items are paid, cancelled paid items refunded, no payment left half-way. */
export const soldItemsPaidCheck: ConsistencyCheck = {
  name: 'sold_items_paid',
  title:
    'Every sold item has a captured payment, every cancelled paid item its refund, and no payment is ' +
    'left half-way.',
  run: soldItemsPaid,
};

async function soldItemsPaid(ctx: CheckContext, t: Tally, repair: boolean): Promise<void> {
  const payments = ctx.stores.consistency.payments;
  t.checked += (await payments.countSoldItems()) + (await payments.countUnfinishedSagas());
  const reconciled = new Map<string, string | undefined>();
  const reconcile = async (tripId: string) => {
    if (!reconciled.has(tripId)) {
      reconciled.set(tripId, await ctx.services.reconciler.reconcileTrip(tripId));
    }
    return reconciled.get(tripId);
  };

  // Pay sagas not written for a while: the reconciler's own repair, run now for their trips.
  const staleBefore = new Date(ctx.clock.now().getTime() - ctx.sagaGrace * 1000).toISOString();
  for (const saga of await payments.staleSagas(staleBefore, ctx.detailLimit * 2)) {
    const base = `pay saga ${saga.attemptId} left at step ${saga.step} since ${saga.updatedAt}`;
    if (!repair) {
      t.problem('payments', 'trip', saga.tripId, `${base}; the reconciler repairs it`);
      continue;
    }
    const outcome = await reconcile(saga.tripId);
    const finished = !(await payments.sagaUnfinished(saga.tripId));
    t.problem(
      'payments',
      'trip',
      saga.tripId,
      `${base}; reconciled: ${finished ? (outcome ?? 'finished') : 'still unfinished (the gateway may be unavailable)'}`,
      finished,
    );
  }

  let after = '';
  for (;;) {
    const unpaid = await payments.unpaidSoldItems(after, ctx.batch);
    for (const item of unpaid) {
      const base = `${item.status} but trip ${item.tripId} has no captured payment`;
      if (!item.sagaUnfinished) {
        t.problem('payments', 'trip_item', item.id, `${base}; money is never repaired automatically`);
        continue;
      }
      if (!repair) {
        t.problem(
          'payments',
          'trip_item',
          item.id,
          `${base}; its pay saga is unfinished: the reconciler repairs it`,
        );
        continue;
      }
      await reconcile(item.tripId);
      const paid = await payments.hasCapturedPayment(item.tripId);
      const status = (await payments.itemStatuses([item.id])).get(item.id);
      const settled = paid || !SOLD_ITEM_STATUSES.includes(status!);
      t.problem(
        'payments',
        'trip_item',
        item.id,
        `${base}; its pay saga was reconciled${settled ? '' : ', still without a captured payment'}`,
        settled,
      );
    }
    if (unpaid.length < ctx.batch) break;
    after = unpaid[unpaid.length - 1]!.id;
  }

  after = '';
  for (;;) {
    const cancellations = await payments.paidCancellations(after, ctx.batch);
    t.checked += cancellations.length;
    for (const c of cancellations) {
      // Still going (the after-sale recovery finishes it): not a problem yet.
      if (c.status !== 'completed' || c.refundStatus === 'pending' || c.pendingParts > 0) continue;
      const owed = `${c.refundAmount} ${c.currency} (minor units)`;
      if (c.refundStatus === 'failed') {
        t.problem(
          'payments',
          'trip_item',
          c.itemId,
          `cancelled after pay; its refund of ${owed} failed: the customer is owed it`,
        );
      } else if (c.refunded !== c.refundAmount) {
        t.problem(
          'payments',
          'trip_item',
          c.itemId,
          `cancelled after pay with a refund of ${owed}, but its refund records add up to ${c.refunded}`,
        );
      }
    }
    if (cancellations.length < ctx.batch) break;
    after = cancellations[cancellations.length - 1]!.id;
  }

  after = '';
  for (;;) {
    const orphans = await payments.cancelledItemsWithoutRecord(after, ctx.batch);
    for (const o of orphans) {
      t.problem(
        'payments',
        'trip_item',
        o.id,
        `cancelled without a cancellation record (trip ${o.tripId}): no refund was decided`,
      );
    }
    if (orphans.length < ctx.batch) break;
    after = orphans[orphans.length - 1]!.id;
  }
}
