import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { openStores, type Stores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, dialects, pgAvailable, type TestDatabase } from './databases.ts';
import {
  ADMIN,
  client,
  login,
  spawnServers,
  startTestServer,
  type ServerProcess,
  stopProcesses,
} from './harness.ts';
import { race } from './race.ts';

/**
 * The per-user hold cap (MAX_ACTIVE_HOLDS_PER_USER) counts units (rooms, seats, cars), not items, and
 * holds under a burst of parallel requests, on both databases and across instances: one account cannot
 * lock up a flight or a hotel.
 */

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `${10 + Math.floor(i / 6)}${'ABCDEF'[i % 6]}`);

async function createUser(api: ReturnType<typeof client>, baseUrl: string, email: string) {
  const password = 'long enough for an agent 1';
  const res = await api.post('/api/users', { email, name: 'Cap Agent', role: 'agent', password });
  expect(res.status).toBe(201);
  return client(baseUrl, await login(baseUrl, email, password));
}

async function trips(agent: ReturnType<typeof client>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await agent.post('/api/trips', { customer: { name: `C${i}`, email: `c${i}@example.test` } });
    ids.push(res.body.id);
  }
  return ids;
}

describe.each(dialects)('the per-user hold cap on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let c: SmallCatalog;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { MAX_ACTIVE_HOLDS_PER_USER: '3' } });
    c = await insertSmallCatalog(server.stores, {
      tag: `cap${dialect}`,
      now: new Date(),
      rooms: 40,
      ySeats: rows(60),
      cars: 5,
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  it('lets 3 of 30 parallel one-room holds of one agent through, and refuses the rest before holding', async () => {
    const agent = await createUser(admin, server.url, `burst-${dialect}@example.test`);
    const ids = await trips(agent, 30);
    const { tally, answers } = await race(
      ids.map(
        (id) => () =>
          agent.post(`/api/trips/${id}/items`, {
            type: 'hotel',
            roomTypeId: c.roomTypeId,
            checkIn: c.firstNight,
            checkOut: addDays(c.firstNight, 2),
            guests: 1,
          }),
      ),
    );
    expect(tally).toEqual({ '201': 3, '429 rate_limited': 27 });
    for (const r of answers.filter((a) => a.status === 429)) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // In the database: 3 rooms held on each night, no hold left behind by a refused request.
    const nights = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(nights.map((n: { held: number }) => Number(n.held))).toEqual([3, 3]);
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('counts units: seats of a flight and rooms of a stay, not items', async () => {
    const agent = await createUser(admin, server.url, `units-${dialect}@example.test`);
    const [a, b] = await trips(agent, 2);
    // Four passengers are four seats: over a cap of 3, nothing is held.
    const four = await agent.post(`/api/trips/${a}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: ['A', 'B', 'C', 'D'].map((name) => ({ name })),
    });
    expect(four.status).toBe(429);
    expect(four.body.detail).toMatch(/4 more would pass/);
    const two = await agent.post(`/api/trips/${a}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'A' }, { name: 'B' }],
    });
    expect(two.status).toBe(201);
    // Two rooms of a stay are two units: 2 + 2 > 3.
    const rooms = await agent.post(`/api/trips/${b}/items`, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 5),
      rooms: 2,
      guests: 1,
    });
    expect(rooms.status).toBe(429);
    expect(rooms.body.detail).toMatch(/holds 2 units/);
    // One car is one unit: 2 + 1 = 3 fits.
    const car = await agent.post(`/api/trips/${b}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 3),
    });
    expect(car.status).toBe(201);
    // Removing the seats gives their units back.
    expect((await agent.delete(`/api/trips/${a}/items/${two.body.id}`)).status).toBe(204);
    expect(
      (
        await agent.post(`/api/trips/${b}/items`, {
          type: 'hotel',
          roomTypeId: c.roomTypeId,
          checkIn: c.firstNight,
          checkOut: addDays(c.firstNight, 5),
          rooms: 2,
          guests: 1,
        })
      ).status,
    ).toBe(201);
  });
});

describe.each(dialects)('hold reservations in the payments store on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  it('reserves units up to the cap, refuses past it, and lets a crash’s reservation lapse', async () => {
    const trips = server.stores.trips;
    const now = new Date();
    const later = new Date(now.getTime() + 120_000);
    const reserve = (itemId: string, units: number, at = now) =>
      trips.reserveHoldUnits({ userId: 'usr_r', itemId, units, max: 3, now: at, pendingUntil: later });
    expect(await reserve('itm_a', 2)).toEqual({ reserved: true });
    expect(await reserve('itm_b', 1)).toEqual({ reserved: true });
    expect(await reserve('itm_c', 1)).toEqual({
      reserved: false,
      held: 3,
      earliestExpiry: later.toISOString(),
    });
    // Another user has a quota of their own.
    expect(
      await trips.reserveHoldUnits({
        userId: 'usr_s',
        itemId: 'itm_s',
        units: 3,
        max: 3,
        now,
        pendingUntil: later,
      }),
    ).toEqual({ reserved: true });
    // Refused or not recorded: the units come back at once.
    await trips.dropHoldReservation('itm_b');
    expect(await reserve('itm_d', 1)).toEqual({ reserved: true });
    // Past their lapse, what a crash left counts no more, and the sweeper's purge removes it.
    const afterLapse = new Date(later.getTime() + 1);
    expect(await reserve('itm_e', 3, afterLapse)).toEqual({ reserved: true });
    expect(await trips.purgeLapsedReservations(new Date(later.getTime() + 200_000))).toBeGreaterThanOrEqual(
      3,
    );
  });
});

describe.skipIf(!pgAvailable)('the per-user hold cap across two instances on PostgreSQL', () => {
  let db: TestDatabase;
  const procs: ServerProcess[] = [];
  let stores: Stores;
  let c: SmallCatalog;

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    await spawnServers(2, { ...db.env, MAX_ACTIVE_HOLDS_PER_USER: '6' }, procs);
    stores = await openStores({ ...db.location, maxConnections: 5 }, { migrate: false });
    c = await insertSmallCatalog(stores, { tag: 'captwo', now: new Date(), rooms: 3, ySeats: rows(60) });
  });
  afterAll(async () => {
    await stopProcesses(procs);
    await stores?.close();
    await db?.drop();
  });

  it('places exactly 6 seats of 40 parallel one-seat holds by one agent split over both', async () => {
    const urls = await Promise.all(procs.map((p) => p.url));
    const admin = client(urls[0]!, await login(urls[0]!, ADMIN.email, ADMIN.password));
    const email = 'two-instances@example.test';
    await createUser(admin, urls[0]!, email);
    const password = 'long enough for an agent 1';
    const agents = await Promise.all(urls.map(async (u) => client(u, await login(u, email, password))));
    const ids = await trips(agents[0]!, 40);
    const { tally } = await race(
      ids.map(
        (id, i) => () =>
          agents[i % 2]!.post(`/api/trips/${id}/items`, {
            type: 'flight',
            flightId: c.flightId,
            fareClass: 'Y',
            passengers: [{ name: `P${i}` }],
          }),
      ),
    );
    expect(tally).toEqual({ '201': 6, '429 rate_limited': 34 });
    const y = await stores.knex.flights('fare_classes').where({ flight_id: c.flightId, code: 'Y' }).first();
    expect(Number(y.held)).toBe(6);
    expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });
});
