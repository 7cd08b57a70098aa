import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import type { PaymentGateway } from '../src/paying/gateway.ts';
import { createStripeClient, StripePaymentGateway } from '../src/paying/stripe-gateway.ts';
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
  type GatewayLookup,
  type GatewayView,
  type PayTestServer,
} from './pay-fixtures.ts';
import { StripeFake, type FakeEvent } from './stripe-fake.ts';

const WEBHOOK_SECRET = 'whsec_test_pay_saga';

/**
 * The pay saga with PAYMENT_GATEWAY=stripe: the real `stripe` SDK against the local Stripe fake
 * (STRIPE_API_BASE), PaymentIntents with manual capture, and Stripe's webhook events, signed, into the
 * reconciler.
 */
describe.each(dialects)('paying through Stripe (the fake) on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let fake: StripeFake;
  let server: PayTestServer;
  let c: SmallCatalog;
  let api: Client;
  let offset = 0;
  const sell = () => sellTrip(api, c, { offset: (offset += 4) });
  /**
   * The Stripe adapter over the SDK and the fake, as PAYMENT_GATEWAY=stripe builds it, with one hook
   * for timing: it runs just before a capture goes out, so a test can make Stripe fail exactly then.
   */
  let beforeCapture: (() => void) | undefined;
  let stripeGateway: PaymentGateway | undefined;
  const gateway: PaymentGateway = {
    name: 'stripe',
    authorize: (r) => stripeGateway!.authorize(r),
    capture(id, key) {
      beforeCapture?.();
      return stripeGateway!.capture(id, key);
    },
    void: (id, key) => stripeGateway!.void(id, key),
    refund: (id, amount, key) => stripeGateway!.refund(id, amount, key),
  };

  /** Stripe's side of a trip: its PaymentIntents (found by their tripId metadata), as gateway statuses. */
  const stripeView: GatewayLookup = (tripId) => {
    const ids = new Set(
      fake.events
        .filter((e) => e.data.object.object === 'payment_intent')
        .filter((e) => (e.data.object.metadata as Record<string, string>)?.tripId === tripId)
        .map((e) => String(e.data.object.id)),
    );
    const statuses: Record<string, GatewayView['status']> = {
      requires_capture: 'authorized',
      succeeded: 'captured',
      canceled: 'voided',
      requires_payment_method: 'declined',
    };
    return Promise.resolve(
      [...ids].map((id) => ({ id, status: statuses[String(fake.paymentIntent(id)!.status)]! })),
    );
  };

  /** Delivers Stripe events of one object to the webhook, signed, as Stripe would. */
  async function deliver(event: FakeEvent) {
    const { payload, signature } = StripeFake.signedDelivery(
      event,
      WEBHOOK_SECRET,
      Math.floor(clock.now().getTime() / 1000),
    );
    const res = await fetch(`${server.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    fake = await StripeFake.start();
    stripeGateway = new StripePaymentGateway(
      createStripeClient({ secretKey: 'sk_test_pay_saga', apiBase: fake.url }),
    );
    server = await startPayServer(dialect, {
      payments: { paymentGateway: gateway },
      clock,
      env: {
        PAYMENT_GATEWAY: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_pay_saga',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: fake.url,
      },
    });
    c = await insertSmallCatalog(server.stores, {
      tag: `stripe${dialect}`,
      now: clock.now(),
      rooms: 20,
      cars: 20,
      ySeats: MANY_SEATS,
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
  });

  it('authorizes with manual capture, confirms every store, then captures: one PaymentIntent', async () => {
    const t = await sell();
    const res = await pay(api, t.tripId, randomUUID());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.payment).toMatchObject({
      transactionId: expect.stringMatching(/^pi_/),
      gateway: 'stripe',
      status: 'captured',
      amount: { amount: t.total, currency: 'USD' },
    });
    const intent = fake.paymentIntent(res.body.payment.transactionId)!;
    expect(intent).toMatchObject({
      status: 'succeeded',
      capture_method: 'manual',
      amount: t.total,
      amount_received: t.total,
      currency: 'usd',
      metadata: { tripId: t.tripId },
    });
    expect(String(intent.description)).toContain(`Trip ${t.tripId}:`);
    expect(await expectStoresAgree(server.stores, t, stripeView)).toBe('paid');
    const created = fake
      .requestsTo('POST', /^\/v1\/payment_intents$/)
      .filter((r) => (r.params.metadata as Record<string, string>).tripId === t.tripId);
    expect(created).toHaveLength(1);
    const receipt = ReceiptSchema.parse((await api.get(`/api/trips/${t.tripId}/receipt`)).body);
    expect(receipt.payment).toMatchObject({ gateway: 'stripe', method: { brand: 'visa', last4: '4242' } });
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_visa_chargeDeclinedLostCard', 'lost_card'],
    ['pm_card_authenticationRequired', 'authentication_required'],
  ])('passes on the decline of %s as 402 %s; the holds stay and another card pays', async (pm, code) => {
    const t = await sell();
    const declined = await pay(api, t.tripId, randomUUID(), pm);
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ code: 'payment_declined', declineCode: code });
    const state = await tripState(server.stores, t, stripeView);
    expect(Object.values(state.holds)).toEqual(['held', 'held', 'held']);
    expect(await expectStoresAgree(server.stores, t, stripeView)).toBe('unpaid');
    const paid = await pay(api, t.tripId, randomUUID(), 'pm_card_mastercard');
    expect(paid.status).toBe(200);
    expect(await expectStoresAgree(server.stores, t, stripeView)).toBe('paid');
  });

  it('finishes a payment whose capture met a Stripe outage: by the same key retried, or by the reconciler', async () => {
    for (const repair of ['retry', 'reconciler'] as const) {
      const t = await sell();
      const key = randomUUID();
      // The SDK tries a call 3 times: 3 failures lose the capture.
      beforeCapture = () => fake.fail(3, 500);
      const res = await pay(api, t.tripId, key).finally(() => (beforeCapture = undefined));
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body.code).toBe('service_unavailable');
      // Booked and authorized, not captured: the stores disagree until the repair.
      const mid = await tripState(server.stores, t, stripeView);
      expect(Object.values(mid.holds)).toEqual(['booked', 'booked', 'booked']);
      expect(mid.gateway.map((g) => g.status)).toEqual(['authorized']);

      if (repair === 'retry') {
        const again = await pay(api, t.tripId, key);
        expect(again.status, JSON.stringify(again.body)).toBe(200);
        expect(again.body.status).toBe('confirmed');
      } else {
        const counts = await server.app.services.reconciler.reconcileOnce(0);
        expect(counts).toMatchObject({ examined: 1, finished: 1, failures: 0 });
      }
      expect(await expectStoresAgree(server.stores, t, stripeView)).toBe('paid');
    }
  });

  it('compensates an unfinished payment whose PaymentIntent Stripe reports canceled (webhook)', async () => {
    const t = await sell();
    const key = randomUUID();
    beforeCapture = () => fake.fail(3, 500);
    expect((await pay(api, t.tripId, key).finally(() => (beforeCapture = undefined))).status).toBe(503);
    const id = (await stripeView(t.tripId))[0]!.id;
    // Canceled at Stripe (the dashboard, or the authorization lapsed): Stripe tells us by webhook.
    const stripe = createStripeClient({ secretKey: 'sk_test_pay_saga', apiBase: fake.url });
    await stripe.paymentIntents.cancel(id);
    const canceled = fake.events.filter(
      (e) => e.type === 'payment_intent.canceled' && e.data.object.id === id,
    );
    expect(canceled).toHaveLength(1);
    const delivered = await deliver(canceled[0]!);
    expect(delivered).toEqual({ status: 200, body: { received: true, handled: true } });

    expect(await expectStoresAgree(server.stores, t, stripeView)).toBe('unpaid');
    const state = await tripState(server.stores, t, stripeView);
    expect(Object.values(state.holds)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(state.payments.map((p) => p.status)).toEqual(['voided']);
    const again = await pay(api, t.tripId, key);
    expect(again.status).toBe(402);
    expect(again.body.declineCode).toBe('authorization_canceled');
    // Delivered again: acknowledged, nothing changes.
    expect((await deliver(canceled[0]!)).body).toMatchObject({ duplicate: true });
  });

  it('records a refund made at Stripe (charge.refunded) once, however often it is delivered', async () => {
    const t = await sell();
    const paid = await pay(api, t.tripId, randomUUID());
    const pi = paid.body.payment.transactionId as string;
    const stripe = createStripeClient({ secretKey: 'sk_test_pay_saga', apiBase: fake.url });
    await stripe.refunds.create({ payment_intent: pi, amount: 2_500 });
    const refunded = fake.events.filter(
      (e) => e.type === 'charge.refunded' && e.data.object.payment_intent === pi,
    );
    expect(refunded).toHaveLength(1);
    expect((await deliver(refunded[0]!)).status).toBe(200);
    expect((await deliver(refunded[0]!)).body).toMatchObject({ duplicate: true });
    // The same total again in a new event (Stripe resends state, not deltas): still one refund.
    expect((await deliver(StripeFake.event('charge.refunded', refunded[0]!.data.object))).status).toBe(200);

    const payment = (await server.stores.paymentRecords.findLivePayment(t.tripId))!;
    expect(payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 2_500 });
    const refunds = await server.stores.paymentRecords.listRefunds({ paymentId: payment.id });
    expect(refunds).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: { amount: 2_500, currency: 'USD' } }),
    ]);
    const receipt = ReceiptSchema.parse((await api.get(`/api/trips/${t.tripId}/receipt`)).body);
    expect(receipt.balance.amount).toBe(t.total - 2_500);
  });
});

describe.each(dialects)('PAYMENT_GATEWAY=stripe as the server builds it, on %s', (dialect) => {
  it('pays a trip through the SDK against STRIPE_API_BASE', async () => {
    const fake = await StripeFake.start();
    const clock = new ManualClock(new Date());
    const server = await startPayServer(dialect, {
      clock,
      env: {
        PAYMENT_GATEWAY: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_default_build',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: fake.url,
      },
    });
    try {
      const c = await insertSmallCatalog(server.stores, { tag: `stripeb${dialect}`, now: clock.now() });
      const api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
      const t = await sellTrip(api, c);
      const res = await pay(api, t.tripId, randomUUID());
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(fake.paymentIntent(res.body.payment.transactionId)).toMatchObject({
        status: 'succeeded',
        amount_received: t.total,
      });
      const calls = fake.requests.map((r) => `${r.method} ${r.path.replace(/pi_\w+/, '{id}')}`);
      expect(calls).toEqual(['POST /v1/payment_intents', 'POST /v1/payment_intents/{id}/capture']);
      expect(fake.requests.every((r) => r.headers.authorization === 'Bearer sk_test_default_build')).toBe(
        true,
      );
    } finally {
      await server.stop();
      await fake.stop();
    }
  });
});
