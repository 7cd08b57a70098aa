import { describe, expect, it } from 'vitest';
import { notificationsFor } from './notification-policy.ts';
import type { OutboxEntry } from '../stores/payments/outbox.ts';
import { emailMessage, escapeHtml, inAppMessage, minutesInWords } from './messages.ts';
import { backoffMs, BACKOFF_MAX_MS, MAX_ATTEMPTS } from './outbox-worker.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('which trip events make which notification', () => {
  it('tells of a payment, once per trip', () => {
    expect(
      notificationsFor('trp_1', [
        { type: 'item.confirmed', itemId: 'i1' },
        {
          type: 'trip.confirmed',
          detail: { transactionId: 'txn_9', invoiceNumber: 'INV-2026-000001', amount: usd(49000) },
        },
      ]),
    ).toEqual([
      {
        kind: 'trip_confirmed',
        itemIds: [],
        detail: { paid: usd(49000), invoiceNumber: 'INV-2026-000001' },
        dedupeKey: 'trip_confirmed:trp_1',
      },
    ]);
  });

  it('makes one trip_cancelled of a whole-trip cancel, its items’ events included', () => {
    const [n, ...rest] = notificationsFor('trp_1', [
      { type: 'item.cancelled', itemId: 'i1', detail: { refund: usd(100), fee: usd(0), reason: 'ill' } },
      { type: 'item.cancelled', itemId: 'i2', detail: { refund: usd(50), fee: usd(20), reason: 'ill' } },
      { type: 'trip.cancelled', detail: { reason: 'ill', refund: usd(150) } },
    ]);
    expect(rest).toEqual([]);
    expect(n).toEqual({
      kind: 'trip_cancelled',
      itemIds: ['i1', 'i2'],
      detail: { refund: usd(150), fee: usd(20), reason: 'ill' },
      dedupeKey: 'trip_cancelled:trp_1',
    });
  });

  it('makes item_cancelled of one item of a paid trip', () => {
    expect(
      notificationsFor('trp_1', [
        { type: 'item.cancelled', itemId: 'i2', detail: { refund: usd(50), fee: usd(20) } },
      ]),
    ).toMatchObject([{ kind: 'item_cancelled', itemIds: ['i2'], detail: { refund: usd(50), fee: usd(20) } }]);
  });

  it('tells of expiries: the trip once, items each time; refunds once per cancellation', () => {
    expect(
      notificationsFor('trp_1', [
        { type: 'item.expired', itemId: 'i1' },
        { type: 'trip.expired', detail: { reason: 'hold_expired' } },
      ]),
    ).toEqual([
      {
        kind: 'hold_expired',
        itemIds: ['i1'],
        detail: { tripExpired: true },
        dedupeKey: 'hold_expired:trp_1',
      },
    ]);
    expect(notificationsFor('trp_1', [{ type: 'item.expired', itemId: 'i1' }])).toEqual([
      { kind: 'hold_expired', itemIds: ['i1'], detail: { tripExpired: false } },
    ]);
    expect(
      notificationsFor('trp_1', [
        { type: 'refund.succeeded', itemId: 'i1', detail: { amount: usd(100), cancellationId: 'cnl_1' } },
      ]),
    ).toEqual([
      {
        kind: 'refund_succeeded',
        itemIds: ['i1'],
        detail: { refund: usd(100) },
        dedupeKey: 'refund_succeeded:trp_1:cnl_1',
      },
    ]);
  });

  it('tells nobody of holds placed, items released, check-ins, changes or failed refunds', () => {
    expect(
      notificationsFor('trp_1', [
        { type: 'trip.created' },
        { type: 'item.held', itemId: 'i1' },
        { type: 'trip.held' },
        { type: 'item.released', itemId: 'i1' },
        { type: 'item.checked_in', itemId: 'i1' },
        { type: 'item.changed', itemId: 'i1' },
        { type: 'refund.failed', itemId: 'i1' },
        { type: 'payment.declined' },
      ]),
    ).toEqual([]);
  });
});

describe('retries', () => {
  it('back off 30 s, doubling, at most an hour apart', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(backoffMs)).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      1_920_000,
      BACKOFF_MAX_MS,
      BACKOFF_MAX_MS,
    ]);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)).reduce(
      (a, b) => a + b,
    );
    // Given up only after about two days of failures.
    expect(total / 3_600_000).toBeGreaterThan(40);
  });
});

describe('messages', () => {
  const entry = (over: Partial<OutboxEntry> & Pick<OutboxEntry, 'kind'>): OutboxEntry => ({
    id: 'obx_1',
    tripId: 'trp_1',
    createdAt: '2026-11-22T10:00:00.000Z',
    ...over,
    payload: {
      trip: {
        id: 'trp_1',
        status: 'confirmed',
        customerName: 'Ana <b>Silva</b>',
        customerEmail: 'ana@example.pt',
        createdBy: 'usr_1',
        total: usd(35_000),
        holdExpiresAt: null,
      },
      items: [
        {
          id: 'i1',
          type: 'car',
          status: 'cancelled',
          price: usd(13_500),
          details: { category: 'economy', locationCode: 'LIS', pickUp: '2026-12-01', dropOff: '2026-12-04' },
        },
        {
          id: 'i2',
          type: 'hotel',
          status: 'confirmed',
          price: usd(21_500),
          details: {
            hotelName: 'Lisboa',
            roomTypeName: 'Double',
            checkIn: '2026-12-01',
            checkOut: '2026-12-03',
          },
        },
      ],
      itemIds: ['i1'],
      detail: { refund: usd(12_000), fee: usd(1_500) },
      ...over.payload,
    },
  });

  it('escapes every character HTML gives a meaning to', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('says which item was cancelled and what comes back, in the app and by email', () => {
    const e = entry({ kind: 'item_cancelled' });
    expect(inAppMessage(e)).toEqual({
      title: 'Item cancelled',
      body:
        'Part of Ana <b>Silva</b>’s trip trp_1 was cancelled: Car economy at LIS, 2026-12-01 to 2026-12-04 ' +
        '(3 days); $120.00 to refund.',
    });
    const mail = emailMessage(e);
    expect(mail.subject).toBe('Part of your trip trp_1 has been cancelled');
    expect(mail.text).toContain('- Car economy at LIS, 2026-12-01 to 2026-12-04 (3 days): $135.00');
    expect(mail.text).not.toContain('Lisboa');
    expect(mail.text).toContain('Refund: $120.00\nCancellation fee: $15.00');
    expect(mail.html).toContain('Dear Ana &lt;b&gt;Silva&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>');
  });

  it('tells a partly expired hold apart from an expired trip', () => {
    const partly = entry({ kind: 'hold_expired', payload: { detail: { tripExpired: false } } as never });
    expect(inAppMessage(partly).title).toBe('Part of a hold expired');
    expect(emailMessage(partly).subject).toBe('Part of your reservation trp_1 has expired');
    const whole = entry({ kind: 'hold_expired', payload: { detail: { tripExpired: true } } as never });
    expect(emailMessage(whole).subject).toBe('Your reservation trp_1 has expired');
  });

  it('says how long is left in whole minutes', () => {
    expect(minutesInWords('2026-11-22T10:00:00.000Z', '2026-11-22T10:05:00.000Z')).toBe('in about 5 minutes');
    expect(minutesInWords('2026-11-22T10:00:00.000Z', '2026-11-22T10:00:20.000Z')).toBe('in about 1 minute');
  });
});
