import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { requestFingerprint } from '../src/http/idempotency.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

/**
 * Idempotency-Key on the real server (API.md, "Idempotency"), against `POST /api/users`: a request
 * whose effect is easy to count (users in the store) and that refuses a second run (duplicate email).
 */
describe.each(dialects)('Idempotency-Key on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let adminId: string;
  let otherAdmin: ReturnType<typeof client>;
  const clock = new ManualClock(new Date());
  let n = 0;
  const newUser = () => ({
    email: `user${++n}-${randomUUID().slice(0, 8)}@example.test`,
    name: `User ${n}`,
    role: 'agent',
    password: 'agent-password-1',
  });
  const userCount = () => server.stores.users.count();
  const keyRows = () => server.stores.idempotency.count();

  beforeAll(async () => {
    // Long sessions: the clock moves a day ahead below.
    server = await startTestServer(dialect, { clock, env: { SESSION_TTL_HOURS: '1000' } });
    const adminToken = await login(server.url, ADMIN.email, ADMIN.password);
    admin = client(server.url, adminToken);
    adminId = (await admin.get('/api/me')).body.id;
    const second = { ...newUser(), role: 'admin' };
    expect((await admin.post('/api/users', second)).status).toBe(201);
    otherAdmin = client(server.url, await login(server.url, second.email, second.password));
  });
  afterAll(() => server?.stop());

  it('replays the first response for a repeat with the same body, creating nothing twice', async () => {
    const key = randomUUID();
    const body = newUser();
    const before = await userCount();
    const first = await admin.post('/api/users', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await userCount()).toBe(before + 1);

    // The same request, with its keys in another order and other whitespace: the same fingerprint.
    const reordered = JSON.stringify(
      { password: body.password, role: body.role, name: body.name, email: body.email },
      null,
      3,
    );
    const again = await admin.post('/api/users', reordered, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await userCount()).toBe(before + 1);

    // Without the key the same body really runs again, and is refused as a duplicate.
    expect((await admin.post('/api/users', body)).status).toBe(400);
  });

  it('replays an error response too: the key answers what the request answered', async () => {
    const key = randomUUID();
    const invalid = { email: 'not-an-email', name: 'X', role: 'agent', password: 'long-enough-1' };
    const first = await admin.post('/api/users', invalid, { 'idempotency-key': key });
    expect(first.status).toBe(400);
    const again = await admin.post('/api/users', invalid, { 'idempotency-key': key });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 idempotency_key_reused for the same key with a different body, and runs nothing', async () => {
    const key = randomUUID();
    expect((await admin.post('/api/users', newUser(), { 'idempotency-key': key })).status).toBe(201);
    const before = await userCount();
    const other = await admin.post('/api/users', newUser(), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(await userCount()).toBe(before);
  });

  it('scopes keys to the user: the same key from another user is another request', async () => {
    const key = randomUUID();
    const mine = newUser();
    const theirs = newUser();
    const before = await userCount();
    expect((await admin.post('/api/users', mine, { 'idempotency-key': key })).status).toBe(201);
    const other = await otherAdmin.post('/api/users', theirs, { 'idempotency-key': key });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.email).toBe(theirs.email);
    expect(await userCount()).toBe(before + 2);
    // And each user's replay is their own.
    const replay = await otherAdmin.post('/api/users', theirs, { 'idempotency-key': key });
    expect(replay.body).toEqual(other.body);
  });

  it('scopes keys to the path: the same key on another route is another request', async () => {
    const key = randomUUID();
    expect((await admin.post('/api/users', newUser(), { 'idempotency-key': key })).status).toBe(201);
    const elsewhere = await admin.post('/api/no-such-route', {}, { 'idempotency-key': key });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('not_found');
  });

  it('requires the key on POST /api/trips/{id}/pay: 400 idempotency_key_missing', async () => {
    const res = await admin.post('/api/trips/trp_x/pay', { paymentMethodId: 'pm_card_visa' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('idempotency_key_missing');
    const slash = await admin.post('/api/trips/trp_x/pay/', { paymentMethodId: 'pm_card_visa' });
    expect(slash.body.code).toBe('idempotency_key_missing');
    // With a key, the check passes and the request goes on to the route (whatever it answers).
    const keyed = await admin.post(
      '/api/trips/trp_x/pay',
      { paymentMethodId: 'pm_card_visa' },
      { 'idempotency-key': randomUUID() },
    );
    expect(keyed.body.code).not.toBe('idempotency_key_missing');
    // Other POSTs go without a key.
    expect((await admin.post('/api/users', newUser())).status).toBe(201);
  });

  it('refuses a malformed key with 400 validation_failed', async () => {
    for (const bad of ['', 'x'.repeat(256), 'tab\there']) {
      const res = await admin.post('/api/users', newUser(), { 'idempotency-key': bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    }
    expect((await admin.post('/api/users', newUser(), { 'idempotency-key': 'x'.repeat(255) })).status).toBe(
      201,
    );
  });

  it('runs 20 concurrent identical requests with one key exactly once', async () => {
    const key = randomUUID();
    const body = newUser();
    const before = await userCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => admin.post('/api/users', body, { 'idempotency-key': key })),
    );
    expect(await userCount()).toBe(before + 1);
    const created = answers.filter((a) => a.status === 201);
    const executed = created.filter((a) => a.headers.get('idempotent-replayed') === null);
    expect(executed).toHaveLength(1);
    for (const a of created) expect(a.body).toEqual(executed[0]!.body);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.code).toBe('idempotency_conflict');
      expect(a.headers.get('retry-after')).toBe('1');
    }
    // Once it is done, every repeat replays.
    const after = await admin.post('/api/users', body, { 'idempotency-key': key });
    expect(after.status).toBe(201);
    expect(after.body).toEqual(executed[0]!.body);
  });

  it('lets a retry take over a key left in flight by a crash once its lock has lapsed', async () => {
    const key = randomUUID();
    const body = newUser();
    const path = '/api/users';
    const now = clock.now();
    // What a process that claimed the key and died before answering leaves behind.
    const claimed = await server.stores.idempotency.claim(
      { userId: adminId, method: 'POST', path, key },
      {
        fingerprint: requestFingerprint('POST', path, {}, body),
        claimId: randomUUID(),
        createdAt: now.toISOString(),
        lockedUntil: new Date(now.getTime() + 60_000).toISOString(),
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      },
    );
    expect(claimed).toBe(true);
    const before = await userCount();

    const blocked = await admin.post(path, body, { 'idempotency-key': key });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('idempotency_conflict');
    // Another body is still a misuse of the key, lock or no lock.
    expect((await admin.post(path, newUser(), { 'idempotency-key': key })).status).toBe(422);

    clock.advance(61);
    const retried = await admin.post(path, body, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await userCount()).toBe(before + 1);
    const replay = await admin.post(path, body, { 'idempotency-key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retried.body);
  });

  it('keeps keys 24 hours; then the purge removes them and the key is free again', async () => {
    const key = randomUUID();
    const scope = { userId: adminId, method: 'POST', path: '/api/users', key };
    expect((await admin.post('/api/users', newUser(), { 'idempotency-key': key })).status).toBe(201);

    clock.advance(24 * 3600 - 1);
    await server.stores.idempotency.purgeExpired(clock.now().toISOString());
    expect(await server.stores.idempotency.find(scope)).toMatchObject({ state: 'done' });
    expect((await admin.post('/api/users', newUser(), { 'idempotency-key': key })).status).toBe(422);

    clock.advance(1);
    // Expired but not purged yet: the key already counts as unused.
    const second = newUser();
    const reused = await admin.post('/api/users', second, { 'idempotency-key': key });
    expect(reused.status).toBe(201);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(reused.body.email).toBe(second.email);

    clock.advance(24 * 3600);
    expect(await keyRows()).toBeGreaterThan(0);
    const purged = await server.stores.idempotency.purgeExpired(clock.now().toISOString());
    expect(purged).toBeGreaterThan(0);
    expect(await server.stores.idempotency.find(scope)).toBeUndefined();
    expect(await keyRows()).toBe(0);
  });

  it('does not apply to login, which has no user: a repeated login opens another session', async () => {
    const key = randomUUID();
    const anon = client(server.url);
    const a = await anon.post('/api/auth/login', ADMIN, { 'idempotency-key': key });
    const b = await anon.post('/api/auth/login', ADMIN, { 'idempotency-key': key });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.token).not.toBe(a.body.token);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });
});

/** The booking routes rely on this middleware for retries: a repeated create or hold must not double. */
describe.each(dialects)('Idempotency-Key on trips and holds on %s', (dialect) => {
  let server: TestServer;
  let agent: ReturnType<typeof client>;
  let roomTypeId: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const checkIn = day(40);
  const checkOut = day(42);
  const freeRooms = async () => {
    const res = await agent.get(
      `/api/availability/hotels?city=Idempotown&checkIn=${checkIn}&checkOut=${checkOut}&guests=1`,
    );
    expect(res.status).toBe(200);
    return res.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === roomTypeId)?.available ?? 0;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const hotel = await admin.post('/api/hotels', {
      name: 'Idempotent Inn',
      city: 'Idempotown',
      country: 'PT',
    });
    expect(hotel.status).toBe(201);
    const roomType = await admin.post(`/api/hotels/${hotel.body.id}/room-types`, {
      name: 'Double',
      maxOccupancy: 2,
      nightlyRate: { amount: 10_000, currency: 'EUR' },
      roomNumbers: ['101', '102', '103'],
    });
    expect(roomType.status).toBe(201);
    roomTypeId = roomType.body.id;
    const agentUser = {
      email: 'agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'agent-password-1',
    };
    expect((await admin.post('/api/users', agentUser)).status).toBe(201);
    agent = client(server.url, await login(server.url, agentUser.email, agentUser.password));
  });
  afterAll(() => server?.stop());

  it('opens one trip and places one hold however often the same request is sent', async () => {
    const tripKey = randomUUID();
    const body = { customer: { name: 'Ana Lima', email: 'ana@example.test' } };
    const trip = await agent.post('/api/trips', body, { 'idempotency-key': tripKey });
    expect(trip.status).toBe(201);
    const again = await agent.post('/api/trips', body, { 'idempotency-key': tripKey });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(trip.body);
    expect(again.headers.get('location')).toBe(`/api/trips/${trip.body.id}`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const mine = await agent.get('/api/trips');
    expect(
      mine.body.items.filter((t: { customer: { email: string } }) => t.customer.email === 'ana@example.test'),
    ).toHaveLength(1);

    expect(await freeRooms()).toBe(3);
    const itemKey = randomUUID();
    const item = { type: 'hotel', roomTypeId, checkIn, checkOut, guests: 2 };
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        agent.post(`/api/trips/${trip.body.id}/items`, item, { 'idempotency-key': itemKey }),
      ),
    );
    const held = answers.filter((a) => a.status === 201);
    expect(held.length).toBeGreaterThanOrEqual(1);
    for (const a of held) expect(a.body.id).toBe(held[0]!.body.id);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await freeRooms()).toBe(2);
    const later = await agent.post(`/api/trips/${trip.body.id}/items`, item, {
      'idempotency-key': itemKey,
    });
    expect(later.body.id).toBe(held[0]!.body.id);
    expect(await freeRooms()).toBe(2);
    const full = await agent.get(`/api/trips/${trip.body.id}`);
    expect(full.body.items).toHaveLength(1);
  });
});
