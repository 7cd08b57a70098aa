import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, ReceiptSchema, TripSchema, type CancellationPolicy } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import type { PaymentGateway } from '../src/paying/gateway.ts';
import { LocalPaymentGateway } from '../src/paying/local-gateway.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import {
  counters,
  customer,
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

describe.each(dialects)('paying a trip over HTTP on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let admin: Client;
  let agent: Client;
  let agentId: string;
  /** Runs inside the gateway's authorize, after it answered: lets a test move time mid-payment. */
  let afterAuthorize: (() => void) | undefined;
  let local: LocalPaymentGateway | undefined;
  const gateway: PaymentGateway = {
    name: 'local',
    async authorize(request) {
      const result = await local!.authorize(request);
      afterAuthorize?.();
      return result;
    },
    capture: (id, key) => local!.capture(id, key),
    void: (id, key) => local!.void(id, key),
    refund: (id, amount, key) => local!.refund(id, amount, key),
  };
  let offset = 0;
  /** Each trip books its own dates, so trips never compete for units unless a test wants them to. */
  const sell = (opts: Parameters<typeof sellTrip>[2] = {}) =>
    sellTrip(agent, c, { offset: (offset += 4), ...opts });

  beforeAll(async () => {
    server = await startPayServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL) },
      payments: { paymentGateway: gateway },
    });
    local = new LocalPaymentGateway(server.stores.gateway, clock);
    c = await insertSmallCatalog(server.stores, {
      tag: `pay${dialect}`,
      now: clock.now(),
      rooms: 30,
      cars: 30,
      ySeats: MANY_SEATS,
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const created = await admin.post('/api/users', {
      email: 'agent.pay@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'booking-password-1',
    });
    agentId = created.body.id;
    agent = client(server.url, await login(server.url, 'agent.pay@example.test', 'booking-password-1'));
  });
  afterAll(() => server?.stop());

  it('pays with pm_card_visa: every item booked in its store, one capture, an invoice number, the trip confirmed', async () => {
    const t = await sell();
    expect(await counters(server.stores, c, offset)).toEqual({
      nights: [
        { held: 1, booked: 0 },
        { held: 1, booked: 0 },
      ],
      seats: { held: 2, booked: 0 },
      days: [0, 1, 2].map(() => ({ held: 1, booked: 0 })),
    });

    const res = await pay(agent, t.tripId, randomUUID());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(TripSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      id: t.tripId,
      status: 'confirmed',
      total: { amount: t.total, currency: 'USD' },
      payment: {
        transactionId: expect.stringMatching(/^txn_/),
        invoiceNumber: expect.stringMatching(new RegExp(`^INV-${clock.now().getUTCFullYear()}-\\d{6}$`)),
        amount: { amount: t.total, currency: 'USD' },
        status: 'captured',
        gateway: 'local',
        paidAt: clock.now().toISOString(),
      },
    });
    expect(res.body.holdExpiresAt).toBeUndefined();
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
    ]);

    // Each inventory store moved its units from held to booked.
    expect(await counters(server.stores, c, offset)).toEqual({
      nights: [
        { held: 0, booked: 1 },
        { held: 0, booked: 1 },
      ],
      seats: { held: 0, booked: 2 },
      days: [0, 1, 2].map(() => ({ held: 0, booked: 1 })),
    });
    expect(await expectStoresAgree(server.stores, t)).toBe('paid');

    const state = await tripState(server.stores, t);
    expect(state.payments).toHaveLength(1);
    expect(state.payments[0]).toMatchObject({
      status: 'captured',
      payerName: customer.name,
      methodBrand: 'visa',
      methodLast4: '4242',
      transactionId: res.body.payment.transactionId,
      invoiceNumber: res.body.payment.invoiceNumber,
      declineCode: null,
      paidAt: clock.now().toISOString(),
    });
    expect(state.payments[0]!.description).toMatch(
      new RegExp(`^Trip ${t.tripId}: Hotel pay${dialect}, Double, `),
    );
    expect(state.payments[0]!.description).toContain('Flight TD100 LIS-JFK');
    expect(state.payments[0]!.description).toContain(`Car economy at ${c.locationCode}`);
    expect(state.gateway).toHaveLength(1);
    expect(state.gateway[0]).toMatchObject({ status: 'captured', amount: t.total });
    const attempt = await server.stores.paymentRecords.findAttempt(state.payments[0]!.attemptId);
    expect(attempt?.saga.step).toBe('completed');

    // The history: each item confirmed, then the trip, by the agent who paid.
    const types = res.body.events.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'item.confirmed')).toHaveLength(3);
    expect(res.body.events.at(-1)).toMatchObject({
      type: 'trip.confirmed',
      actor: agentId,
      from: 'held',
      to: 'confirmed',
    });

    // GET shows the same payment; a second pay, with another key, is refused and charges nothing.
    const got = await agent.get(`/api/trips/${t.tripId}`);
    expect(got.body.payment).toEqual(res.body.payment);
    const listed = await agent.get(`/api/trips?q=${t.tripId}`);
    expect(listed.body.items[0].payment).toEqual(res.body.payment);
    const again = await pay(agent, t.tripId, randomUUID());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
    expect(await server.stores.gateway.listTransactionsOfTrip(t.tripId)).toHaveLength(1);
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
  ])('answers %s with 402 %s, keeps every hold, and takes a good card with a new key', async (pm, code) => {
    const t = await sell();
    const before = await counters(server.stores, c, offset);
    const key = randomUUID();
    const declined = await pay(agent, t.tripId, key, pm);
    expect(declined.status).toBe(402);
    expect(declined.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(declined.body).toMatchObject({ code: 'payment_declined', declineCode: code, status: 402 });

    const state = await tripState(server.stores, t);
    expect(state.tripStatus).toBe('held');
    expect(Object.values(state.items)).toEqual(['held', 'held', 'held']);
    expect(Object.values(state.holds)).toEqual(['held', 'held', 'held']);
    expect(await counters(server.stores, c, offset)).toEqual(before);
    expect(state.payments).toHaveLength(1);
    expect(state.payments[0]).toMatchObject({ status: 'failed', declineCode: code, invoiceNumber: null });
    expect(state.gateway.map((g) => g.status)).toEqual(['declined']);
    expect(state.events.at(-1)).toMatchObject({ type: 'payment.declined', actor: agentId });
    expect(await expectStoresAgree(server.stores, t)).toBe('unpaid');

    // The same key again is the same answer (and no second authorize).
    const replay = await pay(agent, t.tripId, key, pm);
    expect(replay.status).toBe(402);
    expect(replay.body).toEqual(declined.body);
    expect(await server.stores.gateway.listTransactionsOfTrip(t.tripId)).toHaveLength(1);

    clock.advance(1);
    const paid = await pay(agent, t.tripId, randomUUID(), 'pm_card_mastercard');
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('confirmed');
    expect(await expectStoresAgree(server.stores, t)).toBe('paid');
    const after = await tripState(server.stores, t);
    expect(after.payments.map((p) => p.status)).toEqual(['failed', 'captured']);
    expect(after.payments[1]).toMatchObject({ methodBrand: 'mastercard', methodLast4: '4444' });
  });

  it('charges once for one key: a replay answers the first response, racing copies wait their turn', async () => {
    const t = await sell();
    const key = randomUUID();
    const first = await pay(agent, t.tripId, key);
    expect(first.status).toBe(200);
    const replay = await pay(agent, t.tripId, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);

    const u = await sell();
    const key2 = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => pay(agent, u.tripId, key2)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) {
      if (a.status !== 200) expect(a.body.code).toBe('idempotency_conflict');
      else expect(a.body.payment).toEqual(ok[0]!.body.payment);
    }
    for (const trip of [t, u]) {
      const gateway = await server.stores.gateway.listTransactionsOfTrip(trip.tripId);
      expect(gateway.map((g) => g.status)).toEqual(['captured']);
      expect(await expectStoresAgree(server.stores, trip)).toBe('paid');
    }
  });

  it('lets exactly one of several pays with different keys at once proceed: the others are 409 invalid_transition', async () => {
    const t = await sell();
    const answers = await Promise.all(Array.from({ length: 6 }, () => pay(agent, t.tripId, randomUUID())));
    const tally: Record<string, number> = {};
    for (const a of answers) {
      const k = a.status === 200 ? '200' : `${a.status} ${a.body.code}`;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    expect(tally).toEqual({ '200': 1, '409 invalid_transition': 5 });
    const gateway = await server.stores.gateway.listTransactionsOfTrip(t.tripId);
    expect(gateway.map((g) => g.status)).toEqual(['captured']);
    expect((await server.stores.paymentRecords.listPayments(t.tripId)).map((p) => p.status)).toEqual([
      'captured',
    ]);
    expect(await expectStoresAgree(server.stores, t)).toBe('paid');
  });

  it('refuses a trip whose hold ran out with 410 hold_expired and charges nothing', async () => {
    const t = await sell();
    clock.advance(TTL + 1);
    const res = await pay(agent, t.tripId, randomUUID());
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('hold_expired');
    expect(await server.stores.gateway.listTransactionsOfTrip(t.tripId)).toEqual([]);
    expect(await server.stores.paymentRecords.listPayments(t.tripId)).toEqual([]);
    // The expiry is recorded at once, not at the next sweep: the trip reads and is stored as expired.
    const state = await tripState(server.stores, t);
    expect(state.tripStatus).toBe('expired');
    expect(Object.values(state.items)).toEqual(['expired', 'expired', 'expired']);
    expect((await pay(agent, t.tripId, randomUUID())).status).toBe(410);
    expect(await expectStoresAgree(server.stores, t)).toBe('unpaid');
  });

  it('never confirms a hold that runs out during the payment: cancels what it booked, voids, answers 410', async () => {
    // The car is held first, so its hold runs out first, in the middle of the payment.
    const t = await sell({ order: ['car', 'hotel', 'flight'], advance: () => clock.advance(60) });
    const carItem = (await server.stores.trips.findTrip(t.tripId))!.items.find((i) => i.type === 'car')!;
    clock.set(new Date(Date.parse(carItem.hold_expires_at!) - 1000));
    const before = await counters(server.stores, c, offset);
    afterAuthorize = () => clock.advance(2);
    let res;
    try {
      res = await pay(agent, t.tripId, randomUUID());
    } finally {
      afterAuthorize = undefined;
    }
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ code: 'hold_expired', itemIds: [t.carItemId] });

    const state = await tripState(server.stores, t);
    // The hotel and flight were booked, then cancelled back; the car was never booked.
    expect(state.holds).toEqual({
      [t.hotelItemId]: 'cancelled',
      [t.flightItemId]: 'cancelled',
      [t.carItemId]: 'held',
    });
    expect(state.items).toEqual({
      [t.hotelItemId]: 'released',
      [t.flightItemId]: 'released',
      [t.carItemId]: 'expired',
    });
    expect(state.tripStatus).toBe('expired');
    expect(state.gateway.map((g) => g.status)).toEqual(['voided']);
    expect(state.payments.map((p) => p.status)).toEqual(['voided']);
    const attempt = await server.stores.paymentRecords.findAttempt(state.payments[0]!.attemptId);
    expect(attempt?.saga).toMatchObject({
      step: 'compensated',
      error: { code: 'hold_expired', fromStep: 'confirmed_flights' },
    });
    const after = await counters(server.stores, c, offset);
    expect(after.seats.booked).toBe(before.seats.booked);
    expect(after.nights.every((n) => n.booked === 0 && n.held === 0)).toBe(true);
    expect(await expectStoresAgree(server.stores, t)).toBe('unpaid');
  });

  it('keeps the holds still running when one ran out mid-payment, so the rest can be paid with a new key', async () => {
    const t = await sell({ order: ['hotel', 'flight', 'car'], advance: () => clock.advance(60) });
    const hotelItem = (await server.stores.trips.findTrip(t.tripId))!.items.find((i) => i.type === 'hotel')!;
    clock.set(new Date(Date.parse(hotelItem.hold_expires_at!) - 1000));
    afterAuthorize = () => clock.advance(2);
    let res;
    try {
      res = await pay(agent, t.tripId, randomUUID());
    } finally {
      afterAuthorize = undefined;
    }
    expect(res.status).toBe(410);
    const state = await tripState(server.stores, t);
    // Nothing was booked yet when the stay's hold failed: the flight and car are still held.
    expect(state.holds[t.flightItemId]).toBe('held');
    expect(state.holds[t.carItemId]).toBe('held');
    expect(state.items[t.hotelItemId]).toBe('expired');
    expect(state.tripStatus).toBe('held');
    expect(state.gateway.map((g) => g.status)).toEqual(['voided']);

    const retry = await pay(agent, t.tripId, randomUUID());
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    const flightAndCar = retry.body.items
      .filter((i: { type: string }) => i.type !== 'hotel')
      .reduce((s: number, i: { price: { amount: number } }) => s + i.price.amount, 0);
    expect(retry.body.payment.amount.amount).toBe(flightAndCar);
    expect(retry.body.total.amount).toBe(flightAndCar);
    const after = await tripState(server.stores, t);
    expect(after.holds).toMatchObject({ [t.flightItemId]: 'booked', [t.carItemId]: 'booked' });
    expect(after.gateway.map((g) => g.status)).toEqual(['voided', 'captured']);
  });

  it('numbers invoices without gaps when many trips are paid at once, declines included', async () => {
    const trips = [];
    for (let i = 0; i < 8; i++) trips.push(await sell());
    const methods = trips.map((_, i) => (i % 3 === 2 ? 'pm_card_visa_chargeDeclined' : 'pm_card_visa'));
    const answers = await Promise.all(trips.map((t, i) => pay(agent, t.tripId, randomUUID(), methods[i])));
    expect(answers.map((a) => a.status)).toEqual(methods.map((m) => (m === 'pm_card_visa' ? 200 : 402)));
    const year = clock.now().getUTCFullYear();
    const { numbers, last } = await server.stores.paymentRecords.invoiceNumbers(year);
    expect(numbers).toEqual(
      Array.from({ length: last }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    const paidNumbers = answers.filter((a) => a.status === 200).map((a) => a.body.payment.invoiceNumber);
    expect(new Set(paidNumbers).size).toBe(paidNumbers.length);
    for (const n of paidNumbers) expect(numbers).toContain(n);
  });

  it('gives a paid trip a receipt, as JSON and as a printable page, within the trip’s scope', async () => {
    const t = await sell();
    expect((await agent.get(`/api/trips/${t.tripId}/receipt`)).status).toBe(404);
    const paid = await pay(agent, t.tripId, randomUUID());
    const res = await agent.get(`/api/trips/${t.tripId}/receipt`);
    expect(res.status).toBe(200);
    const receipt = ReceiptSchema.parse(res.body);
    expect(receipt).toMatchObject({
      invoiceNumber: paid.body.payment.invoiceNumber,
      tripId: t.tripId,
      issuedAt: paid.body.payment.paidAt,
      customer: { name: customer.name, email: customer.email },
      payer: { name: customer.name },
      payment: { transactionId: paid.body.payment.transactionId, method: { brand: 'visa', last4: '4242' } },
      total: { amount: t.total, currency: 'USD' },
      refunds: [],
      refunded: { amount: 0, currency: 'USD' },
      balance: { amount: t.total, currency: 'USD' },
    });
    expect(receipt.lines.map((l) => l.itemId)).toEqual(t.itemIds);
    expect(receipt.lines.reduce((s, l) => s + l.price.amount, 0)).toBe(t.total);
    expect(receipt.lines[0]!.extras).toEqual([expect.objectContaining({ code: 'breakfast', quantity: 2 })]);
    // Each line carries the terms written on its item at sale, as the trip shows them.
    const sold = paid.body.items as { id: string; cancellationPolicy?: CancellationPolicy }[];
    expect(receipt.lines.map((l) => l.cancellationPolicy)).toEqual(
      receipt.lines.map((l) => sold.find((i) => i.id === l.itemId)!.cancellationPolicy),
    );
    expect(receipt.lines.every((l) => l.cancellationPolicy?.description)).toBe(true);

    // A refund recorded by an after-sale change shows on the receipt.
    const payment = (await server.stores.paymentRecords.findLivePayment(t.tripId))!;
    await server.stores.paymentRecords.recordRefund({
      id: `rfd_${randomUUID().slice(0, 8)}`,
      paymentId: payment.id,
      itemId: t.carItemId,
      amount: { amount: 1000, currency: 'USD' },
      status: 'succeeded',
      reason: 'Car returned a day early <early>',
      now: clock.now(),
    });
    const after = ReceiptSchema.parse((await agent.get(`/api/trips/${t.tripId}/receipt`)).body);
    expect(after.payment.status).toBe('partially_refunded');
    expect(after.refunds).toEqual([
      expect.objectContaining({ itemId: t.carItemId, amount: { amount: 1000, currency: 'USD' } }),
    ]);
    expect(after.balance.amount).toBe(t.total - 1000);

    const page = await agent.get(`/api/trips/${t.tripId}/receipt.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = String(page.body);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`Invoice ${after.invoiceNumber}`);
    expect(html).toContain('Visa ending in 4242');
    // The terms in the server's words and figures as sold, the deadline in UTC like the rest of the page.
    const hotelTerms = receipt.lines[0]!.cancellationPolicy!;
    expect(html).toContain(`Cancellation: ${hotelTerms.description}`);
    const freeUntil = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    expect(html).toContain(
      `Free until ${freeUntil.format(new Date(hotelTerms.freeUntil!))} UTC; then a ${formatMoney(hotelTerms.fee!, 'en-US')} fee.`,
    );
    expect(html).toContain('@media print');
    // People's text is escaped, and the page loads nothing from anywhere.
    expect(html).toContain('Car returned a day early &#60;early&#62;');
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).toContain(`$${(t.total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);

    // Scope as for the trip: a desk of another hotel sees nothing; the stay's hotel desk sees it.
    const desk = async (email: string, hotelId: string) => {
      await admin.post('/api/users', {
        email,
        name: email,
        role: 'frontdesk',
        password: 'booking-password-1',
        hotelId,
      });
      return client(server.url, await login(server.url, email, 'booking-password-1'));
    };
    const other = await desk(`other.${dialect}@example.test`, c.otherHotelId);
    const own = await desk(`own.${dialect}@example.test`, c.hotelId);
    expect((await other.get(`/api/trips/${t.tripId}/receipt`)).status).toBe(404);
    expect((await other.get(`/api/trips/${t.tripId}/receipt.html`)).status).toBe(404);
    expect((await own.get(`/api/trips/${t.tripId}/receipt`)).status).toBe(200);
  });

  it('needs an Idempotency-Key and a known test card to pay', async () => {
    const t = await sell();
    const noKey = await agent.post(`/api/trips/${t.tripId}/pay`, { paymentMethodId: 'pm_card_visa' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('idempotency_key_missing');
    const badCard = await pay(agent, t.tripId, randomUUID(), '4242424242424242');
    expect(badCard.status).toBe(400);
    expect(badCard.body.code).toBe('validation_failed');
    expect((await pay(agent, 'trp_nope', randomUUID())).status).toBe(404);
    expect(await server.stores.gateway.listTransactionsOfTrip(t.tripId)).toEqual([]);
  });
});
