import { describe, expect, it } from 'vitest';
import { addedTaxes, taxesInWords } from './tax-words.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('taxes in words', () => {
  it('says what is added, with its total, then what the price includes', () => {
    const taxes = [
      { code: 'vat', name: 'VAT 10%', amount: usd(2182), included: true },
      { code: 'city', name: 'City tax', amount: usd(1400), included: false },
      { code: 'resort', name: 'Resort fee', amount: usd(500), included: false },
    ];
    expect(taxesInWords(taxes)).toBe(
      '+ $19.00 taxes and fees (City tax $14.00, Resort fee $5.00); incl. VAT 10% $21.82',
    );
    expect(addedTaxes(taxes)).toEqual(usd(1900));
    expect(taxesInWords([taxes[0]!])).toBe('incl. VAT 10% $21.82');
    expect(addedTaxes([taxes[0]!])).toBeNull();
  });
});
