import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { insertSmallCatalog, invariantViolations, J_PRICE, NIGHTLY_RATE } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';
import { race } from './race.ts';

const TTL = 60;
const NONE = { hotels: [], flights: [], cars: [] };
const customer = { name: 'Ada Again', email: 'ada@example.test' };
let keys = 0;
const key = () => ({ 'idempotency-key': `hold-again-${Date.now()}-${++keys}` });

describe.each(dialects)('hold again on %s', (dialect) => {
  const clock = new ManualClock(new Date('2026-12-04T10:00:00Z'));
  let server: TestServer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL), SWEEP_INTERVAL_SECONDS: '3600', MAX_ACTIVE_HOLDS_PER_USER: '6' },
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  const newTrip = async () => (await api.post('/api/trips', { customer })).body.id as string;
  async function catalogAndTrip(
    tag: string,
    o: { rooms?: number; jSeats?: string[]; stayOnly?: boolean } = {},
  ) {
    clock.advance(TTL); // the holds of the tests before lapse, out of the hold cap
    const { stayOnly, ...sizes } = o;
    const c = await insertSmallCatalog(server.stores, {
      tag: `${tag}${dialect}`,
      now: clock.now(),
      ...sizes,
    });
    const tripId = await newTrip();
    const stay = {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 2),
      guests: 2,
      extras: [{ code: 'breakfast', quantity: 2 }],
      specialRequests: 'Quiet room',
    };
    const flight = {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'J',
      passengers: [{ name: 'Ada Again', seat: c.jSeats[0] }],
    };
    const car = {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 2),
    };
    for (const body of stayOnly ? [stay] : [stay, flight, car]) {
      const res = await api.post(`/api/trips/${tripId}/items`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    return { c, tripId, stay, flight, car };
  }

  it('holds the same items again into the same trip with one new deadline, after the sweeper, and it can be paid', async () => {
    const { tripId } = await catalogAndTrip('kept');
    const before = (await api.get(`/api/trips/${tripId}`)).body;
    clock.advance(TTL);
    await server.app.services.sweeper.sweepOnce(clock.now());
    expect((await api.get(`/api/trips/${tripId}`)).body.status).toBe('expired');

    clock.advance(30);
    const res = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['kept', 'kept', 'kept']);
    expect(res.body.items[0].message).toMatch(/held again as it was/);
    const trip = res.body.trip;
    expect(trip.status).toBe('held');
    expect(trip.customer).toEqual(before.customer);
    const deadline = new Date(clock.now().getTime() + TTL * 1000).toISOString();
    expect(trip.holdExpiresAt).toBe(deadline);
    const held = trip.items.filter((i: { status: string }) => i.status === 'held');
    expect(held).toHaveLength(3);
    expect(held.every((i: { holdExpiresAt: string }) => i.holdExpiresAt === deadline)).toBe(true);
    // Same dates, extras, requests, seats, passengers; same total.
    const strip = ({ id, status, holdExpiresAt, createdAt, ...rest }: Record<string, unknown>) => {
      void [id, status, holdExpiresAt, createdAt];
      return rest;
    };
    expect(held.map(strip)).toEqual(before.items.map(strip));
    const replaced = trip.items.filter((i: { status: string }) => i.status === 'expired');
    expect(replaced.map((i: { heldAgainAs?: string }) => i.heldAgainAs)).toEqual(
      res.body.items.map((i: { newItemId: string }) => i.newItemId),
    );
    expect(trip.total).toEqual(before.total);
    expect(trip.events.at(-1)).toMatchObject({ type: 'trip.held', from: 'expired', to: 'held' });

    // Nothing left to hold again.
    const again = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');

    const paid = await api.post(`/api/trips/${tripId}/pay`, { paymentMethodId: 'pm_card_visa' }, key());
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('confirmed');
    expect(paid.body.total.amount).toBe(before.total.amount);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('keeps each passenger’s traveller and the car’s driver when it holds them again', async () => {
    clock.advance(TTL);
    const c = await insertSmallCatalog(server.stores, { tag: `trv${dialect}`, now: clock.now() });
    const created = await api.post('/api/trips', {
      customer,
      travellers: [
        { name: 'Ada Again', kind: 'adult', email: customer.email },
        { name: 'Bob Again', kind: 'adult' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tripId = created.body.id as string;
    const [ada, bob] = created.body.travellers as { id: string }[];
    for (const body of [
      {
        type: 'flight',
        flightId: c.flightId,
        fareClass: 'J',
        passengers: [{ travellerId: ada!.id }, { travellerId: bob!.id }],
      },
      {
        type: 'car',
        locationCode: c.locationCode,
        category: c.category,
        pickUp: c.firstNight,
        dropOff: addDays(c.firstNight, 2),
        driverTravellerId: bob!.id,
      },
    ]) {
      const res = await api.post(`/api/trips/${tripId}/items`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const before = (await api.get(`/api/trips/${tripId}`)).body;
    clock.advance(TTL);

    const res = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const held = res.body.trip.items.filter((i: { status: string }) => i.status === 'held');
    type ItemView = {
      type: string;
      passengers?: { travellerId?: string }[];
      driverTravellerId?: string;
      driver?: string;
    };
    const travellersOf = (items: ItemView[]) =>
      items.map((i) =>
        i.type === 'flight' ? i.passengers!.map((p) => p.travellerId) : [i.driverTravellerId, i.driver],
      );
    expect(travellersOf(held)).toEqual(travellersOf(before.items));
    expect(travellersOf(held)).toEqual([
      [ada!.id, bob!.id],
      [bob!.id, 'Bob Again'],
    ]);
  });

  it('gives another seat of the fare class in words when the seat was taken, and says what is gone', async () => {
    const { c, tripId, flight, stay } = await catalogAndTrip('changed', { rooms: 1, jSeats: ['1A', '1B'] });
    clock.advance(TTL); // no sweeper: the holds lapse on their own
    const other = await newTrip();
    const seat = await api.post(`/api/trips/${other}/items`, flight);
    expect(seat.status).toBe(201);
    const room = await api.post(`/api/trips/${other}/items`, stay);
    expect(room.status).toBe(201);

    const res = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [hotel, flt, car] = res.body.items;
    expect(hotel).toMatchObject({ type: 'hotel', outcome: 'unavailable' });
    expect(hotel.newItemId).toBeUndefined();
    expect(hotel.message).toMatch(new RegExp(`^The stay at Hotel changed${dialect}: Not enough rooms`));
    expect(flt).toMatchObject({
      type: 'flight',
      outcome: 'changed',
      message: 'Seat 1A was taken; 1B held instead.',
    });
    expect(car).toMatchObject({ type: 'car', outcome: 'kept' });
    const trip = res.body.trip;
    expect(trip.status).toBe('held');
    const newFlight = trip.items.find((i: { id: string }) => i.id === flt.newItemId);
    expect(newFlight).toMatchObject({ status: 'held', seats: ['1B'], fareClass: 'J' });
    expect(newFlight.passengers).toEqual([{ name: 'Ada Again', seat: '1B' }]);
    expect(trip.total.amount).toBe(J_PRICE + newFlightCarPrice(trip, car.newItemId));
    const seats = await server.stores.knex.flights('seat_assignments').where({ flight_id: c.flightId });
    expect(seats.map((s: { seat: string }) => s.seat).sort()).toEqual(['1A', '1B']);
    expect(await invariantViolations(server.stores)).toEqual(NONE);

    // The stay was never held again, so once its room is free a second "hold again" holds it.
    await api.delete(`/api/trips/${other}/items/${room.body.id}`);
    const stayAgain = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(stayAgain.status, JSON.stringify(stayAgain.body)).toBe(200);
    expect(stayAgain.body.items).toEqual([
      expect.objectContaining({ itemId: hotel.itemId, outcome: 'kept' }),
    ]);
    expect(stayAgain.body.trip.items.filter((i: { status: string }) => i.status === 'held')).toHaveLength(3);
    expect(stayAgain.body.trip.total.amount).toBe(
      J_PRICE + newFlightCarPrice(trip, car.newItemId) + 2 * NIGHTLY_RATE + breakfast(stayAgain.body.trip),
    );
  });

  it('holds nothing and leaves the trip expired when nothing is free; a race for the last room sells it once', async () => {
    const { tripId, stay } = await catalogAndTrip('race', { rooms: 1, stayOnly: true });
    clock.advance(TTL);
    const other = await newTrip();
    const { answers } = await race([
      () => api.post(`/api/trips/${tripId}/hold-again`, undefined, key()),
      () => api.post(`/api/trips/${other}/items`, stay),
    ]);
    expect(answers[0]!.status).toBe(200);
    const again = answers[0]!.body as { items: { outcome: string }[]; trip: { status: string } };
    // Exactly one of the two got the last room.
    const rehold = again.items[0]!.outcome === 'kept';
    expect([rehold, answers[1]!.status === 201].filter(Boolean)).toHaveLength(1);
    if (!rehold) expect(answers[1]!.status).toBe(201);
    else expect(answers[1]!.body).toMatchObject({ code: 'sold_out' });
    expect(again.trip.status).toBe(rehold ? 'held' : 'expired');
    expect(await invariantViolations(server.stores)).toEqual(NONE);

    // Everything lapses, the sweeper runs, and another trip takes the room: hold again holds nothing.
    clock.advance(TTL);
    await server.app.services.sweeper.sweepOnce(clock.now());
    expect((await api.get(`/api/trips/${tripId}`)).body.status).toBe('expired');
    const third = await newTrip();
    expect((await api.post(`/api/trips/${third}/items`, stay)).status).toBe(201);
    const res = await api.post(`/api/trips/${tripId}/hold-again`, undefined, key());
    expect(res.status).toBe(200);
    expect(res.body.trip.status).toBe('expired');
    expect(res.body.items).toEqual([
      expect.objectContaining({
        type: 'hotel',
        outcome: 'unavailable',
        message: expect.stringMatching(/Not enough rooms/),
      }),
    ]);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('respects the hold cap, refuses a live or paid trip, and replays with the same key', async () => {
    const { tripId } = await catalogAndTrip('cap');
    expect((await api.post(`/api/trips/${tripId}/hold-again`, undefined, key())).status).toBe(409);
    clock.advance(TTL);
    // Five units held elsewhere: one more fits under the cap of 6.
    const c2 = await insertSmallCatalog(server.stores, { tag: `capb${dialect}`, now: clock.now(), rooms: 5 });
    const other = await newTrip();
    const five = await api.post(`/api/trips/${other}/items`, {
      type: 'hotel',
      roomTypeId: c2.roomTypeId,
      checkIn: c2.firstNight,
      checkOut: addDays(c2.firstNight, 1),
      guests: 1,
      rooms: 5,
    });
    expect(five.status, JSON.stringify(five.body)).toBe(201);
    const k = key();
    const res = await api.post(`/api/trips/${tripId}/hold-again`, undefined, k);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      'kept',
      'unavailable',
      'unavailable',
    ]);
    expect(res.body.items[1].message).toMatch(/^Flight TD100 was not held: This account holds 6 units/);
    const replay = await api.post(`/api/trips/${tripId}/hold-again`, undefined, k);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  function newFlightCarPrice(trip: { items: { id: string; price: { amount: number } }[] }, carId: string) {
    return trip.items.find((i) => i.id === carId)!.price.amount;
  }
  function breakfast(trip: { items: { type: string; status: string; price: { amount: number } }[] }) {
    const stay = trip.items.find((i) => i.type === 'hotel' && i.status === 'held')!;
    return stay.price.amount - 2 * NIGHTLY_RATE;
  }
});
