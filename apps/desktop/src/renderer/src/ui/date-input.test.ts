import { describe, expect, it } from 'vitest';
import {
  addMonths,
  clampDate,
  dateShape,
  firstDayOfWeek,
  formatDateInput,
  readDateInput,
  type ReadOptions,
} from './date-input.ts';

// A fixed "today" (a Saturday): the shortcuts and dates without a year count from it.
const TODAY = '2026-11-21';
const gb = dateShape('en-GB');
const us = dateShape('en-US');
const de = dateShape('de-DE');
const ja = dateShape('ja-JP');

const read = (text: string, options: Partial<ReadOptions> = {}) =>
  readDateInput(text, { shape: gb, today: TODAY, ...options });
const date = (value: string) => ({ kind: 'date', value });

describe('dateShape', () => {
  it('takes the order and separators from Intl, for any locale', () => {
    expect(gb.order).toEqual(['day', 'month', 'year']);
    expect(gb.pattern).toBe('dd/mm/yyyy');
    expect(us.order).toEqual(['month', 'day', 'year']);
    expect(us.pattern).toBe('mm/dd/yyyy');
    expect(de.pattern).toBe('dd.mm.yyyy');
    expect(ja.order).toEqual(['year', 'month', 'day']);
    expect(ja.pattern).toBe('yyyy/mm/dd');
    expect(dateShape('sv-SE').pattern).toBe('yyyy-mm-dd');
  });

  it('writes digits even where the locale has its own numerals', () => {
    expect(formatDateInput('2026-12-24', dateShape('ar-EG'))).toMatch(/^[\d/]+$/);
  });

  it('falls back to a working shape for a locale Intl refuses', () => {
    expect(dateShape('not a locale!').order).toHaveLength(3);
  });
});

describe('formatDateInput', () => {
  it('writes an ISO date in the locale order with two-digit day and month', () => {
    expect(formatDateInput('2026-03-07', gb)).toBe('07/03/2026');
    expect(formatDateInput('2026-03-07', us)).toBe('03/07/2026');
    expect(formatDateInput('2026-03-07', de)).toBe('07.03.2026');
    expect(formatDateInput('2026-03-07', ja)).toBe('2026/03/07');
  });
});

describe('readDateInput', () => {
  it('reads a full date with any separator, or none', () => {
    for (const text of [
      '24/12/2026',
      '24.12.2026',
      '24-12-2026',
      '24 12 2026',
      '24/12/26',
      '24122026',
      '241226',
    ]) {
      expect(read(text), text).toEqual(date('2026-12-24'));
    }
    expect(read(' 4/7/2027 ')).toEqual(date('2027-07-04'));
  });

  it('follows the locale order: month first in en-US, year first in ja', () => {
    expect(read('12/24/2026', { shape: us })).toEqual(date('2026-12-24'));
    expect(read('12242026', { shape: us })).toEqual(date('2026-12-24'));
    expect(read('4/7/2027', { shape: us })).toEqual(date('2027-04-07'));
    expect(read('2026/12/24', { shape: ja })).toEqual(date('2026-12-24'));
    expect(read('261224', { shape: ja })).toEqual(date('2026-12-24'));
    expect(read('24.12.26', { shape: de })).toEqual(date('2026-12-24'));
  });

  it('always takes ISO yyyy-mm-dd (a four-digit first group is a year)', () => {
    expect(read('2026-12-24')).toEqual(date('2026-12-24'));
    expect(read('2026-12-24', { shape: us })).toEqual(date('2026-12-24'));
    expect(read('20261224')).toEqual(date('2026-12-24'));
  });

  it('reads two-digit years as 20yy and refuses one or three digits', () => {
    expect(read('1/1/30')).toEqual(date('2030-01-01'));
    expect(read('1/1/99')).toEqual(date('2099-01-01'));
    expect(read('24/12/2')).toEqual({ kind: 'invalid', message: 'Type the year with 2 or 4 digits.' });
    expect(read('24/12/202')).toEqual({ kind: 'invalid', message: 'Type the year with 2 or 4 digits.' });
  });

  it('reads two-digit years of a birth as the last such year up to today', () => {
    const past = { twoDigitYears: 'past' } as const;
    expect(read('3/2/84', past)).toEqual(date('1984-02-03'));
    expect(read('030284', past)).toEqual(date('1984-02-03'));
    expect(read('1/1/26', past)).toEqual(date('2026-01-01'));
    expect(read('1/1/27', past)).toEqual(date('1927-01-01'));
    expect(read('1/1/1927', past)).toEqual(date('1927-01-01'));
  });

  it('knows today, and days from today', () => {
    expect(read('t')).toEqual(date(TODAY));
    expect(read('T')).toEqual(date(TODAY));
    expect(read('today')).toEqual(date(TODAY));
    expect(read('+0')).toEqual(date(TODAY));
    expect(read('+3')).toEqual(date('2026-11-24'));
    expect(read('+10')).toEqual(date('2026-12-01'));
    expect(read('-1')).toEqual(date('2026-11-20'));
    expect(read('+ 45')).toEqual(date('2027-01-05'));
  });

  it('takes a day alone as the next such day, from today', () => {
    expect(read('21')).toEqual(date('2026-11-21'));
    expect(read('24')).toEqual(date('2026-11-24'));
    expect(read('5')).toEqual(date('2026-12-05'));
    expect(read('5/')).toEqual(date('2026-12-05'));
    // November has no 31st: the next month that has one.
    expect(read('31')).toEqual(date('2026-12-31'));
  });

  it('takes a day and month as the next such date, this year or next', () => {
    expect(read('24/12')).toEqual(date('2026-12-24'));
    expect(read('2412')).toEqual(date('2026-12-24'));
    expect(read('12/24', { shape: us })).toEqual(date('2026-12-24'));
    expect(read('3/1')).toEqual(date('2027-01-03'));
    expect(read('21/11')).toEqual(date(TODAY));
    // 29 February: the next leap year.
    expect(read('29/2')).toEqual(date('2028-02-29'));
  });

  it('counts a day without a year from min when min is later than today', () => {
    const min = '2026-12-10';
    expect(read('5', { min })).toEqual(date('2027-01-05'));
    expect(read('24', { min })).toEqual(date('2026-12-24'));
    expect(read('1/12', { min })).toEqual(date('2027-12-01'));
  });

  it('refuses dates that do not exist, saying why', () => {
    expect(read('31/02/2026')).toEqual({ kind: 'invalid', message: 'February 2026 has 28 days.' });
    expect(read('29/02/2026')).toEqual({ kind: 'invalid', message: 'February 2026 has 28 days.' });
    expect(read('29/02/2028')).toEqual(date('2028-02-29'));
    expect(read('31/04/2027')).toEqual({ kind: 'invalid', message: 'April 2027 has 30 days.' });
    expect(read('12/13/2026')).toMatchObject({ kind: 'invalid', message: /^There is no month 13\./ });
    expect(read('00/12/2026')).toMatchObject({ kind: 'invalid', message: /^There is no day 0\./ });
    expect(read('32')).toMatchObject({ kind: 'invalid', message: /^There is no day 32\./ });
    expect(read('30/2')).toEqual({ kind: 'invalid', message: 'February has no day 30.' });
  });

  it('refuses text it cannot read rather than guessing', () => {
    const askFor = 'Type the date as dd/mm/yyyy, or t for today, +3 for in 3 days.';
    for (const text of ['tomorrow', 'x', '24/12/2026/1', '123', '12345', '1234567', '/', '24dec']) {
      expect(read(text), text).toEqual({ kind: 'invalid', message: askFor });
    }
    expect(read('')).toEqual({ kind: 'empty' });
    expect(read('   ')).toEqual({ kind: 'empty' });
  });

  it('refuses days before min and after max, naming the limit', () => {
    const limits = { min: '2026-11-22', max: '2026-12-31' };
    expect(read('21/11/2026', limits)).toEqual({ kind: 'invalid', message: 'Choose 22/11/2026 or later.' });
    expect(read('t', limits)).toEqual({ kind: 'invalid', message: 'Choose 22/11/2026 or later.' });
    expect(read('1/1/2027', limits)).toEqual({ kind: 'invalid', message: 'Choose 31/12/2026 or earlier.' });
    expect(read('+41', { ...limits, shape: us })).toEqual({
      kind: 'invalid',
      message: 'Choose 12/31/2026 or earlier.',
    });
    expect(read('22/11/2026', limits)).toEqual(date('2026-11-22'));
    expect(read('31/12/2026', limits)).toEqual(date('2026-12-31'));
  });
});

describe('date arithmetic', () => {
  it('moves by months, keeping the day or cutting it to the month end', () => {
    expect(addMonths('2026-11-21', 1)).toBe('2026-12-21');
    expect(addMonths('2026-12-21', 1)).toBe('2027-01-21');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-11-21', -12)).toBe('2025-11-21');
  });

  it('clamps to min and max', () => {
    expect(clampDate('2026-11-01', '2026-11-10')).toBe('2026-11-10');
    expect(clampDate('2026-12-01', undefined, '2026-11-30')).toBe('2026-11-30');
    expect(clampDate('2026-11-15', '2026-11-10', '2026-11-30')).toBe('2026-11-15');
  });

  it('starts the week on Sunday in en-US and Monday in en-GB', () => {
    expect(firstDayOfWeek('en-US')).toBe(7);
    expect(firstDayOfWeek('en-GB')).toBe(1);
  });
});
