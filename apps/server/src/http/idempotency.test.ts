import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { dialects } from '../../test/databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from '../../test/harness.ts';
import { authenticate } from './auth.ts';
import { canonicalJson, idempotency, requestFingerprint } from './idempotency.ts';
import { problemHandler } from './problem.ts';

/**
 * The middleware in front of test-only routes whose timing and failures the test controls, on a real
 * server's stores and sign-in: a request held in flight, a 5xx, a lock that lapses while a request
 * still runs.
 */

/** A promise the test resolves by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = app.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(dialects)('idempotency middleware on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let userId: string;
  const clock = new ManualClock(new Date());
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock, env: { SESSION_TTL_HOURS: '1000' } });
    token = await login(server.url, ADMIN.email, ADMIN.password);
    userId = (await client(server.url, token).get('/api/me')).body.id;
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await server?.stop();
  });

  /** A small app: the real JSON parser, sign-in and middleware, then the test's routes. */
  async function app(
    routes: (app: Express) => void,
    opts: { lockSeconds?: number } = {},
  ): Promise<ReturnType<typeof client> & { url: string }> {
    const a = express();
    a.use(express.json());
    a.use('/api', authenticate(server.app.services.auth));
    a.use(
      '/api',
      idempotency({ keys: server.stores.idempotency, clock, logger: pino({ level: 'silent' }), ...opts }),
    );
    routes(a);
    a.use(problemHandler);
    const running = await listen(a);
    closers.push(running.close);
    return { ...client(running.url, token), url: running.url };
  }
  const scope = (path: string, key: string) => ({ userId, method: 'POST', path, key });

  it('answers 409 idempotency_conflict while the first request is in flight, then replays it', async () => {
    const release = gate();
    const entered = gate();
    let calls = 0;
    const api = await app((a) =>
      a.post('/api/slow', async (req, res) => {
        calls++;
        entered.open();
        await release.opened;
        res.status(201).location(`/api/slow/${calls}`).json({ calls, echo: req.body });
      }),
    );
    const key = randomUUID();
    const first = api.post('/api/slow', { a: 1 }, { 'idempotency-key': key });
    await entered.opened;

    const during = await api.post('/api/slow', { a: 1 }, { 'idempotency-key': key });
    expect(during.status).toBe(409);
    expect(during.body.code).toBe('idempotency_conflict');
    expect(during.headers.get('retry-after')).toBe('1');
    const otherBody = await api.post('/api/slow', { a: 2 }, { 'idempotency-key': key });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('idempotency_key_reused');

    release.open();
    const done = await first;
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ calls: 1, echo: { a: 1 } });

    const replay = await api.post('/api/slow', { a: 1 }, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(done.body);
    expect(replay.headers.get('location')).toBe('/api/slow/1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toBe(1);
  });

  it('replays status, content type, Location and body byte for byte', async () => {
    let calls = 0;
    const api = await app((a) => {
      a.post('/api/exact', (_req, res) => {
        calls++;
        res
          .status(202)
          .type('application/vnd.tripdesk.test+json; charset=utf-8')
          .setHeader('Location', '/api/exact/é')
          .send(`{ "z": 1,   "a": "ünïcödé ${calls}" }\n`);
      });
      a.post('/api/empty', (_req, res) => {
        calls++;
        res.status(204).end();
      });
    });
    const key = randomUUID();
    const raw = async () => {
      const res = await fetch(`${api.url}/api/exact`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: '{"x":[1,2]}',
      });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    };
    const first = await raw();
    const again = await raw();
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.body.toString('utf8')).toBe(`{ "z": 1,   "a": "ünïcödé 1" }\n`);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(calls).toBe(1);

    const emptyKey = randomUUID();
    expect((await api.post('/api/empty', undefined, { 'idempotency-key': emptyKey })).status).toBe(204);
    const emptyAgain = await api.post('/api/empty', undefined, { 'idempotency-key': emptyKey });
    expect(emptyAgain.status).toBe(204);
    expect(emptyAgain.body).toBeUndefined();
    expect(emptyAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toBe(2);
  });

  it('does not store a 5xx or a 429: the retry runs the request again', async () => {
    let calls = 0;
    const api = await app((a) => {
      a.post('/api/flaky', (_req, res) => {
        calls++;
        if (calls === 1) throw new Error('the database went away');
        if (calls === 2) {
          res.status(503).json({ down: true });
          return;
        }
        if (calls === 3) {
          res.status(429).json({ slow: 'down' });
          return;
        }
        res.status(201).json({ calls });
      });
    });
    const key = randomUUID();
    const crashed = await api.post('/api/flaky', { n: 1 }, { 'idempotency-key': key });
    expect(crashed.status).toBe(500);
    expect(crashed.body.code).toBe('internal_error');
    expect(await server.stores.idempotency.find(scope('/api/flaky', key))).toBeUndefined();

    expect((await api.post('/api/flaky', { n: 1 }, { 'idempotency-key': key })).status).toBe(503);
    expect(await server.stores.idempotency.find(scope('/api/flaky', key))).toBeUndefined();
    expect((await api.post('/api/flaky', { n: 1 }, { 'idempotency-key': key })).status).toBe(429);
    expect(await server.stores.idempotency.find(scope('/api/flaky', key))).toBeUndefined();

    const ok = await api.post('/api/flaky', { n: 1 }, { 'idempotency-key': key });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ calls: 4 });
    const replay = await api.post('/api/flaky', { n: 1 }, { 'idempotency-key': key });
    expect(replay.body).toEqual({ calls: 4 });
    expect(calls).toBe(4);
  });

  it('keeps extending the lock of a request that is still running, so no retry takes it over', async () => {
    const release = gate();
    const entered = gate();
    let calls = 0;
    // A 0.3 s lock is renewed every 0.1 s of real time.
    const api = await app(
      (a) =>
        a.post('/api/long', async (_req, res) => {
          calls++;
          entered.open();
          await release.opened;
          res.status(201).json({ calls });
        }),
      { lockSeconds: 0.3 },
    );
    const key = randomUUID();
    const first = api.post('/api/long', {}, { 'idempotency-key': key });
    await entered.opened;
    // The test clock moves past the claimed lock; only a renewal can move the lock after it.
    clock.advance(5);
    await until(async () => {
      const record = await server.stores.idempotency.find(scope('/api/long', key));
      return record?.state === 'in_flight' && record.lockedUntil > clock.now().toISOString();
    }, 'the lock to be renewed');
    const during = await api.post('/api/long', {}, { 'idempotency-key': key });
    expect(during.status).toBe(409);
    release.open();
    expect((await first).body).toEqual({ calls: 1 });
    expect(calls).toBe(1);
  });

  it('keeps the key locked for a request whose client gave up, and stores its answer for the retry', async () => {
    const release = gate();
    const entered = gate();
    let calls = 0;
    const api = await app(
      (a) =>
        a.post('/api/abandoned', async (_req, res) => {
          calls++;
          entered.open();
          await release.opened;
          res.status(201).json({ calls });
        }),
      { lockSeconds: 0.3 },
    );
    const key = randomUUID();
    const abort = new AbortController();
    const gaveUp = fetch(`${api.url}/api/abandoned`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: '{}',
      signal: abort.signal,
    }).catch(() => 'aborted');
    await entered.opened;
    abort.abort();
    expect(await gaveUp).toBe('aborted');
    clock.advance(5);
    await until(async () => {
      const record = await server.stores.idempotency.find(scope('/api/abandoned', key));
      return record?.state === 'in_flight' && record.lockedUntil > clock.now().toISOString();
    }, 'the lock to be renewed after the client left');
    expect((await api.post('/api/abandoned', {}, { 'idempotency-key': key })).status).toBe(409);
    release.open();
    await until(
      async () => (await server.stores.idempotency.find(scope('/api/abandoned', key)))?.state === 'done',
      'the abandoned request to be stored',
    );
    const retry = await api.post('/api/abandoned', {}, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ calls: 1 });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toBe(1);
  });

  it('lets a request whose lock lapsed finish without overwriting the retry that took the key over', async () => {
    const gates = [gate(), gate()];
    const entered = [gate(), gate()];
    let calls = 0;
    const api = await app((a) =>
      a.post('/api/stuck', async (_req, res) => {
        const n = calls++;
        entered[n]!.open();
        await gates[n]!.opened;
        res.status(201).json({ run: n + 1 });
      }),
    );
    const key = randomUUID();
    const stuck = api.post('/api/stuck', {}, { 'idempotency-key': key });
    await entered[0]!.opened;
    // As if the first process hung past its lock (the renewal runs every 20 s of real time).
    clock.advance(61);
    const retry = api.post('/api/stuck', {}, { 'idempotency-key': key });
    await entered[1]!.opened;
    // The retry answers first; the late first run must not then replace its stored answer.
    gates[1]!.open();
    expect((await retry).body).toEqual({ run: 2 });
    gates[0]!.open();
    expect((await stuck).body).toEqual({ run: 1 });
    const replay = await api.post('/api/stuck', {}, { 'idempotency-key': key });
    expect(replay.body).toEqual({ run: 2 });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('passes requests without a key, and other methods, straight through', async () => {
    let calls = 0;
    const api = await app((a) => {
      a.post('/api/plain', (_req, res) => {
        calls++;
        res.status(201).json({ calls });
      });
      a.put('/api/plain', (_req, res) => {
        calls++;
        res.json({ calls });
      });
    });
    expect((await api.post('/api/plain', {})).body).toEqual({ calls: 1 });
    expect((await api.post('/api/plain', {})).body).toEqual({ calls: 2 });
    const key = randomUUID();
    expect((await api.call('PUT', '/api/plain', {}, { 'idempotency-key': key })).body).toEqual({ calls: 3 });
    expect((await api.call('PUT', '/api/plain', {}, { 'idempotency-key': key })).body).toEqual({ calls: 4 });
    expect(await server.stores.idempotency.find({ ...scope('/api/plain', key), method: 'PUT' })).toBe(
      undefined,
    );
  });
});

describe('request fingerprint', () => {
  it('ignores key order and whitespace, not values, array order or the path', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const fp = requestFingerprint('POST', '/api/trips', {}, JSON.parse('{ "x": 1, "y": [1, 2] }'));
    expect(requestFingerprint('POST', '/api/trips', {}, JSON.parse('{"y":[1,2],"x":1}'))).toBe(fp);
    expect(requestFingerprint('POST', '/api/trips', {}, { x: 1, y: [2, 1] })).not.toBe(fp);
    expect(requestFingerprint('POST', '/api/trips', {}, { x: '1', y: [1, 2] })).not.toBe(fp);
    expect(requestFingerprint('POST', '/api/users', {}, { x: 1, y: [1, 2] })).not.toBe(fp);
    expect(requestFingerprint('POST', '/api/trips', { dry: '1' }, { x: 1, y: [1, 2] })).not.toBe(fp);
    expect(requestFingerprint('POST', '/api/trips', {}, undefined)).not.toBe(
      requestFingerprint('POST', '/api/trips', {}, {}),
    );
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
  });
});
