import { describe, expect, it } from 'vitest';
import {
  formatFlightLine,
  formatFlightTimes,
  dayParts,
  durationInWords,
  formatDuration,
  formatElapsed,
  formatInstantIn,
  formatLongDate,
  formatMoney,
  formatNights,
  formatPercent,
  formatSize,
  formatStayDate,
  formatTimeIn,
  plural,
  relativeTime,
} from './formats.ts';

describe('relativeTime', () => {
  const at = '2026-11-22T10:00:00.000Z';
  const later = (seconds: number) => Date.parse(at) + seconds * 1000;
  it('says how long ago, in the largest unit that fits', () => {
    expect(relativeTime(at, later(10))).toBe('just now');
    expect(relativeTime(at, later(60))).toBe('1 minute ago');
    expect(relativeTime(at, later(5 * 60))).toBe('5 minutes ago');
    expect(relativeTime(at, later(2 * 3600))).toBe('2 hours ago');
    expect(relativeTime(at, later(26 * 3600))).toBe('yesterday');
    expect(relativeTime(at, later(15 * 86_400))).toBe('2 weeks ago');
  });
});

describe('the desk formats', () => {
  it('writes stay dates as the calendar dates they are, in any zone', () => {
    expect(formatStayDate('2026-11-21')).toBe('Sat 21 Nov');
    expect(formatLongDate('2026-11-21')).toBe('Sat, 21 Nov 2026');
    expect(formatNights('2026-11-21', '2026-11-24', 3)).toBe('Sat 21 Nov – Tue 24 Nov, 3 nights');
    expect(formatNights('2026-11-21', '2026-11-22', 1)).toBe('Sat 21 Nov – Sun 22 Nov, 1 night');
    expect(dayParts('2026-11-22')).toEqual({ weekday: 'Sun', day: '22', month: 'Nov', weekend: true });
  });

  it('writes instants in the named zone, with the zone', () => {
    expect(formatTimeIn('2026-11-21T13:05:00Z', 'Europe/Zurich')).toBe('14:05 CET');
    expect(formatInstantIn('2026-11-21T13:05:00Z', 'Europe/Zurich')).toBe('21 Nov, 14:05 CET');
    expect(formatTimeIn('not a time', 'Europe/Zurich')).toBe('not a time');
  });
});

describe('counts, durations, sizes and money', () => {
  it('reads as a person says them', () => {
    expect(plural(1, 'night')).toBe('1 night');
    expect(plural(13_876, 'record')).toBe('13,876 records');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(durationInWords(1745)).toBe('29 minutes 5 seconds');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(13 * 1024 * 1024)).toBe('13.0 MB');
    expect(formatMoney({ amount: 15400, currency: 'USD' })).toContain('154.00');
  });
});

describe('ratios and elapsed time', () => {
  it('reads as the reports and checks print them', () => {
    expect(formatPercent(0.8333)).toBe('83.3 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatElapsed('2026-11-21T10:00:00Z', '2026-11-21T10:00:00.400Z')).toBe('0.4 s');
    expect(formatElapsed('2026-11-21T10:00:00Z', '2026-11-21T10:00:12Z')).toBe('12 s');
    expect(formatElapsed('2026-11-21T10:00:00Z', '2026-11-21T10:03:00Z')).toBe('3 min');
  });
});

describe('formatFlightTimes', () => {
  it('reads each airport’s clock from the offset the instant is written with, +1 the next local day', () => {
    const t = formatFlightTimes('2026-12-18T22:30:00-05:00', '2026-12-19T10:30:00+00:00');
    expect(t).toEqual({
      departs: '22:30',
      departsOn: 'Fri, Dec 18',
      arrives: '10:30',
      arrivesOn: 'Sat, Dec 19',
      dayShift: '+1',
      utc: false,
    });
    expect(formatFlightLine(t, 'JFK', 'LHR')).toBe('Fri, Dec 18 22:30 JFK → 10:30+1 LHR');
  });

  it('says nothing on the same day, -1 across the date line, +2 on a long way east', () => {
    expect(formatFlightTimes('2026-12-18T08:00:00-05:00', '2026-12-18T20:00:00+00:00').dayShift).toBe('');
    // Sydney to Los Angeles lands the day before it left.
    expect(formatFlightTimes('2026-12-19T01:00:00+11:00', '2026-12-18T18:00:00-08:00').dayShift).toBe('-1');
    expect(formatFlightTimes('2026-12-18T23:00:00-08:00', '2026-12-20T06:00:00+08:00').dayShift).toBe('+2');
  });

  it('reads UTC instants in the airports’ zones when given, and says UTC when not', () => {
    const zoned = formatFlightTimes('2026-12-19T03:30:00.000Z', '2026-12-19T10:30:00.000Z', {
      from: 'America/New_York',
      to: 'Europe/London',
    });
    expect([zoned.departs, zoned.arrives, zoned.dayShift, zoned.utc]).toEqual([
      '22:30',
      '10:30',
      '+1',
      false,
    ]);
    const utc = formatFlightTimes('2026-12-19T03:30:00.000Z', '2026-12-19T10:30:00.000Z');
    expect(formatFlightLine(utc, 'JFK', 'LHR')).toBe('Sat, Dec 19 03:30 UTC JFK → 10:30 UTC LHR');
  });
});
