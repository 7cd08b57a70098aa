import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { SeededRandom } from '../src/demo/random.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import {
  customer,
  MANY_SEATS,
  pay,
  startPayServer,
  type Client,
  type PayTestServer,
} from './pay-fixtures.ts';

const STEPS = Number(process.env.LEDGER_STEPS ?? 48);
const SEED = Number(process.env.LEDGER_SEED ?? 20261121);
const SOLD = ['confirmed', 'checked_in', 'checked_out'];

/**
 * The ledger over a random (seeded) run of sales, declines, cancellations of whole trips and of single
 * items, and changes of dates: whatever happened, the money the gateway took and kept equals what the
 * stores say is sold, plus the cancellation fees kept (items added to a paid trip are paid by a payment
 * of their own):
 *
 *   (captured − refunded) of the payments + (charged − refunded) of the changes
 *     = Σ prices of the items still sold + Σ fees of the paid items cancelled,
 *
 * all computed from the stores, per currency. A failing seed is replayed with LEDGER_SEED=<seed>.
 */
describe.each(dialects)('the ledger after a random run of sales, cancels and changes on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let api: Client;
  const tally: Record<string, number> = {};
  const count = (what: string, status: number) => {
    const k = `${what} ${status}`;
    tally[k] = (tally[k] ?? 0) + 1;
  };

  beforeAll(async () => {
    server = await startPayServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: '1800', SESSION_TTL_HOURS: '1000' },
    });
    c = await insertSmallCatalog(server.stores, {
      tag: `ledger${dialect}`,
      now: clock.now(),
      rooms: 40,
      cars: 40,
      ySeats: MANY_SEATS,
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(async () => {
    console.info(`[ledger ${dialect} seed ${SEED}] ${JSON.stringify(tally)}`);
    await server?.stop();
  });

  it(`balances after ${STEPS} random steps (seed ${SEED})`, async () => {
    const rnd = new SeededRandom(SEED);
    const tripIds: string[] = [];
    const pick = <T>(list: readonly T[]): T | undefined =>
      list.length ? list[rnd.int(0, list.length - 1)] : undefined;
    const soldItems = async () => {
      const out: { tripId: string; id: string; type: string; details: Record<string, unknown> }[] = [];
      for (const tripId of tripIds) {
        for (const i of (await server.stores.trips.findTrip(tripId))!.items) {
          if (i.status === 'confirmed')
            out.push({ tripId, id: i.id, type: i.type, details: i.details as Record<string, unknown> });
        }
      }
      return out;
    };

    for (let step = 0; step < STEPS; step++) {
      const r = rnd.next();
      if (r < 0.45) {
        const trip = await api.post('/api/trips', { customer });
        const tripId = trip.body.id as string;
        tripIds.push(tripId);
        const offset = rnd.int(0, 10);
        const kinds = (['hotel', 'flight', 'car'] as const).filter(() => rnd.next() < 0.6);
        if (kinds.length === 0) kinds.push('hotel');
        for (const kind of kinds) {
          const body =
            kind === 'hotel'
              ? {
                  type: 'hotel',
                  roomTypeId: c.roomTypeId,
                  checkIn: addDays(c.firstNight, offset),
                  checkOut: addDays(c.firstNight, offset + rnd.int(1, 3)),
                  guests: 2,
                }
              : kind === 'flight'
                ? { type: 'flight', flightId: c.flightId, fareClass: 'Y', passengers: [{ name: 'A' }] }
                : {
                    type: 'car',
                    locationCode: c.locationCode,
                    category: c.category,
                    pickUp: addDays(c.firstNight, offset),
                    dropOff: addDays(c.firstNight, offset + rnd.int(1, 4)),
                  };
          count(`hold ${kind}`, (await api.post(`/api/trips/${tripId}/items`, body)).status);
        }
        const card = rnd.next() < 0.2 ? 'pm_card_visa_chargeDeclined' : 'pm_card_visa';
        const paid = await pay(api, tripId, randomUUID(), card);
        count('pay', paid.status);
        if (paid.status === 402 && rnd.next() < 0.5)
          count('pay again', (await pay(api, tripId, randomUUID())).status);
      } else if (r < 0.6) {
        const item = pick(await soldItems());
        if (!item) continue;
        const res = await api.post(
          `/api/trips/${item.tripId}/cancel`,
          { reason: 'random run' },
          { 'idempotency-key': randomUUID() },
        );
        count('cancel trip', res.status);
      } else if (r < 0.7) {
        // A car added to a sold trip, paid by itself (a second payment), or left to lapse.
        const item = pick(await soldItems());
        if (!item) continue;
        const from = rnd.int(0, 10);
        const added = await api.post(`/api/trips/${item.tripId}/items`, {
          type: 'car',
          locationCode: c.locationCode,
          category: c.category,
          pickUp: addDays(c.firstNight, from),
          dropOff: addDays(c.firstNight, from + rnd.int(1, 3)),
        });
        count('add to paid trip', added.status);
        if (added.status === 201 && rnd.next() < 0.8) {
          count('pay added', (await pay(api, item.tripId, randomUUID())).status);
        }
      } else if (r < 0.8) {
        const item = pick(await soldItems());
        if (!item) continue;
        const res = await api.post(
          `/api/trips/${item.tripId}/items/${item.id}/cancel`,
          { reason: 'random run' },
          { 'idempotency-key': randomUUID() },
        );
        count('cancel item', res.status);
      } else if (r < 0.95) {
        const item = pick((await soldItems()).filter((i) => i.type !== 'flight'));
        if (!item) continue;
        const d = item.details;
        const body =
          item.type === 'hotel'
            ? {
                type: 'hotel',
                checkOut: addDays(String(d.checkOut), rnd.next() < 0.5 ? 1 : -1),
                paymentMethodId: 'pm_card_visa',
              }
            : {
                type: 'car',
                dropOff: addDays(String(d.dropOff), rnd.next() < 0.5 ? 1 : -1),
                paymentMethodId: 'pm_card_visa',
              };
        const res = await api.post(`/api/trips/${item.tripId}/items/${item.id}/change`, body, {
          'idempotency-key': randomUUID(),
        });
        count(`change ${item.type}`, res.status);
      } else {
        // Time passes: some free cancellation windows close, some holds run out.
        clock.advance(rnd.int(1, 48) * 3600);
        await server.app.services.sweeper.sweepOnce(clock.now());
      }
    }

    // Nothing answered 5xx, and nothing was left half-way.
    expect(Object.keys(tally).filter((k) => / 5\d\d$/.test(k))).toEqual([]);
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });

    const records = server.stores.paymentRecords;
    let sold = 0;
    let fees = 0;
    for (const tripId of tripIds) {
      const record = (await server.stores.trips.findTrip(tripId))!;
      for (const i of record.items) if (SOLD.includes(i.status)) sold += i.price_amount;
      for (const x of await server.stores.afterSale.cancellationsOfTrip(tripId)) {
        if (x.holdStatus === 'booked') {
          fees += x.fee.amount;
          // A cancellation's refund was paid in full (the local gateway never fails one).
          expect(x.refundStatus === 'succeeded' || x.refundStatus === 'none', JSON.stringify(x)).toBe(true);
        }
      }
      for (const p of await records.listPayments(tripId))
        expect(['authorizing', 'authorized']).not.toContain(p.status);
    }
    const payments = await records.ledger();
    const changes = await server.stores.afterSale.supplementLedger();
    const usd = <L extends { currency: string }>(lines: readonly L[]) =>
      lines.find((l) => l.currency === 'USD');
    const captured = usd(payments)?.captured ?? 0;
    const refunded = usd(payments)?.refunded ?? 0;
    const charged = usd(changes)?.charged ?? 0;
    const chargeRefunded = usd(changes)?.refunded ?? 0;
    console.info(
      `[ledger ${dialect}] captured ${captured} − refunded ${refunded} + charged ${charged} − ` +
        `refunded ${chargeRefunded} = ${captured - refunded + charged - chargeRefunded}; sold ${sold} + fees ${fees} = ${sold + fees}`,
    );
    expect(tally['pay 200'] ?? 0).toBeGreaterThan(0);
    expect(captured - refunded + charged - chargeRefunded).toBe(sold + fees);
  });
});
