import { describe, expect, it } from 'vitest';
import { flightItem } from './trip-fixtures.ts';
import { itemDetails } from './trip-words.ts';

describe('itemDetails of a flight', () => {
  it('gives the local times at each airport, +1 when it lands the next day', () => {
    expect(itemDetails(flightItem())[0]).toBe('Sat, Dec 5 18:45 JFK → 07:10+1 LHR');
  });

  it('says UTC for a flight sold before airports had time zones', () => {
    const old = flightItem({
      departureAt: '2026-12-05T23:45:00.000Z',
      arrivalAt: '2026-12-06T07:10:00.000Z',
    });
    expect(itemDetails(old)[0]).toBe('Sat, Dec 5 23:45 UTC JFK → 07:10+1 UTC LHR');
  });
});
