import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@tripdesk/shared';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type ApiResponse, type TestServer } from './harness.ts';
import { rawRequest } from './raw-http.ts';

/**
 * Found by probing the API from outside as an attacker would (issue 11); each test fails without its fix.
 * On both databases: PostgreSQL refuses what SQLite stores (NUL), and the answer must be the same.
 */
const today = () => todayIn('UTC', new Date());

describe.each(dialects)('hardening at the edge on %s', (dialect) => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  let anonymous: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      loginLimits: { freePerPair: 10_000, freePerAccount: 10_000, freePerAddress: 10_000 },
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    anonymous = client(server.url);
  });
  afterAll(() => server?.stop());

  const expectProblem = (res: ApiResponse, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  };

  it('refuses deeply nested JSON with an Idempotency-Key as 400, not a stack overflow', async () => {
    const depth = 5000;
    const body = `{"customer":{"name":"Ann","email":"ann@example.test"},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(body.length).toBeGreaterThan(10_000);
    const res = await api.post('/api/trips', body, { 'idempotency-key': 'deep-1' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].message).toMatch(/nested deeper/);
    // The server is fine and nothing was written.
    expect((await api.get('/api/trips')).body.items).toEqual([]);
  });

  it.each([
    ['a login email', () => anonymous.post('/api/auth/login', { email: 'a\u0000@x.test', password: 'x' })],
    ['a trip id in the path', () => api.get('/api/trips/%00')],
    ['a trip id in the path, signed out', () => anonymous.get('/api/trips/trp_%00')],
    [
      'a query parameter',
      () => api.get('/api/availability/hotels?city=%00&checkIn=2030-01-01&checkOut=2030-01-02'),
    ],
    ['a customer name', () => api.post('/api/trips', { customer: { name: 'A\u0000n', email: 'a@x.test' } })],
    [
      'a member name',
      () => api.post('/api/trips', '{"customer":{"name":"Ann","email":"a@x.test","\\u0000":1}}'),
    ],
    ['a hotel name', () => api.post('/api/hotels', { name: 'Inn\u0000', city: 'Lisbon', country: 'PT' })],
  ])('refuses a NUL character in %s as 400 validation_failed', async (_where, send) => {
    expectProblem(await send(), 400, 'validation_failed');
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('answers 413 from the Content-Length header, without reading or waiting for the body', async () => {
    const res = await rawRequest(
      server.url,
      'POST /api/trips HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 50000000\r\nAuthorization: Bearer nobody\r\n\r\n',
    );
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' });
    expect(res.closed).toBe(true);
  });

  it('tells an unknown caller 401 before reading its body, and closes the connection', async () => {
    // A body announced and sent one byte every 200 ms: the answer does not wait for it.
    const body = '{"customer":{"name":"Slow","email":"slow@example.test"}}';
    const res = await rawRequest(
      server.url,
      'POST /api/trips HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\n\r\n`,
      { trickle: body },
    );
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'unauthenticated' });
    expect(res.headers.connection).toBe('close');
    expect(res.closed).toBe(true);
  });

  it('answers what the HTTP parser refuses as problem+json: 400 for garbage, 431 for huge headers', async () => {
    const garbage = await rawRequest(server.url, 'GARBAGE\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(garbage.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, code: 'validation_failed' });

    const huge = await rawRequest(
      server.url,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('marks every API answer Cache-Control: no-store', async () => {
    const login = await anonymous.post('/api/auth/login', ADMIN);
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const trip = await api.post('/api/trips', { customer: { name: 'Ann', email: 'ann@example.test' } });
    for (const res of [
      await api.get('/api/me'),
      trip,
      await api.get(`/api/trips/${trip.body.id}`),
      await api.get('/api/trips'),
      await api.get('/api/users'),
      await api.get('/api/reports/sales?from=2026-01-01&to=2026-01-31'),
      await api.get('/api/trips/trp_none/receipt'),
      await anonymous.get('/api/me'),
    ]) {
      expect(res.headers.get('cache-control'), `${res.status}`).toBe('no-store');
    }
  });

  it.each([
    [
      'a stay in year 9999',
      (t: string) =>
        api.post(`/api/trips/${t}/items`, {
          type: 'hotel',
          roomTypeId: 'rmt_x',
          checkIn: '9999-12-30',
          checkOut: '9999-12-31',
          guests: 1,
        }),
    ],
    [
      'a five-digit year',
      (t: string) =>
        api.post(`/api/trips/${t}/items`, {
          type: 'car',
          locationCode: 'LIS',
          category: 'ECMR',
          pickUp: '10000-01-01',
          dropOff: '10000-01-03',
        }),
    ],
    [
      'a search past the horizon',
      () =>
        api.get(
          `/api/availability/hotels?city=Lisbon&checkIn=${addDays(today(), 731)}&checkOut=${addDays(today(), 733)}`,
        ),
    ],
    [
      'a flight departing past the horizon',
      () =>
        api.post('/api/flights', {
          flightNumber: 'TP1',
          from: 'LIS',
          to: 'OPO',
          departureAt: `${addDays(today(), 800)}T10:00:00Z`,
          arrivalAt: `${addDays(today(), 800)}T11:00:00Z`,
          fareClasses: [
            { code: 'Y', name: 'Economy', price: { amount: 100, currency: 'EUR' }, seats: ['1A'] },
          ],
        }),
    ],
  ])('refuses %s as validation_failed', async (_what, send) => {
    const trip = await api.post('/api/trips', { customer: { name: 'Far', email: 'far@example.test' } });
    const res = await send(trip.body.id);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].message).toMatch(/at most 730 days ahead/);
  });

  it('takes dates up to the horizon', async () => {
    const res = await api.get(
      `/api/availability/hotels?city=Lisbon&checkIn=${addDays(today(), 729)}&checkOut=${addDays(today(), 730)}`,
    );
    expect(res.status).toBe(200);
  });
});
