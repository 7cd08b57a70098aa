import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CarAvailabilityResultsSchema,
  FlightAvailabilityResultsSchema,
  HotelAvailabilityResultsSchema,
} from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const names = (body: { results: { hotelName: string; roomTypeName: string }[] }) =>
  body.results.map((r) => `${r.hotelName}/${r.roomTypeName}`);

/**
 * The terms every availability row carries (stars, amenities, the cancellation policy its hold would
 * get, the extras with their prices) and the hotel filters and sorts, through HTTP at a frozen clock.
 */
describe.each(dialects)('availability terms and hotel filters on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    await admin.post('/api/users', {
      email: 'agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'long-enough-password',
    });
    agent = client(server.url, await login(server.url, 'agent@example.test', 'long-enough-password'));

    const hotels = [
      // New York is UTC−5 in December: check-in 15:00 there is 20:00 UTC.
      ['grand', 'Grand', 5, ['wifi', 'Pool', 'spa'], 'America/New_York'],
      ['budget', 'Budget', 2, ['wifi', 'minibar-free'], 'Europe/Lisbon'],
      ['middle', 'Middle', 3, ['wifi', 'bar'], 'Europe/Lisbon'],
      ['unrated', 'Unrated', undefined, ['wifi', 'pool'], 'UTC'],
    ] as const;
    for (const [key, name, stars, amenities, timezone] of hotels) {
      const res = await admin.post('/api/hotels', {
        name,
        city: 'Termsville',
        country: 'US',
        timezone,
        amenities,
        ...(stars ? { stars } : {}),
      });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
    const roomType = async (hotel: string, name: string, rate: number, amenities: string[] = []) => {
      const res = await admin.post(`/api/hotels/${ids[hotel]}/room-types`, {
        name,
        maxOccupancy: 2,
        nightlyRate: usd(rate),
        roomNumbers: ['1', '2', '3'],
        amenities,
      });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await roomType('grand', 'Deluxe', 40000, ['minibar', 'bathtub']);
    await roomType('budget', 'Basic', 6000);
    await roomType('middle', 'Standard', 15000, ['minibar']);
    await roomType('unrated', 'Room', 9000);
  });
  afterAll(() => server?.stop());

  const stay = 'city=Termsville&checkIn=2026-12-15&checkOut=2026-12-18';
  const search = (query: string) => agent.get(`/api/availability/hotels?${stay}&${query}`);

  it('gives each row its stars, amenities, policy and priced extras, valid against the shared schema', async () => {
    const res = await search('rooms=2&guests=2');
    expect(res.status).toBe(200);
    expect(HotelAvailabilityResultsSchema.safeParse(res.body).error).toBeUndefined();
    const grand = res.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === ids.Deluxe);
    expect(grand).toMatchObject({
      stars: 5,
      timezone: 'America/New_York',
      // The hotel's amenities, then the room type's own.
      amenities: ['wifi', 'Pool', 'spa', 'minibar', 'bathtub'],
      totalPrice: usd(40000 * 3 * 2),
      // 48 h before 15:00 New York time on 12-15; then the first night of both rooms is kept.
      cancellationPolicy: { refundable: true, freeUntil: '2026-12-13T20:00:00.000Z', fee: usd(80000) },
      extras: [
        // Breakfast: one guest over 3 nights; at most guests × rooms.
        { code: 'breakfast', price: usd(1800 * 3), maxQuantity: 4 },
        { code: 'late_checkout', price: usd(4000), maxQuantity: 2 },
      ],
    });
    const unrated = res.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === ids.Room);
    expect(unrated.stars).toBeUndefined();
    // Lisbon is UTC+0 in December.
    const budget = res.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === ids.Basic);
    expect(budget.cancellationPolicy.freeUntil).toBe('2026-12-13T15:00:00.000Z');
  });

  it('shows the policy and extras prices the hold then writes on the item', async () => {
    const row = (await search('guests=2')).body.results.find(
      (r: { roomTypeId: string }) => r.roomTypeId === ids.Standard,
    );
    const trip = await agent.post('/api/trips', { customer: { name: 'Ada', email: 'ada@example.test' } });
    expect(trip.status).toBe(201);
    const item = await agent.post(`/api/trips/${trip.body.id}/items`, {
      type: 'hotel',
      roomTypeId: ids.Standard,
      checkIn: '2026-12-15',
      checkOut: '2026-12-18',
      guests: 2,
      extras: [{ code: 'breakfast', quantity: 2 }],
    });
    expect(item.status).toBe(201);
    expect(item.body.cancellationPolicy).toEqual(row.cancellationPolicy);
    const breakfast = row.extras.find((e: { code: string }) => e.code === 'breakfast');
    const { maxQuantity: _max, basis: _basis, ...sold } = breakfast;
    expect(item.body.extras).toEqual([{ ...sold, quantity: 2 }]);
    await agent.delete(`/api/trips/${trip.body.id}/items/${item.body.id}`);
  });

  it('filters by nightly rate, inclusive, in minor units', async () => {
    expect(names((await search('minNightlyRate=9000&maxNightlyRate=15000')).body)).toEqual([
      'Unrated/Room',
      'Middle/Standard',
    ]);
    expect(names((await search('maxNightlyRate=5999')).body)).toEqual([]);
    expect(names((await search('minNightlyRate=40000')).body)).toEqual(['Grand/Deluxe']);
  });

  it('filters by minimum stars, leaving unrated hotels out', async () => {
    expect(names((await search('stars=3')).body)).toEqual(['Middle/Standard', 'Grand/Deluxe']);
    expect((await search('stars=1')).body.total).toBe(3);
  });

  it('filters by every amenity asked, of the hotel or the room, any case, listed or repeated', async () => {
    expect(names((await search('amenities=pool')).body)).toEqual(['Unrated/Room', 'Grand/Deluxe']);
    expect(names((await search('amenities=POOL,minibar')).body)).toEqual(['Grand/Deluxe']);
    expect(names((await search('amenities=pool&amenities=minibar')).body)).toEqual(['Grand/Deluxe']);
    // A whole label only: "bar" is not "minibar", nor "minibar" "minibar-free".
    expect(names((await search('amenities=bar')).body)).toEqual(['Middle/Standard']);
    expect(names((await search('amenities=minibar')).body)).toEqual(['Middle/Standard', 'Grand/Deluxe']);
    // LIKE wildcards are plain characters.
    expect(names((await search('amenities=%25')).body)).toEqual([]);
    expect(names((await search('amenities=wi_i')).body)).toEqual([]);
    expect(names((await search('amenities=wifi&stars=3&maxNightlyRate=20000')).body)).toEqual([
      'Middle/Standard',
    ]);
  });

  it('sorts by stars (most first, unrated last, then cheapest), by price and by name', async () => {
    expect(names((await search('sort=stars')).body)).toEqual([
      'Grand/Deluxe',
      'Middle/Standard',
      'Budget/Basic',
      'Unrated/Room',
    ]);
    expect(names((await search('sort=price')).body)).toEqual([
      'Budget/Basic',
      'Unrated/Room',
      'Middle/Standard',
      'Grand/Deluxe',
    ]);
    expect(names((await search('sort=name')).body)).toEqual([
      'Budget/Basic',
      'Grand/Deluxe',
      'Middle/Standard',
      'Unrated/Room',
    ]);
  });

  it.each([
    ['stars=6', 'query.stars'],
    ['stars=0', 'query.stars'],
    ['stars=four', 'query.stars'],
    ['minNightlyRate=-1', 'query.minNightlyRate'],
    ['maxNightlyRate=1.5', 'query.maxNightlyRate'],
    ['minNightlyRate=500&maxNightlyRate=100', 'query.maxNightlyRate'],
    ['sort=cheapest', 'query.sort'],
    [`amenities=${Array.from({ length: 21 }, (_, i) => `a${i}`).join(',')}`, 'query.amenities'],
    [`amenities=${'x'.repeat(101)}`, 'query.amenities.0'],
  ])('refuses %s with 400 naming %s', async (query, path) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('gives flight offers their fare class terms and extras', async () => {
    const flight = await admin.post('/api/flights', {
      flightNumber: 'TT100',
      from: 'LIS',
      to: 'OPO',
      departureAt: '2026-12-20T09:00:00Z',
      arrivalAt: '2026-12-20T10:00:00Z',
      fareClasses: [
        { code: 'J', name: 'Business', price: usd(30000), seats: ['1A', '1C'] },
        { code: 'W', name: 'Premium', price: usd(15001), seats: ['5A', '5C'] },
        { code: 'Y', name: 'Economy', price: usd(9000), seats: ['10A', '10B'] },
      ],
    });
    expect(flight.status).toBe(201);
    const res = await agent.get('/api/availability/flights?from=LIS&to=OPO&date=2026-12-20&passengers=2');
    expect(res.status).toBe(200);
    expect(FlightAvailabilityResultsSchema.safeParse(res.body).error).toBeUndefined();
    const byClass = Object.fromEntries(
      res.body.results.map((r: { fareClass: string }) => [r.fareClass, r]),
    ) as Record<string, { cancellationPolicy: unknown; extras: unknown }>;
    expect(byClass.J!.cancellationPolicy).toMatchObject({
      refundable: true,
      freeUntil: '2026-12-20T09:00:00.000Z',
    });
    expect(byClass.J!.cancellationPolicy).not.toHaveProperty('fee');
    // W keeps half of the two seats' price (rounded in the customer's favour).
    expect(byClass.W!.cancellationPolicy).toMatchObject({ refundable: true, fee: usd(15001) });
    expect(byClass.W!.cancellationPolicy).not.toHaveProperty('freeUntil');
    expect(byClass.Y!.cancellationPolicy).toMatchObject({ refundable: false });
    expect(byClass.Y!.extras).toEqual([
      { code: 'extra_bag', name: expect.any(String), price: usd(4500), maxQuantity: 2, basis: 'person' },
      {
        code: 'travel_insurance',
        name: expect.any(String),
        price: usd(2900),
        maxQuantity: 2,
        basis: 'person',
      },
    ]);
  });

  it('gives car offers free cancellation until pick-up and the extras priced over the rental', async () => {
    await admin.post('/api/car-locations', { code: 'TRM-A', name: 'Termsville Airport', city: 'Termsville' });
    await admin.post('/api/car-locations/TRM-A/cars', {
      plate: 'TR-1',
      category: 'economy',
      model: 'Any',
      dailyRate: usd(4000),
    });
    const res = await agent.get('/api/availability/cars?location=TRM-A&pickUp=2026-12-15&dropOff=2026-12-19');
    expect(res.status).toBe(200);
    expect(CarAvailabilityResultsSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.results[0]).toMatchObject({
      cancellationPolicy: { refundable: true, freeUntil: '2026-12-15T00:00:00.000Z' },
      extras: [
        { code: 'child_seat', price: usd(1200 * 4), maxQuantity: 3 },
        { code: 'additional_driver', price: usd(1500 * 4), maxQuantity: 3 },
      ],
    });
  });
});
