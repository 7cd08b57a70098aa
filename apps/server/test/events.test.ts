import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import type { DomainEvent } from '../src/events/bus.ts';
import { startServer } from '../src/server.ts';
import { createTestDatabase, dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import { openStream, type SseStream } from './sse.ts';

/** GET /api/events over real HTTP: who receives what, how the stream starts, and how it ends. */

const at = () => new Date().toISOString();
const tripChanged = (tripId: string, hotelIds: string[]): DomainEvent => ({
  type: 'trip.changed',
  tripId,
  status: 'held',
  hotelIds,
  at: at(),
});
const availabilityChanged = (roomTypeId: string): DomainEvent => ({
  type: 'availability.changed',
  store: 'hotels',
  hotelId: 'htl_a',
  roomTypeId,
  dates: ['2026-12-01', '2026-12-02'],
  at: at(),
});
const hotel = (id: string) => ({
  id,
  name: `Hotel ${id}`,
  city: 'Lisbon',
  country: 'PT',
  address: null,
  timezone: 'Europe/Lisbon',
  stars: 4,
  amenities: [],
  createdAt: new Date().toISOString(),
});

describe.each(dialects)('live events on %s', (dialect) => {
  let server: TestServer;
  let adminToken: string;
  let agentToken: string;
  let deskAToken: string;
  let deskBToken: string;
  const streams: SseStream[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const s = await openStream(server.url + path, headers);
    streams.push(s);
    return s;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** Resolves once the stream's first message (`retry` + `: ok`) arrived: it is subscribed by then. */
  const connected = async (s: SseStream) => {
    await s.waitFor((m) => m.comments.includes('ok'));
    return s;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock: new ManualClock(new Date()) });
    await server.stores.hotels.insertCatalog({
      hotels: [hotel('htl_a'), hotel('htl_b')],
      roomTypes: [],
      rooms: [],
    });
    adminToken = await login(server.url, ADMIN.email, ADMIN.password);
    const admin = client(server.url, adminToken);
    const users = [
      { email: 'agent@example.test', role: 'agent' },
      { email: 'desk-a@example.test', role: 'frontdesk', hotelId: 'htl_a' },
      { email: 'desk-b@example.test', role: 'frontdesk', hotelId: 'htl_b' },
    ];
    for (const u of users) {
      const res = await admin.post('/api/users', { ...u, name: u.email, password: 'staff-password-1' });
      expect(res.status).toBe(201);
    }
    agentToken = await login(server.url, 'agent@example.test', 'staff-password-1');
    deskAToken = await login(server.url, 'desk-a@example.test', 'staff-password-1');
    deskBToken = await login(server.url, 'desk-b@example.test', 'staff-password-1');
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.stop();
  });

  it('opens a text/event-stream with a retry hint and an `: ok` comment at once', async () => {
    const s = await open('/api/events', bearer(adminToken));
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.headers.get('cache-control')).toBe('no-store, no-transform');
    const first = await s.waitFor(() => true);
    expect(first).toEqual({ retry: 3000, comments: ['ok'] });
    s.close();
  });

  it('delivers an event published on the bus to a connected admin, with increasing ids', async () => {
    const s = await connected(await open('/api/events', bearer(adminToken)));
    const trip = tripChanged('trp_1', ['htl_b']);
    const availability = availabilityChanged('rt_1');
    server.events.publish(trip);
    server.events.publish(availability);
    await s.waitFor((m) => m.event === 'availability.changed');
    const events = s.events();
    expect(events.map((e) => e.type)).toEqual(['trip.changed', 'availability.changed']);
    expect(events[0]!.data).toEqual(trip);
    expect(events[1]!.data).toEqual(availability);
    expect(events[1]!.id).toBeGreaterThan(events[0]!.id);
    s.close();
  });

  it('sends trip.changed to a front desk only for its own hotel; availability to everyone', async () => {
    const deskA = await connected(await open('/api/events', bearer(deskAToken)));
    const deskB = await connected(await open('/api/events', bearer(deskBToken)));
    const agent = await connected(await open('/api/events', bearer(agentToken)));
    server.events.publish(tripChanged('trp_at_a', ['htl_a']));
    server.events.publish(tripChanged('trp_at_a_and_b', ['htl_b', 'htl_a']));
    server.events.publish(tripChanged('trp_no_hotel', []));
    // Events arrive in order: once the marker is there, anything before it has been sent or filtered.
    server.events.publish(availabilityChanged('rt_marker'));
    for (const s of [deskA, deskB, agent]) await s.waitFor((m) => m.event === 'availability.changed');

    const trips = (s: SseStream) =>
      s.events().flatMap((e) => (e.type === 'trip.changed' ? [e.data.tripId] : []));
    expect(trips(deskA)).toEqual(['trp_at_a', 'trp_at_a_and_b']);
    expect(trips(deskB)).toEqual(['trp_at_a_and_b']);
    expect(trips(agent)).toEqual(['trp_at_a', 'trp_at_a_and_b', 'trp_no_hotel']);
    // One event, one id, whoever receives it.
    const idOf = (s: SseStream, tripId: string) => s.events().find((e) => e.data.tripId === tripId)!.id;
    expect(idOf(deskA, 'trp_at_a_and_b')).toBe(idOf(agent, 'trp_at_a_and_b'));
    for (const s of [deskA, deskB, agent]) s.close();
  });

  it('refuses an unauthenticated request with 401 problem+json, not a stream', async () => {
    const none = await open('/api/events');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(none.text!)).toMatchObject({ status: 401, code: 'unauthenticated' });
    const garbage = await open('/api/events', bearer('tdk_garbage'));
    expect(garbage.status).toBe(401);
  });

  it('takes the token from the access_token query parameter, for EventSource', async () => {
    const s = await connected(await open(`/api/events?access_token=${encodeURIComponent(deskAToken)}`));
    expect(s.status).toBe(200);
    server.events.publish(tripChanged('trp_by_query', ['htl_a']));
    await s.waitFor((m) => m.event === 'trip.changed');
    s.close();

    const wrong = await open('/api/events?access_token=tdk_wrong_secret_value');
    expect(wrong.status).toBe(401);
    // The problem's `instance` names the request without echoing the token.
    expect(wrong.text).not.toContain('tdk_wrong_secret_value');
    expect(JSON.parse(wrong.text!).instance).toBe('/api/events?access_token=[redacted]');
  });

  it('documents the access_token parameter in the OpenAPI document', async () => {
    const doc = (await client(server.url).get('/api/openapi.json')).body;
    const op = doc.paths['/api/events'].get;
    const param = op.parameters.find((p: { name: string }) => p.name === 'access_token');
    expect(param).toMatchObject({ in: 'query', description: expect.stringContaining('EventSource') });
    expect(param.required).not.toBe(true);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/event-stream']);
  });

  it('unsubscribes a stream when its client goes away', async () => {
    const before = server.app.eventStreams.size;
    const s = await connected(await open('/api/events', bearer(adminToken)));
    expect(server.app.eventStreams.size).toBe(before + 1);
    s.close();
    const deadline = Date.now() + 10_000;
    while (server.app.eventStreams.size !== before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(server.app.eventStreams.size).toBe(before);
  });
});

describe.each(dialects)('stopping a server with live event streams on %s', (dialect) => {
  it('ends open streams, so close() finishes instead of waiting for the clients', async () => {
    const server = await startTestServer(dialect);
    const streams: SseStream[] = [];
    try {
      const token = await login(server.url, ADMIN.email, ADMIN.password);
      for (let i = 0; i < 3; i++) {
        streams.push(await openStream(`${server.url}/api/events`, { authorization: `Bearer ${token}` }));
      }
      for (const s of streams) await s.waitFor((m) => m.comments.includes('ok'));
      const started = performance.now();
      // Without ending the streams, close() would wait for these clients forever.
      const closed = await Promise.race([
        server.close().then(() => 'closed'),
        new Promise((r) => setTimeout(r, 10_000, 'still open after 10 s')),
      ]);
      const ms = performance.now() - started;
      expect(closed).toBe('closed');
      await Promise.all(streams.map((s) => s.ended));
      console.info(`[events] server.close() with 3 open streams took ${ms.toFixed(0)} ms on ${dialect}`);
    } finally {
      // On failure, let the clients go so the server can stop.
      for (const s of streams) s.close();
      await server.stop();
    }
  });
});

describe('request logs', () => {
  it('never print the access_token of an event stream', async () => {
    const db = await createTestDatabase('sqlite');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const server = await startServer(
      loadConfig({ ...db.env, PORT: '0', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
      { logger: pino({ level: 'info' }, sink) },
    );
    try {
      const token = await login(server.url, ADMIN.email, ADMIN.password);
      const wrong = await openStream(`${server.url}/api/events?access%5Ftoken=tdk_leaked_secret`);
      expect(wrong.status).toBe(401);
      const s = await openStream(`${server.url}/api/events?x=1&access_token=${token}`);
      await s.waitFor((m) => m.comments.includes('ok'));
      // Closing ends the stream, and its request is logged.
      await server.close();
      const requests = lines.filter((l) => l.includes('/api/events'));
      expect(requests.length).toBeGreaterThanOrEqual(2);
      expect(requests.join('\n')).toContain('access_token=[redacted]');
      expect(lines.join('\n')).not.toContain(token);
      expect(lines.join('\n')).not.toContain('tdk_leaked_secret');
    } finally {
      await server.close();
      await db.drop();
    }
  });
});
