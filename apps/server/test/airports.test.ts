import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { addItem, newTrip, pay } from './after-sale-fixtures.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const fareClasses = [{ code: 'Y', name: 'Economy', price: usd(30000), seats: ['10A', '10B'] }];

describe.each(dialects)('airports on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    await admin.post('/api/users', {
      email: 'agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'long-enough-password',
    });
    agent = client(server.url, await login(server.url, 'agent@example.test', 'long-enough-password'));
  });

  afterAll(async () => {
    await server?.close();
  });

  const codes = (body: { items: { code: string }[] }) => body.items.map((a) => a.code);

  it('knows the demo airports with their city, country and time zone', async () => {
    const res = await agent.get('/api/airports?q=JFK');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      code: 'JFK',
      name: 'John F. Kennedy International',
      city: 'New York',
      country: 'US',
      timeZone: 'America/New_York',
    });
  });

  it('finds a city’s airports by the start of its name, any letter case', async () => {
    expect(codes((await agent.get('/api/airports?q=lon')).body)).toEqual(['LCY', 'LGW', 'LHR', 'STN']);
    expect(codes((await agent.get('/api/airports?q=LONDON')).body)).toEqual(['LCY', 'LGW', 'LHR', 'STN']);
    // A word of the name, not only its start: "Heathrow" is the second word of "London Heathrow".
    expect(codes((await agent.get('/api/airports?q=heath')).body)).toEqual(['LHR']);
    expect(codes((await agent.get('/api/airports?q=zzz')).body)).toEqual([]);
  });

  it('puts the exact code first, then codes that start with it, then cities, then names', async () => {
    // "par": no code, Paris the city; "ma": MAD, then Madrid is also its city; "mi": MIA, then Miami.
    expect(codes((await agent.get('/api/airports?q=par')).body)).toEqual(['CDG']);
    expect(codes((await agent.get('/api/airports?q=lis')).body)).toEqual(['LIS']);
    const l = codes((await agent.get('/api/airports?q=l&limit=8')).body);
    expect(l.slice(0, 5)).toEqual(['LAX', 'LCY', 'LGW', 'LHR', 'LIS']);
    // Then London's Stansted by city and Los Angeles is already in; names after cities.
    expect(l).toContain('STN');
    expect(
      (await agent.get('/api/airports?limit=3')).body.items.map((a: { code: string }) => a.code),
    ).toEqual(['AMS', 'BCN', 'BER']);
  });

  it('lets an admin add an airport, found without its accents', async () => {
    const res = await admin.post('/api/airports', {
      code: 'ZRH',
      name: 'Zürich Kloten',
      city: 'Zürich',
      country: 'CH',
      timeZone: 'Europe/Zurich',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      code: 'ZRH',
      name: 'Zürich Kloten',
      city: 'Zürich',
      country: 'CH',
      timeZone: 'Europe/Zurich',
    });
    expect(codes((await agent.get('/api/airports?q=zur')).body)).toEqual(['ZRH']);
    expect(codes((await agent.get('/api/airports?q=Z%C3%BCR')).body)).toEqual(['ZRH']);
    expect(codes((await agent.get('/api/airports?q=klo')).body)).toEqual(['ZRH']);
  });

  it('refuses a bad airport, a taken code, and a user who is not an admin', async () => {
    const bad = await admin.post('/api/airports', {
      code: 'zr',
      name: 'X',
      city: 'Y',
      country: 'Swiss',
      timeZone: 'Europe/Nowhere',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.code',
      'body.country',
      'body.timeZone',
    ]);
    const taken = await admin.post('/api/airports', {
      code: 'LHR',
      name: 'Other',
      city: 'London',
      country: 'GB',
      timeZone: 'Europe/London',
    });
    expect(taken.status).toBe(400);
    expect(taken.body.detail).toBe('There is already an airport LHR.');
    const agentTry = await agent.post('/api/airports', {
      code: 'BSL',
      name: 'Basel',
      city: 'Basel',
      country: 'CH',
      timeZone: 'Europe/Zurich',
    });
    expect(agentTry.status).toBe(403);
  });

  it('still takes a flight from an airport not on file (API.md: any IATA code), in UTC until it is added', async () => {
    const res = await admin.post('/api/flights', {
      flightNumber: 'XX1',
      from: 'QQA',
      to: 'JFK',
      departureAt: '2026-12-18T23:30:00-05:00',
      arrivalAt: '2026-12-19T08:00:00Z',
      fareClasses,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.departureAt).toBe('2026-12-19T04:30:00.000Z');
    expect(res.body.departureDate).toBe('2026-12-19');
    expect(res.body.origin).toBeUndefined();
    expect(res.body.destination).toMatchObject({ code: 'JFK', timeZone: 'America/New_York' });
  });

  describe('flights in local time', () => {
    let lateEvening: string;

    beforeAll(async () => {
      const flight = async (flightNumber: string, from: string, to: string, dep: string, arr: string) => {
        const res = await admin.post('/api/flights', {
          flightNumber,
          from,
          to,
          departureAt: dep,
          arrivalAt: arr,
          fareClasses,
        });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      // 22:30 in New York on the 18th is 03:30 UTC on the 19th; written in UTC, as a GDS feed might.
      lateEvening = await flight('BA178', 'JFK', 'LHR', '2026-12-19T03:30:00Z', '2026-12-19T10:30:00Z');
      await flight('BA112', 'JFK', 'LHR', '2026-12-18T13:00:00Z', '2026-12-18T20:00:00Z');
      // Around the start of US daylight saving time (2027-03-14): New York at -05:00, then -04:00.
      await flight('BA176', 'JFK', 'ZRH', '2027-03-13T23:00:00Z', '2027-03-14T10:00:00Z');
      await flight('BA174', 'JFK', 'ZRH', '2027-03-14T23:00:00Z', '2027-03-15T10:00:00Z');
    });

    it('finds a late-evening flight on its local date at the origin, not the UTC date', async () => {
      const res = await agent.get('/api/availability/flights?from=JFK&to=LHR&date=2026-12-18&sort=name');
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { flightNumber: string }) => r.flightNumber)).toEqual([
        'BA112',
        'BA178',
      ]);
      expect(res.body.results[1]).toMatchObject({
        flightId: lateEvening,
        departureAt: '2026-12-18T22:30:00-05:00',
        arrivalAt: '2026-12-19T10:30:00+00:00',
        origin: {
          code: 'JFK',
          name: 'John F. Kennedy International',
          city: 'New York',
          timeZone: 'America/New_York',
        },
        destination: { code: 'LHR', city: 'London', timeZone: 'Europe/London' },
      });
      expect(res.body.results[0]).toMatchObject({ departureAt: '2026-12-18T08:00:00-05:00' });
      const utcDate = await agent.get('/api/availability/flights?from=JFK&to=LHR&date=2026-12-19');
      expect(utcDate.body).toEqual({ results: [], total: 0 });
    });

    it('writes each side with the offset of that day, across a daylight saving change', async () => {
      const before = await agent.get('/api/availability/flights?from=JFK&to=ZRH&date=2027-03-13');
      expect(before.body.results[0]).toMatchObject({
        flightNumber: 'BA176',
        departureAt: '2027-03-13T18:00:00-05:00',
        arrivalAt: '2027-03-14T11:00:00+01:00',
      });
      const after = await agent.get('/api/availability/flights?from=JFK&to=ZRH&date=2027-03-14');
      expect(after.body.results[0]).toMatchObject({
        flightNumber: 'BA174',
        departureAt: '2027-03-14T19:00:00-04:00',
        arrivalAt: '2027-03-15T11:00:00+01:00',
      });
    });

    it('sells it in local times: the trip’s item and the receipt say the time at the airport', async () => {
      const tripId = await newTrip(agent);
      const item = await addItem(agent, tripId, {
        type: 'flight',
        flightId: lateEvening,
        fareClass: 'Y',
        passengers: [{ name: 'Ada Lovelace', seat: '10A' }],
      });
      expect(item).toMatchObject({
        departureAt: '2026-12-18T22:30:00-05:00',
        arrivalAt: '2026-12-19T10:30:00+00:00',
        origin: { code: 'JFK', timeZone: 'America/New_York' },
        destination: { code: 'LHR', timeZone: 'Europe/London' },
      });
      await pay(agent, tripId);
      const receipt = await agent.get(`/api/trips/${tripId}/receipt`);
      expect(receipt.status).toBe(200);
      expect(JSON.stringify(receipt.body)).toContain('Flight BA178 JFK-LHR 2026-12-18 22:30 local time');
    });

    it('lists the airports with flights first among a city’s', async () => {
      // JFK → LHR flights exist now, from JFK only: London's airports stay by code, New York's JFK leads.
      expect(codes((await agent.get('/api/airports?q=lon')).body)).toEqual(['LCY', 'LGW', 'LHR', 'STN']);
      await admin.post('/api/flights', {
        flightNumber: 'BA177',
        from: 'LHR',
        to: 'JFK',
        departureAt: '2026-12-20T11:00:00Z',
        arrivalAt: '2026-12-20T19:00:00Z',
        fareClasses,
      });
      expect(codes((await agent.get('/api/airports?q=lon')).body)).toEqual(['LHR', 'LCY', 'LGW', 'STN']);
    });

    it('shows a flight with both airports and local times', async () => {
      const res = await agent.get(`/api/flights/${lateEvening}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        from: 'JFK',
        to: 'LHR',
        departureAt: '2026-12-18T22:30:00-05:00',
        arrivalAt: '2026-12-19T10:30:00+00:00',
        departureDate: '2026-12-18',
        origin: { code: 'JFK', timeZone: 'America/New_York' },
        destination: { code: 'LHR', timeZone: 'Europe/London' },
      });
    });
  });
});
