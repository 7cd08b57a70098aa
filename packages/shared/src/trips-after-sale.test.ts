import { describe, expect, it } from 'vitest';
import {
  CancelItemRequestSchema,
  changeItemRequestSchemaFor,
  ChangeItemRequestSchema,
  HotelItemSchema,
} from './trips.ts';

describe('after-sale requests', () => {
  it('takes a change per item type, and refuses one that changes nothing', () => {
    expect(ChangeItemRequestSchema.parse({ type: 'hotel', checkOut: '2026-12-05' })).toEqual({
      type: 'hotel',
      checkOut: '2026-12-05',
    });
    const empty = ChangeItemRequestSchema.safeParse({ type: 'car' });
    expect(empty.error?.issues[0]?.message).toMatch(/at least one of category/);
    expect(ChangeItemRequestSchema.safeParse({ type: 'train', seats: ['1A'] }).success).toBe(false);
  });

  it('refuses a seat asked twice in a seat change', () => {
    const twice = ChangeItemRequestSchema.safeParse({ type: 'flight', seats: ['10A', '10A'] });
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toEqual(['seats']);
    expect(ChangeItemRequestSchema.parse({ type: 'flight', fareClass: 'J' })).toEqual({
      type: 'flight',
      fareClass: 'J',
    });
  });

  it('takes only the test payment methods with the local gateway', () => {
    const change = { type: 'car', category: 'suv', paymentMethodId: 'pm_1QxYzStripeMade' };
    expect(changeItemRequestSchemaFor('stripe').safeParse(change).success).toBe(true);
    expect(changeItemRequestSchemaFor('local').safeParse(change).success).toBe(false);
    expect(
      changeItemRequestSchemaFor('local').safeParse({ ...change, paymentMethodId: 'pm_card_visa' }).success,
    ).toBe(true);
  });

  it('lets the item cancel body be left out, and a stay list its rooms', () => {
    expect(CancelItemRequestSchema.parse(undefined)).toEqual({});
    const stay = {
      id: 'i1',
      type: 'hotel',
      status: 'checked_in',
      price: { amount: 24000, currency: 'USD' },
      hotelId: 'h1',
      roomTypeId: 'rt1',
      checkIn: '2026-12-01',
      checkOut: '2026-12-03',
      rooms: 2,
      guests: 2,
      roomNumber: '101',
      roomNumbers: ['101', '102'],
    };
    expect(HotelItemSchema.parse(stay)).toEqual(stay);
  });
});
