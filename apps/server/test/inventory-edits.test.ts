import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import { race } from './race.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const NONE = { hotels: [], flights: [], cars: [] };

/**
 * Issue 14: editing and retiring the catalog, rooms out of order and stop-sell, over HTTP. Nothing held
 * or sold is ever lost; what would break a sale answers 409 in words; retired and closed units leave
 * search and take no new hold.
 */
describe.each(dialects)('inventory edits, out of order and stop-sell on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  // Lisbon's today is 2026-11-21 all day at this instant; the manual clock keeps every hold alive.
  const clock = new ManualClock('2026-11-21T12:00:00.000Z');
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock, env: { MAX_ACTIVE_HOLDS_PER_USER: '1000' } });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    expect(
      (
        await admin.post('/api/users', {
          email: 'agent@example.test',
          name: 'Agent',
          role: 'agent',
          password: 'long-enough-password',
        })
      ).status,
    ).toBe(201);
    agent = client(server.url, await login(server.url, 'agent@example.test', 'long-enough-password'));
  });
  afterAll(() => server?.stop());

  /** A hotel of its own in a city of its own, with one room type of `rooms` rooms 101, 102, … */
  async function hotelWith(rooms: number) {
    const city = `City${++n}`;
    const hotel = await admin.post('/api/hotels', {
      name: `Hotel ${n}`,
      city,
      country: 'PT',
      timezone: 'Europe/Lisbon',
    });
    expect(hotel.status).toBe(201);
    const roomNumbers = Array.from({ length: rooms }, (_, i) => String(101 + i));
    const rt = await admin.post(`/api/hotels/${hotel.body.id}/room-types`, {
      name: 'Double',
      maxOccupancy: 2,
      nightlyRate: usd(10000),
      roomNumbers,
    });
    expect(rt.status).toBe(201);
    return { city, hotelId: hotel.body.id as string, roomTypeId: rt.body.id as string };
  }

  const newTrip = async () =>
    (await agent.post('/api/trips', { customer: { name: 'Ana', email: 'ana@example.test' } })).body
      .id as string;

  const holdStay = async (roomTypeId: string, checkIn: string, checkOut: string, rooms = 1) =>
    agent.post(`/api/trips/${await newTrip()}/items`, {
      type: 'hotel',
      roomTypeId,
      checkIn,
      checkOut,
      rooms,
      guests: 1,
    });

  const freeRooms = async (city: string, checkIn: string, checkOut: string) => {
    const res = await agent.get(
      `/api/availability/hotels?city=${city}&checkIn=${checkIn}&checkOut=${checkOut}`,
    );
    expect(res.status).toBe(200);
    return (res.body.results as { available: number }[])[0]?.available ?? 0;
  };

  describe('hotels', () => {
    it('edits a hotel’s name, contact, stars and time zone; null clears; bad input is 400 with paths', async () => {
      const { hotelId } = await hotelWith(1);
      const res = await admin.patch(`/api/hotels/${hotelId}`, {
        name: 'Harbour View',
        phone: '+351 21 000 0000',
        email: 'desk@harbour.example',
        stars: 4,
        amenities: ['wifi', 'pool'],
        address: 'Rua 1',
        timezone: 'Europe/Madrid',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: hotelId,
        name: 'Harbour View',
        phone: '+351 21 000 0000',
        email: 'desk@harbour.example',
        stars: 4,
        amenities: ['wifi', 'pool'],
        timezone: 'Europe/Madrid',
      });
      const cleared = await admin.patch(`/api/hotels/${hotelId}`, { stars: null, address: null });
      expect(cleared.body.stars).toBeUndefined();
      expect(cleared.body.address).toBeUndefined();
      expect((await agent.get(`/api/hotels/${hotelId}`)).body.name).toBe('Harbour View');

      const empty = await admin.patch(`/api/hotels/${hotelId}`, {});
      expect(empty.status).toBe(400);
      const bad = await admin.patch(`/api/hotels/${hotelId}`, { email: 'nope', stars: 9 });
      expect(bad.status).toBe(400);
      expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
        'body.email',
        'body.stars',
      ]);
      expect((await agent.patch(`/api/hotels/${hotelId}`, { name: 'X' })).status).toBe(403);
      expect((await admin.patch('/api/hotels/htl_missing', { name: 'X' })).status).toBe(404);
    });

    it('retires a room type: gone from search, new holds 409 in words, the held stay stays; reinstated it sells', async () => {
      const { city, hotelId, roomTypeId } = await hotelWith(2);
      const held = await holdStay(roomTypeId, '2026-12-01', '2026-12-03');
      expect(held.status).toBe(201);

      const retired = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, { retired: true });
      expect(retired.status).toBe(200);
      expect(retired.body.retiredAt).toBe('2026-11-21T12:00:00.000Z');
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(0);
      const refused = await holdStay(roomTypeId, '2026-12-05', '2026-12-06');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'closed_to_sale' });
      expect(refused.body.detail).toMatch(/retired and no longer sold/);
      // Still held; the room type still readable in the hotel, marked retired.
      expect((await server.stores.hotelHolds.findHold(held.body.id))?.status).toBe('held');
      expect((await agent.get(`/api/hotels/${hotelId}`)).body.roomTypes[0]).toMatchObject({
        id: roomTypeId,
        retiredAt: '2026-11-21T12:00:00.000Z',
      });

      expect(
        (await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, { retired: false })).status,
      ).toBe(200);
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(1);
      expect((await holdStay(roomTypeId, '2026-12-05', '2026-12-06')).status).toBe(201);
    });

    it('retires a hotel: gone from search and from the list unless asked, holds refused, reinstated', async () => {
      const { city, hotelId, roomTypeId } = await hotelWith(1);
      expect((await admin.patch(`/api/hotels/${hotelId}`, { retired: true })).status).toBe(200);
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(0);
      expect((await holdStay(roomTypeId, '2026-12-01', '2026-12-02')).body.code).toBe('closed_to_sale');
      expect((await admin.get(`/api/hotels?city=${city}`)).body.items).toEqual([]);
      const all = await admin.get(`/api/hotels?city=${city}&includeRetired=true`);
      expect(all.body.items).toEqual([
        expect.objectContaining({ id: hotelId, retiredAt: expect.any(String) }),
      ]);
      expect(
        (await admin.patch(`/api/hotels/${hotelId}`, { retired: false })).body.retiredAt,
      ).toBeUndefined();
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(1);
    });
  });

  describe('rooms out of order', () => {
    it('takes rooms out of the sellable count for their nights, refuses to oversell, puts them back', async () => {
      const { city, hotelId, roomTypeId } = await hotelWith(3);
      expect((await holdStay(roomTypeId, '2026-12-10', '2026-12-11', 2)).status).toBe(201);

      // 3 rooms, 2 held on the 10th: two rooms out would leave 1 for 2 sold.
      const over = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['101', '102'],
        from: '2026-12-09',
        to: '2026-12-12',
      });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'capacity_in_use', date: '2026-12-10', inUse: 2 });
      expect(over.body.detail).toMatch(
        /night of 2026-12-10, 2 rooms of Double are held or sold; only 1 would remain/,
      );
      expect((await admin.get(`/api/hotels/${hotelId}/out-of-order`)).body.items).toEqual([]);

      const ok = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['103'],
        from: '2026-12-09',
        to: '2026-12-12',
        kind: 'out_of_service',
        reason: 'Painting',
      });
      expect(ok.status).toBe(201);
      expect(ok.body.items).toEqual([
        expect.objectContaining({
          roomNumber: '103',
          roomTypeId,
          from: '2026-12-09',
          to: '2026-12-12',
          kind: 'out_of_service',
          reason: 'Painting',
        }),
      ]);
      expect(await freeRooms(city, '2026-12-09', '2026-12-10')).toBe(2);
      expect(await freeRooms(city, '2026-12-10', '2026-12-11')).toBe(0);
      expect(await freeRooms(city, '2026-12-12', '2026-12-13')).toBe(3);
      expect((await holdStay(roomTypeId, '2026-12-10', '2026-12-11')).body.code).toBe('sold_out');
      expect(await invariantViolations(server.stores)).toEqual(NONE);

      const again = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['103'],
        from: '2026-12-11',
        to: '2026-12-13',
      });
      expect(again.status).toBe(400);
      expect(again.body.errors[0]).toMatchObject({ path: 'body.roomNumbers' });
      const unknown = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['999'],
        from: '2026-12-11',
        to: '2026-12-13',
      });
      expect(unknown.body.errors[0].message).toMatch(/999/);
      const past = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['101'],
        from: '2026-11-20',
        to: '2026-11-23',
      });
      expect(past.body.errors[0]).toMatchObject({ path: 'body.from' });
      const reversed = await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['101'],
        from: '2026-12-13',
        to: '2026-12-11',
      });
      expect(reversed.body.errors[0]).toMatchObject({ path: 'body.to' });

      // Removing a room keeps out-of-order rooms out: 3 rooms, 1 out, 2 held leaves nothing to remove.
      const remove = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        removeRoomNumbers: ['101'],
      });
      expect(remove.status).toBe(409);
      expect(remove.body.date).toBe('2026-12-10');

      expect((await admin.delete(`/api/hotels/${hotelId}/out-of-order/${ok.body.items[0].id}`)).status).toBe(
        204,
      );
      expect(await freeRooms(city, '2026-12-10', '2026-12-11')).toBe(1);
      expect((await admin.delete(`/api/hotels/${hotelId}/out-of-order/${ok.body.items[0].id}`)).status).toBe(
        404,
      );
      expect(await invariantViolations(server.stores)).toEqual(NONE);
    });

    it('never offers a room out of order for a check-in on its nights', async () => {
      const { hotelId, roomTypeId } = await hotelWith(3);
      await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['101'],
        from: '2026-12-02',
        to: '2026-12-04',
      });
      const numbers = async (nights: string[]) =>
        (await server.stores.occupancy.freeRooms(roomTypeId, nights)).map((r) => r.number);
      expect(await numbers(['2026-12-01', '2026-12-02'])).toEqual(['102', '103']);
      expect(await numbers(['2026-12-03'])).toEqual(['102', '103']);
      expect(await numbers(['2026-12-04', '2026-12-05'])).toEqual(['101', '102', '103']);
    });

    it('removing an out-of-order room drops its period and keeps the nights’ counts right', async () => {
      const { city, hotelId, roomTypeId } = await hotelWith(3);
      await admin.post(`/api/hotels/${hotelId}/out-of-order`, {
        roomNumbers: ['102'],
        from: '2026-12-01',
        to: '2026-12-03',
      });
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(2);
      const res = await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, {
        removeRoomNumbers: ['102'],
      });
      expect(res.status).toBe(200);
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(2);
      expect((await admin.get(`/api/hotels/${hotelId}/out-of-order`)).body.items).toEqual([]);
      await admin.patch(`/api/hotels/${hotelId}/room-types/${roomTypeId}`, { addRoomNumbers: ['104'] });
      expect(await freeRooms(city, '2026-12-01', '2026-12-02')).toBe(3);
    });

    it('marks rooms out while 30 holds race for the last rooms: the invariant holds, answers are 201 or 409', async () => {
      for (let round = 0; round < 3; round++) {
        const { hotelId, roomTypeId } = await hotelWith(5);
        const trips = await Promise.all(Array.from({ length: 30 }, () => newTrip()));
        const stay = { type: 'hotel', roomTypeId, checkIn: '2026-12-20', checkOut: '2026-12-22', guests: 1 };
        const requests = trips.map((id) => () => agent.post(`/api/trips/${id}/items`, stay));
        const outOfOrder = () =>
          admin.post(`/api/hotels/${hotelId}/out-of-order`, {
            roomNumbers: ['101', '102'],
            from: '2026-12-21',
            to: '2026-12-23',
          });
        requests.splice(round * 10, 0, outOfOrder);
        const { answers, tally } = await race(requests);
        const ooo = answers[round * 10]!;
        expect([201, 409]).toContain(ooo.status);
        const sold = answers.filter((a, i) => i !== round * 10 && a.status === 201).length;
        // Rooms out on the 21st leave 3 to sell; otherwise the holds took more than 3 first.
        if (ooo.status === 201) expect(sold).toBeLessThanOrEqual(3);
        else {
          expect((ooo.body as { code: string }).code).toBe('capacity_in_use');
          expect(sold).toBeGreaterThan(3);
        }
        expect(sold).toBeLessThanOrEqual(5);
        expect(
          Object.keys(tally).every((k) => ['201', '409 sold_out', '409 capacity_in_use'].includes(k)),
        ).toBe(true);
        expect(await invariantViolations(server.stores)).toEqual(NONE);
      }
    });
  });

  describe('stop-sell', () => {
    it('closes a room type for nights: stays over them leave search and are refused; others sell; holds made stay', async () => {
      const { city, hotelId, roomTypeId } = await hotelWith(2);
      const before = await holdStay(roomTypeId, '2026-12-24', '2026-12-26');
      const closed = await admin.post(`/api/hotels/${hotelId}/closures`, {
        roomTypeId,
        from: '2026-12-25',
        to: '2026-12-27',
        reason: 'Christmas',
      });
      expect(closed.status).toBe(201);
      expect(closed.body).toMatchObject({
        roomTypeId,
        from: '2026-12-25',
        to: '2026-12-27',
        reason: 'Christmas',
      });
      expect(await freeRooms(city, '2026-12-24', '2026-12-26')).toBe(0);
      expect(await freeRooms(city, '2026-12-23', '2026-12-25')).toBe(1);
      const refused = await holdStay(roomTypeId, '2026-12-24', '2026-12-26');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'closed_to_sale', date: '2026-12-25' });
      expect(refused.body.detail).toBe(
        'Rooms of this type are closed to sale on 2026-12-25; nothing was held.',
      );
      expect((await server.stores.hotelHolds.findHold(before.body.id))?.status).toBe('held');
      expect((await agent.get(`/api/hotels/${hotelId}/closures`)).body.items).toHaveLength(1);

      const other = await admin.post(`/api/hotels/${hotelId}/closures`, {
        roomTypeId: 'rmt_nope',
        from: '2026-12-25',
        to: '2026-12-27',
      });
      expect(other.body.errors[0]).toMatchObject({ path: 'body.roomTypeId' });

      expect((await admin.delete(`/api/hotels/${hotelId}/closures/${closed.body.id}`)).status).toBe(204);
      expect((await holdStay(roomTypeId, '2026-12-24', '2026-12-26')).status).toBe(201);
    });

    it('closes a car category for days and retires cars and locations without losing a rental', async () => {
      const code = `LOC${dialect.toUpperCase()}`;
      expect((await admin.post('/api/car-locations', { code, name: 'Airport', city: 'Faro' })).status).toBe(
        201,
      );
      const cars = [];
      for (const plate of ['AA-01', 'AA-02']) {
        cars.push(
          (
            await admin.post(`/api/car-locations/${code}/cars`, {
              plate: `${plate}-${dialect}`,
              category: 'economy',
              model: 'Clio',
              dailyRate: usd(3000),
            })
          ).body.id as string,
        );
      }
      const rent = async (pickUp: string, dropOff: string) => {
        const tripId = await newTrip();
        const res = await agent.post(`/api/trips/${tripId}/items`, {
          type: 'car',
          locationCode: code,
          category: 'economy',
          pickUp,
          dropOff,
        });
        return Object.assign(res, { tripId });
      };
      const search = async (pickUp: string, dropOff: string) =>
        (await agent.get(`/api/availability/cars?location=${code}&pickUp=${pickUp}&dropOff=${dropOff}`)).body
          .results as { available: number }[];

      const closure = await admin.post(`/api/car-locations/${code}/closures`, {
        category: 'economy',
        from: '2026-12-05',
        to: '2026-12-07',
      });
      expect(closure.status).toBe(201);
      expect(await search('2026-12-04', '2026-12-06')).toEqual([]);
      expect((await rent('2026-12-04', '2026-12-06')).body).toMatchObject({
        code: 'closed_to_sale',
        date: '2026-12-05',
      });
      expect((await search('2026-12-07', '2026-12-08'))[0]?.available).toBe(2);
      const noCategory = await admin.post(`/api/car-locations/${code}/closures`, {
        category: 'suv',
        from: '2026-12-05',
        to: '2026-12-07',
      });
      expect(noCategory.body.errors[0]).toMatchObject({ path: 'body.category' });
      expect((await admin.delete(`/api/car-locations/${code}/closures/${closure.body.id}`)).status).toBe(204);

      // Both cars rented on the 10th: neither can retire; after one rental goes, one can.
      const r1 = await rent('2026-12-10', '2026-12-12');
      const r2 = await rent('2026-12-10', '2026-12-11');
      expect([r1.status, r2.status]).toEqual([201, 201]);
      const refused = await admin.patch(`/api/car-locations/${code}/cars/${cars[0]}`, { retired: true });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'capacity_in_use', date: '2026-12-10' });
      expect((await agent.delete(`/api/trips/${r2.tripId}/items/${r2.body.id}`)).status).toBeLessThan(300);
      const retired = await admin.patch(`/api/car-locations/${code}/cars/${cars[0]}`, {
        retired: true,
        model: 'Clio V',
      });
      expect(retired.status).toBe(200);
      expect(retired.body).toMatchObject({ model: 'Clio V', retiredAt: expect.any(String) });
      expect((await search('2026-12-20', '2026-12-21'))[0]?.available).toBe(1);
      expect((await admin.get(`/api/car-locations/${code}/cars`)).body.items).toHaveLength(2);
      expect(
        (await admin.patch(`/api/car-locations/${code}/cars/${cars[0]}`, { retired: false })).status,
      ).toBe(200);
      expect((await search('2026-12-20', '2026-12-21'))[0]?.available).toBe(2);

      // The location: renamed, retired (gone, holds refused, the rental stays), reinstated.
      expect((await admin.patch(`/api/car-locations/${code}`, { name: 'Faro Airport' })).body.name).toBe(
        'Faro Airport',
      );
      expect((await admin.patch(`/api/car-locations/${code}`, { retired: true })).status).toBe(200);
      expect(await search('2026-12-20', '2026-12-21')).toEqual([]);
      expect((await rent('2026-12-20', '2026-12-21')).body.code).toBe('closed_to_sale');
      expect((await agent.get('/api/car-locations?city=Faro')).body.items).toEqual([]);
      expect((await admin.get('/api/car-locations?city=Faro&includeRetired=true')).body.items).toHaveLength(
        1,
      );
      expect((await server.stores.carHolds.findHold(r1.body.id))?.status).toBe('held');
      await admin.patch(`/api/car-locations/${code}`, { retired: false });
      expect((await rent('2026-12-20', '2026-12-21')).status).toBe(201);
      expect(await invariantViolations(server.stores)).toEqual(NONE);
    });
  });

  describe('flights', () => {
    async function flight(number: string) {
      const res = await admin.post('/api/flights', {
        flightNumber: number,
        from: 'LIS',
        to: 'OPO',
        departureAt: '2026-12-15T08:00:00Z',
        arrivalAt: '2026-12-15T09:00:00Z',
        fareClasses: [
          { code: 'Y', name: 'Economy', price: usd(9000), seats: ['10A', '10B'] },
          { code: 'J', name: 'Business', price: usd(30000), seats: ['1A'] },
        ],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    }
    const book = async (flightId: string, fareClass: string, seat?: string) =>
      agent.post(`/api/trips/${await newTrip()}/items`, {
        type: 'flight',
        flightId,
        fareClass,
        passengers: [{ name: 'Ana Silva', ...(seat ? { seat } : {}) }],
      });
    const search = async (date: string) =>
      (await agent.get(`/api/availability/flights?from=LIS&to=OPO&date=${date}`)).body.results as {
        flightNumber: string;
        fareClass: string;
        price: { amount: number };
      }[];

    it('changes times only while nothing is held; prices for new sales; seats in and out; retires', async () => {
      const id = await flight(`TP${dialect === 'pg' ? 11 : 12}`);
      const moved = await admin.patch(`/api/flights/${id}`, {
        departureAt: '2026-12-16T08:30:00Z',
        arrivalAt: '2026-12-16T09:30:00Z',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.departureDate).toBe('2026-12-16');
      const bad = await admin.patch(`/api/flights/${id}`, { arrivalAt: '2026-12-16T07:00:00Z' });
      expect(bad.body.errors[0]).toMatchObject({ path: 'body.arrivalAt' });

      const sold = await book(id, 'Y', '10A');
      expect(sold.status).toBe(201);
      expect(sold.body.price).toEqual(usd(9000));
      const refused = await admin.patch(`/api/flights/${id}`, { departureAt: '2026-12-16T08:45:00Z' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'capacity_in_use' });
      expect(refused.body.detail).toMatch(/1 seat is held or sold on this flight/);

      const repriced = await admin.patch(`/api/flights/${id}/fare-classes/Y`, {
        price: usd(9900),
        addSeats: ['10C'],
      });
      expect(repriced.status).toBe(200);
      expect(repriced.body.fareClasses.find((c: { code: string }) => c.code === 'Y')).toMatchObject({
        price: usd(9900),
        capacity: 3,
        held: 1,
      });
      expect((await book(id, 'Y')).body.price).toEqual(usd(9900));
      expect((await server.stores.flightHolds.findHold(sold.body.id))?.status).toBe('held');

      const takenSeat = await admin.patch(`/api/flights/${id}/fare-classes/Y`, { removeSeats: ['10A'] });
      expect(takenSeat.status).toBe(409);
      expect(takenSeat.body.detail).toBe('Seat 10A is held or sold and cannot be removed.');
      const foreign = await admin.patch(`/api/flights/${id}/fare-classes/Y`, { addSeats: ['1A'] });
      expect(foreign.body.errors[0]).toMatchObject({ path: 'body.addSeats' });

      const retired = await admin.patch(`/api/flights/${id}/fare-classes/J`, { retired: true });
      expect(retired.status).toBe(200);
      expect((await search('2026-12-16')).map((r) => r.fareClass)).toEqual(['Y']);
      expect((await book(id, 'J')).body.code).toBe('closed_to_sale');
      await admin.patch(`/api/flights/${id}`, { retired: true });
      expect(await search('2026-12-16')).toEqual([]);
      await admin.patch(`/api/flights/${id}`, { retired: false });
      await admin.patch(`/api/flights/${id}/fare-classes/J`, { retired: false });
      expect(await search('2026-12-16')).toHaveLength(2);
      expect(await invariantViolations(server.stores)).toEqual(NONE);
    });

    it('closes a fare class of a flight number on departure dates', async () => {
      const number = `TP${dialect === 'pg' ? 21 : 22}`;
      const id = await flight(number);
      const closure = await admin.post('/api/flight-closures', {
        flightNumber: number,
        fareClass: 'J',
        from: '2026-12-14',
        to: '2026-12-16',
      });
      expect(closure.status).toBe(201);
      expect(
        (await search('2026-12-15')).filter((r) => r.flightNumber === number).map((r) => r.fareClass),
      ).toEqual(['Y']);
      expect((await book(id, 'J')).body).toMatchObject({ code: 'closed_to_sale', date: '2026-12-15' });
      expect((await book(id, 'Y')).status).toBe(201);
      expect((await agent.get(`/api/flight-closures?flightNumber=${number}`)).body.items).toHaveLength(1);
      expect((await admin.delete(`/api/flight-closures/${closure.body.id}`)).status).toBe(204);
      expect((await book(id, 'J')).status).toBe(201);
    });
  });
});
