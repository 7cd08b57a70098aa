import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, ItemSchema, TripSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import type { DomainEvent } from '../src/events/bus.ts';
import { zonedInstant } from '../src/after-sale/cancellation-policy.ts';
import {
  DAILY_RATE,
  insertSmallCatalog,
  invariantViolations,
  NIGHTLY_RATE,
  Y_PRICE,
  type SmallCatalog,
} from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

type Client = ReturnType<typeof client>;
const TTL = 1800;
const customer = { name: 'Ada Lovelace', email: 'Ada@Example.test', phone: '+44 20 7946 0000' };

describe.each(dialects)('trips and items over HTTP on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  let c: SmallCatalog;
  let admin: Client;
  let agent: Client;
  let agentId: string;
  let deskA: Client;
  let deskB: Client;
  let capped: Client;
  const published: DomainEvent[] = [];

  const user = async (email: string, role: string, hotelId?: string) => {
    const res = await admin.post('/api/users', {
      email,
      name: email,
      role,
      password: 'booking-password-1',
      ...(hotelId ? { hotelId } : {}),
    });
    expect(res.status).toBe(201);
    return {
      id: res.body.id as string,
      api: client(server.url, await login(server.url, email, 'booking-password-1')),
    };
  };
  const newTrip = async (api: Client) => {
    const res = await api.post('/api/trips', { customer });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const stay = (nights = 2, from = 0, extra: Record<string, unknown> = {}) => ({
    type: 'hotel',
    roomTypeId: c.roomTypeId,
    checkIn: addDays(c.firstNight, from),
    checkOut: addDays(c.firstNight, from + nights),
    guests: 2,
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL), SWEEP_INTERVAL_SECONDS: '3600', MAX_ACTIVE_HOLDS_PER_USER: '8' },
    });
    server.events.subscribe((e) => published.push(e));
    c = await insertSmallCatalog(server.stores, {
      tag: `http${dialect}`,
      now: clock.now(),
      rooms: 4,
      cars: 3,
    });
    // A hotel selling in euros, for the one-currency rule.
    await server.stores.hotels.insertCatalog({
      hotels: [
        {
          id: 'htl_euro',
          name: 'Euro hotel',
          city: 'Porto',
          country: 'PT',
          address: null,
          timezone: 'Europe/Lisbon',
          stars: 3,
          amenities: [],
          createdAt: clock.now().toISOString(),
        },
      ],
      roomTypes: [
        {
          id: 'rmt_euro',
          hotelId: 'htl_euro',
          name: 'Twin',
          maxOccupancy: 2,
          nightlyRateAmount: 9000,
          currency: 'EUR',
          amenities: [],
          createdAt: clock.now().toISOString(),
        },
      ],
      rooms: [{ id: 'room_euro', hotelId: 'htl_euro', roomTypeId: 'rmt_euro', number: '1' }],
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const a = await user('agent@example.test', 'agent');
    agent = a.api;
    agentId = a.id;
    deskA = (await user('desk.a@example.test', 'frontdesk', c.hotelId)).api;
    deskB = (await user('desk.b@example.test', 'frontdesk', c.otherHotelId)).api;
    capped = (await user('busy@example.test', 'agent')).api;
  });
  afterAll(() => server?.stop());

  it('sells a trip of a stay, a flight and a car, priced on the server, with one deadline and a history', async () => {
    const tripId = await newTrip(agent);
    const t0 = clock.now();
    const hotel = await agent.post(`/api/trips/${tripId}/items`, {
      ...stay(2),
      extras: [
        { code: 'breakfast', quantity: 2 },
        { code: 'late_checkout', quantity: 1 },
      ],
      specialRequests: 'Quiet room, late arrival',
    });
    expect(hotel.status).toBe(201);
    expect(ItemSchema.safeParse(hotel.body).error).toBeUndefined();
    // 2 nights × 120.00, breakfast for 2 guests over 2 nights (2 × 2 × 18.00), late check-out 40.00.
    expect(hotel.body).toMatchObject({
      type: 'hotel',
      status: 'held',
      hotelId: c.hotelId,
      roomTypeId: c.roomTypeId,
      rooms: 1,
      guests: 2,
      price: { amount: 2 * NIGHTLY_RATE + 2 * 2 * 1800 + 4000, currency: 'USD' },
      holdExpiresAt: new Date(t0.getTime() + TTL * 1000).toISOString(),
      specialRequests: 'Quiet room, late arrival',
      extras: [
        { code: 'breakfast', price: { amount: 3600, currency: 'USD' }, quantity: 2 },
        { code: 'late_checkout', price: { amount: 4000, currency: 'USD' }, quantity: 1 },
      ],
    });
    // Free until 48 h before 15:00 Lisbon time on the arrival day; then the first night is kept.
    const checkInAt = zonedInstant(c.firstNight, 15, 0, 'Europe/Lisbon');
    expect(hotel.body.cancellationPolicy).toMatchObject({
      refundable: true,
      freeUntil: new Date(checkInAt.getTime() - 48 * 3_600_000).toISOString(),
      fee: { amount: NIGHTLY_RATE, currency: 'USD' },
    });

    clock.advance(60);
    const flight = await agent.post(`/api/trips/${tripId}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Ada Lovelace', seat: '11B' }, { name: 'Charles Babbage' }],
      extras: [{ code: 'extra_bag', quantity: 1 }],
    });
    expect(flight.status).toBe(201);
    expect(ItemSchema.safeParse(flight.body).error).toBeUndefined();
    expect(flight.body).toMatchObject({
      type: 'flight',
      flightNumber: 'TD100',
      from: 'LIS',
      to: 'JFK',
      seats: ['11B', '10A'],
      passengers: [
        { name: 'Ada Lovelace', seat: '11B' },
        { name: 'Charles Babbage', seat: '10A' },
      ],
      price: { amount: 2 * Y_PRICE + 4500, currency: 'USD' },
      cancellationPolicy: { refundable: false },
    });

    const car = await agent.post(`/api/trips/${tripId}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 3),
      extras: [{ code: 'child_seat', quantity: 1 }],
    });
    expect(car.status).toBe(201);
    // The category's cheapest daily rate × 3 days, and a child seat for 3 days.
    expect(car.body.price).toEqual({ amount: 3 * DAILY_RATE + 3 * 1200, currency: 'USD' });
    expect(car.body.cancellationPolicy).toMatchObject({
      refundable: true,
      freeUntil: `${c.firstNight}T00:00:00.000Z`,
    });

    const trip = await agent.get(`/api/trips/${tripId}`);
    expect(trip.status).toBe(200);
    expect(TripSchema.safeParse(trip.body).error).toBeUndefined();
    expect(trip.body).toMatchObject({
      id: tripId,
      status: 'held',
      customer: { name: 'Ada Lovelace', email: 'ada@example.test', phone: '+44 20 7946 0000' },
      createdBy: agentId,
      total: {
        amount: hotel.body.price.amount + flight.body.price.amount + car.body.price.amount,
        currency: 'USD',
      },
      // The earliest hold's expiry: the hotel's, placed a minute before the others.
      holdExpiresAt: hotel.body.holdExpiresAt,
    });
    expect(trip.body.items.map((i: { id: string }) => i.id)).toEqual([
      hotel.body.id,
      flight.body.id,
      car.body.id,
    ]);
    expect(
      trip.body.events.map((e: { type: string; from?: string; to?: string }) => [e.type, e.from, e.to]),
    ).toEqual([
      ['trip.created', undefined, 'open'],
      ['item.held', undefined, 'held'],
      ['trip.held', 'open', 'held'],
      ['item.held', undefined, 'held'],
      ['item.held', undefined, 'held'],
    ]);
    expect(trip.body.events.every((e: { actor: string }) => e.actor === agentId)).toBe(true);
    expect(published).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'trip.changed', tripId, status: 'held', hotelIds: [c.hotelId] }),
        expect.objectContaining({
          type: 'availability.changed',
          store: 'hotels',
          roomTypeId: c.roomTypeId,
          dates: [c.firstNight, addDays(c.firstNight, 1)],
        }),
        expect.objectContaining({ type: 'availability.changed', store: 'flights', flightId: c.flightId }),
        expect.objectContaining({
          type: 'availability.changed',
          store: 'cars',
          locationCode: c.locationCode,
        }),
      ]),
    );
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });

    // Removing items releases at once; the last one takes the trip back to open.
    for (const item of [flight.body, car.body, hotel.body]) {
      const del = await agent.delete(`/api/trips/${tripId}/items/${item.id}`);
      expect(del.status).toBe(204);
    }
    const emptied = (await agent.get(`/api/trips/${tripId}`)).body;
    expect(emptied).toMatchObject({ status: 'open', total: { amount: 0 } });
    expect(emptied.holdExpiresAt).toBeUndefined();
    expect(emptied.items.map((i: { status: string }) => i.status)).toEqual([
      'released',
      'released',
      'released',
    ]);
    expect(emptied.events.slice(-2).map((e: { type: string }) => e.type)).toEqual([
      'item.released',
      'trip.open',
    ]);
    expect((await server.stores.flightHolds.findHold(flight.body.id))?.status).toBe('released');
    const fc = await server.stores.knex
      .flights('fare_classes')
      .where({ flight_id: c.flightId, code: 'Y' })
      .first();
    expect(fc).toMatchObject({ held: 0, booked: 0 });
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('answers invalid input with 400 and the paths, unknown units with 404', async () => {
    const tripId = await newTrip(agent);
    const backwards = await agent.post(`/api/trips/${tripId}/items`, {
      ...stay(),
      checkIn: addDays(c.firstNight, 3),
      checkOut: c.firstNight,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('validation_failed');
    expect(backwards.body.errors).toContainEqual({ path: 'body.checkOut', message: expect.any(String) });

    const unknown = await agent.post(`/api/trips/${tripId}/items`, { ...stay(), roomTypeId: 'rmt_nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');

    const crowd = await agent.post(`/api/trips/${tripId}/items`, { ...stay(), guests: 3 });
    expect(crowd.status).toBe(400);
    expect(crowd.body.errors).toEqual([
      { path: 'body.guests', message: expect.stringContaining('at most 2') },
    ]);

    const past = await agent.post(`/api/trips/${tripId}/items`, { ...stay(1, -40) });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('body.checkIn');

    const wrongSeat = await agent.post(`/api/trips/${tripId}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'A', seat: '1A' }],
    });
    expect(wrongSeat.status).toBe(400);
    expect(wrongSeat.body.errors).toEqual([{ path: 'body.passengers.0.seat', message: expect.any(String) }]);

    const crowdedFlight = await agent.post(`/api/trips/${tripId}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: Array.from({ length: 10 }, (_, i) => ({ name: `P${i}` })),
    });
    expect(crowdedFlight.status).toBe(400);
    expect(crowdedFlight.body.errors[0].path).toBe('body.passengers');

    const badExtra = await agent.post(`/api/trips/${tripId}/items`, {
      ...stay(),
      extras: [
        { code: 'child_seat', quantity: 1 },
        { code: 'breakfast', quantity: 9 },
      ],
    });
    expect(badExtra.status).toBe(400);
    expect(badExtra.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.extras.0.code',
      'body.extras.1.quantity',
    ]);
    const priced = await agent.post(`/api/trips/${tripId}/items`, {
      ...stay(),
      extras: [{ code: 'breakfast', quantity: 1, price: { amount: 0, currency: 'USD' } }],
    });
    expect(priced.status).toBe(201);
    // A price sent by the client is dropped: the server's catalogue prices the extra.
    expect(priced.body.extras[0].price).toEqual({ amount: 2 * 1800, currency: 'USD' });

    const euros = await agent.post(`/api/trips/${tripId}/items`, {
      type: 'hotel',
      roomTypeId: 'rmt_euro',
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 1),
      guests: 1,
    });
    expect(euros.status).toBe(400);
    expect(euros.body.detail).toMatch(/USD/);
    expect((await agent.get('/api/trips/trp_nope')).status).toBe(404);
    expect(
      (await agent.post('/api/trips', { customer: { name: '', email: 'nope' } })).body.errors.length,
    ).toBe(2);
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('keeps the front desk to its own hotel: other trips are 404, flights and other hotels 403', async () => {
    const walkIn = await newTrip(deskA);
    const own = await deskA.post(`/api/trips/${walkIn}/items`, { ...stay(1, 5), guests: 1 });
    expect(own.status).toBe(201);
    const flight = await deskA.post(`/api/trips/${walkIn}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'A' }],
    });
    expect(flight.status).toBe(403);
    expect(flight.body.code).toBe('forbidden');
    const car = await deskA.post(`/api/trips/${walkIn}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 1),
    });
    expect(car.status).toBe(403);
    const elsewhere = await deskA.post(`/api/trips/${walkIn}/items`, {
      ...stay(1, 5),
      roomTypeId: c.otherRoomTypeId,
    });
    expect(elsewhere.status).toBe(403);

    // Hotel B's desk does not see hotel A's trip, nor may it touch it.
    expect((await deskB.get(`/api/trips/${walkIn}`)).status).toBe(404);
    expect((await deskB.post(`/api/trips/${walkIn}/items`, stay(1, 5))).status).toBe(404);
    expect((await deskB.delete(`/api/trips/${walkIn}/items/${own.body.id}`)).status).toBe(404);
    expect((await deskB.get('/api/trips')).body.items.map((t: { id: string }) => t.id)).not.toContain(walkIn);

    // An agent's trip with a stay at hotel A is hotel A's desk's business too, but not its flight.
    const agentTrip = await newTrip(agent);
    expect((await deskA.get(`/api/trips/${agentTrip}`)).status).toBe(404);
    await agent.post(`/api/trips/${agentTrip}/items`, stay(1, 6));
    const agentFlight = await agent.post(`/api/trips/${agentTrip}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'J',
      passengers: [{ name: 'B' }],
    });
    expect(agentFlight.body.cancellationPolicy).toMatchObject({ refundable: true });
    expect((await deskA.get(`/api/trips/${agentTrip}`)).status).toBe(200);
    expect((await deskA.delete(`/api/trips/${agentTrip}/items/${agentFlight.body.id}`)).status).toBe(403);
    const seen = (await deskA.get('/api/trips')).body.items.map((t: { id: string }) => t.id);
    expect(seen).toEqual(expect.arrayContaining([walkIn, agentTrip]));
    expect((await deskB.get(`/api/trips/${agentTrip}`)).status).toBe(404);
    // Admins and agents see every trip.
    expect((await admin.get(`/api/trips/${walkIn}`)).status).toBe(200);
    expect((await agent.get(`/api/trips/${walkIn}`)).status).toBe(200);
  });

  it('refuses what the state machines do not allow with 409 invalid_transition', async () => {
    const tripId = await newTrip(agent);
    const item = (await agent.post(`/api/trips/${tripId}/items`, stay(1, 8))).body;
    expect((await agent.delete(`/api/trips/${tripId}/items/${item.id}`)).status).toBe(204);
    const again = await agent.delete(`/api/trips/${tripId}/items/${item.id}`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
    expect((await agent.delete(`/api/trips/${tripId}/items/itm_nope`)).status).toBe(404);

    // Once every hold has run out the trip is expired: it takes nothing more and its items stay put.
    const expiring = await newTrip(agent);
    const held = (await agent.post(`/api/trips/${expiring}/items`, stay(1, 9))).body;
    clock.advance(TTL);
    const view = (await agent.get(`/api/trips/${expiring}`)).body;
    expect(view.status).toBe('expired');
    expect(view.items[0].status).toBe('expired');
    const late = await agent.post(`/api/trips/${expiring}/items`, stay(1, 9));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('invalid_transition');
    const remove = await agent.delete(`/api/trips/${expiring}/items/${held.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe('invalid_transition');
  });

  it('caps the holds of one account with 429 and a Retry-After until its first hold runs out', async () => {
    const tripId = await newTrip(capped);
    const items: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await capped.post(`/api/trips/${tripId}/items`, stay(1, 30 + i));
      expect(res.status).toBe(201);
      items.push(res.body.id);
      clock.advance(100);
    }
    const over = await capped.post(`/api/trips/${tripId}/items`, stay(1, 40));
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('rate_limited');
    expect(over.body.detail).toMatch(/holds 8 units/);
    // The first hold was placed 800 s ago: it runs out in TTL - 800 s.
    expect(over.headers.get('retry-after')).toBe(String(TTL - 800));
    // Another account is not affected.
    const other = await newTrip(agent);
    expect((await agent.post(`/api/trips/${other}/items`, stay(1, 40))).status).toBe(201);
    // Freeing one makes room again.
    expect((await capped.delete(`/api/trips/${tripId}/items/${items[0]}`)).status).toBe(204);
    expect((await capped.post(`/api/trips/${tripId}/items`, stay(1, 40))).status).toBe(201);
  });

  it('lists trips by status and by a search on the customer or the trip id', async () => {
    const a = await agent.post('/api/trips', {
      customer: { name: 'Grace Hopper', email: 'grace@navy.test' },
    });
    const b = await agent.post('/api/trips', {
      customer: { name: 'Alan Turing', email: 'alan@bletchley.test', phone: '+44 1908 640404' },
    });
    await agent.post(`/api/trips/${b.body.id}/items`, stay(1, 20));
    const ids = async (query: string) =>
      (await agent.get(`/api/trips${query}`)).body.items.map((t: { id: string }) => t.id) as string[];
    expect(await ids('?q=HOPPER')).toEqual([a.body.id]);
    expect(await ids('?q=bletchley')).toEqual([b.body.id]);
    expect(await ids('?q=1908')).toEqual([b.body.id]);
    expect(await ids(`?q=${a.body.id}`)).toEqual([a.body.id]);
    expect(await ids('?q=100%25')).toEqual([]);
    const held = await ids('?status=held');
    expect(held).toContain(b.body.id);
    expect(held).not.toContain(a.body.id);
    expect(await ids('?status=open&q=grace')).toEqual([a.body.id]);
    const bad = await agent.get('/api/trips?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.status');
  });
});
