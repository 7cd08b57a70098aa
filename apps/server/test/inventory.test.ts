import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe.each(dialects)('inventory admin API on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  let desk: ReturnType<typeof client>;
  let hotelId: string;
  // The hotel is in Lisbon: its "today" is 2026-11-21 all day long at this instant.
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const hotel = await admin.post('/api/hotels', {
      name: 'Harbour View',
      city: 'Lisbon',
      country: 'PT',
      timezone: 'Europe/Lisbon',
      stars: 4,
      amenities: ['wifi'],
    });
    expect(hotel.status).toBe(201);
    hotelId = hotel.body.id;
    for (const [email, role] of [
      ['agent@example.test', 'agent'],
      ['desk@example.test', 'frontdesk'],
    ] as const) {
      const created = await admin.post('/api/users', {
        email,
        name: role,
        role,
        password: 'long-enough-password',
        ...(role === 'frontdesk' ? { hotelId } : {}),
      });
      expect(created.status).toBe(201);
    }
    agent = client(server.url, await login(server.url, 'agent@example.test', 'long-enough-password'));
    desk = client(server.url, await login(server.url, 'desk@example.test', 'long-enough-password'));
  });
  afterAll(() => server?.stop());

  describe('hotels and room types', () => {
    let roomTypeId: string;

    it('creates a hotel and a room type whose capacity is its number of rooms; GET shows both', async () => {
      const created = await admin.post(`/api/hotels/${hotelId}/room-types`, {
        name: 'Double',
        maxOccupancy: 2,
        nightlyRate: usd(12000),
        roomNumbers: ['102', '101', '103'],
        amenities: ['tv'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        hotelId,
        name: 'Double',
        maxOccupancy: 2,
        nightlyRate: usd(12000),
        capacity: 3,
        roomNumbers: ['101', '102', '103'],
        amenities: ['tv'],
        overbookingAllowance: 0,
      });
      roomTypeId = created.body.id;
      const row = await server.stores.knex.hotels('room_types').where({ id: roomTypeId }).first('capacity');
      expect(Number(row.capacity)).toBe(3);

      const detail = await agent.get(`/api/hotels/${hotelId}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        id: hotelId,
        name: 'Harbour View',
        city: 'Lisbon',
        timezone: 'Europe/Lisbon',
        stars: 4,
        amenities: ['wifi'],
        roomTypes: [created.body],
      });
    });

    it('refuses room numbers twice in the request or already in the hotel, at body.roomNumbers', async () => {
      const twice = await admin.post(`/api/hotels/${hotelId}/room-types`, {
        name: 'Twin',
        maxOccupancy: 2,
        nightlyRate: usd(11000),
        roomNumbers: ['201', '201'],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.code).toBe('validation_failed');
      expect(twice.body.errors).toContainEqual({ path: 'body.roomNumbers', message: expect.any(String) });

      const taken = await admin.post(`/api/hotels/${hotelId}/room-types`, {
        name: 'Twin',
        maxOccupancy: 2,
        nightlyRate: usd(11000),
        roomNumbers: ['201', '102'],
      });
      expect(taken.status).toBe(400);
      expect(taken.body.errors).toEqual([
        { path: 'body.roomNumbers', message: expect.stringContaining('102') },
      ]);
      // Nothing of the refused room type was written.
      expect((await admin.get(`/api/hotels/${hotelId}`)).body.roomTypes).toHaveLength(1);
    });

    it('adds rooms by PATCH and raises the capacity of the counted nights with it', async () => {
      await server.stores.knex.hotels('room_nights').insert({
        room_type_id: roomTypeId,
        night: '2026-12-01',
        capacity: 3,
        held: 1,
        booked: 1,
      });
      const res = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        addRoomNumbers: ['104'],
        nightlyRate: usd(12500),
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        capacity: 4,
        roomNumbers: ['101', '102', '103', '104'],
        nightlyRate: usd(12500),
      });
      const night = await server.stores.knex
        .hotels('room_nights')
        .where({ room_type_id: roomTypeId, night: '2026-12-01' })
        .first('capacity');
      expect(Number(night.capacity)).toBe(4);
    });

    it('removes free rooms, and refuses with capacity_in_use to go below what a night holds or sold', async () => {
      // 2026-12-01 has 2 rooms held or booked; 4 rooms now. Past nights are history and do not block.
      await server.stores.knex.hotels('room_nights').insert({
        room_type_id: roomTypeId,
        night: '2026-11-20',
        capacity: 4,
        booked: 4,
      });
      const down = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        removeRoomNumbers: ['103', '104'],
      });
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ capacity: 2, roomNumbers: ['101', '102'] });
      const nights = await server.stores.knex
        .hotels('room_nights')
        .where({ room_type_id: roomTypeId })
        .orderBy('night')
        .select('night', 'capacity');
      expect(nights.map((n: { night: string; capacity: number }) => [n.night, Number(n.capacity)])).toEqual([
        ['2026-11-20', 4],
        ['2026-12-01', 2],
      ]);

      const refused = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        removeRoomNumbers: ['102'],
        name: 'Renamed',
      });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'capacity_in_use', status: 409, date: '2026-12-01' });
      expect(refused.body.detail).toContain('2026-12-01');
      // All or nothing: the room, the name and the counted night stay as they were.
      const after = await admin.get(`/api/hotels/${hotelId}`);
      expect(after.body.roomTypes[0]).toMatchObject({
        name: 'Double',
        capacity: 2,
        roomNumbers: ['101', '102'],
      });
      const night = await server.stores.knex
        .hotels('room_nights')
        .where({ room_type_id: roomTypeId, night: '2026-12-01' })
        .first('capacity');
      expect(Number(night.capacity)).toBe(2);
    });

    it('refuses to remove a room the room type does not have, or to add one the hotel has', async () => {
      const unknown = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        removeRoomNumbers: ['999'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].path).toBe('body.removeRoomNumbers');
      const taken = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        addRoomNumbers: ['101'],
      });
      expect(taken.status).toBe(400);
      expect(taken.body.errors[0].path).toBe('body.addRoomNumbers');
      const empty = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {});
      expect(empty.status).toBe(400);
    });

    it('lists hotels by city and name part, with their size, paged', async () => {
      await admin.post('/api/hotels', { name: 'Alfama Rooms', city: 'Lisbon', country: 'PT' });
      await admin.post('/api/hotels', { name: 'Canal House', city: 'Amsterdam', country: 'NL' });
      const lisbon = await agent.get('/api/hotels?city=lisbon');
      expect(lisbon.status).toBe(200);
      expect(lisbon.body.total).toBe(2);
      expect(lisbon.body.items.map((h: { name: string }) => h.name)).toEqual([
        'Alfama Rooms',
        'Harbour View',
      ]);
      expect(lisbon.body.items[1]).toMatchObject({ id: hotelId, roomTypeCount: 1, roomCount: 2 });
      const named = await agent.get('/api/hotels?q=HOUSE');
      expect(named.body.items.map((h: { name: string }) => h.name)).toEqual(['Canal House']);
      const page = await agent.get('/api/hotels?limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 3, items: [{ name: 'Alfama Rooms' }] });
      expect((await agent.get('/api/hotels?limit=1&offset=10')).body).toEqual({ items: [], total: 3 });
      expect((await agent.get('/api/hotels?limit=0')).status).toBe(400);
    });

    it('answers 404 for an unknown hotel or room type', async () => {
      expect((await agent.get('/api/hotels/htl_missing')).status).toBe(404);
      const roomType = { name: 'X', maxOccupancy: 1, nightlyRate: usd(1), roomNumbers: ['1'] };
      expect((await admin.post('/api/hotels/htl_missing/room-types', roomType)).status).toBe(404);
      expect((await admin.patch(`/api/hotels/${hotelId}/room-types/rmt_missing`, { name: 'Y' })).status).toBe(
        404,
      );
      expect(
        (await admin.patch(`/api/hotels/htl_missing/room-types/${roomTypeId}`, { name: 'Y' })).status,
      ).toBe(404);
    });
  });

  describe('flights', () => {
    const flight = {
      flightNumber: 'TP1234',
      from: 'LIS',
      to: 'JFK',
      departureAt: '2026-12-05T10:00:00+00:00',
      arrivalAt: '2026-12-05T18:00:00-05:00',
      fareClasses: [
        { code: 'J', name: 'Business', price: usd(150000), seats: ['1A', '1C'] },
        { code: 'Y', name: 'Economy', price: usd(45000), seats: ['10A', '10B', '10C', '2A'] },
      ],
    };

    it('creates a flight with fare classes whose capacity is their seats, and shows its counters', async () => {
      const created = await admin.post('/api/flights', flight);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        flightNumber: 'TP1234',
        from: 'LIS',
        to: 'JFK',
        // The same instants, written with each airport's own offset.
        departureAt: '2026-12-05T10:00:00+00:00',
        arrivalAt: '2026-12-05T18:00:00-05:00',
        departureDate: '2026-12-05',
      });
      const detail = await agent.get(`/api/flights/${created.body.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.fareClasses).toEqual([
        {
          code: 'Y',
          name: 'Economy',
          price: usd(45000),
          capacity: 4,
          seats: ['10A', '10B', '10C', '2A'],
          held: 0,
          booked: 0,
          available: 4,
        },
        {
          code: 'J',
          name: 'Business',
          price: usd(150000),
          capacity: 2,
          seats: ['1A', '1C'],
          held: 0,
          booked: 0,
          available: 2,
        },
      ]);
    });

    it('shows the seat map; a hold past its expiry is available before the sweeper ran', async () => {
      const { body } = await admin.post('/api/flights', { ...flight, flightNumber: 'TP1236' });
      const now = clock.now().getTime();
      await server.stores.knex.flights('seat_assignments').insert([
        {
          flight_id: body.id,
          seat: '10A',
          fare_class: 'Y',
          item_id: 'itm_1',
          status: 'held',
          expires_at: new Date(now - 1000).toISOString(),
        },
        {
          flight_id: body.id,
          seat: '10B',
          fare_class: 'Y',
          item_id: 'itm_2',
          status: 'held',
          expires_at: new Date(now + 60_000).toISOString(),
        },
        {
          flight_id: body.id,
          seat: '1C',
          fare_class: 'J',
          item_id: 'itm_3',
          status: 'booked',
          expires_at: null,
        },
      ]);
      const map = await desk.get(`/api/flights/${body.id}/seats`);
      expect(map.status).toBe(200);
      expect(map.body).toEqual({
        seats: [
          { seat: '1A', fareClass: 'J', status: 'available' },
          { seat: '1C', fareClass: 'J', status: 'booked' },
          { seat: '2A', fareClass: 'Y', status: 'available' },
          { seat: '10A', fareClass: 'Y', status: 'available' },
          { seat: '10B', fareClass: 'Y', status: 'held' },
          { seat: '10C', fareClass: 'Y', status: 'available' },
        ],
      });
      // Once the clock passes the second hold's expiry, that seat is available too.
      clock.advance(61);
      const later = await desk.get(`/api/flights/${body.id}/seats`);
      expect(later.body.seats.find((s: { seat: string }) => s.seat === '10B').status).toBe('available');
    });

    it('refuses an arrival before departure, a seat in two classes, the same origin and destination', async () => {
      const early = await admin.post('/api/flights', { ...flight, arrivalAt: '2026-12-05T09:00:00Z' });
      expect(early.status).toBe(400);
      expect(early.body.errors).toContainEqual({ path: 'body.arrivalAt', message: expect.any(String) });
      const shared = await admin.post('/api/flights', {
        ...flight,
        fareClasses: [flight.fareClasses[0], { ...flight.fareClasses[1], seats: ['10A', '1C'] }],
      });
      expect(shared.status).toBe(400);
      expect(shared.body.errors).toContainEqual({
        path: 'body.fareClasses.1.seats.1',
        message: expect.any(String),
      });
      const twice = await admin.post('/api/flights', {
        ...flight,
        fareClasses: [{ ...flight.fareClasses[0], seats: ['1A', '1A'] }],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.errors[0].path).toBe('body.fareClasses.0.seats');
      const loop = await admin.post('/api/flights', { ...flight, to: 'LIS' });
      expect(loop.status).toBe(400);
      expect(loop.body.errors[0].path).toBe('body.to');
    });

    it('answers 404 for an unknown flight', async () => {
      expect((await agent.get('/api/flights/flt_missing')).status).toBe(404);
      expect((await agent.get('/api/flights/flt_missing/seats')).status).toBe(404);
    });
  });

  describe('car locations and cars', () => {
    it('creates a location and cars; the fleet counts the cars and quotes the lowest rate', async () => {
      const location = await admin.post('/api/car-locations', {
        code: 'LIS-A',
        name: 'Lisbon Airport',
        city: 'Lisbon',
      });
      expect(location.status).toBe(201);
      expect(location.body).toEqual({ code: 'LIS-A', name: 'Lisbon Airport', city: 'Lisbon' });
      const cars = [
        { plate: 'AA-00-01', category: 'economy', model: 'Fiat 500', dailyRate: usd(4000) },
        { plate: 'AA-00-02', category: 'economy', model: 'Renault Clio', dailyRate: usd(3500) },
        { plate: 'AA-00-03', category: 'economy', model: 'Seat Ibiza', dailyRate: usd(4500) },
        { plate: 'AA-00-04', category: 'suv', model: 'Nissan Qashqai', dailyRate: usd(9000) },
      ];
      for (const car of cars) {
        const res = await admin.post('/api/car-locations/LIS-A/cars', car);
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ id: expect.any(String), locationCode: 'LIS-A', ...car });
      }
      const list = await agent.get('/api/car-locations');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        {
          code: 'LIS-A',
          name: 'Lisbon Airport',
          city: 'Lisbon',
          fleets: [
            { category: 'economy', capacity: 3, dailyRate: usd(3500) },
            { category: 'suv', capacity: 1, dailyRate: usd(9000) },
          ],
        },
      ]);
      const fleet = await server.stores.knex
        .cars('car_fleets')
        .where({ location_code: 'LIS-A', category: 'economy' })
        .first();
      expect(fleet).toMatchObject({ daily_rate_amount: 3500, currency: 'USD' });
      expect(Number(fleet.capacity)).toBe(3);
      const listed = await desk.get('/api/car-locations/LIS-A/cars');
      expect(listed.body.items.map((c: { plate: string }) => c.plate)).toEqual([
        'AA-00-01',
        'AA-00-02',
        'AA-00-03',
        'AA-00-04',
      ]);
    });

    it('refuses a taken location code or plate, another currency in a fleet, at their field paths', async () => {
      const code = await admin.post('/api/car-locations', { code: 'LIS-A', name: 'Again', city: 'Lisbon' });
      expect(code.status).toBe(400);
      expect(code.body.errors).toEqual([{ path: 'body.code', message: expect.any(String) }]);
      const plate = await admin.post('/api/car-locations/LIS-A/cars', {
        plate: 'AA-00-01',
        category: 'suv',
        model: 'Kia Sportage',
        dailyRate: usd(9500),
      });
      expect(plate.status).toBe(400);
      expect(plate.body.errors).toEqual([{ path: 'body.plate', message: expect.any(String) }]);
      const euro = await admin.post('/api/car-locations/LIS-A/cars', {
        plate: 'EU-00-01',
        category: 'economy',
        model: 'Fiat Panda',
        dailyRate: { amount: 3000, currency: 'EUR' },
      });
      expect(euro.status).toBe(400);
      expect(euro.body.errors[0].path).toBe('body.dailyRate.currency');
      expect((await admin.get('/api/car-locations/LIS-A/cars')).body.items).toHaveLength(4);
    });

    it('removes a car when the days allow it, and refuses with capacity_in_use below what is held or booked', async () => {
      await server.stores.knex.cars('car_days').insert({
        location_code: 'LIS-A',
        category: 'economy',
        day: '2026-12-10',
        capacity: 3,
        held: 1,
        booked: 1,
      });
      const cars = (await admin.get('/api/car-locations/LIS-A/cars')).body.items as {
        id: string;
        plate: string;
      }[];
      const cheapest = cars.find((c) => c.plate === 'AA-00-02')!;
      expect((await admin.delete(`/api/car-locations/LIS-A/cars/${cheapest.id}`)).status).toBe(204);
      const fleets = (await admin.get('/api/car-locations')).body.items[0].fleets;
      // The cheapest car went: the category's rate is now the lowest of the two left.
      expect(fleets[0]).toEqual({ category: 'economy', capacity: 2, dailyRate: usd(4000) });
      const day = await server.stores.knex.cars('car_days').where({ day: '2026-12-10' }).first('capacity');
      expect(Number(day.capacity)).toBe(2);

      const next = cars.find((c) => c.plate === 'AA-00-01')!;
      const refused = await admin.delete(`/api/car-locations/LIS-A/cars/${next.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'capacity_in_use', date: '2026-12-10' });
      expect(refused.body.detail).toContain('2026-12-10');
      expect((await admin.get('/api/car-locations/LIS-A/cars')).body.items).toHaveLength(3);

      expect((await admin.delete(`/api/car-locations/LIS-A/cars/${next.id}x`)).status).toBe(404);
      expect((await admin.delete(`/api/car-locations/LIS-B/cars/${next.id}`)).status).toBe(404);
    });

    it('answers 404 for an unknown location', async () => {
      expect((await agent.get('/api/car-locations/NOPE/cars')).status).toBe(404);
      const car = { plate: 'ZZ-1', category: 'suv', model: 'X', dailyRate: usd(1) };
      expect((await admin.post('/api/car-locations/NOPE/cars', car)).status).toBe(404);
    });
  });

  it('lets only admins write: agents and desk staff get 403 and nothing changes', async () => {
    const detail = (await admin.get(`/api/hotels/${hotelId}`)).body;
    const roomTypeId = detail.roomTypes[0].id;
    const car = (await admin.get('/api/car-locations/LIS-A/cars')).body.items[0];
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/hotels', { name: 'Nope', city: 'Lisbon', country: 'PT' }],
      [
        'POST',
        `/api/hotels/${hotelId}/room-types`,
        { name: 'Nope', maxOccupancy: 1, nightlyRate: usd(1), roomNumbers: ['900'] },
      ],
      ['PATCH', `/api/hotels/${hotelId}/room-types/${roomTypeId}`, { name: 'Nope' }],
      [
        'POST',
        '/api/flights',
        {
          flightNumber: 'TP1',
          from: 'LIS',
          to: 'OPO',
          departureAt: '2026-12-05T10:00:00Z',
          arrivalAt: '2026-12-05T11:00:00Z',
          fareClasses: [{ code: 'Y', name: 'Economy', price: usd(1), seats: ['1A'] }],
        },
      ],
      ['POST', '/api/car-locations', { code: 'OPO-A', name: 'Porto', city: 'Porto' }],
      [
        'POST',
        '/api/car-locations/LIS-A/cars',
        { plate: 'NO-1', category: 'suv', model: 'X', dailyRate: usd(1) },
      ],
      ['DELETE', `/api/car-locations/LIS-A/cars/${car.id}`],
    ];
    for (const c of [agent, desk]) {
      for (const [method, path, body] of writes) {
        const res = await c.call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    }
    expect((await admin.get('/api/hotels')).body.total).toBe(3);
    expect((await admin.get(`/api/hotels/${hotelId}`)).body).toEqual(detail);
    expect((await admin.get('/api/car-locations/LIS-A/cars')).body.items).toHaveLength(3);
    expect((await client(server.url).get(`/api/hotels/${hotelId}`)).status).toBe(401);
  });

  it.runIf(dialect === 'pg')(
    'waits for a hold that holds the room type FOR SHARE, then counts it (PostgreSQL)',
    async () => {
      const k = server.stores.knex.hotels;
      // A hotel of its own: the tests above count what the first one has.
      const hotel = (await admin.post('/api/hotels', { name: 'Loft Hotel', city: 'Porto', country: 'PT' }))
        .body.id as string;
      const created = await admin.post(`/api/hotels/${hotel}/room-types`, {
        name: 'Loft',
        maxOccupancy: 2,
        nightlyRate: usd(20000),
        roomNumbers: ['L1', 'L2'],
      });
      const loft = created.body.id as string;
      // A hold in progress, as the booking engine places one: the room type locked FOR SHARE, then
      // its night counted: both rooms held on 2026-12-02, not committed yet.
      const hold = await k.transaction();
      let patched = false;
      let patch: Promise<{ status: number; body: { code?: string; date?: string } }> | undefined;
      try {
        await hold('room_types').where({ id: loft }).forShare().first('capacity');
        await hold('room_nights').insert({ room_type_id: loft, night: '2026-12-02', capacity: 2, held: 2 });
        patch = admin.patch(`/api/hotels/${hotel}/room-types/${loft}`, { removeRoomNumbers: ['L2'] });
        void patch.then(() => (patched = true));
        // Until the edit waits on the lock (or, were it not to lock, has answered).
        for (let i = 0; i < 500 && !patched; i++) {
          const waiting = await server.stores.knex.users.raw(
            "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
          );
          if (Number(waiting.rows[0].n) > 0) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        expect(patched).toBe(false);
        await hold.commit();
      } catch (err) {
        await hold.rollback();
        throw err;
      }
      // The edit ran after the hold committed, so it saw both rooms held and refused.
      const res = await patch!;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'capacity_in_use', date: '2026-12-02' });
      expect((await admin.get(`/api/hotels/${hotel}`)).body.roomTypes).toContainEqual(
        expect.objectContaining({ id: loft, capacity: 2 }),
      );
    },
  );
});
