import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Money } from '@tripdesk/shared';
import { StripeFake } from '../../test/stripe-fake.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import {
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type AuthorizeRequest,
  type GatewayRefusalReason,
} from './gateway.ts';
import { createPaymentGateway } from './gateways.ts';
import { createStripeClient, StripePaymentGateway, stripeIdempotencyKey } from './stripe-gateway.ts';

/**
 * The Stripe adapter with the real `stripe` SDK, pointed (host, port, protocol) at a local fake
 * that answers with Stripe's shapes; what the SDK sent is read back from the fake's records.
 */

const SECRET_KEY = 'sk_test_tripdesk';
const usd = (amount: number): Money => ({ amount, currency: 'USD' });

let keySeq = 0;
const key = (what: string) => `${what}-${++keySeq}-${Math.random().toString(36).slice(2)}`;

function request(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    amount: usd(10_000),
    paymentMethodId: 'pm_card_visa',
    idempotencyKey: key('pay'),
    description: 'Trip trp_test: 2 nights Hotel Lisboa',
    metadata: { tripId: 'trp_test' },
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

async function expectRefused(p: Promise<unknown>, reason: GatewayRefusalReason): Promise<void> {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(PaymentGatewayRefusedError);
  expect((err as PaymentGatewayRefusedError).reason).toBe(reason);
}

describe('Stripe payment gateway against the Stripe fake', () => {
  let fake: StripeFake;
  let gateway: StripePaymentGateway;

  beforeAll(async () => {
    fake = await StripeFake.start();
    gateway = new StripePaymentGateway(
      createStripeClient({ secretKey: SECRET_KEY, apiBase: fake.url, maxNetworkRetries: 0 }),
    );
  });
  afterAll(() => fake?.stop());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  async function authorized(amount = 10_000): Promise<string> {
    const result = await gateway.authorize(request({ amount: usd(amount) }));
    if (!result.ok) throw new Error(`expected an authorization, got ${result.declineCode}`);
    return result.authorizationId;
  }

  it('authorizes with a confirmed, manually captured PaymentIntent and reads brand and last four', async () => {
    const r = request({ amount: usd(12_345), metadata: { tripId: 'trp_abc' } });
    const result = await gateway.authorize(r);
    expect(result).toEqual({
      ok: true,
      authorizationId: expect.stringMatching(/^pi_/),
      amount: usd(12_345),
      method: { brand: 'visa', last4: '4242' },
    });
    const [sent] = fake.requestsTo('POST', /^\/v1\/payment_intents$/);
    expect(sent!.params).toMatchObject({
      amount: '12345',
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      capture_method: 'manual',
      error_on_requires_action: 'true',
      description: r.description,
      metadata: { tripId: 'trp_abc' },
      expand: ['payment_method'],
    });
    expect(sent!.idempotencyKey).toBe(`${r.idempotencyKey}:authorize`);
    expect(sent!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(fake.paymentIntent((result as { authorizationId: string }).authorizationId)).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 12_345,
      amount_received: 0,
    });
  });

  it('reads a Mastercard as such', async () => {
    expect(await gateway.authorize(request({ paymentMethodId: 'pm_card_mastercard' }))).toMatchObject({
      ok: true,
      method: { brand: 'mastercard', last4: '4444' },
    });
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_visa_chargeDeclinedLostCard', 'lost_card'],
    ['pm_card_visa_chargeDeclinedStolenCard', 'stolen_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error'],
    ['pm_card_authenticationRequired', 'authentication_required'],
    ['pm_card_threeDSecure2Required', 'authentication_required'],
  ])('answers %s as a decline with %s, not an error', async (pm, declineCode) => {
    const result = await gateway.authorize(request({ paymentMethodId: pm }));
    expect(result).toEqual({ ok: false, declineCode, message: expect.any(String) });
    expect(fake.requests.at(-1)!.status).toBe(402);
  });

  it('replays a declined authorize for the same key (Stripe saves the decline)', async () => {
    const r = request({ paymentMethodId: 'pm_card_visa_chargeDeclinedInsufficientFunds' });
    const count = fake.paymentIntentCount;
    expect(await gateway.authorize(r)).toMatchObject({ ok: false, declineCode: 'insufficient_funds' });
    expect(await gateway.authorize(r)).toMatchObject({ ok: false, declineCode: 'insufficient_funds' });
    expect(fake.paymentIntentCount).toBe(count + 1);
    expect(fake.requests.map((q) => q.replayed)).toEqual([false, true]);
  });

  it('authorizes and captures once per key: the fake sees one PaymentIntent and one capture', async () => {
    const r = request();
    const count = fake.paymentIntentCount;
    const first = await gateway.authorize(r);
    const second = await gateway.authorize(r);
    expect(second).toEqual(first);
    expect(fake.paymentIntentCount).toBe(count + 1);

    const id = (first as { authorizationId: string }).authorizationId;
    const k = key('capture');
    const captured = await gateway.capture(id, k);
    expect(await gateway.capture(id, k)).toEqual(captured);
    expect(captured).toEqual({ authorizationId: id, status: 'captured', amount: usd(10_000) });

    const captures = fake.requestsTo('POST', /\/capture$/);
    expect(captures.map((q) => [q.idempotencyKey, q.replayed])).toEqual([
      [`${k}:capture`, false],
      [`${k}:capture`, true],
    ]);
    expect(fake.paymentIntent(id)).toMatchObject({ status: 'succeeded', amount_received: 10_000 });
  });

  it('refuses a second capture with another key: Stripe says unexpected state', async () => {
    const id = await authorized();
    await gateway.capture(id, key('capture'));
    await expectRefused(gateway.capture(id, key('capture')), 'invalid_state');
  });

  it('voids by cancelling the PaymentIntent; capture after void and void after capture are refused', async () => {
    const id = await authorized();
    const k = key('void');
    expect(await gateway.void(id, k)).toEqual({ authorizationId: id, status: 'voided' });
    expect(await gateway.void(id, k)).toEqual({ authorizationId: id, status: 'voided' });
    expect(fake.requestsTo('POST', /\/cancel$/).map((q) => q.idempotencyKey)).toEqual([
      `${k}:void`,
      `${k}:void`,
    ]);
    expect(fake.paymentIntent(id)).toMatchObject({ status: 'canceled', amount_capturable: 0 });
    await expectRefused(gateway.capture(id, key('capture')), 'invalid_state');

    const capturedId = await authorized();
    await gateway.capture(capturedId, key('capture'));
    await expectRefused(gateway.void(capturedId, key('void')), 'invalid_state');
  });

  it('refunds partially and fully, and refuses to refund more than was captured', async () => {
    const id = await authorized(10_000);
    await gateway.capture(id, key('capture'));
    const k = key('refund');
    const partial = await gateway.refund(id, usd(3_000), k);
    expect(partial).toEqual({
      refundId: expect.stringMatching(/^re_/),
      authorizationId: id,
      amount: usd(3_000),
      status: 'succeeded',
    });
    const [sent] = fake.requestsTo('POST', /^\/v1\/refunds$/);
    expect(sent!.params).toEqual({ payment_intent: id, amount: '3000' });
    expect(sent!.idempotencyKey).toBe(`${k}:refund`);
    expect(await gateway.refund(id, usd(3_000), k)).toEqual(partial);

    await expectRefused(gateway.refund(id, usd(7_001), key('refund')), 'refund_exceeds_captured');
    expect((await gateway.refund(id, usd(7_000), key('refund'))).amount).toEqual(usd(7_000));
    await expectRefused(gateway.refund(id, usd(1), key('refund')), 'refund_exceeds_captured');
    expect(
      fake.requestsTo('POST', /^\/v1\/refunds$/).filter((q) => q.status === 200 && !q.replayed),
    ).toHaveLength(2);
  });

  it('refuses a refund before capture, and one in another currency without asking Stripe to refund', async () => {
    const id = await authorized();
    await expectRefused(gateway.refund(id, usd(100), key('refund')), 'invalid_state');
    await gateway.capture(id, key('capture'));
    fake.requests.length = 0;
    await expectRefused(
      gateway.refund(id, { amount: 100, currency: 'EUR' }, key('refund')),
      'currency_mismatch',
    );
    expect(fake.requestsTo('POST', /^\/v1\/refunds$/)).toHaveLength(0);
  });

  it('refuses a key reused with other parameters (Stripe idempotency_error)', async () => {
    const r = request();
    await gateway.authorize(r);
    await expectRefused(gateway.authorize({ ...r, amount: usd(10_001) }), 'idempotency_key_reused');
    expect(fake.requests.at(-1)!.status).toBe(400);
  });

  it('refuses an unknown payment method and an unknown PaymentIntent', async () => {
    await expectRefused(
      gateway.authorize(request({ paymentMethodId: 'pm_nosuchmethod' })),
      'invalid_request',
    );
    await expectRefused(gateway.capture('pi_nosuchintent', key('capture')), 'not_found');
  });

  it('reports a 500 from Stripe as an outage, not a decline', async () => {
    fake.fail(1, 500);
    const err = await rejection(
      gateway.authorize(request({ paymentMethodId: 'pm_card_visa_chargeDeclined' })),
    );
    expect(err).toBeInstanceOf(PaymentGatewayUnavailableError);
    expect(err).toMatchObject({ operation: 'authorize', code: 'service_unavailable' });

    const id = await authorized();
    fake.fail(1, 503);
    await expect(gateway.capture(id, key('capture'))).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    fake.fail(1, 429);
    await expect(gateway.void(id, key('void'))).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
  });

  it('reports a rejected secret key as an outage (the gateway cannot work), not a refusal', async () => {
    const misconfigured = new StripePaymentGateway(
      createStripeClient({ secretKey: 'pk_test_not_a_secret', apiBase: fake.url, maxNetworkRetries: 0 }),
    );
    await expect(misconfigured.authorize(request())).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
  });

  it('lets the SDK retry a 503 with our key: one PaymentIntent, the retry carrying the same key', async () => {
    const retrying = new StripePaymentGateway(
      createStripeClient({ secretKey: SECRET_KEY, apiBase: fake.url, maxNetworkRetries: 1 }),
    );
    const r = request();
    const count = fake.paymentIntentCount;
    fake.fail(1, 503);
    expect(await retrying.authorize(r)).toMatchObject({ ok: true });
    expect(fake.paymentIntentCount).toBe(count + 1);
    expect(fake.requests.map((q) => [q.status, q.idempotencyKey])).toEqual([
      [503, `${r.idempotencyKey}:authorize`],
      [200, `${r.idempotencyKey}:authorize`],
    ]);
  });

  it('derives Stripe keys per step, hashing (stably) those too long for Stripe', () => {
    expect(stripeIdempotencyKey('k1', 'authorize')).toBe('k1:authorize');
    expect(stripeIdempotencyKey('k1', 'refund')).toBe('k1:refund');
    const long = 'x'.repeat(250);
    const derived = stripeIdempotencyKey(long, 'capture');
    expect(derived.length).toBeLessThanOrEqual(255);
    expect(derived).toBe(stripeIdempotencyKey(long, 'capture'));
    expect(derived).not.toBe(stripeIdempotencyKey(long, 'void'));
  });

  it('is what createPaymentGateway builds for PAYMENT_GATEWAY=stripe, pointed at STRIPE_API_BASE', async () => {
    const built = createPaymentGateway(
      {
        paymentGateway: 'stripe',
        stripe: { secretKey: SECRET_KEY, webhookSecret: 'whsec_test', apiBase: fake.url },
      },
      { gateway: undefined as never },
      new ManualClock(),
    );
    expect(built).toBeInstanceOf(StripePaymentGateway);
    expect(await built.authorize(request())).toMatchObject({ ok: true });
    expect(() =>
      createPaymentGateway(
        { paymentGateway: 'stripe', stripe: undefined },
        { gateway: undefined as never },
        new ManualClock(),
      ),
    ).toThrow(/STRIPE_SECRET_KEY/);
  });

  it('reads STRIPE_API_BASE from the environment, an http(s) URL or nothing', () => {
    const env = {
      PAYMENT_GATEWAY: 'stripe',
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
    };
    expect(loadConfig({ ...env, STRIPE_API_BASE: fake.url }).stripe?.apiBase).toBe(fake.url);
    expect(loadConfig({ ...env, STRIPE_API_BASE: '' }).stripe?.apiBase).toBeUndefined();
    expect(loadConfig(env).stripe?.apiBase).toBeUndefined();
    expect(() => loadConfig({ ...env, STRIPE_API_BASE: 'ftp://127.0.0.1' })).toThrow(/STRIPE_API_BASE/);
  });

  it('reports a stopped Stripe as an outage', async () => {
    const id = await authorized();
    await fake.stop();
    await expect(gateway.authorize(request())).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    await expect(gateway.void(id, key('void'))).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
  });
});
