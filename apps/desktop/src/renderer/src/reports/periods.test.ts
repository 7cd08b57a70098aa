import { describe, expect, it } from 'vitest';
import { localToday, presetPeriod } from './periods.ts';

describe('report periods', () => {
  it('gives month presets with an exclusive end', () => {
    expect(presetPeriod('this-month', '2026-11-15')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(presetPeriod('this-month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(presetPeriod('last-month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(presetPeriod('last-month', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
  });

  it('counts the last 30 days up to and including today', () => {
    expect(presetPeriod('last-30-days', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
  });

  it('reads today on the local calendar', () => {
    expect(localToday(new Date(2026, 10, 5, 23, 30))).toBe('2026-11-05');
  });
});
