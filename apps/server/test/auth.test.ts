import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

describe.each(dialects)('auth and users on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let hotelId: string;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      loginLimits: { freePerPair: 3, freePerAddress: 1000 },
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    hotelId = 'htl_test';
    await server.stores.hotels.insertCatalog({
      hotels: [
        {
          id: hotelId,
          name: 'Test Hotel',
          city: 'Lisbon',
          country: 'PT',
          address: null,
          timezone: 'Europe/Lisbon',
          stars: 4,
          amenities: [],
          createdAt: new Date().toISOString(),
        },
      ],
      roomTypes: [],
      rooms: [],
    });
  });
  afterAll(() => server?.stop());

  it('signs in, answers /api/me with the user, and the token stops working after logout', async () => {
    const res = await client(server.url).post('/api/auth/login', {
      email: ADMIN.email.toUpperCase(),
      password: ADMIN.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(res.body.token).toMatch(/^tdk_/);
    const me = client(server.url, res.body.token);
    expect((await me.get('/api/me')).body).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect((await me.post('/api/auth/logout')).status).toBe(204);
    const after = await me.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
  });

  it('stores tokens hashed, and never the password', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const sessions = await server.stores.users.knex('sessions').select('token_hash');
    expect(sessions.some((s: { token_hash: string }) => s.token_hash === token)).toBe(false);
    const row = await server.stores.users.findByEmail(ADMIN.email);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password, an unknown email and a missing or garbage token with 401', async () => {
    const anon = client(server.url);
    const wrong = await anon.post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever-123',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await anon.get('/api/me')).status).toBe(401);
    expect((await client(server.url, 'tdk_garbage').get('/api/me')).status).toBe(401);
    expect((await anon.get('/api/me', { authorization: 'Basic abc' })).status).toBe(401);
  });

  it('expires tokens after the session lifetime', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const me = client(server.url, token);
    expect((await me.get('/api/me')).status).toBe(200);
    clock.advance(13 * 3600);
    expect((await me.get('/api/me')).status).toBe(401);
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });

  it('lets an admin create and list users, with a hotel required for frontdesk', async () => {
    const agent = await admin.post('/api/users', {
      email: 'Agent.One@Example.test',
      name: 'Agent One',
      role: 'agent',
      password: 'agent-password-1',
      extra: 'ignored',
    });
    expect(agent.status).toBe(201);
    expect(agent.body).toEqual({
      id: expect.any(String),
      email: 'agent.one@example.test',
      name: 'Agent One',
      role: 'agent',
    });

    const noHotel = await admin.post('/api/users', {
      email: 'desk@example.test',
      name: 'Desk',
      role: 'frontdesk',
      password: 'desk-password-1',
    });
    expect(noHotel.status).toBe(400);
    expect(noHotel.body.errors).toContainEqual({ path: 'body.hotelId', message: expect.any(String) });

    const unknownHotel = await admin.post('/api/users', {
      email: 'desk@example.test',
      name: 'Desk',
      role: 'frontdesk',
      password: 'desk-password-1',
      hotelId: 'htl_nope',
    });
    expect(unknownHotel.status).toBe(400);

    const desk = await admin.post('/api/users', {
      email: 'desk@example.test',
      name: 'Desk',
      role: 'frontdesk',
      password: 'desk-password-1',
      hotelId,
    });
    expect(desk.status).toBe(201);
    expect(desk.body.hotelId).toBe(hotelId);

    const dup = await admin.post('/api/users', {
      email: 'DESK@example.test',
      name: 'Desk 2',
      role: 'agent',
      password: 'desk-password-2',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('body.email');

    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining([ADMIN.email, 'agent.one@example.test', 'desk@example.test']),
    );
    expect(JSON.stringify(list.body)).not.toMatch(/password|argon2/);
  });

  it('enforces roles: agents and desk staff cannot manage users', async () => {
    const agent = client(server.url, await login(server.url, 'agent.one@example.test', 'agent-password-1'));
    const desk = client(server.url, await login(server.url, 'desk@example.test', 'desk-password-1'));
    for (const c of [agent, desk]) {
      const list = await c.get('/api/users');
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('forbidden');
      const create = await c.post('/api/users', {
        email: 'x@example.test',
        name: 'X',
        role: 'admin',
        password: 'xxxxxxxxxx',
      });
      expect(create.status).toBe(403);
    }
    expect((await agent.get('/api/me')).body.role).toBe('agent');
    expect((await desk.get('/api/me')).body).toMatchObject({ role: 'frontdesk', hotelId });
  });

  it('disabling a user ends their sessions and their sign-in; an admin cannot disable themselves', async () => {
    const token = await login(server.url, 'agent.one@example.test', 'agent-password-1');
    const users = (await admin.get('/api/users')).body.items as Array<{ id: string; email: string }>;
    const agentId = users.find((u) => u.email === 'agent.one@example.test')!.id;
    const adminId = users.find((u) => u.email === ADMIN.email)!.id;
    const disabled = await admin.patch(`/api/users/${agentId}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await client(server.url, token).get('/api/me')).status).toBe(401);
    const again = await client(server.url).post('/api/auth/login', {
      email: 'agent.one@example.test',
      password: 'agent-password-1',
    });
    expect(again.status).toBe(401);
    const self = await admin.patch(`/api/users/${adminId}`, { disabled: true });
    expect(self.status).toBe(409);
    expect((await admin.patch('/api/users/usr_missing', { name: 'X' })).status).toBe(404);
  });

  it('slows down guessing at one account with 429 and Retry-After, then takes the right password', async () => {
    const anon = client(server.url);
    const wrong = () =>
      anon.post('/api/auth/login', { email: 'desk@example.test', password: 'wrong-password' });
    // Three failures are free; the fourth makes the next attempt wait 1 s.
    for (let i = 0; i < 4; i++) expect((await wrong()).status).toBe(401);
    const limited = await anon.post('/api/auth/login', {
      email: 'desk@example.test',
      password: 'desk-password-1',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another account from the same address is not slowed.
    expect(
      (await anon.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password })).status,
    ).toBe(200);
    // Once the wait is over, the right password signs in: no lockout.
    clock.advance(1);
    expect(
      (await anon.post('/api/auth/login', { email: 'desk@example.test', password: 'desk-password-1' }))
        .status,
    ).toBe(200);
  });
});

describe('sign-in brakes that never lock the owner out', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date());
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const attempt = (email: string, password: string, address: string) =>
    client(server.url).post('/api/auth/login', { email, password }, from(address));

  beforeAll(async () => {
    // Behind a proxy, the address is the client's (X-Forwarded-For): tests can sign in from anywhere.
    server = await startTestServer('sqlite', { clock, env: { TRUST_PROXY: '1' } });
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    for (const email of ['victim@example.test', 'sprayed@example.test', 'busy@example.test']) {
      const res = await admin.post('/api/users', {
        email,
        name: email,
        role: 'agent',
        password: 'the real password 1',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server?.stop());

  it('lets the owner in with the right password after five wrong guesses by someone else', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await attempt('victim@example.test', 'guess-number-' + i, '203.0.113.7');
      expect(res.status).toBe(401);
      clock.advance(60);
    }
    // From the owner's desk, at once.
    expect((await attempt('victim@example.test', 'the real password 1', '198.51.100.20')).status).toBe(200);
  });

  it('doubles the wait of a guesser with every failure, up to a minute', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      let res = await attempt('sprayed@example.test', `wrong-${i}`, '203.0.113.9');
      if (res.status === 429) {
        const wait = Number(res.headers.get('retry-after'));
        waits.push(wait);
        clock.advance(wait);
        res = await attempt('sprayed@example.test', `wrong-${i}`, '203.0.113.9');
      }
      expect(res.status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    // The owner, elsewhere, waits at most the account's own cap (30 s), never a lockout.
    const owner = await attempt('sprayed@example.test', 'the real password 1', '198.51.100.21');
    expect([200, 429]).toContain(owner.status);
    if (owner.status === 429) {
      expect(Number(owner.headers.get('retry-after'))).toBeLessThanOrEqual(30);
      clock.advance(Number(owner.headers.get('retry-after')));
      expect((await attempt('sprayed@example.test', 'the real password 1', '198.51.100.21')).status).toBe(
        200,
      );
    }
  });

  it('does not count successful sign-ins against an address', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await attempt('busy@example.test', 'the real password 1', '192.0.2.50')).status).toBe(200);
    }
    expect((await attempt('busy@example.test', 'a typo', '192.0.2.50')).status).toBe(401);
  });

  it('slows an address that sprays many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await attempt(`user${i}@example.test`, 'nope-nope-nope', '203.0.113.99')).status);
    }
    // 20 failures are free; the 21st imposes a wait on the 22nd.
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    expect(statuses[21]).toBe(429);
  });
});
