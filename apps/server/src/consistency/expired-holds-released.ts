import type { StoreName } from '@tripdesk/shared';
import type { CheckContext, ConsistencyCheck, Tally } from './check.ts';

/** 5. No hold or held item runs past its expiry; the sweeper's own path releases them. */
export const expiredHoldsReleasedCheck: ConsistencyCheck = {
  name: 'expired_holds_released',
  title: 'No hold or held item is left running past its expiry.',
  run: expiredHoldsReleased,
};

async function expiredHoldsReleased(ctx: CheckContext, t: Tally, repair: boolean): Promise<void> {
  const c = ctx.stores.consistency;
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.expiryGrace * 1000).toISOString();
  const stores = [
    ['hotels', c.hotels, 'hotel_hold'],
    ['flights', c.flights, 'flight_hold'],
    ['cars', c.cars, 'car_hold'],
  ] as const;
  const overdue = async () => {
    const counts = await Promise.all(stores.map(([, repo]) => repo.countOverdueHolds(cutoff)));
    return counts.reduce((a, b) => a + b, 0) + (await c.payments.countOverdueItems(cutoff));
  };
  t.checked +=
    (await c.payments.countHeldItems()) +
    (await Promise.all(stores.map(([, repo]) => repo.countHeldHolds()))).reduce((a, b) => a + b, 0);
  const found = await overdue();
  if (found === 0) return;

  // What to name: the first ones of each store.
  const listed: {
    store: StoreName;
    entity: string;
    id: string;
    message: string;
    check: () => Promise<boolean>;
  }[] = [];
  for (const [store, repo, entity] of stores) {
    for (const h of await repo.overdueHolds(cutoff, '', ctx.detailLimit)) {
      listed.push({
        store,
        entity,
        id: h.id,
        message: `held, its expiry ${h.expiresAt} has passed`,
        check: async () => (await repo.holdStates([h.id])).get(h.id)?.status !== 'held',
      });
    }
  }
  for (const i of await c.payments.overdueItems(cutoff, ctx.detailLimit)) {
    listed.push({
      store: 'payments',
      entity: 'trip_item',
      id: i.id,
      message: `held, its deadline ${i.holdExpiresAt} has passed`,
      check: async () => (await c.payments.itemStatuses([i.id])).get(i.id) !== 'held',
    });
  }

  let left = found;
  if (repair) {
    // The sweeper's own release path, as often as it makes progress.
    for (let sweep = 0; sweep < 20 && left > 0; sweep++) {
      const counts = await ctx.services.sweeper.sweepOnce(ctx.clock.now());
      const before = left;
      left = await overdue();
      if (counts.failures > 0 || left >= before) break;
    }
  }
  let namedRepaired = 0;
  for (const l of listed) {
    const done = repair && (await l.check());
    if (done) namedRepaired++;
    t.problem(
      l.store,
      l.entity,
      l.id,
      l.message + (done ? '; released by the sweeper' : repair ? '' : '; the sweeper releases it'),
      done,
    );
  }
  // Those beyond the named ones: counted, repaired as the count after the sweeps says.
  t.more(found - listed.length, Math.max(0, found - left - namedRepaired));
}
