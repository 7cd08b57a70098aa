import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { openStores, type Stores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, pgAvailable, type TestDatabase } from './databases.ts';
import { ADMIN, client, login, spawnServers, type ServerProcess, stopProcesses } from './harness.ts';
import { race } from './race.ts';

/**
 * Several instances are the PostgreSQL deployment (ARCHITECTURE.md): four real server processes on one
 * database, with its default max_connections (100) and each with the default DATABASE_POOL_MAX, racing
 * for the last units, must sell each unit once between them, and answer a clean refusal or a 503 (never
 * a 500) when the database is busy.
 */
const PROCESSES = 4;

describe.skipIf(!pgAvailable)(`${PROCESSES} server processes on one PostgreSQL database`, () => {
  let db: TestDatabase;
  const procs: ServerProcess[] = [];
  let stores: Stores;
  let c: SmallCatalog;
  let apis: ReturnType<typeof client>[];

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    const urls = await spawnServers(PROCESSES, { ...db.env, MAX_ACTIVE_HOLDS_PER_USER: '1000' }, procs);
    // The test's own pools are the smallest budget, so the four servers keep theirs.
    stores = await openStores({ ...db.location, maxConnections: 5 }, { migrate: false });
    c = await insertSmallCatalog(stores, {
      tag: 'procs',
      now: new Date(),
      rooms: 3,
      ySeats: ['40A', '40B', '40C', '40D', '40E'],
      cars: 2,
    });
    apis = [];
    for (const url of urls) apis.push(client(url, await login(url, ADMIN.email, ADMIN.password)));
  });
  afterAll(async () => {
    await stopProcesses(procs);
    await stores?.close();
    await db?.drop();
  });

  /** `n` trips, created on each process in turn; each request later goes to the next one. */
  const trips = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await apis[i % PROCESSES]!.post('/api/trips', {
        customer: { name: `P${i}`, email: `p${i}@example.test` },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  };
  const across = (ids: string[], body: unknown) =>
    ids.map((id, i) => () => apis[(i + 1) % PROCESSES]!.post(`/api/trips/${id}/items`, body));

  it('sells the 3 rooms of a type exactly 3 times across the processes', async () => {
    const ids = await trips(40);
    const { tally, answers } = await race(
      across(ids, {
        type: 'hotel',
        roomTypeId: c.roomTypeId,
        checkIn: c.firstNight,
        checkOut: addDays(c.firstNight, 2),
        guests: 1,
      }),
    );
    expect(tally).toEqual({ '201': 3, '409 sold_out': 37 });
    // Each process answered its share of the burst, every answer a sale or a clean refusal.
    for (let process = 0; process < PROCESSES; process++) {
      const mine = answers.filter((_, i) => (i + 1) % PROCESSES === process);
      expect(mine.length).toBe(40 / PROCESSES);
      expect(mine.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    }
    expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('assigns the 5 seats of a class to exactly 5 passengers, and the 2 cars to exactly 2 rentals', async () => {
    const seatTrips = await trips(30);
    const seats = await race(
      across(seatTrips, {
        type: 'flight',
        flightId: c.flightId,
        fareClass: 'Y',
        passengers: [{ name: 'X' }],
      }),
    );
    expect(seats.tally).toEqual({ '201': 5, '409 sold_out': 25 });
    const given = seats.answers
      .filter((r) => r.status === 201)
      .flatMap((r) => (r.body as { seats: string[] }).seats);
    expect(new Set(given).size).toBe(5);

    const carTrips = await trips(30);
    const cars = await race(
      across(carTrips, {
        type: 'car',
        locationCode: c.locationCode,
        category: c.category,
        pickUp: c.firstNight,
        dropOff: addDays(c.firstNight, 3),
      }),
    );
    expect(cars.tally).toEqual({ '201': 2, '409 sold_out': 28 });
    expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('sells exactly the capacity when 200 holds race across the four, within the connection budget', async () => {
    const big = await insertSmallCatalog(stores, { tag: 'burst', now: new Date(), rooms: 25 });
    const ids = await trips(200);
    const peak = { connections: 0 };
    let done = false;
    const sampling = (async () => {
      // The servers' connections to this database while the burst runs: never past 4 × DATABASE_POOL_MAX.
      for (let i = 0; i < 40 && !done; i++) {
        const rows = await stores.knex.users.raw<{ rows: { n: string }[] }>(
          'select count(*) as n from pg_stat_activity where datname = current_database()',
        );
        peak.connections = Math.max(peak.connections, Number(rows.rows[0]!.n));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const { tally, answers } = await race(
      across(ids, {
        type: 'hotel',
        roomTypeId: big.roomTypeId,
        checkIn: big.firstNight,
        checkOut: addDays(big.firstNight, 3),
        guests: 2,
      }),
    );
    done = true;
    await sampling;
    expect(tally['201']).toBe(25);
    // Everything else is a clean refusal, or 503 with Retry-After where a pool stayed busy too long.
    const others = answers.filter((r) => r.status !== 201);
    for (const r of others) {
      expect([409, 503]).toContain(r.status);
      if (r.status === 409) expect(r.body).toMatchObject({ code: 'sold_out' });
      if (r.status === 503) {
        expect(r.body).toMatchObject({ code: 'service_unavailable' });
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
    // In the database, not only in the answers: 25 rooms held for each of the 3 nights, none twice.
    const nights = await stores.knex
      .hotels('room_nights')
      .where({ room_type_id: big.roomTypeId })
      .select('night', 'capacity', 'held', 'booked');
    expect(nights).toHaveLength(3);
    for (const n of nights) expect(n).toMatchObject({ capacity: 25, held: 25, booked: 0 });
    // 4 servers × 16 (DATABASE_POOL_MAX's default) + this test's 5 (the sampling query's among them).
    expect(peak.connections).toBeGreaterThan(PROCESSES * 2);
    expect(peak.connections).toBeLessThanOrEqual(PROCESSES * 16 + 5);
  });
});
