import { describe, expect, it } from 'vitest';
import { feeAtPercent, policyAtPrice, termsAsSold } from './cancellation-policy.ts';
import { formatMoney, type Money } from './money.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const write = { money: (m: Money) => formatMoney(m, 'en-US'), instant: (iso: string) => `[${iso}]` };

describe('a fee that is a share of the price', () => {
  it('rounds the refund down, so the fee is what is left of it', () => {
    expect(feeAtPercent(usd(30_001), 50)).toEqual(usd(15_001));
    expect(feeAtPercent(usd(30_002), 50)).toEqual(usd(15_001));
    expect(feeAtPercent(usd(999), 100)).toEqual(usd(999));
  });

  it('follows the price only when the policy says it is a share', () => {
    const w = { refundable: true, fee: usd(15_001), feePercent: 50 };
    expect(policyAtPrice(w, usd(39_002))).toEqual({ ...w, fee: usd(19_501) });
    const hotel = { refundable: true, freeUntil: '2026-12-10T15:00:00.000Z', fee: usd(12_000) };
    expect(policyAtPrice(hotel, usd(99_999))).toBe(hotel);
  });
});

describe('termsAsSold', () => {
  it('says the description the server wrote, then the deadline and the fee it wrote', () => {
    expect(
      termsAsSold(
        {
          refundable: true,
          freeUntil: '2026-12-10T15:00:00.000Z',
          fee: usd(12_000),
          description:
            'Free cancellation until 48 hours before check-in; after that the first night is charged.',
        },
        write,
      ),
    ).toBe(
      'Free cancellation until 48 hours before check-in; after that the first night is charged. ' +
        'Free until [2026-12-10T15:00:00.000Z]; then a $120.00 fee.',
    );
    expect(
      termsAsSold(
        { refundable: true, fee: usd(19_501), feePercent: 50, description: 'Half the price is refunded' },
        write,
      ),
    ).toBe('Half the price is refunded. Cancellation fee $195.01.');
    expect(
      termsAsSold(
        {
          refundable: true,
          freeUntil: '2026-12-20T09:00:00.000Z',
          description: 'Fully refundable until departure.',
        },
        write,
      ),
    ).toBe('Fully refundable until departure. Free until [2026-12-20T09:00:00.000Z].');
    expect(termsAsSold({ refundable: false, description: 'Non-refundable fare.' }, write)).toBe(
      'Non-refundable fare.',
    );
  });

  it('words terms sold without a description from their figures', () => {
    expect(termsAsSold({ refundable: false }, write)).toBe('Non-refundable.');
    expect(termsAsSold({ refundable: true }, write)).toBe('Fully refundable.');
    expect(termsAsSold({ refundable: true, fee: usd(500) }, write)).toBe(
      'Refundable on these terms. Cancellation fee $5.00.',
    );
  });
});
