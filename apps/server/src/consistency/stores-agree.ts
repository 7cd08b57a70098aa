import { setTimeout as sleep } from 'node:timers/promises';
import type { ItemStatus, ItemType } from '@tripdesk/shared';
import type { HoldState } from '../stores/consistency.ts';
import type { HoldEnd } from '../stores/holds.ts';
import { SOLD_ITEM_STATUSES, type ItemCheck } from '../stores/payments/consistency.ts';
import { CONSISTENCY_ACTOR, type CheckContext, type ConsistencyCheck, type Tally } from './check.ts';

/** 4. Each trip item agrees with its hold; a hold left running under a gone item is released. */
export const storesAgreeCheck: ConsistencyCheck = {
  name: 'stores_agree',
  title: 'Each trip item’s status agrees with its hold in the inventory store.',
  run: storesAgree,
};

/** What the cross-store check makes of an item and its hold. */
type Verdict =
  | { readonly kind: 'agree' }
  /** Explained by work in flight (a payment, cancellation or change not finished; the sweeper's turn). */
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'problem'; readonly message: string; readonly release?: HoldEnd };

const STORE_OF: Record<ItemType, 'hotels' | 'flights' | 'cars'> = {
  hotel: 'hotels',
  flight: 'flights',
  car: 'cars',
};

async function storesAgree(ctx: CheckContext, t: Tally, repair: boolean): Promise<void> {
  const payments = ctx.stores.consistency.payments;
  let after = '';
  for (;;) {
    const items = await payments.scanItems(after, ctx.batch);
    t.checked += items.length;
    const holds = await holdsOf(ctx, items);
    let candidates = items
      .map((item) => ({ item, verdict: judge(ctx, item, holds.get(item.holdId)) }))
      .filter((c) => c.verdict.kind === 'problem');
    // Read each disagreement again, after a moment, a few times: a write in flight settles; a problem stays.
    for (const delay of [0, ...ctx.settleDelays]) {
      if (candidates.length === 0) break;
      if (delay > 0) await sleep(delay);
      const still: typeof candidates = [];
      for (const c of candidates) {
        const item = await payments.findItem(c.item.id);
        if (!item) continue;
        const hold = (await holdsOf(ctx, [item])).get(item.holdId);
        const verdict = judge(ctx, item, hold);
        if (verdict.kind !== 'problem') continue;
        if (verdict.release && repair) {
          await release(ctx, t, item, verdict);
          continue;
        }
        still.push({ item, verdict });
      }
      candidates = still;
    }
    for (const { item, verdict } of candidates) {
      if (verdict.kind !== 'problem') continue;
      t.problem(
        'payments',
        'trip_item',
        item.id,
        verdict.message + (verdict.release ? '; safe to repair (release the hold)' : ''),
      );
    }
    if (items.length < ctx.batch) break;
    after = items[items.length - 1]!.id;
  }
}

async function release(
  ctx: CheckContext,
  t: Tally,
  item: ItemCheck,
  verdict: Extract<Verdict, { kind: 'problem' }>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.services.booking.release(item.type, item.holdId, verdict.release!, now, CONSISTENCY_ACTOR);
  const hold = (await holdsOf(ctx, [item])).get(item.holdId);
  const done = hold?.status !== 'held';
  t.problem(
    'payments',
    'trip_item',
    item.id,
    `${verdict.message}; ${done ? `released the hold (${verdict.release})` : 'the hold could not be released'}`,
    done,
  );
  if (done) ctx.logger.warn({ itemId: item.id, holdId: item.holdId }, 'consistency check: released a hold');
}

async function holdsOf(ctx: CheckContext, items: readonly ItemCheck[]): Promise<Map<string, HoldState>> {
  const out = new Map<string, HoldState>();
  const c = ctx.stores.consistency;
  for (const type of ['hotel', 'flight', 'car'] as const) {
    const ids = items.filter((i) => i.type === type).map((i) => i.holdId);
    if (ids.length === 0) continue;
    const repo = type === 'hotel' ? c.hotels : type === 'flight' ? c.flights : c.cars;
    for (const [id, state] of await repo.holdStates(ids)) out.set(id, state);
  }
  return out;
}

/** Whether an item and its hold agree, disagree for now (work in flight), or disagree. */
function judge(ctx: CheckContext, item: ItemCheck, hold: HoldState | undefined): Verdict {
  const at = ctx.clock.now().toISOString();
  const store = STORE_OF[item.type];
  if (!hold) {
    return {
      kind: 'problem',
      message: `${item.status}, but its hold ${item.holdId} is missing in the ${store} store`,
    };
  }
  const says = `${item.status}, but its hold ${item.holdId} is ${hold.status}`;
  const h = hold.status;
  if (item.status === 'held') {
    if (h === 'held') return { kind: 'agree' };
    // The sweeper expires the hold first, then the item.
    if (h === 'expired' && item.holdExpiresAt !== null && item.holdExpiresAt <= at) return { kind: 'agree' };
    // A payment books the holds before it confirms the items, and a compensation gives them back first.
    if (item.sagaUnfinished) return { kind: 'in_flight' };
    return { kind: 'problem', message: `${says}, and no payment is in progress` };
  }
  if (SOLD_ITEM_STATUSES.includes(item.status)) {
    if (h === 'booked') return { kind: 'agree' };
    if (item.changeUnfinished) return { kind: 'in_flight' };
    return { kind: 'problem', message: `${says}: sold, but its units are not booked` };
  }
  // released, expired, cancelled: the units must have gone back.
  if (h === 'booked') {
    if (item.status === 'cancelled' && item.cancellation?.status === 'started') return { kind: 'in_flight' };
    return {
      kind: 'problem',
      message: `${says}: its units are still booked (not repaired: a sale is never undone automatically)`,
    };
  }
  if (h === 'held') {
    if (item.status === 'cancelled' && item.cancellation?.status === 'started') return { kind: 'in_flight' };
    // Past its expiry the sweeper releases it (check 5 watches that).
    if (hold.expiresAt <= at) return { kind: 'in_flight' };
    return {
      kind: 'problem',
      message: `${says}: its units are still held`,
      release: releaseReason(item.status),
    };
  }
  return { kind: 'agree' };
}

function releaseReason(status: ItemStatus): HoldEnd {
  return status === 'expired' ? 'expired' : status === 'cancelled' ? 'cancelled' : 'released';
}
