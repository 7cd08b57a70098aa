import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_ADMIN_URL, pgAvailable } from './databases.ts';
import { ADMIN, client, login, startTestServer, type ApiResponse, type TestServer } from './harness.ts';

/**
 * A busy or absent database is the server's problem, not the client's: it answers 503 problem+json with
 * Retry-After, never a 500, and serves again as soon as the database does.
 */
describe.skipIf(!pgAvailable)('PostgreSQL busy or refusing connections', () => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  let database: string;
  let admin: Knex;

  beforeAll(async () => {
    // The smallest budget: one connection per store (and the event bus's two).
    server = await startTestServer('pg', { env: { DATABASE_POOL_MAX: '7' } });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    database = new URL(server.db.env.DATABASE_URL!).pathname.slice(1);
    admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    await admin?.raw('alter database ?? allow_connections true', [database]).catch(() => {});
    await admin?.destroy();
    await server?.stop();
  });

  const expectUnavailable = (res: ApiResponse) => {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  };

  it('answers 503 with Retry-After when every pooled connection stays busy', async () => {
    // A lock taken by another client keeps the users store's only connection waiting inside a query.
    const blocker = knexFactory({
      client: 'pg',
      connection: server.db.env.DATABASE_URL!,
      pool: { min: 0, max: 1 },
    });
    const trx = await blocker.transaction();
    try {
      await trx.raw('lock table users.sessions in access exclusive mode');
      const first = api.get('/api/me');
      // Started after the first holds the connection: it waits for the pool and is turned away.
      await new Promise((r) => setTimeout(r, 200));
      const second = await api.get('/api/me');
      expectUnavailable(second);
      await trx.rollback();
      // The first was only slow: it completes once the lock is gone.
      expect((await first).status).toBe(200);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
      await blocker.destroy();
    }
    expect((await api.get('/api/me')).status).toBe(200);
  });

  it('answers 503 with Retry-After while the database refuses connections, and serves again after', async () => {
    await admin.raw('alter database ?? allow_connections false', [database]);
    await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ?', [database]);
    // The first requests may meet a connection the server has not yet seen die; none may be a 500.
    const answers: ApiResponse[] = [];
    for (let i = 0; i < 5; i++) answers.push(await api.get('/api/trips'));
    for (const res of answers) expectUnavailable(res);
    const health = await client(server.url).get('/api/health');
    expect(health.status).toBe(503);

    await admin.raw('alter database ?? allow_connections true', [database]);
    let back: ApiResponse | undefined;
    for (let i = 0; i < 20 && back?.status !== 200; i++) {
      back = await api.get('/api/trips');
      if (back.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back?.status).toBe(200);
  });
});
