import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import type { Stores } from '../src/stores/index.ts';
import { insertSmallCatalog, invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import { race } from './race.ts';

const NONE = { hotels: [], flights: [], cars: [] };

/** Units counted as held in each store must be those of the held holds (and nothing broken). */
async function expectConsistent(stores: Stores) {
  expect(await invariantViolations(stores)).toEqual(NONE);
}

describe.each(dialects)('races for the last units over HTTP on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  let api: ReturnType<typeof client>;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { SWEEP_INTERVAL_SECONDS: '3600', MAX_ACTIVE_HOLDS_PER_USER: '1000' },
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(async () => {
    console.info(`[race timings ${dialect}] ${JSON.stringify(timings)}`);
    await server?.stop();
  });

  const trips = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        (await api.post('/api/trips', { customer: { name: `Racer ${i}`, email: `r${i}@example.test` } })).body
          .id,
      );
    }
    return ids;
  };

  it('sells a room type of 3 rooms exactly 3 times to 40 trips asking at once', async () => {
    const c = await insertSmallCatalog(server.stores, { tag: `race${dialect}h`, now: clock.now(), rooms: 3 });
    const ids = await trips(40);
    const stay = {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 3),
      guests: 2,
    };
    const { tally, answers, ms } = await race(
      ids.map((id) => () => api.post(`/api/trips/${id}/items`, stay)),
    );
    timings.rooms40 = ms;
    expect(tally).toEqual({ '201': 3, '409 sold_out': 37 });
    const rows = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(rows.map((r: { held: number; capacity: number }) => [r.held, r.capacity])).toEqual([
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
    const won = answers.filter((a) => a.status === 201).map((a) => (a.body as { id: string }).id);
    const holds = await server.stores.hotelHolds.holdStatuses(won);
    expect([...holds.values()]).toEqual(['held', 'held', 'held']);
    await expectConsistent(server.stores);
    // The losers' trips hold nothing: no item was recorded for a refused hold.
    const losers = ids.filter((_, i) => answers[i]!.status !== 201);
    for (const id of losers.slice(0, 5)) expect((await api.get(`/api/trips/${id}`)).body.items).toEqual([]);
  });

  it('gives the last seat, chosen by 30 requests at once, to exactly one', async () => {
    const c = await insertSmallCatalog(server.stores, {
      tag: `race${dialect}s`,
      now: clock.now(),
      ySeats: ['20A', '20B', '20C', '21A'],
    });
    const [filler, ...ids] = await trips(31);
    const fill = await api.post(`/api/trips/${filler}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
    });
    expect(fill.body.seats).toEqual(['20A', '20B', '20C']);
    const body = {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Z', seat: '21A' }],
    };
    const { tally, ms } = await race(ids.map((id) => () => api.post(`/api/trips/${id}/items`, body)));
    timings.lastSeat30 = ms;
    expect(tally).toEqual({ '201': 1, '409 seat_taken': 29 });
    const seats = await server.stores.knex.flights('seat_assignments').where({ flight_id: c.flightId });
    expect(seats.length).toBe(4);
    await expectConsistent(server.stores);
  });

  it('auto-assigns a fare class of 5 seats to exactly 5 of 30 requests, each a different seat', async () => {
    const ySeats = ['30A', '30B', '30C', '31A', '31B'];
    const c = await insertSmallCatalog(server.stores, { tag: `race${dialect}a`, now: clock.now(), ySeats });
    const ids = await trips(30);
    const body = { type: 'flight', flightId: c.flightId, fareClass: 'Y', passengers: [{ name: 'P' }] };
    const { tally, answers, ms } = await race(
      ids.map((id) => () => api.post(`/api/trips/${id}/items`, body)),
    );
    timings.autoSeats30 = ms;
    expect(tally).toEqual({ '201': 5, '409 sold_out': 25 });
    const given = answers
      .filter((a) => a.status === 201)
      .flatMap((a) => (a.body as { seats: string[] }).seats);
    expect(given.sort()).toEqual([...ySeats].sort());
    const fc = await server.stores.knex
      .flights('fare_classes')
      .where({ flight_id: c.flightId, code: 'Y' })
      .first();
    expect(fc).toMatchObject({ capacity: 5, held: 5, booked: 0 });
    await expectConsistent(server.stores);
  });

  it('rents the last 2 cars of a category to exactly 2 of 30 requests', async () => {
    const c = await insertSmallCatalog(server.stores, { tag: `race${dialect}c`, now: clock.now(), cars: 2 });
    const ids = await trips(30);
    const body = {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 4),
    };
    const { tally, ms } = await race(ids.map((id) => () => api.post(`/api/trips/${id}/items`, body)));
    timings.cars30 = ms;
    expect(tally).toEqual({ '201': 2, '409 sold_out': 28 });
    const days = await server.stores.knex.cars('car_days').where({ location_code: c.locationCode });
    expect(days.map((d: { held: number }) => d.held)).toEqual([2, 2, 2, 2]);
    await expectConsistent(server.stores);
  });

  it('keeps the counts right when holds, removals and overlapping stays race together', async () => {
    const c = await insertSmallCatalog(server.stores, { tag: `race${dialect}m`, now: clock.now(), rooms: 4 });
    const ids = await trips(24);
    const placed = await Promise.all(
      ids.map((id, i) =>
        api.post(`/api/trips/${id}/items`, {
          type: 'hotel',
          roomTypeId: c.roomTypeId,
          checkIn: addDays(c.firstNight, i % 4),
          checkOut: addDays(c.firstNight, 4 + (i % 3)),
          guests: 1,
        }),
      ),
    );
    const won = placed.map((p, i) => ({ p, trip: ids[i]! })).filter(({ p }) => p.status === 201);
    expect(won.length).toBeGreaterThan(0);
    // Release every other winner while new stays arrive.
    const second = await Promise.all([
      ...won
        .filter((_, i) => i % 2 === 0)
        .map(({ p, trip }) => api.delete(`/api/trips/${trip}/items/${(p.body as { id: string }).id}`)),
      ...ids.slice(0, 12).map((id) =>
        api.post(`/api/trips/${id}/items`, {
          type: 'hotel',
          roomTypeId: c.roomTypeId,
          checkIn: addDays(c.firstNight, 2),
          checkOut: addDays(c.firstNight, 5),
          guests: 1,
        }),
      ),
    ]);
    expect(second.every((r) => [201, 204, 409].includes(r.status))).toBe(true);
    await expectConsistent(server.stores);
    const rows = await server.stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
    expect(rows.every((r: { held: number; capacity: number }) => r.held <= r.capacity)).toBe(true);
  });
});
