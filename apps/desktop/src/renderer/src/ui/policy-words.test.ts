import { describe, expect, it } from 'vitest';
import { policyInWords, policyTag } from './policy-words.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('policyInWords', () => {
  it('says a stay is free until its deadline in hotel time, then what is kept', () => {
    // 15:00 in New York (UTC−5 in December) two days before a 15 December arrival.
    const policy = { refundable: true, freeUntil: '2026-12-13T20:00:00.000Z', fee: usd(24_000) };
    expect(
      policyInWords(policy, { timeZone: 'America/New_York', zoneName: 'hotel time', feeName: 'first night' }),
    ).toBe('Free cancellation until Sun 13 Dec, 15:00 hotel time; then first night kept ($240.00)');
    expect(policyInWords(policy, { timeZone: 'UTC' })).toBe(
      'Free cancellation until Sun 13 Dec, 20:00 UTC; then $240.00 kept',
    );
    expect(policyTag(policy)).toBe('free');
  });

  it('reads a J fare and a car as free until the deadline, then nothing back', () => {
    const policy = { refundable: true, freeUntil: '2026-12-15T00:00:00.000Z' };
    expect(policyInWords(policy, { timeZone: 'UTC', zoneName: 'UTC' })).toBe(
      'Free cancellation until Tue 15 Dec, 00:00 UTC; then non-refundable',
    );
  });

  it('reads a W fare as the share refunded, given the price', () => {
    const policy = { refundable: true, fee: usd(15_001) };
    expect(policyInWords(policy, { price: usd(30_002) })).toBe('50% refundable ($150.01 fee)');
    expect(policyInWords(policy)).toBe('Refundable less a $150.01 fee');
    // A price in another currency says nothing about the share.
    expect(policyInWords(policy, { price: { amount: 30_002, currency: 'EUR' } })).toBe(
      'Refundable less a $150.01 fee',
    );
    expect(policyTag(policy)).toBe('partial');
  });

  it('reads a Y fare as non-refundable', () => {
    const policy = { refundable: false, description: 'Non-refundable fare.' };
    expect(policyInWords(policy)).toBe('Non-refundable');
    expect(policyTag(policy)).toBe('none');
    expect(policyInWords({ refundable: true })).toBe('Fully refundable');
  });
});
