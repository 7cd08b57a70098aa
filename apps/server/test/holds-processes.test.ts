import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { openStores, type Stores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, pgAvailable, type TestDatabase } from './databases.ts';
import { ADMIN, client, login, spawnServer, type ServerProcess } from './harness.ts';
import { race } from './race.ts';

/**
 * Several instances are the PostgreSQL deployment (ARCHITECTURE.md): two real server processes on one
 * database, racing for the last units, must sell each unit once between them.
 */
describe.skipIf(!pgAvailable)('two server processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let stores: Stores;
  let c: SmallCatalog;
  let apis: ReturnType<typeof client>[];

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    const env = {
      ...db.env,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      MAX_ACTIVE_HOLDS_PER_USER: '1000',
    };
    // One first, so the migrations run once; then the second on the migrated database.
    a = spawnServer(env);
    const urlA = await a.url;
    b = spawnServer(env);
    const urlB = await b.url;
    stores = await openStores(db.location, { migrate: false });
    c = await insertSmallCatalog(stores, {
      tag: 'procs',
      now: new Date(),
      rooms: 3,
      ySeats: ['40A', '40B', '40C', '40D', '40E'],
      cars: 2,
    });
    apis = [
      client(urlA, await login(urlA, ADMIN.email, ADMIN.password)),
      client(urlB, await login(urlB, ADMIN.email, ADMIN.password)),
    ];
  });
  afterAll(async () => {
    for (const p of [a, b]) {
      if (p && p.child.exitCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    await stores?.close();
    await db?.drop();
  });

  /** `n` trips, alternately created on each process; each request later goes to the other one. */
  const trips = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await apis[i % 2]!.post('/api/trips', {
        customer: { name: `P${i}`, email: `p${i}@example.test` },
      });
      ids.push(res.body.id);
    }
    return ids;
  };
  const across = (ids: string[], body: unknown) =>
    ids.map((id, i) => () => apis[(i + 1) % 2]!.post(`/api/trips/${id}/items`, body));

  it('sells the 3 rooms of a type exactly 3 times across both processes', async () => {
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
    // Each process answered its half of the burst, every answer a sale or a clean refusal.
    for (const process of [0, 1]) {
      const mine = answers.filter((_, i) => (i + 1) % 2 === process);
      expect(mine.length).toBe(20);
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
});
