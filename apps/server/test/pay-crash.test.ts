import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { LocalPaymentGateway } from '../src/paying/local-gateway.ts';
import { PaySaga } from '../src/paying/pay-saga.ts';
import { Reconciler } from '../src/paying/reconciler.ts';
import { openStores, type Stores } from '../src/stores/index.ts';
import { PAY_SAGA_STEPS, type PaySagaStep } from '../src/stores/payments/payments.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, dialects, type TestDatabase } from './databases.ts';
import { ADMIN, client, login, spawnServer, type ServerProcess } from './harness.ts';
import {
  expectStoresAgree,
  MANY_SEATS,
  pay,
  sellTrip,
  startPayServer,
  tripState,
  type PayTestServer,
} from './pay-fixtures.ts';
import { pino } from 'pino';

/**
 * The crash matrix: for every step of the pay saga, the real server process is told to die (SIGKILL)
 * right after persisting that step, mid-payment; a new process on the same data must then, by its
 * start-up reconciler alone, leave all five stores agreeing: paid (captured, every item confirmed and
 * booked) or not paid (nothing captured, no authorization standing, nothing booked) - never a mix.
 */

/** How each crash ends once repaired: the steps up to `started` cannot have charged; the rest finish. */
const EXPECTED: Record<PaySagaStep, 'paid' | 'unpaid'> = {
  started: 'unpaid',
  holds_checked: 'paid',
  authorized: 'paid',
  confirmed_hotels: 'paid',
  confirmed_flights: 'paid',
  confirmed_cars: 'paid',
  captured: 'paid',
  completed: 'paid',
  compensating: 'unpaid',
  compensated: 'unpaid',
};

/** The compensation steps are reached by a declined card; every other step by a good one. */
const CARD: Partial<Record<PaySagaStep, string>> = {
  compensating: 'pm_card_visa_chargeDeclinedInsufficientFunds',
  compensated: 'pm_card_visa_chargeDeclinedInsufficientFunds',
};

const admin = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

describe.each(dialects)('the pay saga killed at each step, repaired at restart, on %s', (dialect) => {
  let db: TestDatabase;
  let c: SmallCatalog;
  const procs: ServerProcess[] = [];
  let offset = 0;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const stores = await openStores(db.location);
    c = await insertSmallCatalog(stores, {
      tag: `crash${dialect}`,
      now: new Date(),
      rooms: 30,
      cars: 30,
      ySeats: MANY_SEATS,
    });
    await stores.close();
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
  });
  afterAll(() => db?.drop());

  const start = (env: Record<string, string> = {}) => {
    const p = spawnServer({
      ...db.env,
      ...admin,
      RECONCILE_INTERVAL_SECONDS: '3600',
      SWEEP_INTERVAL_SECONDS: '3600',
      ...env,
    });
    procs.push(p);
    closed.set(p, once(p.child, 'close'));
    return p;
  };
  const closed = new Map<ServerProcess, Promise<unknown>>();

  it.each(PAY_SAGA_STEPS)('killed right after `%s` is persisted', async (step) => {
    const doomed = start({ TRIPDESK_FAULT_AT: step });
    const url = await doomed.url;
    const api = client(url, await login(url, ADMIN.email, ADMIN.password));
    const t = await sellTrip(api, c, { offset: (offset += 4) });

    const answer = await pay(api, t.tripId, randomUUID(), CARD[step] ?? 'pm_card_visa').then(
      (res) => `answered ${res.status}`,
      (err: unknown) => `connection lost: ${(err as Error).message}`,
    );
    expect(answer).toMatch(/^connection lost/);
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // 'exit' may come before the last output is read: wait for the pipes to close.
    await closed.get(doomed);
    expect(doomed.output()).toContain(
      `TRIPDESK_FAULT_AT: dying on purpose after the pay saga persisted "${step}"`,
    );

    const revived = start();
    const url2 = await revived.url;
    // The start-up reconciler ran before the server listened (the interval one is an hour away).
    const repaired = /"reconcile":(\{[^}]*\})/.exec(revived.output());
    const terminal = step === 'completed' || step === 'compensated';
    if (terminal) expect(repaired).toBeNull();
    else expect(JSON.parse(repaired![1]!)).toMatchObject({ examined: 1, failures: 0 });

    const stores = await openStores(db.location, { migrate: false });
    try {
      expect(await expectStoresAgree(stores, t)).toBe(EXPECTED[step]);
      const [payment] = (await stores.paymentRecords.listPayments(t.tripId)).slice(-1);
      const attempt = await stores.paymentRecords.findAttempt(payment!.attemptId);
      expect(attempt?.saga.step).toBe(EXPECTED[step] === 'paid' ? 'completed' : 'compensated');
      // At most one authorization was ever made at the gateway for this attempt.
      expect((await stores.gateway.listTransactionsOfTrip(t.tripId)).length).toBeLessThanOrEqual(1);
    } finally {
      await stores.close();
    }

    const api2 = client(url2, await login(url2, ADMIN.email, ADMIN.password));
    const again = await pay(api2, t.tripId, randomUUID());
    if (EXPECTED[step] === 'paid') {
      expect(again.status).toBe(409);
      const trip = await api2.get(`/api/trips/${t.tripId}`);
      expect(trip.body).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    } else {
      // The holds are still running: the customer pays again and it works.
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.status).toBe('confirmed');
    }
    revived.child.kill('SIGTERM');
    expect(await revived.exited).toEqual({ code: 0, signal: null });

    const after = await openStores(db.location, { migrate: false });
    try {
      expect(await expectStoresAgree(after, t)).toBe('paid');
    } finally {
      await after.close();
    }
  });
});

/**
 * Two cases the process matrix cannot stage with a real clock, in one process: a crash in the middle of
 * a compensation that has bookings to undo (a hold ran out after others were confirmed), and a saga
 * whose runner hangs. The first runner "dies" (its saga freezes forever at the fault, as a killed
 * process would stop) and the reconciler of another process, on the same stores, repairs it.
 */
describe.each(dialects)('sagas stopped mid-way in one process, repaired by another on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let frozen: PaySagaStep | undefined;
  let afterAuthorize: (() => void) | undefined;

  beforeAll(async () => {
    let local: LocalPaymentGateway | undefined;
    server = await startPayServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: '1800', TRIPDESK_FAULT_AT: 'compensating' },
      payments: {
        paymentGateway: {
          name: 'local',
          async authorize(r) {
            local ??= new LocalPaymentGateway(server.stores.gateway, clock);
            const result = await local.authorize(r);
            afterAuthorize?.();
            return result;
          },
          capture: (id, key) => local!.capture(id, key),
          void: (id, key) => local!.void(id, key),
          refund: (id, amount, key) => local!.refund(id, amount, key),
        },
        paySaga: {
          die: () => {
            frozen = 'compensating';
            return new Promise<never>(() => {});
          },
        },
      },
    });
    c = await insertSmallCatalog(server.stores, {
      tag: `comp${dialect}`,
      now: clock.now(),
      rooms: 5,
      cars: 5,
      ySeats: MANY_SEATS,
    });
  });
  afterAll(() => server?.stop());

  /** What a freshly started process would build over the same stores: its own saga and reconciler. */
  function anotherProcess(stores: Stores) {
    const logger = pino({ level: 'silent' });
    const saga = new PaySaga(
      stores,
      server.app.services.trips,
      server.app.services.booking,
      new LocalPaymentGateway(stores.gateway, clock),
      { clock, events: server.events, logger },
    );
    return new Reconciler(stores, saga, { clock, logger });
  }

  it('cancels the bookings, voids the authorization and ends compensated', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const api = client(server.url, token);
    const me = (await api.get('/api/me')).body;
    const t = await sellTrip(api, c, { order: ['car', 'hotel', 'flight'], advance: () => clock.advance(60) });
    const car = (await server.stores.trips.findTrip(t.tripId))!.items.find((i) => i.type === 'car')!;
    clock.set(new Date(Date.parse(car.hold_expires_at!) - 1000));
    afterAuthorize = () => clock.advance(2);
    // Called directly, not over HTTP: the frozen request would keep the server from closing.
    void server.app.services.paySaga.pay(me, t.tripId, 'pm_card_visa', randomUUID());
    const deadline = Date.now() + 10_000;
    while (!frozen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    afterAuthorize = undefined;
    expect(frozen).toBe('compensating');

    // Frozen right after `compensating` was written: the hotel and the flight are still booked, the
    // authorization still stands. The stores disagree now - that is what the repair is for.
    const before = await tripState(server.stores, t);
    expect(before.holds).toMatchObject({ [t.hotelItemId]: 'booked', [t.flightItemId]: 'booked' });
    expect(before.gateway.map((g) => g.status)).toEqual(['authorized']);

    const counts = await anotherProcess(server.stores).reconcileOnce(0);
    expect(counts).toEqual({ examined: 1, finished: 0, compensated: 1, pending: 0, failures: 0 });
    expect(await expectStoresAgree(server.stores, t)).toBe('unpaid');
    const after = await tripState(server.stores, t);
    expect(after.holds).toEqual({
      [t.hotelItemId]: 'cancelled',
      [t.flightItemId]: 'cancelled',
      [t.carItemId]: 'held',
    });
    expect(after.gateway.map((g) => g.status)).toEqual(['voided']);
    expect(after.payments.map((p) => p.status)).toEqual(['voided']);
    // A second pass finds nothing left to do.
    expect((await anotherProcess(server.stores).reconcileOnce(0)).examined).toBe(0);
  });

  it('leaves an unfinished saga to its runner for the grace period, then finishes it', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const api = client(server.url, token);
    const me = (await api.get('/api/me')).body;
    const t = await sellTrip(api, c, { offset: 6 });
    // A process that stops for good right after the authorization (hung, or its host gone).
    let stopped: PaySagaStep | undefined;
    const hung = new PaySaga(
      server.stores,
      server.app.services.trips,
      server.app.services.booking,
      new LocalPaymentGateway(server.stores.gateway, clock),
      { clock, events: server.events, logger: pino({ level: 'silent' }) },
      {
        faultAt: 'authorized',
        die: (step) => {
          stopped = step;
          return new Promise<never>(() => {});
        },
      },
    );
    void hung.pay(me, t.tripId, 'pm_card_visa', randomUUID());
    const deadline = Date.now() + 10_000;
    while (!stopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe('authorized');

    const reconciler = anotherProcess(server.stores);
    clock.advance(30);
    expect((await reconciler.reconcileOnce(60)).examined).toBe(0);
    expect((await tripState(server.stores, t)).gateway.map((g) => g.status)).toEqual(['authorized']);
    clock.advance(31);
    expect(await reconciler.reconcileOnce(60)).toEqual({
      examined: 1,
      finished: 1,
      compensated: 0,
      pending: 0,
      failures: 0,
    });
    expect(await expectStoresAgree(server.stores, t)).toBe('paid');
  });
});
