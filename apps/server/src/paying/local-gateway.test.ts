import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TEST_PAYMENT_METHODS, payTripRequestSchemaFor, type Money } from '@tripdesk/shared';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { openStores, type Stores } from '../stores/index.ts';
import {
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type AuthorizeRequest,
  type GatewayRefusalReason,
} from './gateway.ts';
import { createPaymentGateway } from './gateways.ts';
import { LocalPaymentGateway } from './local-gateway.ts';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });

let keySeq = 0;
const key = (what: string) => `${what}-${++keySeq}-${Math.random().toString(36).slice(2)}`;

function request(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    amount: usd(10_000),
    paymentMethodId: 'pm_card_visa',
    idempotencyKey: key('pay'),
    description: 'Trip trp_test: 2 nights Hotel Lisboa, TP1234 LIS-OPO',
    metadata: { tripId: 'trp_test' },
    ...overrides,
  };
}

async function refusal(p: Promise<unknown>): Promise<PaymentGatewayRefusedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaymentGatewayRefusedError);
  return err as PaymentGatewayRefusedError;
}

async function expectRefused(p: Promise<unknown>, reason: GatewayRefusalReason): Promise<void> {
  expect((await refusal(p)).reason).toBe(reason);
}

describe.each(dialects)('local payment gateway on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let gateway: LocalPaymentGateway;
  const clock = new ManualClock('2026-11-21T10:00:00.000Z');

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    gateway = new LocalPaymentGateway(stores.gateway, clock);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  async function authorized(amount = 10_000): Promise<string> {
    const result = await gateway.authorize(request({ amount: usd(amount) }));
    if (!result.ok) throw new Error(`expected an authorization, got ${result.declineCode}`);
    return result.authorizationId;
  }

  async function captured(amount = 10_000): Promise<string> {
    const id = await authorized(amount);
    await gateway.capture(id, key('capture'));
    return id;
  }

  it('is what createPaymentGateway builds for PAYMENT_GATEWAY=local', () => {
    const built = createPaymentGateway({ paymentGateway: 'local', stripe: undefined }, stores, clock);
    expect(built).toBeInstanceOf(LocalPaymentGateway);
    expect(built.name).toBe('local');
  });

  it('authorizes pm_card_visa and pm_card_mastercard with their brand and last four, and records them', async () => {
    const visa = await gateway.authorize(request({ metadata: { tripId: 'trp_visa' } }));
    expect(visa).toEqual({
      ok: true,
      authorizationId: expect.stringMatching(/^txn_[0-9a-z]{16}$/),
      amount: usd(10_000),
      method: { brand: 'visa', last4: '4242' },
    });
    const master = await gateway.authorize(request({ paymentMethodId: 'pm_card_mastercard' }));
    expect(master).toMatchObject({ ok: true, method: { brand: 'mastercard', last4: '4444' } });

    const row = await stores.gateway.findTransaction((visa as { authorizationId: string }).authorizationId);
    expect(row).toMatchObject({
      status: 'authorized',
      tripId: 'trp_visa',
      amount: 10_000,
      currency: 'USD',
      paymentMethod: 'pm_card_visa',
      cardBrand: 'visa',
      cardLast4: '4242',
      capturedAmount: 0,
      createdAt: '2026-11-21T10:00:00.000Z',
    });
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'generic_decline', 'Your card was declined.'],
    [
      'pm_card_visa_chargeDeclinedInsufficientFunds',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'Your card has expired.'],
  ])(
    'declines %s with %s, records the decline and replays it for the same key',
    async (pm, code, message) => {
      const r = request({ paymentMethodId: pm });
      expect(await gateway.authorize(r)).toEqual({ ok: false, declineCode: code, message });
      expect(await gateway.authorize(r)).toEqual({ ok: false, declineCode: code, message });
      const rows = await stores.gateway
        .knex('gateway_transactions')
        .where({ idempotency_key: r.idempotencyKey });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'declined', decline_code: code });
    },
  );

  it('gives every test payment method the outcome the shared contract lists, and nothing else passes validation', async () => {
    // Written out here, not read from LOCAL_TEST_PAYMENT_METHODS: the gateway reads that table, so
    // comparing its answers with the table would compare the table with itself. Stripe's outcomes.
    const outcomes = {
      pm_card_visa: { ok: true, method: { brand: 'visa', last4: '4242' } },
      pm_card_mastercard: { ok: true, method: { brand: 'mastercard', last4: '4444' } },
      pm_card_visa_chargeDeclined: {
        ok: false,
        declineCode: 'generic_decline',
        message: 'Your card was declined.',
      },
      pm_card_visa_chargeDeclinedInsufficientFunds: {
        ok: false,
        declineCode: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      },
      pm_card_chargeDeclinedExpiredCard: {
        ok: false,
        declineCode: 'expired_card',
        message: 'Your card has expired.',
      },
    };
    // Every method the contract lists has its row here, and no other.
    expect(Object.keys(LOCAL_TEST_PAYMENT_METHODS).sort()).toEqual(Object.keys(outcomes).sort());
    for (const [pm, expected] of Object.entries(outcomes)) {
      expect(payTripRequestSchemaFor('local').safeParse({ paymentMethodId: pm }).error, pm).toBeUndefined();
      const result = await gateway.authorize(request({ paymentMethodId: pm }));
      expect(result, pm).toEqual(
        expected.ok
          ? { ...expected, authorizationId: expect.stringMatching(/^txn_/), amount: usd(10_000) }
          : expected,
      );
    }
    // Validation refuses anything else before the gateway; the gateway refuses it too, as a bad request.
    for (const pm of ['pm_card_amex', 'pm_card_visa ', '4242424242424242', 'tok_visa']) {
      expect(payTripRequestSchemaFor('local').safeParse({ paymentMethodId: pm }).success, pm).toBe(false);
      await expectRefused(gateway.authorize(request({ paymentMethodId: pm })), 'invalid_request');
    }
  });

  it('refuses a zero amount and a missing key before recording anything', async () => {
    const before = await stores.gateway.knex('gateway_transactions').count({ n: '*' }).first();
    await expectRefused(gateway.authorize(request({ amount: usd(0) })), 'invalid_request');
    await expectRefused(gateway.authorize(request({ idempotencyKey: '' })), 'invalid_request');
    const after = await stores.gateway.knex('gateway_transactions').count({ n: '*' }).first();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('authorizes once per key, also when the retries race', async () => {
    const r = request();
    const results = await Promise.all(Array.from({ length: 8 }, () => gateway.authorize(r)));
    const ids = new Set(results.map((x) => (x.ok ? x.authorizationId : 'declined')));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^txn_/);
    const rows = await stores.gateway
      .knex('gateway_transactions')
      .where({ idempotency_key: r.idempotencyKey });
    expect(rows).toHaveLength(1);
  });

  it('refuses the same key for a different payment', async () => {
    const r = request();
    await gateway.authorize(r);
    await expectRefused(gateway.authorize({ ...r, amount: usd(10_001) }), 'idempotency_key_reused');
    await expectRefused(
      gateway.authorize({ ...r, paymentMethodId: 'pm_card_mastercard' }),
      'idempotency_key_reused',
    );
    await expectRefused(
      gateway.authorize({ ...r, metadata: { tripId: 'trp_other' } }),
      'idempotency_key_reused',
    );
  });

  it('captures an authorization once: a retry with the key replays, another capture is refused', async () => {
    const id = await authorized(12_345);
    clock.advance(60);
    const k = key('capture');
    const first = await gateway.capture(id, k);
    expect(first).toEqual({ authorizationId: id, status: 'captured', amount: usd(12_345) });
    clock.advance(60);
    expect(await gateway.capture(id, k)).toEqual(first);
    const row = await stores.gateway.findTransaction(id);
    expect(row).toMatchObject({
      status: 'captured',
      capturedAmount: 12_345,
      capturedAt: '2026-11-21T10:01:00.000Z',
    });
    await expectRefused(gateway.capture(id, key('capture')), 'invalid_state');
  });

  it('captures once when retries with one key race', async () => {
    const id = await authorized();
    const k = key('capture');
    const results = await Promise.all(Array.from({ length: 6 }, () => gateway.capture(id, k)));
    expect(results.every((r) => r.status === 'captured' && r.amount.amount === 10_000)).toBe(true);
    expect((await stores.gateway.findTransaction(id))?.capturedAmount).toBe(10_000);
  });

  it('voids an authorization; capture after void and void after capture are refused', async () => {
    const id = await authorized();
    const k = key('void');
    expect(await gateway.void(id, k)).toEqual({ authorizationId: id, status: 'voided' });
    expect(await gateway.void(id, k)).toEqual({ authorizationId: id, status: 'voided' });
    await expectRefused(gateway.capture(id, key('capture')), 'invalid_state');
    await expectRefused(gateway.refund(id, usd(1), key('refund')), 'invalid_state');
    expect(await stores.gateway.findTransaction(id)).toMatchObject({ status: 'voided', capturedAmount: 0 });

    const capturedId = await captured();
    await expectRefused(gateway.void(capturedId, key('void')), 'invalid_state');
    expect((await stores.gateway.findTransaction(capturedId))?.status).toBe('captured');
  });

  it('refuses to capture or void a declined attempt, and knows no strangers', async () => {
    const declined = await gateway.authorize(request({ paymentMethodId: 'pm_card_visa_chargeDeclined' }));
    expect(declined.ok).toBe(false);
    const [row] = await stores.gateway.knex('gateway_transactions').where({ status: 'declined' }).limit(1);
    await expectRefused(gateway.capture(row.id, key('capture')), 'invalid_state');
    await expectRefused(gateway.void(row.id, key('void')), 'invalid_state');
    await expectRefused(gateway.capture('txn_nosuchthing00000', key('capture')), 'not_found');
    await expectRefused(gateway.refund('txn_nosuchthing00000', usd(1), key('refund')), 'not_found');
  });

  it('refuses a step key already used for the same step of another payment', async () => {
    const a = await authorized();
    const b = await authorized();
    const k = key('capture');
    await gateway.capture(a, k);
    await expectRefused(gateway.capture(b, k), 'idempotency_key_reused');
    expect((await stores.gateway.findTransaction(b))?.status).toBe('authorized');
  });

  it('refunds partially and fully, never more than was captured, each refund linked to its payment', async () => {
    const id = await captured(10_000);
    const partial = await gateway.refund(id, usd(3_000), key('refund'));
    expect(partial).toEqual({
      refundId: expect.stringMatching(/^rfd_/),
      authorizationId: id,
      amount: usd(3_000),
      status: 'succeeded',
    });
    await expectRefused(gateway.refund(id, usd(7_001), key('refund')), 'refund_exceeds_captured');
    const rest = await gateway.refund(id, usd(7_000), key('refund'));
    expect(rest.amount).toEqual(usd(7_000));
    await expectRefused(gateway.refund(id, usd(1), key('refund')), 'refund_exceeds_captured');

    expect(await stores.gateway.findTransaction(id)).toMatchObject({
      capturedAmount: 10_000,
      refundedAmount: 10_000,
    });
    const refunds = await stores.gateway.listRefunds(id);
    expect(refunds.map((r) => r.amount).sort((x, y) => x - y)).toEqual([3_000, 7_000]);
    expect(refunds.map((r) => r.transactionId)).toEqual([id, id]);
  });

  it('replays a refund retried with its key and refuses the key for another amount', async () => {
    const id = await captured(5_000);
    const k = key('refund');
    const first = await gateway.refund(id, usd(2_000), k);
    expect(await gateway.refund(id, usd(2_000), k)).toEqual(first);
    await expectRefused(gateway.refund(id, usd(2_500), k), 'idempotency_key_reused');
    expect((await stores.gateway.findTransaction(id))?.refundedAmount).toBe(2_000);
    expect(await stores.gateway.listRefunds(id)).toHaveLength(1);
  });

  it('refuses a refund in another currency or before capture', async () => {
    const id = await captured(5_000);
    await expectRefused(
      gateway.refund(id, { amount: 100, currency: 'EUR' }, key('refund')),
      'currency_mismatch',
    );
    const onlyAuthorized = await authorized();
    await expectRefused(gateway.refund(onlyAuthorized, usd(100), key('refund')), 'invalid_state');
  });

  it('never refunds more than was captured when refunds race', async () => {
    const id = await captured(10_000);
    const attempts = await Promise.allSettled(
      Array.from({ length: 9 }, () => gateway.refund(id, usd(2_000), key('refund'))),
    );
    const succeeded = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(succeeded).toHaveLength(5);
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ reason: 'refund_exceeds_captured' });
    }
    expect((await stores.gateway.findTransaction(id))?.refundedAmount).toBe(10_000);
    expect(await stores.gateway.listRefunds(id)).toHaveLength(5);
  });

  it('has the database refuse an over-refund or a bad timestamp whatever the code does', async () => {
    const id = await captured(1_000);
    await expect(
      stores.gateway.knex('gateway_transactions').where({ id }).update({ refunded_amount: 1_001 }),
    ).rejects.toThrow(/check/i);
    await expect(
      stores.gateway
        .knex('gateway_transactions')
        .where({ id })
        .update({ captured_at: '2026-11-21 10:00:00' }),
    ).rejects.toThrow(/check/i);
  });

  it('keeps amounts beyond 2^31 minor units exact', async () => {
    const big = { amount: 9_876_543_210, currency: 'IDR' };
    const result = await gateway.authorize(request({ amount: big }));
    expect(result).toMatchObject({ ok: true, amount: big });
    const id = (result as { authorizationId: string }).authorizationId;
    expect((await gateway.capture(id, key('capture'))).amount).toEqual(big);
    expect(
      (await gateway.refund(id, { amount: 9_876_543_209, currency: 'IDR' }, key('refund'))).amount.amount,
    ).toBe(9_876_543_209);
  });

  it('answers refusals as typed domain errors: a wrong state is 409 invalid_transition', async () => {
    const id = await authorized();
    await gateway.void(id, key('void'));
    const err = await refusal(gateway.capture(id, key('capture')));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'invalid_transition', status: 409, operation: 'capture' });
  });
});

describe.each(dialects)('local payment gateway with its store down on %s', (dialect) => {
  it('reports an outage, not a decline and not a refusal', async () => {
    const db = await createTestDatabase(dialect);
    const stores = await openStores(db.location);
    const gateway = new LocalPaymentGateway(stores.gateway, new ManualClock());
    await stores.close();
    try {
      const err = await gateway.authorize(request()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaymentGatewayUnavailableError);
      expect(err).toMatchObject({ operation: 'authorize', code: 'service_unavailable', status: 503 });
      await expect(gateway.capture('txn_whatever', key('capture'))).rejects.toBeInstanceOf(
        PaymentGatewayUnavailableError,
      );
    } finally {
      await db.drop();
    }
  });
});
