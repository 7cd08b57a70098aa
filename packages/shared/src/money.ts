import { z } from 'zod';

/**
 * Money is an integer count of the currency's minor units (cents, yen, fils) plus the currency.
 * Floats are never used: 0.1 + 0.2 is not 0.3, and a booking desk adds up prices all day.
 */

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter uppercase ISO 4217 code')
  .meta({ id: 'Currency', description: 'ISO 4217 currency code.', examples: ['USD', 'EUR', 'JPY'] });
export type Currency = z.infer<typeof CurrencySchema>;

/** A non-negative safe integer: beyond 2^53 integer arithmetic in JavaScript silently loses cents. */
const MinorUnits = z.int().nonnegative();

export const MoneySchema = z
  .object({
    amount: MinorUnits.meta({
      description: 'Integer minor units: 35000 USD is 350.00 USD, 350 JPY is ¥350.',
    }),
    currency: CurrencySchema,
  })
  .meta({
    id: 'Money',
    description: 'An amount in integer minor units of an ISO 4217 currency. Never a float.',
    examples: [{ amount: 35000, currency: 'USD' }],
  });
export type Money = z.infer<typeof MoneySchema>;

/**
 * The most one unit may cost (a night of a room, a seat, a day of a car): 20,000,000.00 in a currency
 * of two decimals, ¥2,000,000,000. With the quantities bounded (MAX_STAY_NIGHTS, 20 rooms, 9
 * passengers, MAX_RENTAL_DAYS, 99 of an extra) and MAX_ITEMS_PER_TRIP, an item's price stays under
 * 4 × 10^12 and a trip's total under 2 × 10^14: every sum the system makes is an exact integer, far
 * below 2^53, in JavaScript and in both databases.
 */
export const MAX_PRICE_MINOR = 2_000_000_000;

/** A price someone types into the catalog: Money, bounded by MAX_PRICE_MINOR. */
export const PriceSchema = z
  .object({
    amount: MinorUnits.max(MAX_PRICE_MINOR, `at most ${MAX_PRICE_MINOR} minor units`).meta({
      description: `Integer minor units, at most ${MAX_PRICE_MINOR}: 35000 USD is 350.00 USD.`,
    }),
    currency: CurrencySchema,
  })
  .meta({
    id: 'Price',
    description: `The price of one unit: Money of at most ${MAX_PRICE_MINOR} minor units.`,
    examples: [{ amount: 35000, currency: 'USD' }],
  });

/** Thrown when two amounts in different currencies meet: converting is a business decision, never implicit. */
export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string) {
    super(`currency mismatch: expected ${expected}, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`money amount must be a non-negative safe integer of minor units, got ${amount}`);
  }
}

function assertCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError(
      `currency must be a 3-letter uppercase ISO 4217 code, got ${JSON.stringify(currency)}`,
    );
  }
}

/** Builds a Money value, refusing anything MoneySchema would refuse. */
export function money(amount: number, currency: string): Money {
  assertMinorUnits(amount);
  assertCurrency(currency);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return money(a.amount + b.amount, a.currency);
}

/**
 * `a - b`, for refunds (price minus a cancellation fee). Throws RangeError below zero, since Money
 * is never negative; callers that want "at most the price" clamp first.
 */
export function subtractMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return money(a.amount - b.amount, a.currency);
}

/**
 * Sums a list that must all be in `currency`. The currency is given rather than taken from the
 * first element so that an empty trip still has a total (zero in that currency).
 */
export function sumMoney(list: readonly Money[], currency: string): Money {
  let total = money(0, currency);
  for (const m of list) total = addMoney(total, m);
  return total;
}

/** Price × count (nights, rooms, rental days, passengers); `n` must be a non-negative integer. */
export function multiplyMoney(m: Money, n: number): Money {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`multiplier must be a non-negative integer, got ${n}`);
  return money(m.amount * n, m.currency);
}

const minorDigitsCache = new Map<string, number>();

/**
 * Number of minor-unit digits of a currency as ICU knows them (USD 2, JPY 0, KWD 3). Taken from
 * Intl rather than a table of our own so that it always agrees with how amounts are displayed.
 */
export function currencyMinorDigits(currency: string): number {
  assertCurrency(currency);
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** The exact decimal string of an amount, e.g. `{ 35000, USD }` → `'350.00'`, `{ 350, JPY }` → `'350'`. */
export function toDecimalString(m: Money): string {
  assertMinorUnits(m.amount);
  const digits = currencyMinorDigits(m.currency);
  if (digits === 0) return String(m.amount);
  const padded = String(m.amount).padStart(digits + 1, '0');
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Formats for people, e.g. `$350.00`, `￥35,000`, `1.234,50 €`. Intl receives the exact decimal
 * string, not a number, so large amounts are never rounded through a float.
 */
export function formatMoney(m: Money, locale?: string): string {
  const decimal = toDecimalString(m) as `${number}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(decimal);
}

/**
 * Parses a decimal string typed by a person or found in a rate sheet (`'350.00'`, `'350.5'`,
 * `'350'`) into integer minor units, by string arithmetic only. Extra fraction digits are allowed
 * only if they are zeros: `'1.005'` USD would silently lose half a cent.
 */
export function toMinorUnits(decimal: string, currency: string): number {
  const digits = currencyMinorDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`not a non-negative decimal amount: ${JSON.stringify(decimal)}`);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits && !/^0*$/.test(fraction.slice(digits))) {
    throw new RangeError(`${currency} has ${digits} decimal places, got ${JSON.stringify(decimal)}`);
  }
  const minor = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${decimal}`);
  return Number(minor);
}

/** `toMinorUnits` wrapped as Money. */
export function parseMoney(decimal: string, currency: string): Money {
  return money(toMinorUnits(decimal, currency), currency);
}
