import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type ExtrasCatalog } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { insertSmallCatalog, NIGHTLY_RATE, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

/**
 * The extras catalogue per hotel, flight and car location: the built-in list until an admin sets one;
 * searches offer and holds price from it; what was held keeps its extras; a reset gives the built-in
 * list back. Only admins write; bad lists are 400 with the field.
 */
describe.each(dialects)('the extras catalogue on %s', (dialect) => {
  const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  let c: SmallCatalog;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    await admin.post('/api/users', {
      email: 'extras-agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'long-enough-password',
    });
    agent = client(server.url, await login(server.url, 'extras-agent@example.test', 'long-enough-password'));
    c = await insertSmallCatalog(server.stores, { tag: `xt${dialect}`, now: clock.now(), rooms: 5, cars: 5 });
  });
  afterAll(() => server?.stop());

  const stay = (extras: { code: string; quantity: number }[]) => ({
    type: 'hotel',
    roomTypeId: c.roomTypeId,
    checkIn: c.firstNight,
    checkOut: addDays(c.firstNight, 2),
    guests: 2,
    extras,
  });

  it('sells the built-in list until an admin sets one, for hotels, flights and car locations', async () => {
    for (const path of [
      `/api/hotels/${c.hotelId}/extras`,
      `/api/flights/${c.flightId}/extras`,
      `/api/car-locations/${c.locationCode}/extras`,
    ]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(res.body.custom).toBe(false);
      expect(res.body.items.length).toBeGreaterThan(0);
    }
    const hotel = (await agent.get(`/api/hotels/${c.hotelId}/extras`)).body as ExtrasCatalog;
    expect(hotel.items.find((e) => e.code === 'breakfast')).toMatchObject({
      basis: 'person-night',
      price: usd(1800),
    });
  });

  it('offers and prices the hotel’s own list; an item held before keeps its extras and price', async () => {
    const trip = (await agent.post('/api/trips', { customer: { name: 'Ex Tra', email: 'ex@example.test' } }))
      .body.id as string;
    const before = await agent.post(`/api/trips/${trip}/items`, stay([{ code: 'breakfast', quantity: 2 }]));
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const beforePrice = before.body.price.amount as number;

    const items = [
      { code: 'spa', name: 'Spa access (per guest)', basis: 'person', price: usd(3000) },
      { code: 'parking', name: 'Parking (per night)', basis: 'night', price: usd(2500) },
      { code: 'welcome', name: 'Welcome hamper', basis: 'stay', price: usd(5000) },
    ];
    const set = await admin.call('PUT', `/api/hotels/${c.hotelId}/extras`, { items });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ custom: true, items });

    // Search offers the new list, priced for the stay: 2 nights, 1 room, 2 guests.
    const search = await agent.get(
      `/api/availability/hotels?city=Lisbon&limit=100&checkIn=${c.firstNight}&checkOut=${addDays(c.firstNight, 2)}&guests=2`,
    );
    const row = (search.body.results as { roomTypeId: string; extras: unknown[] }[]).find(
      (r) => r.roomTypeId === c.roomTypeId,
    );
    expect(search.status, JSON.stringify(search.body)).toBe(200);
    expect(row?.extras).toEqual([
      { code: 'spa', name: 'Spa access (per guest)', price: usd(3000), maxQuantity: 2, basis: 'person' },
      { code: 'parking', name: 'Parking (per night)', price: usd(5000), maxQuantity: 1, basis: 'night' },
      { code: 'welcome', name: 'Welcome hamper', price: usd(5000), maxQuantity: 1, basis: 'stay' },
    ]);

    const held = await agent.post(
      `/api/trips/${trip}/items`,
      stay([
        { code: 'spa', quantity: 2 },
        { code: 'parking', quantity: 1 },
      ]),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body.price).toEqual(usd(2 * NIGHTLY_RATE + 2 * 3000 + 5000));

    // The breakfast is no longer sold, and the answer says what is.
    const gone = await agent.post(`/api/trips/${trip}/items`, stay([{ code: 'breakfast', quantity: 1 }]));
    expect(gone.status).toBe(400);
    expect(gone.body.errors[0]).toMatchObject({ path: 'body.extras.0.code' });
    expect(gone.body.errors[0].message).toMatch(/one of spa, parking, welcome/);
    const tooMany = await agent.post(`/api/trips/${trip}/items`, stay([{ code: 'spa', quantity: 3 }]));
    expect(tooMany.status).toBe(400);

    // What was held before keeps its breakfast and its price.
    const read = (await agent.get(`/api/trips/${trip}`)).body;
    const first = read.items.find((i: { id: string }) => i.id === before.body.id);
    expect(first.price.amount).toBe(beforePrice);
    expect(first.extras.map((e: { code: string }) => e.code)).toEqual(['breakfast']);
  });

  it('resets to the built-in list, and a list emptied sells no extras', async () => {
    const reset = await admin.delete(`/api/hotels/${c.hotelId}/extras`);
    expect(reset.status).toBe(200);
    expect(reset.body.custom).toBe(false);
    expect(reset.body.items.map((e: { code: string }) => e.code)).toContain('breakfast');

    const none = await admin.call('PUT', `/api/car-locations/${c.locationCode}/extras`, { items: [] });
    expect(none.body).toEqual({ custom: true, items: [] });
    const trip = (await agent.post('/api/trips', { customer: { name: 'No Seat', email: 'no@example.test' } }))
      .body.id as string;
    const car = await agent.post(`/api/trips/${trip}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 3),
      extras: [{ code: 'child_seat', quantity: 1 }],
    });
    expect(car.status).toBe(400);
    expect(car.body.errors[0].message).toMatch(/sells no extras/);

    // A flight's per-booking extra: one per booking unless the admin allows more.
    const flight = await admin.call('PUT', `/api/flights/${c.flightId}/extras`, {
      items: [{ code: 'lounge', name: 'Lounge access', basis: 'stay', price: usd(4000), maxQuantity: 2 }],
    });
    expect(flight.status, JSON.stringify(flight.body)).toBe(200);
    const seats = await agent.post(`/api/trips/${trip}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'No Seat' }],
      extras: [{ code: 'lounge', quantity: 2 }],
    });
    expect(seats.status, JSON.stringify(seats.body)).toBe(201);
    expect(seats.body.extras).toEqual([
      { code: 'lounge', name: 'Lounge access', price: usd(4000), quantity: 2 },
    ]);
  });

  it('lets only admins write, and refuses a bad list with the field in words', async () => {
    const path = `/api/hotels/${c.hotelId}/extras`;
    expect((await agent.call('PUT', path, { items: [] })).status).toBe(403);
    expect((await agent.delete(path)).status).toBe(403);
    expect((await admin.get('/api/hotels/htl_missing/extras')).status).toBe(404);
    const bad = [
      [{ code: 'Spa', name: 'x', basis: 'person', price: usd(1) }, 'body.items.0.code'],
      [{ code: 'spa', name: '', basis: 'person', price: usd(1) }, 'body.items.0.name'],
      [{ code: 'spa', name: 'Spa', basis: 'day', price: usd(1) }, 'body.items.0.basis'],
      [{ code: 'spa', name: 'Spa', basis: 'person', price: usd(-1) }, 'body.items.0.price.amount'],
      [
        { code: 'spa', name: 'Spa', basis: 'person', price: usd(1), maxQuantity: 99 },
        'body.items.0.maxQuantity',
      ],
    ] as const;
    for (const [item, field] of bad) {
      const res = await admin.call('PUT', path, { items: [item] });
      expect(res.status, JSON.stringify(item)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const twice = await admin.call('PUT', path, {
      items: [
        { code: 'spa', name: 'Spa', basis: 'person', price: usd(1) },
        { code: 'spa', name: 'Spa again', basis: 'person', price: usd(2) },
      ],
    });
    expect(twice.status).toBe(400);
    expect((await admin.get(path)).body.custom).toBe(false);
  });
  it('takes lists set at the same moment one after the other, never a 500', async () => {
    const items = (n: number) => [
      { code: `x${n}`, name: `Extra ${n}`, basis: 'day', price: { amount: 100 * n, currency: 'USD' } },
    ];
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        admin.call('PUT', `/api/car-locations/${c.locationCode}/extras`, { items: items(n) }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const now = (await admin.get(`/api/car-locations/${c.locationCode}/extras`)).body as ExtrasCatalog;
    expect(now.items).toHaveLength(1);
  });
});
