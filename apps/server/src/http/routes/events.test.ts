import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventBus, type DomainEvent } from '../../events/bus.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from '../../../test/harness.ts';
import { openStream, type SseStream } from '../../../test/sse.ts';
import { problemHandler } from '../problem.ts';
import { canSeeEvent as visibleTo } from '../../access/access.ts';
import { eventRoutes, withoutAccessToken, type EventStreams } from './events.ts';

/**
 * The event stream with a short heartbeat, on a real server's sign-in: heartbeats arrive, and each one
 * re-checks the session, so a logout or a disabled account ends the stream and a new hotel applies.
 */
describe('event stream heartbeat', () => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let http: Server;
  let url: string;
  let streams: EventStreams;
  const bus = new LocalEventBus();
  const opened: SseStream[] = [];
  const tripAt = (tripId: string, hotelId: string): DomainEvent => ({
    type: 'trip.changed',
    tripId,
    status: 'held',
    hotelIds: [hotelId],
    at: new Date().toISOString(),
  });
  const hotel = (id: string) => ({
    id,
    name: id,
    city: 'Porto',
    country: 'PT',
    address: null,
    timezone: 'Europe/Lisbon',
    stars: 3,
    amenities: [],
    createdAt: new Date().toISOString(),
  });
  const open = async (token: string) => {
    const s = await openStream(`${url}/api/events`, { authorization: `Bearer ${token}` });
    opened.push(s);
    await s.waitFor((m) => m.comments.includes('ok'));
    return s;
  };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await server.stores.hotels.insertCatalog({
      hotels: [hotel('htl_one'), hotel('htl_two')],
      roomTypes: [],
      rooms: [],
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const app = express();
    streams = eventRoutes(server.app.services.auth, bus, { heartbeatMs: 30 });
    app.use(streams.router);
    app.use(problemHandler);
    http = app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    streams?.endAll();
    await new Promise<void>((resolve) => {
      http?.close(() => resolve());
      http?.closeAllConnections();
    });
    await server?.stop();
  });

  it('sends a heartbeat comment on its interval', async () => {
    const s = await open(await login(server.url, ADMIN.email, ADMIN.password));
    await s.waitFor((m) => m.comments.includes('heartbeat'));
    s.close();
  });

  it('ends the stream once the token is logged out', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const s = await open(token);
    expect((await client(server.url, token).post('/api/auth/logout')).status).toBe(204);
    await s.ended;
    expect(streams.size).toBe(0);
  });

  it('ends the stream of a user who is disabled', async () => {
    const created = await admin.post('/api/users', {
      email: 'soon-gone@example.test',
      name: 'Soon Gone',
      role: 'agent',
      password: 'agent-password-1',
    });
    const s = await open(await login(server.url, 'soon-gone@example.test', 'agent-password-1'));
    expect((await admin.patch(`/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    await s.ended;
  });

  it('applies a front desk’s new hotel from the next heartbeat on', async () => {
    const created = await admin.post('/api/users', {
      email: 'moving-desk@example.test',
      name: 'Moving Desk',
      role: 'frontdesk',
      hotelId: 'htl_one',
      password: 'desk-password-1',
    });
    expect(created.status).toBe(201);
    const s = await open(await login(server.url, 'moving-desk@example.test', 'desk-password-1'));
    bus.publish(tripAt('trp_at_two_before', 'htl_two'));
    bus.publish(tripAt('trp_at_one_before', 'htl_one'));
    await s.waitFor((m) => m.data?.includes('trp_at_one_before') ?? false);

    expect((await admin.patch(`/api/users/${created.body.id}`, { hotelId: 'htl_two' })).status).toBe(200);
    const heartbeats = () => s.messages.filter((m) => m.comments.includes('heartbeat')).length;
    const seen = heartbeats();
    // The next heartbeat re-checks the session; by the third one after, that check has been answered.
    await s.waitFor(() => heartbeats() >= seen + 3);
    bus.publish(tripAt('trp_at_one_after', 'htl_one'));
    bus.publish(tripAt('trp_at_two_after', 'htl_two'));
    await s.waitFor((m) => m.data?.includes('trp_at_two_after') ?? false);
    expect(s.events().map((e) => e.data.tripId)).toEqual(['trp_at_one_before', 'trp_at_two_after']);
    s.close();
  });
});

describe('withoutAccessToken', () => {
  it('redacts the token, however the parameter name is spelled, and keeps the rest', () => {
    expect(withoutAccessToken('/api/events?access_token=tdk_secret')).toBe(
      '/api/events?access_token=[redacted]',
    );
    expect(withoutAccessToken('/api/events?a=1&access_token=tdk_secret&b=2#x')).toBe(
      '/api/events?a=1&access_token=[redacted]&b=2#x',
    );
    expect(withoutAccessToken('/api/events?access%5Ftoken=tdk_secret')).toBe(
      '/api/events?access%5Ftoken=[redacted]',
    );
    expect(withoutAccessToken('/api/events?access_token=one&access_token=two')).toBe(
      '/api/events?access_token=[redacted]&access_token=[redacted]',
    );
    expect(withoutAccessToken('/api/events?access_token')).toBe('/api/events?access_token=[redacted]');
    expect(withoutAccessToken('/api/events?not_access_token=keep&%zz=1')).toBe(
      '/api/events?not_access_token=keep&%zz=1',
    );
    expect(withoutAccessToken('/api/health')).toBe('/api/health');
  });
});

describe('visibleTo', () => {
  const event: DomainEvent = {
    type: 'trip.changed',
    tripId: 'trp_1',
    status: 'held',
    hotelIds: ['htl_a'],
    at: '2026-11-21T09:00:00.000Z',
  };
  const availability: DomainEvent = { type: 'availability.changed', store: 'cars', at: event.at };
  const user = (role: 'admin' | 'agent' | 'frontdesk', hotelId?: string) => ({
    id: 'usr_1',
    email: 'u@example.test',
    name: 'U',
    role,
    ...(hotelId ? { hotelId } : {}),
  });

  it('shows trips to admins, agents and the desks of the trip’s hotels; availability to all', () => {
    expect(visibleTo(user('admin'), event)).toBe(true);
    expect(visibleTo(user('agent'), event)).toBe(true);
    expect(visibleTo(user('frontdesk', 'htl_a'), event)).toBe(true);
    expect(visibleTo(user('frontdesk', 'htl_b'), event)).toBe(false);
    expect(visibleTo(user('frontdesk'), event)).toBe(false);
    for (const u of [user('admin'), user('agent'), user('frontdesk', 'htl_b')]) {
      expect(visibleTo(u, availability)).toBe(true);
    }
  });
});
