import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { LocalEventBus } from '../src/events/bus.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { Sweeper } from '../src/selling/sweeper.ts';
import { openStores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const TTL = 5;
const NONE = { hotels: [], flights: [], cars: [] };
const customer = { name: 'Kim Expiry', email: 'kim@example.test' };

describe.each(dialects)('hold expiry on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL), SWEEP_INTERVAL_SECONDS: '3600' },
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  const trip = async () => (await api.post('/api/trips', { customer })).body.id as string;
  const lastUnits = (c: SmallCatalog) => [
    {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 2),
      guests: 1,
    },
    { type: 'flight', flightId: c.flightId, fareClass: 'J', passengers: [{ name: 'Kim', seat: '1A' }] },
    {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 2),
    },
  ];

  it('frees the last units of expired holds for new holds before the sweeper runs, then sweeps once', async () => {
    const c = await insertSmallCatalog(server.stores, {
      tag: `exp${dialect}`,
      now: clock.now(),
      rooms: 1,
      jSeats: ['1A'],
      cars: 1,
    });
    const first = await trip();
    const held = [];
    for (const body of lastUnits(c)) {
      const res = await api.post(`/api/trips/${first}/items`, body);
      expect(res.status).toBe(201);
      held.push(res.body);
    }
    const second = await trip();
    for (const body of lastUnits(c)) {
      const res = await api.post(`/api/trips/${second}/items`, body);
      expect(res.status).toBe(409);
      expect(['sold_out', 'seat_taken']).toContain(res.body.code);
    }

    // At the hold's expiry instant, no sweeper: the old holds are already nothing.
    clock.advance(TTL);
    for (const body of lastUnits(c)) {
      const res = await api.post(`/api/trips/${second}/items`, body);
      expect(res.status).toBe(201);
    }
    const old = (await api.get(`/api/trips/${first}`)).body;
    expect(old.status).toBe('expired');
    expect(old.items.map((i: { status: string }) => i.status)).toEqual(['expired', 'expired', 'expired']);
    expect(old.items.every((i: { holdExpiresAt?: string }) => i.holdExpiresAt === undefined)).toBe(true);
    expect(old.total.amount).toBe(0);
    expect(old.holdExpiresAt).toBeUndefined();
    // The payments store has not been swept yet: the view said expired on its own.
    const stored = await server.stores.trips.findTrip(first);
    expect(stored!.trip.status).toBe('held');
    expect(stored!.items.map((i) => i.status)).toEqual(['held', 'held', 'held']);
    // The placements released the old holds in the inventory stores, in their own transactions.
    expect((await server.stores.hotelHolds.findHold(held[0].id))?.status).toBe('expired');
    expect((await server.stores.flightHolds.findHold(held[1].id))?.status).toBe('expired');
    expect((await server.stores.carHolds.findHold(held[2].id))?.status).toBe('expired');
    expect(await invariantViolations(server.stores)).toEqual(NONE);

    const sweeper = server.app.services.sweeper;
    const swept = await sweeper.sweepOnce(clock.now());
    expect(swept).toMatchObject({
      hotelHolds: 0,
      flightHolds: 0,
      carHolds: 0,
      items: 3,
      trips: 1,
      failures: 0,
    });
    const after = (await api.get(`/api/trips/${first}`)).body;
    expect(after.status).toBe('expired');
    const sweptEvents = after.events.filter((e: { actor: string }) => e.actor === 'system:sweeper');
    expect(
      sweptEvents.map((e: { type: string; from: string; to: string }) => [e.type, e.from, e.to]),
    ).toEqual([
      ['item.expired', 'held', 'expired'],
      ['item.expired', 'held', 'expired'],
      ['item.expired', 'held', 'expired'],
      ['trip.expired', 'held', 'expired'],
    ]);
    expect(JSON.parse(sweptEvents[0].detail)).toEqual({ reason: 'hold_expired' });
    const stored2 = await server.stores.trips.findTrip(first);
    expect(stored2!.trip).toMatchObject({ status: 'expired', total_amount: 0, hold_expires_at: null });

    // Idempotent: nothing left, nothing written twice.
    expect(await sweeper.sweepOnce(clock.now())).toMatchObject({ items: 0, trips: 0, hotelHolds: 0 });
    expect((await api.get(`/api/trips/${first}`)).body.events.length).toBe(after.events.length);

    // The second trip's holds run out too; now it is the sweeper that returns the units.
    clock.advance(TTL);
    const counts = await sweeper.sweepOnce(clock.now());
    expect(counts).toMatchObject({ hotelHolds: 1, flightHolds: 1, carHolds: 1, items: 3, trips: 1 });
    const rows = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(rows.map((r: { held: number }) => r.held)).toEqual([0, 0]);
    expect(await server.stores.knex.flights('seat_assignments').where({ flight_id: c.flightId })).toEqual([]);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('never confirms a hold at or after its expiry, and the sweeper leaves a confirmed one alone', async () => {
    const c = await insertSmallCatalog(server.stores, { tag: `edge${dialect}`, now: clock.now() });
    const tripId = await trip();
    const [stay] = lastUnits(c);
    const a = (await api.post(`/api/trips/${tripId}/items`, stay)).body;
    const b = (await api.post(`/api/trips/${tripId}/items`, stay)).body;
    const expiry = new Date(a.holdExpiresAt);
    const booking = server.app.services.booking;
    expect(await booking.confirm('hotel', a.id, expiry, 'usr_saga')).toBe(false);
    expect(await booking.confirm('hotel', a.id, new Date(expiry.getTime() + 1), 'usr_saga')).toBe(false);
    expect(await booking.confirm('hotel', b.id, new Date(expiry.getTime() - 1), 'usr_saga')).toBe(true);
    clock.set(expiry);
    const counts = await server.app.services.sweeper.sweepOnce(clock.now());
    // a is expired and its room returned; b was confirmed in time: its room stays sold.
    expect(counts).toMatchObject({ hotelHolds: 1, items: 1, leftBooked: 1 });
    expect((await server.stores.hotelHolds.findHold(b.id))?.status).toBe('booked');
    const rows = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(rows.map((r: { held: number; booked: number }) => [r.held, r.booked])).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('sweeps in bounded batches until nothing is due, and sweepers running at once count each unit back once', async () => {
    const c = await insertSmallCatalog(server.stores, {
      tag: `batch${dialect}`,
      now: clock.now(),
      rooms: 20,
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const tripId = await trip();
      const res = await api.post(`/api/trips/${tripId}/items`, {
        type: 'hotel',
        roomTypeId: c.roomTypeId,
        checkIn: addDays(c.firstNight, i % 3),
        checkOut: addDays(c.firstNight, 3),
        guests: 1,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    clock.advance(TTL);
    // Two sweepers at once. On PostgreSQL the second has its own connections, as another instance would;
    // SQLite allows one writer per data folder, so there both share the server's stores.
    const other = dialect === 'pg' ? await openStores(server.db.location, { migrate: false }) : server.stores;
    try {
      const deps = { clock, events: new LocalEventBus(), logger: createLogger('silent') };
      const trips = server.app.services.trips;
      const one = new Sweeper(server.stores, trips, deps, { batchSize: 5 });
      const two = new Sweeper(other, trips, deps, { batchSize: 5 });
      const [x, y] = await Promise.all([one.sweepOnce(clock.now()), two.sweepOnce(clock.now())]);
      expect(x.hotelHolds + y.hotelHolds).toBe(12);
      expect(x.items + y.items).toBe(12);
      expect(x.failures + y.failures).toBe(0);
    } finally {
      if (other !== server.stores) await other.close();
    }
    const statuses = await server.stores.hotelHolds.holdStatuses(ids);
    expect([...statuses.values()].every((s) => s === 'expired')).toBe(true);
    const rows = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(rows.every((r: { held: number }) => r.held === 0)).toBe(true);
    const events = await server.stores.knex
      .hotels('inventory_events')
      .whereIn('hold_id', ids)
      .where('type', 'hold.expired');
    expect(events.length).toBe(12);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });
});

describe.each(dialects)('a restart with live holds on %s', (dialect) => {
  it('keeps the holds blocking until they expire, then the start-up sweep frees them', async () => {
    const db = await createTestDatabase(dialect);
    const clock = new ManualClock(new Date());
    const start = () =>
      startServer(
        loadConfig({
          ...db.env,
          PORT: '0',
          LOG_LEVEL: 'silent',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          HOLD_TTL_SECONDS: '600',
          SWEEP_INTERVAL_SECONDS: '3600',
        }),
        { clock },
      );
    let server: RunningServer | undefined = await start();
    try {
      const c = await insertSmallCatalog(server.stores, {
        tag: `restart${dialect}`,
        now: clock.now(),
        rooms: 1,
      });
      const stay = {
        type: 'hotel',
        roomTypeId: c.roomTypeId,
        checkIn: c.firstNight,
        checkOut: addDays(c.firstNight, 1),
        guests: 1,
      };
      let api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
      const first = (await api.post('/api/trips', { customer })).body.id;
      const held = await api.post(`/api/trips/${first}/items`, stay);
      expect(held.status).toBe(201);
      await server.close();

      clock.advance(300);
      server = await start();
      api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
      const second = (await api.post('/api/trips', { customer })).body.id;
      const blocked = await api.post(`/api/trips/${second}/items`, stay);
      expect(blocked.status).toBe(409);
      expect(blocked.body.code).toBe('sold_out');
      expect((await api.get(`/api/trips/${first}`)).body.status).toBe('held');
      await server.close();

      clock.advance(300);
      server = await start();
      // Before any request: the start-up sweep has returned the room and expired the item and trip.
      expect((await server.stores.hotelHolds.findHold(held.body.id))?.status).toBe('expired');
      const row = await server.stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId })
        .first();
      expect(row).toMatchObject({ held: 0, booked: 0 });
      const stored = await server.stores.trips.findTrip(first);
      expect(stored!.trip.status).toBe('expired');
      expect(stored!.items[0]!.status).toBe('expired');
      expect(await invariantViolations(server.stores)).toEqual(NONE);
    } finally {
      await server?.close();
      await db.drop();
    }
  });
});
