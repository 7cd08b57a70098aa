import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import { isUniqueViolation } from '../constraint-violations.ts';
import { openStores, type Stores } from '../index.ts';
import {
  formatInvoiceNumber,
  LivePaymentExistsError,
  RefundNotApplicableError,
  type NewPayAttempt,
  type PaymentRecordsRepository,
} from './payments.ts';

/** The payment records repository against real SQLite and PostgreSQL: the rules its tables enforce. */
describe.each(dialects)('payment records on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let records: PaymentRecordsRepository;
  const now = new Date('2026-11-21T10:00:00.000Z');
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
    records = stores.paymentRecords;
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  function attempt(tripId: string, overrides: Partial<NewPayAttempt> = {}): NewPayAttempt {
    const n = ++seq;
    return {
      attemptId: `att_${dialect}${n}`,
      paymentId: `pay_${dialect}${n}`,
      tripId,
      itemIds: [`itm_${n}`],
      actor: 'usr_1',
      amount: { amount: 10_000, currency: 'USD' },
      gateway: 'local',
      payerName: 'Ada Lovelace',
      paymentMethod: 'pm_card_visa',
      description: `Trip ${tripId}`,
      idempotencyKey: `key-${n}`,
      now,
      ...overrides,
    };
  }

  /** An attempt walked to `confirmed_cars` with an authorization, ready to be captured. */
  async function authorized(tripId: string, at = now): Promise<string> {
    const a = attempt(tripId);
    await records.createAttempt(a);
    expect(await records.advance(a.attemptId, ['started'], 'holds_checked', at)).toBe(true);
    expect(
      await records.markAuthorized(
        a.attemptId,
        { transactionId: `txn_${a.attemptId}`, methodBrand: 'visa', methodLast4: '4242' },
        at,
      ),
    ).toBe(true);
    for (const [from, to] of [
      ['authorized', 'confirmed_hotels'],
      ['confirmed_hotels', 'confirmed_flights'],
      ['confirmed_flights', 'confirmed_cars'],
    ] as const) {
      expect(await records.advance(a.attemptId, [from], to, at)).toBe(true);
    }
    return a.attemptId;
  }

  it('keeps one live payment per trip by a unique index, and a retry of the same key finds its attempt', async () => {
    const first = attempt('trp_live');
    expect((await records.createAttempt(first)).created).toBe(true);
    const again = await records.createAttempt({
      ...attempt('trp_live'),
      idempotencyKey: first.idempotencyKey,
    });
    expect(again).toMatchObject({ created: false, attempt: { saga: { attemptId: first.attemptId } } });
    await expect(records.createAttempt(attempt('trp_live'))).rejects.toBeInstanceOf(LivePaymentExistsError);

    // The database itself refuses a second live row, whatever the code does.
    const row = await stores.knex.payments('payments').where({ id: first.paymentId }).first();
    const copy = { ...row, id: 'pay_copy', attempt_id: 'att_copy', idempotency_key: 'other' };
    const err = await stores.knex
      .payments('payments')
      .insert(copy)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    // Once the first one failed, another may start.
    expect(
      await records.markDeclined(
        first.attemptId,
        'generic_decline',
        { code: 'payment_declined', detail: 'no' },
        now,
      ),
    ).toBe(false); // still `started`: a decline comes after the hold check only
    await records.advance(first.attemptId, ['started'], 'holds_checked', now);
    expect(
      await records.markDeclined(
        first.attemptId,
        'generic_decline',
        { code: 'payment_declined', detail: 'no' },
        now,
      ),
    ).toBe(true);
    expect((await records.findPayment(first.paymentId))?.status).toBe('failed');
    expect((await records.createAttempt(attempt('trp_live'))).created).toBe(true);
  });

  it('moves a saga step by compare-and-set: of two runners, one wins', async () => {
    const a = attempt('trp_cas');
    await records.createAttempt(a);
    const wins = await Promise.all([
      records.advance(a.attemptId, ['started'], 'holds_checked', now),
      records.advance(a.attemptId, ['started'], 'compensating', now, { code: 'x', detail: 'y' }),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('numbers captured payments per year without gaps, also when captures run at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await authorized(`trp_inv_${i}`));
    const captured = await Promise.all(ids.map((id) => records.markCaptured(id, now)));
    const numbers = captured.map((p) => p!.invoiceNumber!).sort();
    expect(new Set(numbers).size).toBe(12);
    const { numbers: all, last } = await records.invoiceNumbers(2026);
    expect(all).toEqual(Array.from({ length: last }, (_, i) => formatInvoiceNumber(2026, i + 1)));
    expect(all).toEqual(expect.arrayContaining(numbers));
    // Capturing again answers the same payment: no second number.
    expect((await records.markCaptured(ids[0]!, now))?.invoiceNumber).toBe(captured[0]!.invoiceNumber);
    expect((await records.invoiceNumbers(2026)).last).toBe(last);
    // A new year starts again at 1.
    const nextYear = new Date('2027-01-01T00:00:00.000Z');
    const jan = await records.markCaptured(await authorized('trp_inv_2027', nextYear), nextYear);
    expect(jan?.invoiceNumber).toBe('INV-2027-000001');
  });

  it('gives the number back when the capture’s transaction fails after taking it', async () => {
    const { last } = await records.invoiceNumbers(2026);
    const id = await authorized('trp_rollback');
    // A number that is taken already, behind the counter's back: the capture taking it must fail whole.
    const blocker = await authorized('trp_blocker');
    const blockerPayment = (await records.findAttempt(blocker))!.payment;
    await stores.knex
      .payments('payments')
      .where({ id: blockerPayment.id })
      .update({
        status: 'captured',
        invoice_number: formatInvoiceNumber(2026, last + 1),
        paid_at: now.toISOString(),
      });
    await expect(records.markCaptured(id, now)).rejects.toSatisfy(isUniqueViolation);
    expect((await records.invoiceNumbers(2026)).last).toBe(last);
    expect((await records.findAttempt(id))!.payment).toMatchObject({
      status: 'authorized',
      invoiceNumber: null,
    });
    expect((await records.findAttempt(id))!.saga.step).toBe('confirmed_cars');
    // Without the intruder, the same capture takes that very number: none was lost.
    await stores.knex.payments('payments').where({ id: blockerPayment.id }).update({
      status: 'authorized',
      invoice_number: null,
      paid_at: null,
    });
    expect((await records.markCaptured(id, now))?.invoiceNumber).toBe(formatInvoiceNumber(2026, last + 1));
  });

  it('records refunds pending then settled, never more than was captured, once per gateway refund', async () => {
    const id = await authorized('trp_refund');
    const payment = (await records.markCaptured(id, now))!;
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    const pending = await records.beginRefund({
      id: `rfd_${dialect}_1`,
      paymentId: payment.id,
      itemId: 'itm_a',
      amount: usd(6_000),
      reason: 'cancelled',
      idempotencyKey: 'refund-a',
      now,
    });
    expect(pending.status).toBe('pending');
    // The same key is the same refund; a pending refund counts as spent.
    expect(
      (
        await records.beginRefund({
          id: `rfd_${dialect}_x`,
          paymentId: payment.id,
          amount: usd(6_000),
          idempotencyKey: 'refund-a',
          now,
        })
      ).id,
    ).toBe(pending.id);
    await expect(
      records.beginRefund({ id: `rfd_${dialect}_2`, paymentId: payment.id, amount: usd(4_001), now }),
    ).rejects.toBeInstanceOf(RefundNotApplicableError);
    await expect(
      records.beginRefund({
        id: `rfd_${dialect}_3`,
        paymentId: payment.id,
        amount: { amount: 1, currency: 'EUR' },
        now,
      }),
    ).rejects.toBeInstanceOf(RefundNotApplicableError);

    await records.settleRefund(pending.id, { status: 'succeeded', gatewayRefundId: `re_${dialect}_1` }, now);
    await records.settleRefund(pending.id, { status: 'succeeded', gatewayRefundId: `re_${dialect}_1` }, now);
    expect(await records.findPayment(payment.id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 6_000,
    });

    const failed = await records.beginRefund({
      id: `rfd_${dialect}_4`,
      paymentId: payment.id,
      amount: usd(4_000),
      now,
    });
    await records.settleRefund(failed.id, { status: 'failed' }, now);
    expect((await records.findPayment(payment.id))?.refundedAmount).toBe(6_000);

    const rest = {
      id: `rfd_${dialect}_5`,
      paymentId: payment.id,
      amount: usd(4_000),
      status: 'succeeded' as const,
      gatewayRefundId: `re_${dialect}_2`,
      now,
    };
    await records.recordRefund(rest);
    await records.recordRefund({ ...rest, id: `rfd_${dialect}_6` });
    expect(await records.findPayment(payment.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 10_000,
    });
    expect(
      (await records.listRefunds({ paymentId: payment.id })).map((r) => [r.amount.amount, r.status]),
    ).toEqual([
      [6_000, 'succeeded'],
      [4_000, 'failed'],
      [4_000, 'succeeded'],
    ]);
    expect(await records.tripLedger('trp_refund')).toEqual([
      { currency: 'USD', captured: 10_000, refunded: 10_000 },
    ]);
    await expect(
      records.recordRefund({
        ...rest,
        id: `rfd_${dialect}_7`,
        gatewayRefundId: `re_${dialect}_3`,
        amount: usd(1),
      }),
    ).rejects.toBeInstanceOf(RefundNotApplicableError);
  });

  it('hands each unfinished saga to one of two reconcilers claiming at once', async () => {
    const old = new Date('2026-11-20T10:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a = attempt(`trp_claim_${i}`, { now: old });
      await records.createAttempt(a);
      ids.push(a.attemptId);
    }
    const staleBefore = new Date(now.getTime() - 60_000);
    const [a, b] = await Promise.all([
      records.claimUnfinished(now, staleBefore, 100),
      records.claimUnfinished(now, staleBefore, 100),
    ]);
    const mine = (list: typeof a) => list.map((s) => s.attemptId).filter((id) => ids.includes(id));
    expect([...mine(a), ...mine(b)].sort()).toEqual([...ids].sort());
    expect(mine(a).filter((id) => mine(b).includes(id))).toEqual([]);
    // Claimed means stamped: within the grace nobody claims them again.
    expect(mine(await records.claimUnfinished(now, staleBefore, 100))).toEqual([]);
  });
});
