import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_USER } from '../src/http/routes/events.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import { openStream, type SseStream } from './sse.ts';

/**
 * An event stream lives no longer than its session: signing out, being disabled or getting a new
 * password ends it at once (before any later event reaches it), on SQLite and across PostgreSQL's
 * LISTEN/NOTIFY; a new role or hotel applies at once; and one user's open streams are capped.
 */
describe.each(dialects)('event streams and sessions on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  const streams: SseStream[] = [];
  const password = 'a staff password 1';
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    for (const id of ['htl_one', 'htl_two']) {
      const res = await admin.post('/api/hotels', { name: id, city: 'Lisbon', country: 'PT' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.stop();
  });

  async function staff(role: 'agent' | 'frontdesk' = 'agent', hotelId?: string) {
    const email = `staff${++n}-${dialect}@example.test`;
    const res = await admin.post('/api/users', { email, name: email, role, password, hotelId });
    expect(res.status).toBe(201);
    const token = await login(server.url, email, password);
    return { id: res.body.id as string, token, api: client(server.url, token) };
  }
  async function stream(token: string) {
    const s = await openStream(`${server.url}/api/events`, { authorization: `Bearer ${token}` });
    streams.push(s);
    expect(s.status).toBe(200);
    await s.waitFor((m) => m.comments.includes('ok'));
    return s;
  }
  /** A trip.changed every stream of an agent would receive. */
  const newTrip = () => admin.post('/api/trips', { customer: { name: 'Ann', email: 'ann@example.test' } });
  const tripEvents = (s: SseStream) => s.events().filter((e) => e.type === 'trip.changed');

  it.each([
    ['signs out', async (u: Awaited<ReturnType<typeof staff>>) => u.api.post('/api/auth/logout')],
    [
      'is disabled',
      async (u: Awaited<ReturnType<typeof staff>>) => admin.patch(`/api/users/${u.id}`, { disabled: true }),
    ],
    [
      'gets a new password',
      async (u: Awaited<ReturnType<typeof staff>>) =>
        admin.patch(`/api/users/${u.id}`, { password: 'another password 2' }),
    ],
  ])('ends the stream at once when its user %s', async (_what, change) => {
    const user = await staff();
    const s = await stream(user.token);
    const watcher = await stream((await staff()).token);
    expect([200, 204]).toContain((await change(user)).status);
    await newTrip();
    // The other stream got the trip event; by then the ended one had ended, without it.
    await watcher.waitFor((m) => m.event === 'trip.changed');
    await s.ended;
    expect(tripEvents(s)).toEqual([]);
  });

  it('keeps the stream of another session of the same user when one signs out', async () => {
    const user = await staff();
    const other = client(server.url, await login(server.url, `staff${n}-${dialect}@example.test`, password));
    const s = await stream(user.token);
    expect((await other.post('/api/auth/logout')).status).toBe(204);
    const trip = await newTrip();
    await s.waitFor((m) => m.event === 'trip.changed' && m.data!.includes(trip.body.id));
  });

  it('applies a front desk’s new hotel at once', async () => {
    const hotels = (await admin.get('/api/hotels')).body.items.map((h: { id: string }) => h.id);
    const desk = await staff('frontdesk', hotels[0]);
    const s = await stream(desk.token);
    expect((await admin.patch(`/api/users/${desk.id}`, { hotelId: hotels[1] })).status).toBe(200);
    // An event for the old hotel, then one for the new: only the second arrives.
    server.events.publish({
      type: 'trip.changed',
      tripId: 'trp_old',
      status: 'held',
      hotelIds: [hotels[0]],
      at: new Date().toISOString(),
    });
    server.events.publish({
      type: 'trip.changed',
      tripId: 'trp_new',
      status: 'held',
      hotelIds: [hotels[1]],
      at: new Date().toISOString(),
    });
    await s.waitFor((m) => m.event === 'trip.changed' && m.data!.includes('trp_new'));
    expect(tripEvents(s).map((e) => e.data.tripId)).toEqual(['trp_new']);
  });

  it(`closes a user's oldest stream past ${MAX_STREAMS_PER_USER} open ones`, async () => {
    const user = await staff();
    const mine: SseStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) mine.push(await stream(user.token));
    const newest = await stream(user.token);
    await mine[0]!.ended;
    const trip = await newTrip();
    for (const s of [...mine.slice(1), newest]) {
      await s.waitFor((m) => m.event === 'trip.changed' && m.data!.includes(trip.body.id));
    }
    expect(tripEvents(mine[0]!)).toEqual([]);
  });
});
