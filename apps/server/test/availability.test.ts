import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe.each(dialects)('availability search on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');
  const ids: Record<string, string> = {};

  async function roomType(hotel: string, name: string, maxOccupancy: number, rate: number, rooms: string[]) {
    const res = await admin.post(`/api/hotels/${ids[hotel]}/room-types`, {
      name,
      maxOccupancy,
      nightlyRate: usd(rate),
      roomNumbers: rooms,
    });
    expect(res.status).toBe(201);
    ids[name] = res.body.id;
  }

  /** Hand-made counters: the booking engine's rows, as it would leave them. */
  async function nights(
    name: string,
    rows: [night: string, held: number, booked: number, capacity?: number][],
  ) {
    const capacity = (await admin.get(`/api/hotels/${ids.alpha}`)).body.roomTypes.concat(
      (await admin.get(`/api/hotels/${ids.beta}`)).body.roomTypes,
    );
    const own = capacity.find((t: { id: string }) => t.id === ids[name]).capacity as number;
    await server.stores.knex.hotels('room_nights').insert(
      rows.map(([night, held, booked, cap]) => ({
        room_type_id: ids[name],
        night,
        held,
        booked,
        capacity: cap ?? own,
      })),
    );
  }

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

    for (const [key, name, city] of [
      ['alpha', 'Alpha Hotel', 'Testville'],
      ['beta', 'Beta Hotel', 'Testville'],
      ['gamma', 'Gamma Hotel', 'Elsewhere'],
    ] as const) {
      ids[key] = (await admin.post('/api/hotels', { name, city, country: 'PT' })).body.id;
    }
    await roomType('alpha', 'Double', 2, 10000, ['101', '102', '103', '104', '105']);
    await roomType('alpha', 'Suite', 4, 30000, ['201', '202']);
    await roomType('alpha', 'Single', 1, 8000, ['301', '302', '303']);
    await roomType('beta', 'Twin', 2, 10000, ['1', '2', '3', '4', '5']);
    await roomType('gamma', 'Cheap', 2, 100, ['1']);

    // The stay searched is 2026-12-01 to 2026-12-04: three nights, 12-01, 12-02 and 12-03.
    await nights('Double', [
      ['2026-12-01', 1, 1], // 3 free
      // 12-02: no row, all 5 free
      ['2026-12-03', 0, 4], // 1 free: the fewest
      ['2026-12-04', 0, 5], // check-out morning: not a night of the stay
    ]);
    await nights('Single', [['2026-12-02', 1, 2]]); // 0 free on one night: not listed
    await nights('Twin', [
      ['2026-11-30', 0, 5], // before the stay
      ['2026-12-02', 2, 0], // 3 free
    ]);
    // A counted row never lets more rooms show than the room type has (were it ever out of step).
    await nights('Suite', [['2026-12-01', 0, 0, 9]]);
  });
  afterAll(() => server?.stop());

  const search = (query: string) => agent.get(`/api/availability/hotels?${query}`);
  const stay = 'city=Testville&checkIn=2026-12-01&checkOut=2026-12-04';

  describe('hotels', () => {
    it('gives the fewest free rooms over the nights, rows missing = all free, cheapest first', async () => {
      const res = await search(stay);
      expect(res.status).toBe(200);
      // Terms (policy, extras, stars, amenities) are checked in availability-terms.test.ts.
      expect(res.body).toMatchObject({
        results: [
          {
            hotelId: ids.alpha,
            hotelName: 'Alpha Hotel',
            city: 'Testville',
            roomTypeId: ids.Double,
            roomTypeName: 'Double',
            maxOccupancy: 2,
            available: 1,
            nightlyRate: usd(10000),
            totalPrice: usd(30000),
          },
          {
            hotelId: ids.beta,
            hotelName: 'Beta Hotel',
            city: 'Testville',
            roomTypeId: ids.Twin,
            roomTypeName: 'Twin',
            maxOccupancy: 2,
            available: 3,
            nightlyRate: usd(10000),
            totalPrice: usd(30000),
          },
          {
            hotelId: ids.alpha,
            hotelName: 'Alpha Hotel',
            city: 'Testville',
            roomTypeId: ids.Suite,
            roomTypeName: 'Suite',
            maxOccupancy: 4,
            available: 2,
            nightlyRate: usd(30000),
            totalPrice: usd(90000),
          },
        ],
        total: 3,
      });
    });

    it('counts only the nights of the stay', async () => {
      // One night, 12-02: the Double has no row (5 free), the Single none free, the Twin 3.
      const res = await search('city=Testville&checkIn=2026-12-02&checkOut=2026-12-03');
      const free = Object.fromEntries(
        res.body.results.map((r: { roomTypeName: string; available: number }) => [
          r.roomTypeName,
          r.available,
        ]),
      );
      expect(free).toEqual({ Double: 5, Twin: 3, Suite: 2 });
      const later = await search('city=Testville&checkIn=2026-12-04&checkOut=2026-12-05');
      const double = later.body.results.find((r: { roomTypeName: string }) => r.roomTypeName === 'Double');
      expect(double).toBeUndefined(); // 12-04 is sold out
    });

    it('leaves out rooms too small for the guests and room types with fewer free rooms than asked', async () => {
      const three = await search(`${stay}&guests=3`);
      expect(three.body.results.map((r: { roomTypeName: string }) => r.roomTypeName)).toEqual(['Suite']);
      const single = await search(`${stay}&guests=1`);
      expect(single.body.total).toBe(3);
      const two = await search(`${stay}&rooms=2`);
      expect(two.body.results).toMatchObject([
        { roomTypeName: 'Twin', available: 3, totalPrice: usd(60000) },
        { roomTypeName: 'Suite', available: 2, totalPrice: usd(180000) },
      ]);
      expect((await search(`${stay}&rooms=4`)).body).toEqual({ results: [], total: 0 });
    });

    it('pages, sorts by name on request, and matches the city in any case', async () => {
      const page = await search(`${stay}&limit=1&offset=1`);
      expect(page.body.total).toBe(3);
      expect(page.body.results.map((r: { roomTypeName: string }) => r.roomTypeName)).toEqual(['Twin']);
      expect((await search(`${stay}&limit=2&offset=2`)).body.results).toHaveLength(1);
      expect((await search(`${stay}&offset=3`)).body).toEqual({ results: [], total: 3 });
      const byName = await search(`${stay}&sort=name`);
      expect(byName.body.results.map((r: { roomTypeName: string }) => r.roomTypeName)).toEqual([
        'Double',
        'Suite',
        'Twin',
      ]);
      const lower = await search('city=testville&checkIn=2026-12-01&checkOut=2026-12-04');
      expect(lower.body.total).toBe(3);
    });

    it('searches one hotel by hotelId (a desk walk-in)', async () => {
      const res = await search(`hotelId=${ids.beta}&checkIn=2026-12-01&checkOut=2026-12-04`);
      expect(res.body.results.map((r: { roomTypeId: string }) => r.roomTypeId)).toEqual([ids.Twin]);
      const elsewhere = await search(
        `hotelId=${ids.gamma}&city=Testville&checkIn=2026-12-01&checkOut=2026-12-04`,
      );
      expect(elsewhere.body).toEqual({ results: [], total: 0 });
    });

    it('refuses a bad query with 400 and the field path, and needs a signed-in user', async () => {
      const backwards = await search('city=Testville&checkIn=2026-12-04&checkOut=2026-12-01');
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors[0].path).toBe('query.checkOut');
      expect((await search('checkIn=2026-12-01&checkOut=2026-12-04')).status).toBe(400);
      const anonymous = await client(server.url).get(`/api/availability/hotels?${stay}`);
      expect(anonymous.status).toBe(401);
    });
  });

  describe('flights', () => {
    let late: string;
    let early: string;

    beforeAll(async () => {
      const flight = (flightNumber: string, departureAt: string, arrivalAt: string) =>
        admin.post('/api/flights', {
          flightNumber,
          from: 'LIS',
          to: 'MAD',
          departureAt,
          arrivalAt,
          fareClasses: [
            { code: 'J', name: 'Business', price: usd(50000), seats: ['1A', '1C'] },
            {
              code: 'Y',
              name: 'Economy',
              price: usd(9000),
              seats: ['10A', '10B', '10C', '10D', '10E', '10F'],
            },
          ],
        });
      // An hour apart around Lisbon's midnight (UTC+0 in December): the first on the 5th, the second on
      // the 6th. The second is written with Madrid's offset: the date is read at the origin whatever it says.
      late = (await flight('TP1026', '2026-12-05T23:30:00+00:00', '2026-12-06T02:30:00+01:00')).body.id;
      early = (await flight('IB3101', '2026-12-06T01:30:00+01:00', '2026-12-06T04:30:00+01:00')).body.id;
      await admin.post('/api/flights', {
        flightNumber: 'TP1000',
        from: 'MAD',
        to: 'LIS',
        departureAt: '2026-12-05T10:00:00Z',
        arrivalAt: '2026-12-05T11:00:00Z',
        fareClasses: [{ code: 'Y', name: 'Economy', price: usd(1), seats: ['1A'] }],
      });
      await server.stores.knex
        .flights('fare_classes')
        .where({ flight_id: late, code: 'Y' })
        .update({ held: 2, booked: 3 });
    });

    it('lists the fare classes of the route on the local departure date with enough seats, cheapest first', async () => {
      const res = await agent.get('/api/availability/flights?from=LIS&to=MAD&date=2026-12-05');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        results: [
          {
            flightId: late,
            flightNumber: 'TP1026',
            from: 'LIS',
            to: 'MAD',
            departureAt: '2026-12-05T23:30:00+00:00',
            arrivalAt: '2026-12-06T02:30:00+01:00',
            fareClass: 'Y',
            fareClassName: 'Economy',
            available: 1,
            price: usd(9000),
            totalPrice: usd(9000),
          },
          {
            flightId: late,
            flightNumber: 'TP1026',
            from: 'LIS',
            to: 'MAD',
            departureAt: '2026-12-05T23:30:00+00:00',
            arrivalAt: '2026-12-06T02:30:00+01:00',
            fareClass: 'J',
            fareClassName: 'Business',
            available: 2,
            price: usd(50000),
            totalPrice: usd(50000),
          },
        ],
        total: 2,
      });
      const next = await agent.get('/api/availability/flights?from=LIS&to=MAD&date=2026-12-06');
      expect(
        next.body.results.map((r: { flightId: string; fareClass: string }) => [r.flightId, r.fareClass]),
      ).toEqual([
        [early, 'Y'],
        [early, 'J'],
      ]);
    });

    it('leaves out fare classes with fewer free seats than passengers; prices per passenger', async () => {
      const two = await agent.get('/api/availability/flights?from=LIS&to=MAD&date=2026-12-05&passengers=2');
      expect(two.body.results).toMatchObject([
        { fareClass: 'J', price: usd(50000), totalPrice: usd(100000) },
      ]);
      const three = await agent.get('/api/availability/flights?from=LIS&to=MAD&date=2026-12-05&passengers=3');
      expect(three.body).toEqual({ results: [], total: 0 });
      const other = await agent.get('/api/availability/flights?from=LIS&to=MAD&date=2026-12-07');
      expect(other.body).toEqual({ results: [], total: 0 });
    });
  });

  describe('cars', () => {
    beforeAll(async () => {
      await admin.post('/api/car-locations', { code: 'TST-A', name: 'Testville Airport', city: 'Testville' });
      for (const [plate, category, rate] of [
        ['T-1', 'economy', 4000],
        ['T-2', 'economy', 3500],
        ['T-3', 'economy', 4500],
        ['T-4', 'suv', 9000],
        ['T-5', 'van', 3000],
      ] as const) {
        await admin.post('/api/car-locations/TST-A/cars', {
          plate,
          category,
          model: 'Any',
          dailyRate: usd(rate),
        });
      }
      await server.stores.knex.cars('car_days').insert([
        { location_code: 'TST-A', category: 'economy', day: '2026-12-01', capacity: 3, held: 1, booked: 1 },
        { location_code: 'TST-A', category: 'van', day: '2026-12-02', capacity: 1, held: 0, booked: 1 },
        { location_code: 'TST-A', category: 'suv', day: '2026-12-03', capacity: 1, held: 1, booked: 0 },
      ]);
    });

    it('gives each category the fewest free cars over the days at its lowest rate, cheapest first', async () => {
      const res = await agent.get(
        '/api/availability/cars?location=TST-A&pickUp=2026-12-01&dropOff=2026-12-03',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        results: [
          {
            locationCode: 'TST-A',
            category: 'economy',
            available: 1,
            dailyRate: usd(3500),
            totalPrice: usd(7000),
          },
          {
            locationCode: 'TST-A',
            category: 'suv',
            available: 1,
            dailyRate: usd(9000),
            totalPrice: usd(18000),
          },
        ],
        total: 2,
      });
      const third = await agent.get(
        '/api/availability/cars?location=TST-A&pickUp=2026-12-03&dropOff=2026-12-04',
      );
      expect(
        third.body.results.map((r: { category: string; available: number }) => [r.category, r.available]),
      ).toEqual([
        ['van', 1],
        ['economy', 3],
      ]);
    });

    it('filters one category, pages and sorts by name on request', async () => {
      const suv = await agent.get(
        '/api/availability/cars?location=TST-A&category=suv&pickUp=2026-12-01&dropOff=2026-12-03',
      );
      expect(suv.body.results.map((r: { category: string }) => r.category)).toEqual(['suv']);
      const all = 'location=TST-A&pickUp=2026-12-10&dropOff=2026-12-12';
      const page = await agent.get(`/api/availability/cars?${all}&limit=1&offset=1`);
      expect(page.body).toMatchObject({ total: 3, results: [{ category: 'economy' }] });
      const byName = await agent.get(`/api/availability/cars?${all}&sort=name`);
      expect(byName.body.results.map((r: { category: string }) => r.category)).toEqual([
        'economy',
        'suv',
        'van',
      ]);
      const none = await agent.get(
        '/api/availability/cars?location=NOPE&pickUp=2026-12-10&dropOff=2026-12-12',
      );
      expect(none.body).toEqual({ results: [], total: 0 });
    });
  });

  it('answers while a write transaction is open on the same store, and sees the commit after', async () => {
    const trx = await server.stores.knex.hotels.transaction();
    try {
      // The writer now holds the store's write lock (SQLite) and its only connection.
      await trx('room_nights').insert({
        room_type_id: ids.Twin,
        night: '2026-12-01',
        capacity: 5,
        held: 0,
        booked: 5,
      });
      const during = await search(stay);
      expect(during.status).toBe(200);
      expect(during.body.results.map((r: { roomTypeName: string }) => r.roomTypeName)).toEqual([
        'Double',
        'Twin',
        'Suite',
      ]);
      await trx.commit();
    } catch (err) {
      await trx.rollback();
      throw err;
    }
    const after = await search(stay);
    expect(after.body.results.map((r: { roomTypeName: string }) => r.roomTypeName)).toEqual([
      'Double',
      'Suite',
    ]);
  }, 15_000);
});
