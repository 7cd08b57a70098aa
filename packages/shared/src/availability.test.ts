import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CarAvailabilityQuerySchema,
  FlightAvailabilityQuerySchema,
  HotelAvailabilityQuerySchema,
  HotelAvailabilityResultsSchema,
  MAX_STAY_NIGHTS,
} from './availability.ts';
import { addDays } from './dates.ts';

function issuePaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('hotel availability query', () => {
  // As Express hands it over: every value a string.
  const query = { city: 'Lisbon', checkIn: '2026-12-01', checkOut: '2026-12-04', guests: '2', rooms: '1' };

  it('coerces numbers and fills defaults', () => {
    expect(HotelAvailabilityQuerySchema.parse(query)).toMatchObject({
      city: 'Lisbon',
      guests: 2,
      rooms: 1,
      limit: 50,
      offset: 0,
    });
    const bare = HotelAvailabilityQuerySchema.parse({
      city: 'Lisbon',
      checkIn: '2026-12-01',
      checkOut: '2026-12-02',
    });
    expect(bare).toMatchObject({ guests: 1, rooms: 1, limit: 50, offset: 0 });
    expect(bare.sort).toBeUndefined();
  });

  it('treats empty parameters as absent', () => {
    const parsed = HotelAvailabilityQuerySchema.parse({ ...query, rooms: '', sort: '', limit: '' });
    expect(parsed).toMatchObject({ rooms: 1, limit: 50 });
    expect(parsed.sort).toBeUndefined();
  });

  it('takes paging and sort', () => {
    expect(
      HotelAvailabilityQuerySchema.parse({ ...query, limit: '200', offset: '400', sort: 'price' }),
    ).toMatchObject({
      limit: 200,
      offset: 400,
      sort: 'price',
    });
  });

  it('strips unknown parameters', () => {
    expect(HotelAvailabilityQuerySchema.parse({ ...query, debug: '1' })).not.toHaveProperty('debug');
  });

  it.each([
    [{ checkOut: '2026-12-01' }, ['checkOut']],
    [{ checkOut: '2026-11-30' }, ['checkOut']],
    [{ checkOut: addDays('2026-12-01', MAX_STAY_NIGHTS + 1) }, ['checkOut']],
    [{ checkIn: '2026-02-30' }, ['checkIn']],
    [{ guests: '0' }, ['guests']],
    [{ guests: '2.5' }, ['guests']],
    [{ guests: 'two' }, ['guests']],
    [{ rooms: '21' }, ['rooms']],
    [{ limit: '201' }, ['limit']],
    [{ offset: '-1' }, ['offset']],
    [{ sort: 'cheapest' }, ['sort']],
    [{ city: undefined }, ['city']],
    [{ stars: '6' }, ['stars']],
    [{ minNightlyRate: '-1' }, ['minNightlyRate']],
    [{ minNightlyRate: '500', maxNightlyRate: '499' }, ['maxNightlyRate']],
    [{ amenities: Array.from({ length: 21 }, (_, i) => `a${i}`).join(',') }, ['amenities']],
  ])('refuses %j at %j', (change, paths) => {
    expect(issuePaths(HotelAvailabilityQuerySchema, { ...query, ...change })).toEqual(paths);
  });

  it('takes the extension filters: rates, stars, amenities listed or repeated, sort by stars', () => {
    const parsed = HotelAvailabilityQuerySchema.parse({
      ...query,
      minNightlyRate: '0',
      maxNightlyRate: '15000',
      stars: '4',
      amenities: ['wifi, pool', ' spa '],
      sort: 'stars',
    });
    expect(parsed).toMatchObject({
      minNightlyRate: 0,
      maxNightlyRate: 15000,
      stars: 4,
      amenities: ['wifi', 'pool', 'spa'],
      sort: 'stars',
    });
    expect(HotelAvailabilityQuerySchema.parse({ ...query, amenities: ' , ' }).amenities).toBeUndefined();
  });

  it('accepts the longest stay allowed', () => {
    expect(
      HotelAvailabilityQuerySchema.safeParse({ ...query, checkOut: addDays('2026-12-01', MAX_STAY_NIGHTS) })
        .success,
    ).toBe(true);
  });

  it('accepts a hotelId instead of a city (front desk walk-ins)', () => {
    const { city: _city, ...rest } = query;
    expect(HotelAvailabilityQuerySchema.parse({ ...rest, hotelId: 'h1' }).hotelId).toBe('h1');
  });

  it('describes the results', () => {
    const results = {
      results: [
        {
          hotelId: 'h1',
          hotelName: 'Harbour View',
          city: 'Lisbon',
          roomTypeId: 'rt1',
          roomTypeName: 'Double',
          available: 3,
          nightlyRate: { amount: 12000, currency: 'EUR' },
          totalPrice: { amount: 36000, currency: 'EUR' },
        },
      ],
    };
    expect(HotelAvailabilityResultsSchema.parse(results)).toEqual(results);
  });
});

describe('flight availability query', () => {
  const query = { from: 'LIS', to: 'LHR', date: '2026-12-01', passengers: '2' };

  it('parses the API.md query', () => {
    expect(FlightAvailabilityQuerySchema.parse(query)).toMatchObject({
      from: 'LIS',
      passengers: 2,
      limit: 50,
    });
    expect(FlightAvailabilityQuerySchema.parse({ ...query, passengers: undefined }).passengers).toBe(1);
  });

  it.each([
    [{ from: 'lis' }, ['from']],
    [{ to: 'LIS' }, ['to']],
    [{ date: '2026-12-1' }, ['date']],
    [{ passengers: '10' }, ['passengers']],
    [{ passengers: '0' }, ['passengers']],
  ])('refuses %j at %j', (change, paths) => {
    expect(issuePaths(FlightAvailabilityQuerySchema, { ...query, ...change })).toEqual(paths);
  });
});

describe('car availability query', () => {
  const query = { location: 'LIS', pickUp: '2026-12-01', dropOff: '2026-12-05' };

  it('parses the API.md query', () => {
    expect(CarAvailabilityQuerySchema.parse(query)).toMatchObject({ ...query, limit: 50, offset: 0 });
  });

  it.each([
    [{ dropOff: '2026-12-01' }, ['dropOff']],
    [{ dropOff: '2026-11-01' }, ['dropOff']],
    [{ pickUp: 'tomorrow' }, ['pickUp']],
    [{ location: '' }, ['location']],
  ])('refuses %j at %j', (change, paths) => {
    expect(issuePaths(CarAvailabilityQuerySchema, { ...query, ...change })).toEqual(paths);
  });
});
