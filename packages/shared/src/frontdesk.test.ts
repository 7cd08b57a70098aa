import { describe, expect, it } from 'vitest';
import { CheckInRequestSchema, StaysQuerySchema, StaysSchema } from './frontdesk.ts';

describe('front desk', () => {
  it('takes an optional date; empty means today', () => {
    expect(StaysQuerySchema.parse({ date: '2026-12-01' })).toEqual({ date: '2026-12-01' });
    expect(StaysQuerySchema.parse({}).date).toBeUndefined();
    expect(StaysQuerySchema.parse({ date: '' }).date).toBeUndefined();
    const bad = StaysQuerySchema.safeParse({ date: '2026-12-32' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['date']);
  });

  it('check-in takes an optional room number, and no body at all', () => {
    expect(CheckInRequestSchema.parse(undefined)).toEqual({});
    expect(CheckInRequestSchema.parse({ roomNumber: ' 101 ' })).toEqual({ roomNumber: '101' });
    expect(CheckInRequestSchema.safeParse({ roomNumber: '' }).error?.issues[0]?.path).toEqual(['roomNumber']);
  });

  it('describes the three lists', () => {
    const stay = {
      tripId: 't1',
      customer: { name: 'Ana Silva', email: 'ana@example.pt' },
      item: {
        id: 'i1',
        type: 'hotel',
        status: 'confirmed',
        price: { amount: 36000, currency: 'EUR' },
        hotelId: 'h1',
        roomTypeId: 'rt1',
        checkIn: '2026-12-01',
        checkOut: '2026-12-04',
        rooms: 1,
        guests: 2,
      },
    };
    const stays = { hotelId: 'h1', date: '2026-12-01', arrivals: [stay], inHouse: [], departures: [] };
    expect(StaysSchema.parse(stays)).toEqual(stays);
    const flightAsStay = { ...stay, item: { ...stay.item, type: 'flight' } };
    expect(StaysSchema.safeParse({ ...stays, arrivals: [flightAsStay] }).success).toBe(false);
  });
});
