import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgAvailable, type TestDatabase } from './databases.ts';
import { client, login, spawnServer, type ServerProcess, stopProcesses } from './harness.ts';
import { openStream, type SseStream } from './sse.ts';

/**
 * The PostgreSQL deployment end to end: two server processes on one database. A desk watching
 * process A's event stream sees what a request to process B changed (PgEventBus, LISTEN/NOTIFY).
 */
describe.skipIf(!pgAvailable)('live events across two server processes', () => {
  const admin = { ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'root-password-1' };
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let urlA: string;
  let urlB: string;
  let stream: SseStream | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    // One after the other: the first runs the migrations.
    a = spawnServer({ ...db.env, ...admin });
    urlA = await a.url;
    b = spawnServer({ ...db.env, ...admin });
    urlB = await b.url;
  });
  afterAll(async () => {
    stream?.close();
    await stopProcesses([a, b]);
    await db?.drop();
  });

  it('delivers to a client of process A the trip and availability changes made through process B', async () => {
    const tokenA = await login(urlA, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD);
    const onB = client(urlB, await login(urlB, admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD));
    stream = await openStream(`${urlA}/api/events?access_token=${encodeURIComponent(tokenA)}`);
    expect(stream.status).toBe(200);
    await stream.waitFor((m) => m.comments.includes('ok'));

    const hotel = await onB.post('/api/hotels', { name: 'Two Process Hotel', city: 'Faro', country: 'PT' });
    expect(hotel.status).toBe(201);
    const roomType = await onB.post(`/api/hotels/${hotel.body.id}/room-types`, {
      name: 'Single',
      maxOccupancy: 1,
      nightlyRate: { amount: 8000, currency: 'EUR' },
      roomNumbers: ['1'],
    });
    expect(roomType.status).toBe(201);
    const trip = await onB.post('/api/trips', { customer: { name: 'Rui', email: 'rui@example.test' } });
    expect(trip.status).toBe(201);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const item = await onB.post(`/api/trips/${trip.body.id}/items`, {
      type: 'hotel',
      roomTypeId: roomType.body.id,
      checkIn: day(20),
      checkOut: day(21),
      guests: 1,
    });
    expect(item.status).toBe(201);

    const held = await stream.waitFor((m) => {
      if (m.event !== 'trip.changed') return false;
      const data = JSON.parse(m.data!);
      return data.tripId === trip.body.id && data.hotelIds.includes(hotel.body.id);
    });
    expect(JSON.parse(held.data!)).toMatchObject({ type: 'trip.changed', status: 'held' });
    await stream.waitFor(
      (m) => m.event === 'availability.changed' && JSON.parse(m.data!).roomTypeId === roomType.body.id,
    );
    // Each change arrives once, though both processes received it from PostgreSQL.
    const tripEvents = stream
      .events()
      .filter((e) => e.type === 'trip.changed' && e.data.tripId === trip.body.id);
    expect(new Set(tripEvents.map((e) => e.id)).size).toBe(tripEvents.length);
    expect(tripEvents.filter((e) => e.data.status === 'open')).toHaveLength(1);
  });

  it('stops on SIGTERM with exit 0 while a client is still connected, ending its stream', async () => {
    expect(stream?.status).toBe(200);
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    await stream!.ended;
  });
});
