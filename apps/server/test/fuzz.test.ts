import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@tripdesk/shared';
import { insertSmallCatalog, invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import {
  operationsOf,
  RequestFuzzer,
  type FuzzRequest,
  type IdPool,
  type Operation,
} from './fuzz-requests.ts';

/**
 * The whole API fuzzed from its own OpenAPI document: thousands of generated requests, as each role and
 * without a token, on SQLite and PostgreSQL. Whatever the input: never a 5xx, every error a problem+json,
 * and the server healthy, its inventory invariant intact, afterwards. FUZZ_SEED replays a run (the seed
 * is printed with every failure); FUZZ_REQUESTS sets how many per database.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2500);
const PASSWORD = 'fuzzing is fun 42';

/** Routes that would take the server away from the run, or stream without end. */
const SKIPPED = new Set([
  'POST /api/admin/backups/{backupId}/restore',
  'GET /api/events',
  'POST /api/auth/logout',
]);

describe.each(dialects)('the API fuzzed from its OpenAPI document on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, string | undefined> = {};
  const pool: IdPool = {};
  let ops: Operation[];
  let components: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { MAX_ACTIVE_HOLDS_PER_USER: '200' },
      loginLimits: { freePerPair: 1e9, freePerAccount: 1e9, freePerAddress: 1e9 },
    });
    const c = await insertSmallCatalog(server.stores, {
      tag: `fuzz${dialect}`,
      now: new Date(),
      rooms: 30,
      cars: 10,
    });
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    for (const [role, hotelId] of [
      ['agent', undefined],
      ['frontdesk', c.hotelId],
    ] as const) {
      const email = `${role}-fuzz@example.test`;
      const res = await admin.post('/api/users', { email, name: role, role, password: PASSWORD, hotelId });
      expect(res.status).toBe(201);
      tokens[role] = await login(server.url, email, PASSWORD);
    }
    tokens.admin = await login(server.url, ADMIN.email, ADMIN.password);
    tokens.none = undefined;
    // Real records, so that generated requests reach past "not found": a trip with a stay held.
    const trip = await admin.post('/api/trips', { customer: { name: 'Fuzz', email: 'fuzz@example.test' } });
    const item = await admin.post(`/api/trips/${trip.body.id}/items`, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 2),
      guests: 1,
    });
    Object.assign(pool, {
      hotelId: [c.hotelId, c.otherHotelId],
      roomTypeId: [c.roomTypeId],
      flightId: [c.flightId],
      tripId: [trip.body.id],
      itemId: [item.body.id],
      code: [c.locationCode],
      locationCode: [c.locationCode],
      category: [c.category],
      fareClass: ['Y', 'J'],
      seat: [...c.ySeats],
    } satisfies IdPool);
    const doc = (await client(server.url).get('/api/openapi.json')).body;
    ops = operationsOf(doc).filter((op) => !SKIPPED.has(`${op.method} ${op.path}`));
    components = doc.components.schemas;
  });
  afterAll(() => server?.stop());

  it(`answers ${REQUESTS} generated requests without a 5xx, every error as problem+json (seed ${SEED})`, async () => {
    const fuzzer = new RequestFuzzer(SEED, pool, components, new Date());
    const failures: string[] = [];
    const byStatus: Record<string, number> = {};
    const send = async (n: number, r: FuzzRequest) => {
      let res: Response;
      try {
        res = await fetch(server.url + r.url, {
          method: r.method,
          headers: r.headers,
          ...(r.body !== undefined ? { body: r.body } : {}),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        failures.push(`#${n} ${r.method} ${r.url}: no answer (${(err as Error).message})`);
        return;
      }
      const text = await res.text();
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const where = `seed ${SEED} #${n} ${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} body ${String(r.body).slice(0, 300)}`;
      if (res.status >= 500) failures.push(`${where} → ${res.status} ${text.slice(0, 300)}`);
      else if (res.status >= 400) {
        const type = res.headers.get('content-type') ?? '';
        let problem: { status?: unknown; code?: unknown } | undefined;
        try {
          problem = JSON.parse(text) as typeof problem;
        } catch {
          /* reported below */
        }
        if (
          !type.startsWith('application/problem+json') ||
          problem?.status !== res.status ||
          typeof problem?.code !== 'string'
        ) {
          failures.push(`${where} → ${res.status} not problem+json: ${type} ${text.slice(0, 200)}`);
        }
      }
    };
    const roles = Object.keys(tokens);
    const batch: Promise<void>[] = [];
    for (let n = 0; n < REQUESTS; n++) {
      const op = fuzzer.pick(ops);
      const role = fuzzer.pick(roles);
      batch.push(send(n, fuzzer.request(op, tokens[role])));
      // A few at a time: requests race each other as they would from several desks.
      if (batch.length === 4) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    expect(
      failures,
      `FUZZ_SEED=${SEED}: ${failures.length} failures\n${failures.slice(0, 20).join('\n')}`,
    ).toEqual([]);
    // The run reached past validation, not only refusals.
    expect(byStatus['200'] ?? 0, JSON.stringify(byStatus)).toBeGreaterThan(REQUESTS / 20);
    expect(byStatus['400'] ?? 0).toBeGreaterThan(REQUESTS / 20);
  });

  it('is healthy afterwards: health, the inventory invariant, and a sale still go through', async () => {
    expect((await client(server.url).get('/api/health')).status).toBe(200);
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
    // The fuzzed admin may have retired the hotel or room type, or closed it to sale: an admin reopens it.
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const [hotelId] = pool.hotelId!;
    expect((await admin.patch(`/api/hotels/${hotelId}`, { retired: false })).status).toBe(200);
    const roomType = await admin.patch(`/api/hotels/${hotelId}/room-types/${pool.roomTypeId![0]}`, {
      retired: false,
    });
    expect(roomType.status).toBe(200);
    for (const closure of (await admin.get(`/api/hotels/${hotelId}/closures`)).body.items as {
      id: string;
    }[]) {
      expect((await admin.delete(`/api/hotels/${hotelId}/closures/${closure.id}`)).status).toBe(204);
    }
    const agent = client(server.url, await login(server.url, 'agent-fuzz@example.test', PASSWORD));
    const trip = await agent.post('/api/trips', { customer: { name: 'After', email: 'after@example.test' } });
    expect(trip.status).toBe(201);
    const start = addDays(todayIn('UTC', new Date()), 40);
    const item = await agent.post(`/api/trips/${trip.body.id}/items`, {
      type: 'hotel',
      roomTypeId: pool.roomTypeId![0],
      checkIn: start,
      checkOut: addDays(start, 1),
      guests: 1,
    });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
  });
});
