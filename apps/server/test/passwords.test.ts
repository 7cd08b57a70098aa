import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

/** NIST SP 800-63B at the API: what the issue found accepted is refused, in words, for every way in. */
describe('password policy', () => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  const create = (password: string, role = 'agent', email = 'weak@example.test') =>
    admin.post('/api/users', { email, name: 'Weak', role, password });

  it.each([
    ['password', /at least|common/],
    ['12345678', /sequence/],
    ['aaaaaaaa', /repeat/],
    ['Password1', /common/],
    ['weak@example.test', /email/],
    ['qwerty123', /common/],
    ['iloveyou!', /common/],
  ])('refuses %j with 400 on body.password, saying why', async (password, why) => {
    const res = await create(password);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ path: 'body.password', message: expect.stringMatching(why) }]);
    expect((await admin.get('/api/users')).body.items.map((u: { email: string }) => u.email)).not.toContain(
      'weak@example.test',
    );
  });

  it('asks 12 characters of an administrator, 8 of others', async () => {
    const res = await create('nine chars!', 'admin', 'boss@example.test');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Use at least 12 characters for an administrator.');
    expect((await create('a quiet lagoon', 'admin', 'boss@example.test')).status).toBe(201);
    expect((await create('tram 28 w', 'agent', 'clerk@example.test')).status).toBe(201);
  });

  it('holds a new password set by an admin to the same rules, for that user’s role and email', async () => {
    const user = await create('a fine password 9', 'agent', 'renamed@example.test');
    const weak = await admin.patch(`/api/users/${user.body.id}`, { password: 'renamed2026' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0]).toMatchObject({
      path: 'body.password',
      message: expect.stringMatching(/email/),
    });
    const promoted = await admin.patch(`/api/users/${user.body.id}`, {
      role: 'admin',
      password: 'ten chars!',
    });
    expect(promoted.status).toBe(400);
    expect(promoted.body.errors[0].message).toMatch(/12 characters/);
    expect((await admin.patch(`/api/users/${user.body.id}`, { password: 'another fine one 3' })).status).toBe(
      200,
    );
  });

  it('refuses a weak ADMIN_PASSWORD at start, naming the variable', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'password123' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'short pass' })).toThrow(
      /ADMIN_PASSWORD: Use at least 12 characters/,
    );
    expect(
      loadConfig({ ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: ADMIN.password }).admin,
    ).toBeDefined();
  });
});
