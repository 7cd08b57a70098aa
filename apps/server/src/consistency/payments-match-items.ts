import type { CheckContext, ConsistencyCheck, Tally } from './check.ts';

/** 3. Captured payments match what they paid for (money is reported, never repaired). */
export const paymentsMatchItemsCheck: ConsistencyCheck = {
  name: 'payments_match_items',
  title:
    'Every captured payment paid for items: captured − refunded (+ change charges) = items sold + ' +
    'cancellation fees kept.',
  run: paymentsMatchItems,
};

async function paymentsMatchItems(ctx: CheckContext, t: Tally): Promise<void> {
  const payments = ctx.stores.consistency.payments;
  let after = '';
  for (;;) {
    const ledgers = await payments.tripLedgers(after, ctx.batch);
    t.checked += ledgers.length;
    for (const first of ledgers) {
      if (first.inFlight || !ledgerProblem(first)) continue;
      // Read again at one point now: only a disagreement that stands is reported.
      const again = (await payments.tripLedger(first.tripId)).find((l) => l.currency === first.currency);
      const message = again && !again.inFlight ? ledgerProblem(again) : undefined;
      if (message) t.problem('payments', 'trip', first.tripId, message);
    }
    if (ledgers.length < ctx.batch) break;
    after = ledgers[ledgers.length - 1]!.tripId;
  }
}

/** The ledger rule for one trip (test/pay-ledger.test.ts); undefined when it holds. */
function ledgerProblem(l: {
  currency: string;
  captured: number;
  refunded: number;
  charged: number;
  chargeRefunded: number;
  sold: number;
  soldItems: number;
  fees: number;
  paidCancellations: number;
}): string | undefined {
  const kept = l.captured - l.refunded + l.charged - l.chargeRefunded;
  const owed = l.sold + l.fees;
  if (l.soldItems + l.paidCancellations === 0 && kept > 0) {
    return `captured ${l.captured} ${l.currency} (refunded ${l.refunded}), but no item of the trip was ever sold`;
  }
  if (kept === owed) return undefined;
  return (
    `captured ${l.captured} − refunded ${l.refunded} + change charges ${l.charged} − refunded ${l.chargeRefunded} ` +
    `= ${kept} ${l.currency}, but items sold ${l.sold} + fees kept ${l.fees} = ${owed}`
  );
}
