import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CarLocationParamsSchema,
  CreateCarLocationRequestSchema,
  CreateCarRequestSchema,
  CreateFlightRequestSchema,
  CreateHotelRequestSchema,
  CreateRoomTypeRequestSchema,
  HotelDetailSchema,
  RoomTypeSchema,
  SeatMapSchema,
} from './inventory.ts';

/** The dotted paths of the issues a schema reports for `input` (as the server's 400 lists them). */
function issuePaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('hotels', () => {
  const hotel = { name: 'Harbour View', city: 'Lisbon', country: 'PT' };

  it('parses the API.md request with and without optional fields', () => {
    expect(CreateHotelRequestSchema.parse(hotel)).toEqual(hotel);
    const full = {
      ...hotel,
      address: 'Rua do Cais 1',
      timezone: 'Europe/Lisbon',
      stars: 4,
      amenities: ['wifi', 'pool'],
    };
    expect(CreateHotelRequestSchema.parse(full)).toEqual(full);
  });

  it('trims text and strips unknown fields', () => {
    expect(
      CreateHotelRequestSchema.parse({ ...hotel, name: '  Harbour View ', id: 'h1', isAdmin: true }),
    ).toEqual(hotel);
  });

  it.each([
    [{ ...hotel, name: '  ' }, ['name']],
    [{ city: 'Lisbon', country: 'PT' }, ['name']],
    [{ ...hotel, timezone: 'Lisbon' }, ['timezone']],
    [{ ...hotel, stars: 6 }, ['stars']],
    [{ ...hotel, stars: 3.5 }, ['stars']],
    [{ ...hotel, amenities: ['wifi', 'wifi'] }, ['amenities']],
    [{ ...hotel, name: 'x'.repeat(201) }, ['name']],
  ])('refuses %j at %j', (input, paths) => {
    expect(issuePaths(CreateHotelRequestSchema, input)).toEqual(paths);
  });

  it('parses a room type request; its rooms are its capacity', () => {
    const roomType = {
      name: 'Double',
      maxOccupancy: 2,
      nightlyRate: usd(12000),
      roomNumbers: ['101', '102'],
    };
    expect(CreateRoomTypeRequestSchema.parse(roomType)).toEqual(roomType);
  });

  it.each([
    [{ roomNumbers: [] }, ['roomNumbers']],
    [{ roomNumbers: ['101', '101'] }, ['roomNumbers']],
    [{ roomNumbers: ['101', ' '] }, ['roomNumbers.1']],
    [{ maxOccupancy: 0 }, ['maxOccupancy']],
    [{ maxOccupancy: 50 }, ['maxOccupancy']],
    [{ nightlyRate: { amount: 120.5, currency: 'USD' } }, ['nightlyRate.amount']],
    [{ nightlyRate: { amount: 12000, currency: 'dollars' } }, ['nightlyRate.currency']],
  ])('refuses room type change %j at %j', (change, paths) => {
    const roomType = { name: 'Double', maxOccupancy: 2, nightlyRate: usd(12000), roomNumbers: ['101'] };
    expect(issuePaths(CreateRoomTypeRequestSchema, { ...roomType, ...change })).toEqual(paths);
  });

  it('describes GET /api/hotels/{hotelId} as the hotel with its room types', () => {
    const roomType = {
      id: 'rt1',
      hotelId: 'h1',
      name: 'Double',
      maxOccupancy: 2,
      nightlyRate: usd(12000),
      capacity: 2,
      roomNumbers: ['101', '102'],
      amenities: [],
    };
    expect(RoomTypeSchema.parse(roomType)).toEqual(roomType);
    const detail = {
      id: 'h1',
      name: 'H',
      city: 'C',
      country: 'PT',
      timezone: 'UTC',
      amenities: [],
      roomTypes: [roomType],
    };
    expect(HotelDetailSchema.parse(detail)).toEqual(detail);
  });
});

describe('flights', () => {
  const flight = {
    flightNumber: 'TP1351',
    from: 'LIS',
    to: 'LHR',
    departureAt: '2026-12-01T07:05:00+00:00',
    arrivalAt: '2026-12-01T09:45:00Z',
    fareClasses: [
      { code: 'J', name: 'Business', price: usd(89000), seats: ['1A', '1C'] },
      { code: 'Y', name: 'Economy', price: usd(19900), seats: ['12A', '12B', '12C'] },
    ],
  };

  it('parses the API.md request', () => {
    expect(CreateFlightRequestSchema.parse(flight)).toEqual(flight);
  });

  it.each([
    [{ from: 'lis' }, ['from']],
    [{ to: 'LONDON' }, ['to']],
    [{ to: 'LIS' }, ['to']],
    [{ arrivalAt: '2026-12-01T07:05:00Z' }, ['arrivalAt']],
    // 08:00+02:00 is 06:00Z: before departure although the wall clock reads later.
    [{ arrivalAt: '2026-12-01T08:00:00+02:00' }, ['arrivalAt']],
    [{ departureAt: '2026-12-01 07:05' }, ['departureAt']],
    [{ flightNumber: 'tp 1351' }, ['flightNumber']],
    [{ fareClasses: [] }, ['fareClasses']],
  ])('refuses %j at %j', (change, paths) => {
    expect(issuePaths(CreateFlightRequestSchema, { ...flight, ...change })).toEqual(paths);
  });

  it('refuses duplicate seats, within or across fare classes, and duplicate fare codes', () => {
    const twice = structuredClone(flight);
    twice.fareClasses[1]!.seats = ['12A', '12A'];
    expect(issuePaths(CreateFlightRequestSchema, twice)).toEqual(['fareClasses.1.seats']);

    const shared = structuredClone(flight);
    shared.fareClasses[1]!.seats = ['12A', '1C'];
    expect(issuePaths(CreateFlightRequestSchema, shared)).toEqual(['fareClasses.1.seats.1']);

    const sameCode = structuredClone(flight);
    sameCode.fareClasses[1]!.code = 'J';
    expect(issuePaths(CreateFlightRequestSchema, sameCode)).toEqual(['fareClasses.1.code']);
  });

  it('refuses malformed seats with the seat’s path', () => {
    const bad = structuredClone(flight);
    bad.fareClasses[0]!.seats = ['1A', 'A1'];
    expect(issuePaths(CreateFlightRequestSchema, bad)).toEqual(['fareClasses.0.seats.1']);
  });

  it('describes the seat map', () => {
    const map = { seats: [{ seat: '1A', fareClass: 'J', status: 'held' }] };
    expect(SeatMapSchema.parse(map)).toEqual(map);
    expect(issuePaths(SeatMapSchema, { seats: [{ seat: '1A', fareClass: 'J', status: 'sold' }] })).toEqual([
      'seats.0.status',
    ]);
  });
});

describe('cars', () => {
  it('parses the API.md requests', () => {
    const location = { code: 'LIS', name: 'Lisbon Airport', city: 'Lisbon' };
    expect(CreateCarLocationRequestSchema.parse(location)).toEqual(location);
    const car = { plate: 'AA-00-BB', category: 'economy', model: 'Fiat 500', dailyRate: usd(3900) };
    expect(CreateCarRequestSchema.parse(car)).toEqual(car);
  });

  it('refuses bad codes and rates with paths', () => {
    expect(issuePaths(CreateCarLocationRequestSchema, { code: 'l', name: 'X', city: 'Y' })).toEqual(['code']);
    expect(issuePaths(CarLocationParamsSchema, { code: 'lis' })).toEqual(['code']);
    expect(
      issuePaths(CreateCarRequestSchema, {
        plate: '',
        category: 'economy',
        model: 'Fiat',
        dailyRate: usd(-1),
      }),
    ).toEqual(['plate', 'dailyRate.amount']);
  });
});
