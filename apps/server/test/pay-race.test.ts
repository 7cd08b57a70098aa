import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import type { PaymentGateway } from '../src/paying/gateway.ts';
import { LocalPaymentGateway } from '../src/paying/local-gateway.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import {
  expectStoresAgree,
  MANY_SEATS,
  pay,
  sellTrip,
  startPayServer,
  tripState,
  type Client,
  type PayTestServer,
} from './pay-fixtures.ts';

const TTL = 1800;
const ROUNDS = 24;

/**
 * Pay against the sweeper at the very edge of the holds' expiry: the pay request's clock reads one
 * millisecond before the expiry (so its checks pass) while the sweeper sweeps at the expiry itself (so
 * it takes the same holds as due). Whoever reaches a hold first wins it; whatever the interleaving, no
 * item whose hold ran out is ever paid for, and no item is confirmed without the money being captured.
 */
describe.each(dialects)('pay racing the sweeper at the expiry edge on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let api: Client;
  const outcomes: Record<string, number> = {};
  /** Awaited inside the gateway's calls: lets a round run the sweeper at a chosen point of the saga. */
  const during: { authorize?: () => Promise<unknown>; capture?: () => Promise<unknown> } = {};
  let local: LocalPaymentGateway | undefined;
  const gateway: PaymentGateway = {
    name: 'local',
    async authorize(r) {
      const result = await local!.authorize(r);
      await during.authorize?.();
      return result;
    },
    async capture(id, key) {
      await during.capture?.();
      return local!.capture(id, key);
    },
    void: (id, key) => local!.void(id, key),
    refund: (id, amount, key) => local!.refund(id, amount, key),
  };

  beforeAll(async () => {
    server = await startPayServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL), SESSION_TTL_HOURS: '1000' },
      payments: { paymentGateway: gateway },
    });
    local = new LocalPaymentGateway(server.stores.gateway, clock);
    c = await insertSmallCatalog(server.stores, {
      tag: `edge${dialect}`,
      now: clock.now(),
      rooms: ROUNDS * 2 + 2,
      cars: ROUNDS * 2 + 2,
      ySeats: MANY_SEATS,
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(async () => {
    console.info(`[pay vs sweeper ${dialect}] ${JSON.stringify(outcomes)}`);
    await server?.stop();
  });

  /**
   * The ways a round meets the sweeper: at the same moment (the sweeper starting 0 to 40 ms later, so the
   * interleavings vary), between the hold check and the confirmations, after the confirmations, and
   * with the request's clock at the expiry itself.
   */
  const MODES = ['together', 'during authorize', 'during capture', 'at expiry'] as const;

  it(`never charges for an expired hold nor confirms without a capture, over ${ROUNDS} races`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const mode = MODES[round % MODES.length]!;
      const t = await sellTrip(api, c, { offset: round % 8 });
      const expiry = Date.parse((await server.stores.trips.findTrip(t.tripId))!.items[0]!.hold_expires_at!);
      clock.set(new Date(mode === 'at expiry' ? expiry : expiry - 1));
      const sweep = () => server.app.services.sweeper.sweepOnce(new Date(expiry));
      let swept: Promise<{ failures: number }> | undefined;
      if (mode === 'during authorize') during.authorize = () => (swept = sweep());
      if (mode === 'during capture') during.capture = () => (swept = sweep());
      let res;
      try {
        if (mode === 'together' || mode === 'at expiry') {
          const delay = [0, 2, 5, 10, 20, 40][Math.floor(round / MODES.length) % 6]!;
          [res] = await Promise.all([
            pay(api, t.tripId, randomUUID()),
            new Promise((r) => setTimeout(r, delay)).then(() => (swept = sweep())),
          ]);
        } else {
          res = await pay(api, t.tripId, randomUUID());
        }
      } finally {
        delete during.authorize;
        delete during.capture;
      }
      expect((await swept!).failures).toBe(0);
      const key = `${mode}: ${res.status}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      expect([200, 410], JSON.stringify(res.body)).toContain(res.status);
      if (mode === 'at expiry' || mode === 'during authorize') expect(res.status).toBe(410);
      if (mode === 'during capture') expect(res.status).toBe(200);

      const verdict = await expectStoresAgree(server.stores, t);
      expect(verdict).toBe(res.status === 200 ? 'paid' : 'unpaid');
      const state = await tripState(server.stores, t);
      if (verdict === 'paid') {
        // The sweeper found them booked and left them alone.
        expect(Object.values(state.holds)).toEqual(['booked', 'booked', 'booked']);
      } else {
        expect(state.gateway.filter((g) => g.status !== 'voided' && g.status !== 'declined')).toEqual([]);
      }
      // Then the sweeper sweeps again, later: nothing it does may un-sell a paid trip.
      clock.set(new Date(expiry + 60_000));
      await server.app.services.sweeper.sweepOnce(clock.now());
      expect(await expectStoresAgree(server.stores, t)).toBe(verdict);
    }
  });
});
