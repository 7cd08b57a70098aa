import { describe, expect, it } from 'vitest';
import {
  instantInZone,
  zonedTimeToInstant,
  addDays,
  CalendarDateSchema,
  compareDates,
  daysBetween,
  eachDate,
  InstantSchema,
  isCalendarDate,
  isTimeZone,
  TimeZoneSchema,
  todayIn,
} from './dates.ts';

describe('isCalendarDate and CalendarDateSchema', () => {
  const valid = ['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'];
  const invalid = [
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
  ];

  it.each(valid)('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
    expect(CalendarDateSchema.safeParse(d).success).toBe(true);
  });

  it.each(invalid)('refuses %j', (d) => {
    expect(isCalendarDate(d)).toBe(false);
    expect(CalendarDateSchema.safeParse(d).success).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isCalendarDate(20260101)).toBe(false);
    expect(isCalendarDate(new Date())).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('handles years below 100 (which Date.UTC would move to the 1900s)', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('refuses bad input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('daysBetween and eachDate', () => {
  it('counts nights with an exclusive end', () => {
    expect(daysBetween('2026-03-10', '2026-03-13')).toBe(3);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysBetween('2026-03-13', '2026-03-10')).toBe(-3);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it('lists the nights of a stay, not the check-out date', () => {
    expect(eachDate('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29']);
    expect(eachDate('2026-12-31', '2027-01-01')).toEqual(['2026-12-31']);
    expect(eachDate('2026-05-01', '2026-05-01')).toEqual([]);
    expect(eachDate('2026-05-02', '2026-05-01')).toEqual([]);
  });

  it('is unaffected by daylight saving changes in any time zone', () => {
    // 2026-03-29 is 23 hours long in Europe, 2026-11-01 is 25 hours long in the US.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(eachDate('2026-03-28', '2026-03-31')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(eachDate('2026-10-31', '2026-11-03')).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  it('agrees with eachDate on length', () => {
    for (const [from, to] of [
      ['2024-01-15', '2024-04-02'],
      ['2023-12-01', '2024-03-05'],
    ] as const) {
      expect(eachDate(from, to)).toHaveLength(daysBetween(from, to));
    }
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(['2026-03-01', '2025-12-31', '2026-02-28'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('refuses non-dates', () => {
    expect(() => compareDates('2026-02-30', '2026-01-01')).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  const now = new Date('2026-11-21T02:30:00Z');

  it('gives the hotel’s local date, not the server’s', () => {
    expect(todayIn('UTC', now)).toBe('2026-11-21');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-20');
    expect(todayIn('America/New_York', now)).toBe('2026-11-20');
    expect(todayIn('Europe/Paris', now)).toBe('2026-11-21');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-21');
  });

  it('crosses the year line by zone', () => {
    const newYear = new Date('2026-12-31T20:00:00Z');
    expect(todayIn('Pacific/Kiritimati', newYear)).toBe('2027-01-01'); // UTC+14
    expect(todayIn('Asia/Tokyo', newYear)).toBe('2027-01-01');
    expect(todayIn('Europe/London', newYear)).toBe('2026-12-31');
    expect(todayIn('Pacific/Pago_Pago', newYear)).toBe('2026-12-31'); // UTC-11
  });

  it('follows daylight saving at the zone’s midnight', () => {
    // New York is UTC-4 in summer and UTC-5 in winter: 04:30Z is 00:30 in July, 23:30 in January.
    expect(todayIn('America/New_York', new Date('2026-07-15T04:30:00Z'))).toBe('2026-07-15');
    expect(todayIn('America/New_York', new Date('2026-01-15T04:30:00Z'))).toBe('2026-01-14');
  });

  it('throws for an unknown zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons', now)).toThrow(RangeError);
  });
});

describe('TimeZoneSchema and InstantSchema', () => {
  it('accepts IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(TimeZoneSchema.safeParse('America/New_York').success).toBe(true);
    expect(TimeZoneSchema.safeParse('Nowhere/City').success).toBe(false);
  });

  it('requires an offset on instants', () => {
    expect(InstantSchema.safeParse('2026-12-24T15:00:00Z').success).toBe(true);
    expect(InstantSchema.safeParse('2026-12-24T15:00:00+01:00').success).toBe(true);
    expect(InstantSchema.safeParse('2026-12-24T15:00:00').success).toBe(false);
    expect(InstantSchema.safeParse('2026-12-24').success).toBe(false);
  });
});

describe('instants at an airport', () => {
  it('writes an instant with the zone’s own offset of that day, across daylight saving', () => {
    expect(instantInZone('2026-12-18T16:45:00.000Z', 'America/New_York')).toBe('2026-12-18T11:45:00-05:00');
    expect(instantInZone('2027-03-14T23:00:00Z', 'America/New_York')).toBe('2027-03-14T19:00:00-04:00');
    expect(instantInZone('2026-12-18T16:45:00Z', 'Asia/Kolkata')).toBe('2026-12-18T22:15:00+05:30');
    expect(instantInZone('2026-12-18T16:45:00Z', 'Europe/London')).toBe('2026-12-18T16:45:00+00:00');
  });

  it('reads a local wall-clock time at a zone as an instant', () => {
    expect(zonedTimeToInstant('2026-12-18', '22:30', 'America/New_York').toISOString()).toBe(
      '2026-12-19T03:30:00.000Z',
    );
    expect(zonedTimeToInstant('2027-07-01', '09:00', 'Europe/Paris').toISOString()).toBe(
      '2027-07-01T07:00:00.000Z',
    );
  });
});
