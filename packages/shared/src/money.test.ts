import { describe, expect, it } from 'vitest';
import {
  addMoney,
  CurrencyMismatchError,
  currencyMinorDigits,
  formatMoney,
  money,
  MoneySchema,
  multiplyMoney,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
  toMinorUnits,
} from './money.ts';

/** Intl separates some currency symbols with a no-break space; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('MoneySchema', () => {
  it('accepts the example of API.md', () => {
    expect(MoneySchema.parse({ amount: 35000, currency: 'USD' })).toEqual({ amount: 35000, currency: 'USD' });
  });

  it.each([
    [{ amount: 350.5, currency: 'USD' }, 'amount'],
    [{ amount: -1, currency: 'USD' }, 'amount'],
    [{ amount: Number.MAX_SAFE_INTEGER + 1, currency: 'USD' }, 'amount'],
    [{ amount: '35000', currency: 'USD' }, 'amount'],
    [{ amount: 100, currency: 'usd' }, 'currency'],
    [{ amount: 100, currency: 'US' }, 'currency'],
    [{ amount: 100 }, 'currency'],
  ])('refuses %j at %s', (input, path) => {
    const result = MoneySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('strips unknown fields', () => {
    expect(MoneySchema.parse({ amount: 1, currency: 'EUR', display: '€0.01' })).toEqual({
      amount: 1,
      currency: 'EUR',
    });
  });
});

describe('arithmetic', () => {
  const usd = (n: number) => money(n, 'USD');

  it('money() refuses what the schema refuses', () => {
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
    expect(() => money(-1, 'USD')).toThrow(RangeError);
    expect(() => money(1, 'usd')).toThrow(RangeError);
  });

  it('adds and sums in one currency', () => {
    expect(addMoney(usd(35000), usd(1999))).toEqual(usd(36999));
    expect(sumMoney([usd(100), usd(200), usd(300)], 'USD')).toEqual(usd(600));
  });

  it('sums an empty list to zero in the given currency', () => {
    expect(sumMoney([], 'JPY')).toEqual(money(0, 'JPY'));
  });

  it('throws CurrencyMismatchError naming both currencies', () => {
    const error = (() => {
      try {
        addMoney(usd(1), money(1, 'EUR'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CurrencyMismatchError);
    expect(error).toMatchObject({ expected: 'USD', actual: 'EUR' });
    expect(() => sumMoney([usd(1), money(1, 'EUR')], 'USD')).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([usd(1)], 'EUR')).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(usd(5), money(1, 'EUR'))).toThrow(CurrencyMismatchError);
  });

  it('subtracts but never goes below zero', () => {
    expect(subtractMoney(usd(500), usd(200))).toEqual(usd(300));
    expect(() => subtractMoney(usd(100), usd(200))).toThrow(RangeError);
  });

  it('multiplies by a non-negative integer only', () => {
    expect(multiplyMoney(usd(12_500), 3)).toEqual(usd(37_500));
    expect(multiplyMoney(usd(12_500), 0)).toEqual(usd(0));
    expect(() => multiplyMoney(usd(100), 1.5)).toThrow(RangeError);
    expect(() => multiplyMoney(usd(100), -2)).toThrow(RangeError);
  });

  it('refuses results past the safe integer range rather than losing cents', () => {
    expect(() => addMoney(usd(Number.MAX_SAFE_INTEGER), usd(1))).toThrow(RangeError);
    expect(() => multiplyMoney(usd(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
  });
});

describe('minor units', () => {
  it('takes the digits from Intl', () => {
    expect(currencyMinorDigits('USD')).toBe(2);
    expect(currencyMinorDigits('EUR')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KWD')).toBe(3);
    expect(currencyMinorDigits('BHD')).toBe(3);
  });

  it('writes exact decimal strings', () => {
    expect(toDecimalString(money(35000, 'USD'))).toBe('350.00');
    expect(toDecimalString(money(5, 'USD'))).toBe('0.05');
    expect(toDecimalString(money(0, 'USD'))).toBe('0.00');
    expect(toDecimalString(money(350, 'JPY'))).toBe('350');
    expect(toDecimalString(money(1234, 'KWD'))).toBe('1.234');
    expect(toDecimalString(money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('90071992547409.91');
  });

  it('parses decimal strings without floats', () => {
    expect(toMinorUnits('350.00', 'USD')).toBe(35000);
    expect(toMinorUnits('350', 'USD')).toBe(35000);
    expect(toMinorUnits('350.5', 'USD')).toBe(35050);
    expect(toMinorUnits(' 0.07 ', 'USD')).toBe(7);
    // 0.1 + 0.2 style trap: 1.15 * 100 is 114.99999999999999 in floating point.
    expect(toMinorUnits('1.15', 'USD')).toBe(115);
    expect(toMinorUnits('35000', 'JPY')).toBe(35000);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(toMinorUnits('350.000', 'USD')).toBe(35000);
    expect(toMinorUnits('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMoney('12.30', 'EUR')).toEqual(money(1230, 'EUR'));
  });

  it.each([
    ['1.005', 'USD'],
    ['350.5', 'JPY'],
    ['-1.00', 'USD'],
    ['1,000.00', 'USD'],
    ['1e3', 'USD'],
    ['.5', 'USD'],
    ['', 'USD'],
    ['90071992547409.92', 'USD'],
  ])('refuses %j in %s', (input, currency) => {
    expect(() => toMinorUnits(input, currency)).toThrow(RangeError);
  });

  it('round-trips', () => {
    for (const [amount, currency] of [
      [0, 'USD'],
      [1, 'USD'],
      [99, 'EUR'],
      [123456789, 'KWD'],
      [42, 'JPY'],
    ] as const) {
      expect(toMinorUnits(toDecimalString(money(amount, currency)), currency)).toBe(amount);
    }
  });
});

describe('formatMoney', () => {
  it('formats USD with cents', () => {
    expect(formatMoney(money(35000, 'USD'), 'en-US')).toBe('$350.00');
    expect(formatMoney(money(123456789, 'USD'), 'en-US')).toBe('$1,234,567.89');
  });

  it('formats JPY without minor units', () => {
    expect(formatMoney(money(35000, 'JPY'), 'en-US')).toBe('¥35,000');
    expect(formatMoney(money(35000, 'JPY'), 'ja-JP')).toBe('￥35,000');
  });

  it('formats EUR by the locale’s rules', () => {
    expect(plain(formatMoney(money(123450, 'EUR'), 'de-DE'))).toBe('1.234,50 €');
    expect(formatMoney(money(123450, 'EUR'), 'en-IE')).toBe('€1,234.50');
  });

  it('formats KWD with three decimals', () => {
    expect(plain(formatMoney(money(1234, 'KWD'), 'en-US'))).toBe('KWD 1.234');
  });

  it('does not round large amounts through a float', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });
});
