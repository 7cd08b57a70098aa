import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { startTestServer, type TestServer } from '../../test/harness.ts';
import { StripeFake } from '../../test/stripe-fake.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createPaymentGateway } from './gateways.ts';
import type { StripeEventSink, StripePaymentEvent } from './stripe-webhook.ts';

/**
 * The webhook through the real server (so the raw-body parser, its place before the JSON parser
 * and outside bearer auth are what is tested), with events the Stripe fake produced for a real
 * authorize, signed with the SDK's own test-header helper.
 */

const WEBHOOK_SECRET = 'whsec_test_tripdesk';
const PATH = '/api/webhooks/stripe';

/** Records what reached the sink; can be told to fail or to hold the next call. */
class RecordingSink implements StripeEventSink {
  readonly calls: StripePaymentEvent[] = [];
  failNext = false;
  #hold: Promise<void> | undefined;
  #release: (() => void) | undefined;

  hold(): void {
    this.#hold = new Promise((resolve) => (this.#release = resolve));
  }
  release(): void {
    this.#release?.();
    this.#hold = undefined;
  }

  async handle(event: StripePaymentEvent): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('reconciler is down');
    }
    this.calls.push(event);
    await this.#hold;
  }
}

describe.each(dialects)('Stripe webhook on %s', (dialect) => {
  let fake: StripeFake;
  let db: TestDatabase;
  let server: RunningServer;
  let config: Config;
  const sink = new RecordingSink();
  const clock = new ManualClock(new Date());
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  beforeAll(async () => {
    fake = await StripeFake.start();
    db = await createTestDatabase(dialect);
    config = loadConfig({
      ...db.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAYMENT_GATEWAY: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_tripdesk',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
    });
    server = await startServer(config, { clock, stripeEvents: sink });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await fake?.stop();
  });
  beforeEach(() => {
    sink.calls.length = 0;
    sink.failNext = false;
    sink.release();
  });

  function deliver(payload: string, signature?: string) {
    return fetch(server.url + PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        ...(signature !== undefined ? { 'stripe-signature': signature } : {}),
      },
      body: payload,
    });
  }

  async function deliverSigned(event: unknown, opts: { secret?: string; at?: number } = {}) {
    const { payload, signature } = StripeFake.signedDelivery(
      event,
      opts.secret ?? WEBHOOK_SECRET,
      opts.at ?? nowSeconds(),
    );
    const res = await deliver(payload, signature);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
  }

  /** A real authorize through the gateway against the fake, and the events Stripe would send for it. */
  async function authorizeAndCollectEvents(tripId: string) {
    const gateway = createPaymentGateway(config, server.stores, clock);
    const result = await gateway.authorize({
      amount: { amount: 25_000, currency: 'EUR' },
      paymentMethodId: 'pm_card_visa',
      idempotencyKey: `pay-${tripId}`,
      description: `Trip ${tripId}`,
      metadata: { tripId },
    });
    if (!result.ok) throw new Error('authorize failed');
    const events = fake.events.filter((e) => e.data.object.id === result.authorizationId);
    return { authorizationId: result.authorizationId, events, gateway };
  }

  it('accepts a validly signed event without a bearer token and hands it to the sink once, even redelivered', async () => {
    const { authorizationId, events } = await authorizeAndCollectEvents('trp_hook1');
    const capturable = events.find((e) => e.type === 'payment_intent.amount_capturable_updated')!;
    expect(capturable).toBeDefined();

    const first = await deliverSigned(capturable);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, handled: true });
    expect(sink.calls).toHaveLength(1);
    expect(sink.calls[0]).toMatchObject({
      eventId: capturable.id,
      type: 'payment_intent.amount_capturable_updated',
      authorizationId,
      tripId: 'trp_hook1',
      paymentIntentStatus: 'requires_capture',
    });
    expect(sink.calls[0]!.event.data.object).toMatchObject({
      id: authorizationId,
      amount_capturable: 25_000,
    });

    // Stripe redelivers with a fresh signature; nothing changes.
    clock.advance(30);
    const again = await deliverSigned(capturable);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, handled: true, duplicate: true });
    expect(sink.calls).toHaveLength(1);
    expect(await server.stores.gateway.isStripeEventProcessed(capturable.id)).toBe(true);
  });

  it('passes charge.refunded on with the refunded total and the PaymentIntent it belongs to', async () => {
    const { authorizationId, gateway } = await authorizeAndCollectEvents('trp_hook2');
    await gateway.capture(authorizationId, 'cap-trp_hook2');
    await gateway.refund(authorizationId, { amount: 5_000, currency: 'EUR' }, 'refund-trp_hook2');
    const refunded = fake.events.find(
      (e) => e.type === 'charge.refunded' && e.data.object.payment_intent === authorizationId,
    )!;
    const res = await deliverSigned(refunded);
    expect(res.status).toBe(200);
    expect(sink.calls).toEqual([
      expect.objectContaining({
        type: 'charge.refunded',
        authorizationId,
        tripId: 'trp_hook2',
        amountRefunded: { amount: 5_000, currency: 'EUR' },
      }),
    ]);
  });

  it('refuses a tampered body, a wrong secret, a missing or stale signature with 400 problem+json', async () => {
    const event = StripeFake.event('payment_intent.succeeded', {
      id: 'pi_tamper',
      object: 'payment_intent',
      amount: 100,
      status: 'succeeded',
      metadata: {},
    });
    const { payload, signature } = StripeFake.signedDelivery(event, WEBHOOK_SECRET, nowSeconds());

    const tampered = await deliver(payload.replace('"amount": 100', '"amount": 1'), signature);
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await tampered.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'headers.stripe-signature', message: expect.stringMatching(/signature/i) }],
    });

    const wrongSecret = await deliverSigned(event, { secret: 'whsec_someone_else' });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.type).toMatch(/application\/problem\+json/);

    expect((await deliver(payload)).status).toBe(400);
    expect((await deliver(payload, 'garbage')).status).toBe(400);

    const stale = await deliverSigned(event, { at: nowSeconds() - 301 });
    expect(stale.status).toBe(400);

    // The server's clock judges the age: a delivery signed now is refused once time moves on.
    const late = StripeFake.signedDelivery(event, WEBHOOK_SECRET, nowSeconds());
    clock.advance(301);
    expect((await deliver(late.payload, late.signature)).status).toBe(400);

    expect(sink.calls).toHaveLength(0);
    expect(await server.stores.gateway.isStripeEventProcessed(event.id)).toBe(false);
    // The same delivery, untampered and fresh, is fine: the refusals were about the signature.
    expect((await deliverSigned(event)).status).toBe(200);
    expect(sink.calls).toHaveLength(1);
  });

  it('acknowledges event types it does not reconcile with 200 and ignores them', async () => {
    const event = StripeFake.event('customer.created', { id: 'cus_123', object: 'customer' });
    const res = await deliverSigned(event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, handled: false });
    expect(sink.calls).toHaveLength(0);
    const rows = await server.stores.gateway.knex('stripe_webhook_events').where({ event_id: event.id });
    expect(rows).toHaveLength(0);
  });

  it('answers 500 when the sink fails, so that Stripe delivers again, and then handles the redelivery', async () => {
    const event = StripeFake.event('payment_intent.canceled', {
      id: 'pi_sinkfail',
      object: 'payment_intent',
      status: 'canceled',
      metadata: { tripId: 'trp_x' },
    });
    sink.failNext = true;
    const failed = await deliverSigned(event);
    expect(failed.status).toBe(500);
    expect(await server.stores.gateway.isStripeEventProcessed(event.id)).toBe(false);

    const retried = await deliverSigned(event);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ received: true, handled: true });
    expect(sink.calls.map((c) => c.eventId)).toEqual([event.id]);
  });

  it('lets only one of two simultaneous deliveries of an event through (409 for the other)', async () => {
    const event = StripeFake.event('payment_intent.payment_failed', {
      id: 'pi_race',
      object: 'payment_intent',
      status: 'requires_payment_method',
      metadata: {},
    });
    sink.hold();
    const first = deliverSigned(event);
    // Waits (without judging speed) until the first delivery is inside the sink.
    await expect.poll(() => sink.calls.length, { timeout: 30_000 }).toBe(1);
    const second = await deliverSigned(event);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'idempotency_conflict' });
    sink.release();
    expect((await first).status).toBe(200);
    expect(sink.calls).toHaveLength(1);
  });

  it('takes over a claim left by a handler that crashed, once the claim is old', async () => {
    const event = StripeFake.event('payment_intent.succeeded', {
      id: 'pi_crash',
      object: 'payment_intent',
      status: 'succeeded',
      metadata: {},
    });
    const claimedAt = new Date(clock.now().getTime() - 60_000).toISOString();
    await server.stores.gateway
      .knex('stripe_webhook_events')
      .insert({ event_id: event.id, type: event.type, received_at: claimedAt, claimed_at: claimedAt });
    expect((await deliverSigned(event)).status).toBe(409);
    clock.advance(300);
    const res = await deliverSigned(event);
    expect(res.status).toBe(200);
    expect(sink.calls.map((c) => c.eventId)).toEqual([event.id]);
  });

  it('still parses JSON everywhere else (the raw parser is for the webhook only)', async () => {
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'whatever-123' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('Stripe webhook with PAYMENT_GATEWAY=local', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      env: { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET },
    });
  });
  afterAll(() => server?.stop());

  it('answers 404 problem+json even to a validly signed event', async () => {
    const { payload, signature } = StripeFake.signedDelivery(
      StripeFake.event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }),
      WEBHOOK_SECRET,
    );
    const res = await fetch(server.url + PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
