import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, HotelItemSchema, TripSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { zonedInstant } from '../src/after-sale/cancellation-policy.ts';
import {
  addItem,
  customer,
  HOTEL_TZ,
  newTrip,
  pay,
  roomNights,
  startAfterSaleWorld,
  type AfterSaleWorld,
} from './after-sale-fixtures.ts';
import { invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { race } from './race.ts';

const NONE = { hotels: [], flights: [], cars: [] };

describe.each(dialects)('overbooking on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  const saleTime = clock.now();
  let w: AfterSaleWorld;
  const day = (n: number) => addDays(w.firstDay, n);
  const setAllowance = (roomTypeId: string, allowance: unknown) =>
    w.admin.put(`/api/hotels/${w.hotelId}/room-types/${roomTypeId}/overbooking`, { allowance });

  beforeAll(async () => {
    w = await startAfterSaleWorld(dialect, clock, `ob${dialect}`);
  });
  afterAll(() => w?.server.stop());

  it('sells exactly rooms + allowance in a race for the last rooms, and the database holds the bound', async () => {
    // The Double has 4 rooms; with an allowance of 2, six may be sold a night.
    const set = await setAllowance(w.doubleId, 2);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ id: w.doubleId, capacity: 4, overbookingAllowance: 2 });
    expect((await w.agent.get(`/api/hotels/${w.hotelId}`)).body.roomTypes).toContainEqual(
      expect.objectContaining({ id: w.doubleId, overbookingAllowance: 2 }),
    );

    const stay = { type: 'hotel', roomTypeId: w.doubleId, checkIn: day(40), checkOut: day(42), guests: 2 };
    const search = await w.agent.get(
      `/api/availability/hotels?city=Lisbon&checkIn=${day(40)}&checkOut=${day(42)}&guests=2`,
    );
    expect(
      search.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === w.doubleId),
    ).toMatchObject({ available: 6 });

    const trips: string[] = [];
    for (let i = 0; i < 30; i++)
      trips.push(await newTrip(w.agent, { name: `Racer ${i}`, email: 'r@example.test' }));
    const { tally } = await race(trips.map((id) => () => w.agent.post(`/api/trips/${id}/items`, stay)));
    expect(tally).toEqual({ '201': 6, '409 sold_out': 24 });
    expect(await roomNights(w.server.stores, w.doubleId, day(40), day(42))).toEqual([
      { night: day(40), held: 6, booked: 0 },
      { night: day(41), held: 6, booked: 0 },
    ]);
    expect(await invariantViolations(w.server.stores)).toEqual(NONE);

    // The database itself refuses a seventh, whatever the code does.
    await expect(
      w.server.stores.knex
        .hotels('room_nights')
        .where({ room_type_id: w.doubleId, night: day(40) })
        .update({ held: 7 }),
    ).rejects.toThrow(/room_nights_within_capacity/);
  });

  it('refuses to lower the allowance below what a night has sold beyond its rooms, in words', async () => {
    const res = await setAllowance(w.doubleId, 1);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'capacity_in_use', date: day(40), inUse: 6 });
    expect(res.body.detail).toBe(
      `On the night of ${day(40)}, 6 rooms are held or sold and the type has 4 rooms: the allowance cannot go below 2 until some are released.`,
    );
    const nights = await w.server.stores.knex
      .hotels('room_nights')
      .where({ room_type_id: w.doubleId, night: day(40) })
      .first('allowance');
    expect(Number(nights.allowance)).toBe(2);
    // Raising it reaches the counted nights at once.
    expect((await setAllowance(w.doubleId, 3)).status).toBe(200);
    const raised = await w.server.stores.knex
      .hotels('room_nights')
      .where({ room_type_id: w.doubleId, night: day(40) })
      .first('allowance');
    expect(Number(raised.allowance)).toBe(3);
    expect((await setAllowance(w.doubleId, 2)).status).toBe(200);
  });

  it('answers bad input with 400 naming the field, other roles with 403, an unknown room type with 404', async () => {
    for (const bad of [-1, 1.5, 'two', null, 501]) {
      const res = await setAllowance(w.doubleId, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('body.allowance');
    }
    expect(
      (await w.agent.put(`/api/hotels/${w.hotelId}/room-types/${w.doubleId}/overbooking`, { allowance: 1 }))
        .status,
    ).toBe(403);
    expect((await setAllowance('rmt_missing', 1)).status).toBe(404);
    const created = await w.admin.post(`/api/hotels/${w.hotelId}/room-types`, {
      name: 'Attic',
      maxOccupancy: 1,
      nightlyRate: { amount: 5000, currency: 'EUR' },
      roomNumbers: ['A1'],
      overbookingAllowance: 1,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.overbookingAllowance).toBe(1);
  });

  it('walks a stay that cannot get a room: cancelled, refunded as chosen, recorded on the trip', async () => {
    // The Suite is one room; with an allowance of 1 two stays are sold for the same night.
    expect((await setAllowance(w.suiteId, 1)).status).toBe(200);
    clock.set(saleTime);
    const sell = async (name: string) => {
      const tripId = await newTrip(w.agent, { ...customer, name });
      const item = await addItem(w.agent, tripId, {
        type: 'hotel',
        roomTypeId: w.suiteId,
        checkIn: day(5),
        checkOut: day(7),
        guests: 2,
      });
      await pay(w.agent, tripId);
      return { tripId, itemId: item.id as string };
    };
    const first = await sell('Ada First');
    const second = await sell('Bob Second');
    expect(await roomNights(w.server.stores, w.suiteId, day(5), day(7))).toEqual([
      { night: day(5), held: 0, booked: 2 },
      { night: day(6), held: 0, booked: 2 },
    ]);

    const walk = (s: { tripId: string; itemId: string }, body: unknown, api = w.deskA) =>
      api.post(`/api/trips/${s.tripId}/items/${s.itemId}/walk`, body);
    // Before the arrival day: not yet.
    clock.set(zonedInstant(day(4), 16, 0, HOTEL_TZ));
    const early = await walk(second, { hotel: 'Hotel Bristol', refund: 'full' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain(`from ${day(5)}`);

    clock.set(zonedInstant(day(5), 15, 0, HOTEL_TZ));
    expect((await w.deskA.post(`/api/trips/${first.tripId}/items/${first.itemId}/check-in`)).status).toBe(
      200,
    );
    const noRoom = await w.deskA.post(`/api/trips/${second.tripId}/items/${second.itemId}/check-in`);
    expect(noRoom.status).toBe(409);
    expect(noRoom.body.code).toBe('sold_out');

    // Agents do not walk guests; bad input names the field.
    expect((await walk(second, { hotel: 'Hotel Bristol', refund: 'full' }, w.agent)).status).toBe(403);
    const bad = await walk(second, { hotel: '  ', refund: 'half' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.hotel',
      'body.refund',
    ]);
    // A guest in the house is not walked.
    expect((await walk(first, { hotel: 'Hotel Bristol', refund: 'full' })).status).toBe(409);

    const res = await walk(second, { hotel: 'Hotel Bristol', note: 'Two nights paid by us', refund: 'full' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(TripSchema.safeParse(res.body).error).toBeUndefined();
    const item = res.body.items.find((i: { id: string }) => i.id === second.itemId);
    expect(HotelItemSchema.safeParse(item).error).toBeUndefined();
    expect(item).toMatchObject({
      status: 'cancelled',
      walked: { hotel: 'Hotel Bristol', note: 'Two nights paid by us', refund: 'full', actor: w.ids.deskA },
    });
    expect(res.body.status).toBe('cancelled');
    const walked = res.body.events.find((e: { type: string }) => e.type === 'item.walked');
    expect(walked).toMatchObject({ itemId: second.itemId, from: 'confirmed', to: 'cancelled' });
    expect(JSON.parse(walked.detail)).toMatchObject({
      hotel: 'Hotel Bristol',
      note: 'Two nights paid by us',
      refund: { amount: item.price.amount, currency: item.price.currency },
    });
    expect(res.body.refund.amount).toEqual(item.price);
    // Its nights left the hotel's count; walking again is refused.
    expect(await roomNights(w.server.stores, w.suiteId, day(5), day(7))).toEqual([
      { night: day(5), held: 0, booked: 1 },
      { night: day(6), held: 0, booked: 1 },
    ]);
    expect((await walk(second, { hotel: 'Hotel Bristol', refund: 'full' })).status).toBe(409);
    expect(await invariantViolations(w.server.stores)).toEqual(NONE);
  });

  it('walks with nothing refunded when the desk says so', async () => {
    clock.set(saleTime);
    const tripId = await newTrip(w.agent);
    const item = await addItem(w.agent, tripId, {
      type: 'hotel',
      roomTypeId: w.suiteId,
      checkIn: day(10),
      checkOut: day(11),
      guests: 1,
    });
    await pay(w.agent, tripId);
    clock.set(zonedInstant(day(10), 18, 0, HOTEL_TZ));
    const res = await w.admin.post(`/api/trips/${tripId}/items/${item.id}/walk`, {
      hotel: 'Pensão Flor',
      refund: 'none',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items[0].walked).toMatchObject({ hotel: 'Pensão Flor', refund: 'none' });
    expect(res.body.refund?.amount?.amount ?? 0).toBe(0);
  });
});
