import { describe, expect, it } from 'vitest';
import {
  conversionRow,
  hotelOccupancy,
  instantRange,
  roomPrice,
  salesByDay,
  spreadEvenly,
} from './reports.ts';

describe('spreading a stay over its nights', () => {
  it('splits evenly, leftover minor units on the first nights, adding up exactly', () => {
    expect(spreadEvenly(30_000, 3)).toEqual([10_000, 10_000, 10_000]);
    expect(spreadEvenly(10_001, 3)).toEqual([3_334, 3_334, 3_333]);
    expect(spreadEvenly(2, 3)).toEqual([1, 1, 0]);
    expect(spreadEvenly(0, 2)).toEqual([0, 0]);
    for (const [amount, parts] of [
      [99_999, 7],
      [1, 1],
      [12_345, 4],
    ] as const) {
      expect(spreadEvenly(amount, parts).reduce((a, b) => a + b, 0)).toBe(amount);
    }
    expect(() => spreadEvenly(100, 0)).toThrow(RangeError);
  });

  it('takes the extras out of a stay’s price', () => {
    const breakfast = { price: { amount: 1_600 }, quantity: 6 };
    expect(roomPrice({ priceAmount: 39_600, extras: [breakfast] })).toBe(30_000);
    expect(roomPrice({ priceAmount: 5_000, extras: [] })).toBe(5_000);
  });
});

describe('one hotel’s occupancy', () => {
  const hotel = { id: 'htl_1', name: 'Alfama', currency: 'EUR', rooms: 3 };
  const stay = (checkIn: string, checkOut: string, priceAmount: number, rooms = 1) => ({
    itemId: `itm_${checkIn}`,
    hotelId: 'htl_1',
    checkIn,
    checkOut,
    rooms,
    priceAmount,
    currency: 'EUR',
    extras: [],
  });

  it('counts nights in the period only, with each night’s own capacity', () => {
    // Nights 1–4 Nov. A room was taken out on the 3rd (delta −1): 3 + 3 + 2 + 3 = 11 available.
    // Stay A 31 Oct → 3 Nov, 2 rooms, 3 nights at 10 001 total: per night 3 334, 3 334, 3 333; in the
    // period the 1st and 2nd: 2 rooms × 2 nights = 4 sold, 3 334 + 3 333 = 6 667 revenue.
    // Stay B 4 → 6 Nov, 1 room, 9 000: the 4th only, 4 500. Sold 5, revenue 11 167.
    const r = hotelOccupancy(
      hotel,
      '2026-11-01',
      '2026-11-05',
      [{ night: '2026-11-03', delta: -1 }],
      [stay('2026-10-31', '2026-11-03', 10_001, 2), stay('2026-11-04', '2026-11-06', 9_000)],
      true,
    );
    expect(r).toMatchObject({
      roomNightsAvailable: 11,
      roomNightsSold: 5,
      occupancy: 0.4545,
      roomRevenue: { amount: 11_167, currency: 'EUR' },
      adr: { amount: 2_233, currency: 'EUR' }, // 2 233.4
      revpar: { amount: 1_015, currency: 'EUR' }, // 1 015.18
    });
    expect(r.nights).toEqual([
      { date: '2026-11-01', available: 3, sold: 2, occupancy: 0.6667 },
      { date: '2026-11-02', available: 3, sold: 2, occupancy: 0.6667 },
      { date: '2026-11-03', available: 2, sold: 0, occupancy: 0 },
      { date: '2026-11-04', available: 3, sold: 1, occupancy: 0.3333 },
    ]);
  });

  it('has no ADR without sales and no rates without rooms', () => {
    const empty = hotelOccupancy(hotel, '2026-11-01', '2026-11-02', [], [], false);
    expect(empty).toEqual({
      hotelId: 'htl_1',
      hotelName: 'Alfama',
      currency: 'EUR',
      roomNightsAvailable: 3,
      roomNightsSold: 0,
      occupancy: 0,
      roomRevenue: { amount: 0, currency: 'EUR' },
      adr: null,
      revpar: { amount: 0, currency: 'EUR' },
    });
    const roomless = hotelOccupancy(
      { ...hotel, rooms: 0, currency: null },
      '2026-11-01',
      '2026-11-02',
      [],
      [],
      false,
    );
    expect(roomless).toMatchObject({ currency: 'USD', occupancy: null, adr: null, revpar: null });
  });
});

describe('sales by day', () => {
  it('merges sales and refunds per date, type and currency, sorted', () => {
    const { days, totals } = salesByDay(
      [
        { date: '2026-11-02', itemType: 'flight', currency: 'EUR', count: 1, amount: 15_000 },
        { date: '2026-11-02', itemType: 'hotel', currency: 'EUR', count: 2, amount: 20_000 },
        // A change's supplement the same day: adds to the same row.
        { date: '2026-11-02', itemType: 'hotel', currency: 'EUR', count: 1, amount: 500 },
      ],
      [
        { date: '2026-11-01', itemType: 'trip', currency: 'EUR', count: 1, amount: 7_000 },
        { date: '2026-11-02', itemType: 'hotel', currency: 'EUR', count: 1, amount: 3_000 },
      ],
    );
    expect(
      days.map((d) => [
        d.date,
        d.itemType,
        d.salesCount,
        d.salesAmount.amount,
        d.refundsCount,
        d.refundsAmount.amount,
      ]),
    ).toEqual([
      ['2026-11-01', 'trip', 0, 0, 1, 7_000],
      ['2026-11-02', 'hotel', 3, 20_500, 1, 3_000],
      ['2026-11-02', 'flight', 1, 15_000, 0, 0],
    ]);
    expect(totals.map((t) => [t.itemType, t.salesAmount.amount, t.refundsAmount.amount])).toEqual([
      ['hotel', 20_500, 3_000],
      ['flight', 15_000, 0],
      ['trip', 0, 7_000],
    ]);
  });
});

describe('conversion', () => {
  it('gives rates over what was placed, cancellations over what was paid; null over zero', () => {
    expect(
      conversionRow('hotel', { placed: 6, paid: 4, expired: 1, released: 1, held: 0, cancelled: 1 }),
    ).toMatchObject({
      paidRate: 0.6667,
      expiredRate: 0.1667,
      releasedRate: 0.1667,
      cancellationRate: 0.25,
    });
    expect(conversionRow('car', undefined)).toEqual({
      itemType: 'car',
      placed: 0,
      paid: 0,
      expired: 0,
      released: 0,
      held: 0,
      cancelled: 0,
      paidRate: null,
      expiredRate: null,
      releasedRate: null,
      cancellationRate: null,
    });
    expect(
      conversionRow('all', { placed: 2, paid: 0, expired: 2, released: 0, held: 0, cancelled: 0 })
        .cancellationRate,
    ).toBeNull();
  });

  it('reads a period of dates as UTC instants, to exclusive', () => {
    expect(instantRange('2026-11-01', '2026-12-01')).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });
});
