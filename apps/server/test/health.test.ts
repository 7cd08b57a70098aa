import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '@tripdesk/shared';
import { dialects } from './databases.ts';
import { startTestServer, type TestServer } from './harness.ts';

describe.each(dialects)('health on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  it('reports every store ok without a token', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = HealthResponseSchema.parse(await res.json());
    expect(body.stores).toEqual({ users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' });
  });

  it('answers 503 naming the store that is down', async () => {
    await server.stores.knex.flights.destroy();
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(503);
    const body = HealthResponseSchema.parse(await res.json());
    expect(body.status).toBe('degraded');
    expect(body.stores.flights).not.toBe('ok');
    expect(body.stores.users).toBe('ok');
  });
});
