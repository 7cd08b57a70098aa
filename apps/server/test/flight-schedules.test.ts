import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  eachDate,
  FlightScheduleChangeSchema,
  FlightScheduleSchema,
  todayIn,
  utcOffsetMinutes,
  type DayOfWeek,
} from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const NONE = { hotels: [], flights: [], cars: [] };
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** `06:45` local at a zone on a date, as the API writes it: `2027-01-04T06:45:00-05:00`. */
function local(date: string, time: string, zone: string): string {
  const offset = utcOffsetMinutes(zone, new Date(`${date}T12:00:00Z`));
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${time}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

describe.each(dialects)('recurring flight schedules on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  const first = () => addDays(todayIn('UTC', clock.now()), 30);
  const last = () => addDays(first(), 27);
  const days = (on: readonly DayOfWeek[]) =>
    eachDate(first(), addDays(last(), 1)).filter((d) => on.includes(dayOfWeek(d)));
  const schedule = (extra: Record<string, unknown> = {}) => ({
    flightNumber: 'BA16',
    from: 'JFK',
    to: 'LHR',
    departureTime: '06:45',
    arrivalTime: '19:10',
    daysOfWeek: ['mon', 'wed', 'fri'],
    firstDate: first(),
    lastDate: last(),
    fareClasses: [
      { code: 'J', name: 'Business', price: usd(90_000), seats: ['1A', '1C'] },
      { code: 'Y', name: 'Economy', price: usd(25_000), seats: ['20A', '20B', '20C'] },
    ],
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock, env: { SWEEP_INTERVAL_SECONDS: '3600' } });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const created = await admin.post('/api/users', {
      email: 'agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'agent password 1',
    });
    expect(created.status).toBe(201);
    agent = client(server.url, await login(server.url, 'agent@example.test', 'agent password 1'));
  });
  afterAll(() => server?.stop());

  it('makes one flight per date in one go, in local times, found by the agents’ search', async () => {
    const res = await admin.post('/api/flight-schedules', schedule());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(FlightScheduleSchema.safeParse(res.body).error).toBeUndefined();
    const mwf = days(['mon', 'wed', 'fri']);
    expect(res.body.flights.map((f: { departureDate: string }) => f.departureDate)).toEqual(mwf);
    const f0 = res.body.flights[0];
    expect(f0.departureAt).toBe(local(mwf[0]!, '06:45', 'America/New_York'));
    expect(f0.arrivalAt).toBe(local(mwf[0]!, '19:10', 'Europe/London'));

    // Each is an ordinary flight, as POST /api/flights makes them.
    const flight = await agent.get(`/api/flights/${f0.flightId}`);
    expect(flight.body).toMatchObject({
      flightNumber: 'BA16',
      from: 'JFK',
      to: 'LHR',
      departureDate: mwf[0],
      departureAt: f0.departureAt,
    });
    expect(
      flight.body.fareClasses.map((c: { code: string; capacity: number }) => [c.code, c.capacity]),
    ).toEqual([
      ['Y', 3],
      ['J', 2],
    ]);
    const search = await agent.get(`/api/availability/flights?from=JFK&to=LHR&date=${mwf[2]}`);
    expect(
      search.body.results.map((r: { flightNumber: string; fareClass: string }) => r.flightNumber),
    ).toEqual(['BA16', 'BA16']);
    expect((await admin.get('/api/flight-schedules')).body.items.map((s: { id: string }) => s.id)).toContain(
      res.body.id,
    );
  });

  it('edits the schedule as one, never touching a flight with seats sold or held, and says which it kept', async () => {
    const created = (await admin.post('/api/flight-schedules', schedule({ flightNumber: 'BA18' }))).body;
    const [sold, held] = [created.flights[1], created.flights[3]];
    // One seat sold (paid), one held.
    const trip = (
      await agent.post('/api/trips', { customer: { name: 'Ann Lee', email: 'ann@example.test' } })
    ).body.id;
    expect(
      (
        await agent.post(`/api/trips/${trip}/items`, {
          type: 'flight',
          flightId: sold.flightId,
          fareClass: 'Y',
          passengers: [{ name: 'Ann Lee' }],
        })
      ).status,
    ).toBe(201);
    const paid = await agent.post(
      `/api/trips/${trip}/pay`,
      { paymentMethodId: 'pm_card_visa' },
      { 'idempotency-key': `sched-${dialect}` },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const trip2 = (await agent.post('/api/trips', { customer: { name: 'Bo Lee', email: 'bo@example.test' } }))
      .body.id;
    expect(
      (
        await agent.post(`/api/trips/${trip2}/items`, {
          type: 'flight',
          flightId: held.flightId,
          fareClass: 'J',
          passengers: [{ name: 'Bo Lee' }],
        })
      ).status,
    ).toBe(201);

    // New times and prices, and Tuesdays and Thursdays instead.
    const res = await admin.patch(`/api/flight-schedules/${created.id}`, {
      departureTime: '07:30',
      arrivalTime: '19:55',
      daysOfWeek: ['tue', 'thu'],
      fareClasses: [{ code: 'Y', name: 'Economy', price: usd(27_000), seats: ['20A', '20B', '20C', '21A'] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(FlightScheduleChangeSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.removed).toBe(created.flights.length - 2);
    expect(res.body.created).toBe(days(['tue', 'thu']).length);
    expect(res.body.kept).toEqual([
      expect.objectContaining({
        flightId: sold.flightId,
        booked: 1,
        reason: `BA18 on ${sold.departureDate} kept as it was: 1 seat sold.`,
      }),
      expect.objectContaining({
        flightId: held.flightId,
        held: 1,
        reason: `BA18 on ${held.departureDate} kept as it was: 1 seat held.`,
      }),
    ]);
    expect(res.body.message).toContain('2 flights with seats held or sold (or held once) kept as they were');
    // The kept flights are as they were; the new ones follow the new pattern.
    const keptFlight = (await agent.get(`/api/flights/${sold.flightId}`)).body;
    expect(keptFlight.departureAt).toBe(sold.departureAt);
    expect(keptFlight.fareClasses.map((c: { code: string }) => c.code).sort()).toEqual(['J', 'Y']);
    const after = res.body.schedule;
    const byDate = new Map(after.flights.map((f: { departureDate: string }) => [f.departureDate, f]));
    const tueThu = days(['tue', 'thu']);
    for (const d of tueThu) {
      expect((byDate.get(d) as { departureAt: string }).departureAt).toBe(
        local(d, '07:30', 'America/New_York'),
      );
    }
    expect([...byDate.keys()].sort()).toEqual([...tueThu, sold.departureDate, held.departureDate].sort());
    const fresh = (
      await agent.get(`/api/flights/${(byDate.get(tueThu[0]!) as { flightId: string }).flightId}`)
    ).body;
    expect(fresh.fareClasses).toEqual([
      expect.objectContaining({ code: 'Y', price: usd(27_000), capacity: 4 }),
    ]);

    // Retiring removes the unsold future flights only.
    const gone = await admin.delete(`/api/flight-schedules/${created.id}`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body).toMatchObject({ created: 0, removed: tueThu.length });
    expect(gone.body.kept.map((k: { flightId: string }) => k.flightId)).toEqual([
      sold.flightId,
      held.flightId,
    ]);
    expect(gone.body.message).toMatch(/^BA18 retired: \d+ unsold future flights removed\. 2 flights/);
    expect((await agent.get(`/api/flights/${sold.flightId}`)).status).toBe(200);
    expect((await agent.get(`/api/flights/${fresh.id}`)).status).toBe(404);
    expect((await admin.get(`/api/flight-schedules/${created.id}`)).status).toBe(404);
    expect(
      (await admin.patch(`/api/flight-schedules/${created.id}`, { departureTime: '08:00' })).status,
    ).toBe(404);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('refuses more than 400 flights, unknown airports and bad input with 400 in words, others with 403', async () => {
    const daily = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const tooMany = await admin.post(
      '/api/flight-schedules',
      schedule({ daysOfWeek: daily, firstDate: first(), lastDate: addDays(first(), 400) }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toContain('would make 401 flights; one schedule makes at most 400');
    expect(tooMany.body.errors).toEqual([{ path: 'body.lastDate', message: 'more than 400 flights (401)' }]);

    const unknown = await admin.post('/api/flight-schedules', schedule({ to: 'XQZ' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'body.to', message: 'no airport XQZ on file' }]);

    const bad = await admin.post(
      '/api/flight-schedules',
      schedule({ departureTime: '6:45', daysOfWeek: [], lastDate: addDays(first(), -1) }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.daysOfWeek',
      'body.departureTime',
      'body.lastDate',
    ]);
    const sameDay = await admin.post(
      '/api/flight-schedules',
      schedule({ arrivalTime: '05:00', arrivalDayOffset: 0 }),
    );
    expect(sameDay.status).toBe(400);
    expect(sameDay.body.errors[0].path).toBe('body.arrivalDayOffset');
    // Without an offset, an earlier arrival time is the next day: a night flight.
    const night = await admin.post(
      '/api/flight-schedules',
      schedule({ flightNumber: 'BA178', arrivalTime: '05:00' }),
    );
    expect(night.status).toBe(201);
    const n0 = night.body.flights[0];
    expect(n0.arrivalAt).toBe(local(addDays(n0.departureDate, 1), '05:00', 'Europe/London'));

    expect((await agent.post('/api/flight-schedules', schedule())).status).toBe(403);
    expect((await agent.get('/api/flight-schedules')).status).toBe(403);
    expect((await admin.patch('/api/flight-schedules/fls_missing', { departureTime: '08:00' })).status).toBe(
      404,
    );
    expect((await admin.patch(`/api/flight-schedules/${night.body.id}`, {})).status).toBe(400);
  });
});
