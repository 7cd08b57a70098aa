import { describe, expect, it } from 'vitest';
import { policyAtPrice } from '@tripdesk/shared';
import { flightPolicy } from './cancellation-policy.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const departureAt = '2026-12-20T09:00:00.000Z';

describe('flightPolicy', () => {
  it('keeps half of a W fare, the refund rounded down, and says the fee follows the price', () => {
    expect(flightPolicy({ fareClass: 'W', departureAt, price: usd(30_001) })).toEqual({
      refundable: true,
      fee: usd(15_001),
      feePercent: 50,
      description: 'Half the price, extras included, is refunded on cancellation.',
    });
  });

  it('quotes before the hold the fee the hold writes with the extras chosen', () => {
    // The search's offer: two seats at 150.01, no extras yet.
    const offer = flightPolicy({ fareClass: 'w', departureAt, price: usd(30_002) });
    expect(offer.fee).toEqual(usd(15_001));
    // Held with two bags at 45.00: the item's price is 390.02 and its terms are written on it.
    const held = flightPolicy({ fareClass: 'W', departureAt, price: usd(30_002 + 9_000) });
    expect(held.fee).toEqual(usd(19_501));
    expect(policyAtPrice(offer, usd(30_002 + 9_000))).toEqual(held);
  });

  it('leaves J free until departure and Y non-refundable at any price', () => {
    const j = flightPolicy({ fareClass: 'J', departureAt, price: usd(50_000) });
    expect(j).toEqual({
      refundable: true,
      freeUntil: departureAt,
      description: 'Fully refundable until departure.',
    });
    expect(policyAtPrice(j, usd(60_000))).toBe(j);
    expect(flightPolicy({ fareClass: 'Y', departureAt, price: usd(9_000) })).toMatchObject({
      refundable: false,
    });
  });
});
