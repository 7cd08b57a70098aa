import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

/** Malformed input of every kind is a 4xx problem+json, never a 500 nor a half-written record. */
describe('error handling', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      loginLimits: { freePerPair: 10_000, freePerAccount: 10_000, freePerAddress: 10_000 },
    });
    token = await login(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(() => server?.stop());

  async function raw(path: string, init: RequestInit) {
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  }
  const auth = () => ({ authorization: `Bearer ${token}` });

  function expectProblem(r: { status: number; type: string; body: any }, status: number, code: string) {
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^https:/),
      title: expect.any(String),
      detail: expect.any(String),
    });
  }

  it('malformed JSON is 400 validation_failed', async () => {
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{"email": ',
      }),
      400,
      'validation_failed',
    );
  });

  it('a JSON body that is not an object, or wrong types, lists each problem', async () => {
    const r = await raw('/api/users', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42, name: ['x'], role: 'pilot', password: true }),
    });
    expectProblem(r, 400, 'validation_failed');
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
      'body.role',
    ]);
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '"text"',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: 'null',
      }),
      400,
      'validation_failed',
    );
  });

  it('a missing body is 400', async () => {
    expectProblem(await raw('/api/users', { method: 'POST', headers: auth() }), 400, 'validation_failed');
  });

  it('an oversize body is 413', async () => {
    const body = JSON.stringify({
      email: 'a@b.test',
      name: 'x'.repeat(400_000),
      role: 'agent',
      password: 'xxxxxxxx',
    });
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body,
      }),
      413,
      'payload_too_large',
    );
  });

  it('a body that is not JSON, a foreign charset or an unknown encoding is 415', async () => {
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'text/plain' },
        body: 'hello',
      }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json; charset=latin1' },
        body: '{}',
      }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await raw('/api/users', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'x-custom' },
        body: '{}',
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('a gzip body that is not gzip is 400; real gzip is accepted', async () => {
    const bad = await raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const good = await raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ email: ADMIN.email, password: ADMIN.password })),
    });
    expect(good.status).toBe(200);
  });

  it('invalid UTF-8 in a JSON body is a 400, not a 500', async () => {
    const r = await raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(r.status).toBe(400);
  });

  it('unknown API paths are 404 problems; unknown paths outside /api fall to the renderer', async () => {
    expectProblem(await raw('/api/nothing-here', { headers: auth() }), 404, 'not_found');
    expectProblem(await raw('/api/nothing-here', {}), 401, 'unauthenticated');
    // Outside /api only GET reaches the renderer: any other method is a problem too, not an HTML page.
    expectProblem(await raw('/', { method: 'PATCH', headers: auth() }), 404, 'not_found');
    expectProblem(await raw('/somewhere', { method: 'POST' }), 404, 'not_found');
  });

  it('sets security headers', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('never answers 500 to arbitrary bodies, and never writes a user from an invalid one', async () => {
    const before = await server.stores.users.count();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string()), async (value) => {
        for (const path of ['/api/users', '/api/auth/login']) {
          const r = await client(server.url, token).post(
            path,
            typeof value === 'string' ? value : JSON.stringify(value),
          );
          expect(r.status).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
    expect(await server.stores.users.count()).toBe(before);
  });
});
