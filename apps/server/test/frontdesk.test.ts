import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, HotelBookingsSchema, HotelItemSchema, StaysSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { zonedInstant } from '../src/after-sale/cancellation-policy.ts';
import {
  addItem,
  customer,
  HOTEL_TZ,
  newTrip,
  pay,
  startAfterSaleWorld,
  type AfterSaleWorld,
  type Api,
} from './after-sale-fixtures.ts';
import { dialects } from './databases.ts';

describe.each(dialects)('front desk on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  const saleTime = clock.now();
  let w: AfterSaleWorld;

  /** The hotel's wall clock: `day` at `hour`:00 in Lisbon. */
  const atHotel = (day: string, hour: number) => clock.set(zonedInstant(day, hour, 0, HOTEL_TZ));
  const day = (n: number) => addDays(w.firstDay, n);
  const stay = (from: number, nights: number, extra: Record<string, unknown> = {}) => ({
    type: 'hotel',
    roomTypeId: w.doubleId,
    checkIn: day(from),
    checkOut: day(from + nights),
    guests: 2,
    ...extra,
  });
  /** A confirmed trip with one stay (and more items): sold at sale time. */
  const soldStay = async (
    from: number,
    nights: number,
    extra: Record<string, unknown> = {},
    who = customer,
  ) => {
    clock.set(saleTime);
    const tripId = await newTrip(w.agent, who);
    const item = await addItem(w.agent, tripId, stay(from, nights, extra));
    await pay(w.agent, tripId);
    return { tripId, itemId: item.id as string };
  };
  const checkIn = (api: Api, s: { tripId: string; itemId: string }, body?: unknown) =>
    api.post(`/api/trips/${s.tripId}/items/${s.itemId}/check-in`, body);
  const checkOut = (api: Api, s: { tripId: string; itemId: string }) =>
    api.post(`/api/trips/${s.tripId}/items/${s.itemId}/check-out`);
  const occupancy = (itemId: string) =>
    w.server.stores.knex
      .hotels('room_occupancy')
      .where({ item_id: itemId })
      .orderBy([{ column: 'night' }, { column: 'room_number' }])
      .select('room_number', 'night') as Promise<{ room_number: string; night: string }[]>;

  beforeAll(async () => {
    w = await startAfterSaleWorld(dialect, clock, `fd${dialect}`);
  });
  afterAll(() => w?.server.stop());

  it('lists arrivals, in-house guests and departures of a hotel date', async () => {
    const arriving = await soldStay(0, 2, {}, { name: 'Ann Arrival', email: 'ann@example.test' });
    const staying = await soldStay(-1, 3, {}, { name: 'Ian Inhouse', email: 'ian@example.test' });
    const leaving = await soldStay(-2, 2, {}, { name: 'Lou Leaving', email: 'lou@example.test' });
    const overdue = await soldStay(-3, 2, {}, { name: 'Olga Overdue', email: 'olga@example.test' });
    atHotel(day(-3), 16);
    expect((await checkIn(w.deskA, overdue)).status).toBe(200);
    atHotel(day(-2), 16);
    expect((await checkIn(w.deskA, leaving)).status).toBe(200);
    atHotel(day(-1), 16);
    expect((await checkIn(w.deskA, staying)).status).toBe(200);

    atHotel(day(0), 8);
    const res = await w.deskA.get(`/api/hotels/${w.hotelId}/stays`);
    expect(res.status).toBe(200);
    expect(StaysSchema.safeParse(res.body).error).toBeUndefined();
    // No date: today at the hotel.
    expect(res.body.date).toBe(day(0));
    const ids = (list: { item: { id: string } }[]) => list.map((s) => s.item.id);
    expect(ids(res.body.arrivals)).toEqual([arriving.itemId]);
    expect(ids(res.body.inHouse)).toEqual([staying.itemId]);
    expect(ids(res.body.departures).sort()).toEqual([leaving.itemId, overdue.itemId].sort());
    expect(res.body.arrivals[0]).toMatchObject({
      tripId: arriving.tripId,
      customer: { name: 'Ann Arrival', email: 'ann@example.test' },
      item: { status: 'confirmed', checkIn: day(0), checkOut: day(2) },
    });
    expect(res.body.inHouse[0].item).toMatchObject({ status: 'checked_in', roomNumber: expect.any(String) });

    // Another date: the lists of that day.
    const before = await w.admin.get(`/api/hotels/${w.hotelId}/stays?date=${day(-2)}`);
    expect(before.status).toBe(200);
    // As things stand now: the guest who arrived that day is in the house by now.
    expect(ids(before.body.arrivals)).toEqual([]);
    expect(ids(before.body.inHouse).sort()).toEqual([leaving.itemId, overdue.itemId].sort());
    expect(before.body.departures).toEqual([]);

    for (const s of [staying, leaving, overdue]) expect((await checkOut(w.deskA, s)).status).toBe(200);
    const after = await w.deskA.get(`/api/hotels/${w.hotelId}/stays?date=${day(0)}`);
    expect(ids(after.body.inHouse)).toEqual([]);
    expect(ids(after.body.departures)).toEqual([]);
  });

  it('checks in on the arrival day only, assigning a free room of the type for every night', async () => {
    const s = await soldStay(10, 3);
    atHotel(day(9), 20);
    const early = await checkIn(w.deskA, s);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'invalid_transition', checkIn: day(10), today: day(9) });
    expect(early.body.detail).toContain(`opens on ${day(10)}`);

    // Early in the morning of the arrival day is fine.
    atHotel(day(10), 7);
    const res = await checkIn(w.deskA, s);
    expect(res.status).toBe(200);
    expect(HotelItemSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      id: s.itemId,
      status: 'checked_in',
      roomNumber: '101',
      roomNumbers: ['101'],
      checkedInAt: clock.now().toISOString(),
    });
    expect(await occupancy(s.itemId)).toEqual([
      { room_number: '101', night: day(10) },
      { room_number: '101', night: day(11) },
      { room_number: '101', night: day(12) },
    ]);
    const trip = (await w.deskA.get(`/api/trips/${s.tripId}`)).body;
    expect(trip.items[0]).toMatchObject({ status: 'checked_in', roomNumber: '101' });
    expect(trip.events.at(-1)).toMatchObject({
      type: 'item.checked_in',
      from: 'confirmed',
      to: 'checked_in',
    });

    // Checked in once: a second check-in is refused by the state machine.
    const again = await checkIn(w.deskA, s);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');

    // A stay that has ended can no longer be checked in.
    const missed = await soldStay(10, 1);
    atHotel(day(11), 9);
    const late = await checkIn(w.deskA, missed);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain(`ended on ${day(11)}`);
  });

  it('takes the room asked for when it is of the type and free, and says why when it is not', async () => {
    const first = await soldStay(20, 2);
    const second = await soldStay(21, 2);
    atHotel(day(20), 15);
    const suite = await checkIn(w.deskA, first, { roomNumber: '201' });
    expect(suite.status).toBe(400);
    expect(suite.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.roomNumber' }] });
    const unknown = await checkIn(w.deskA, first, { roomNumber: '999' });
    expect(unknown.status).toBe(400);

    const took = await checkIn(w.deskA, first, { roomNumber: '103' });
    expect(took.status).toBe(200);
    expect(took.body.roomNumber).toBe('103');

    // The second guest arrives the next day; 103 is still taken that night.
    atHotel(day(21), 15);
    const taken = await checkIn(w.deskA, second, { roomNumber: '103' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'invalid_transition', roomNumber: '103', night: day(21) });
    expect(taken.body.detail).toContain(`Room 103 is occupied on ${day(21)}`);
    // Nothing was written for the refused check-in.
    expect(await occupancy(second.itemId)).toEqual([]);
    expect((await w.deskA.get(`/api/trips/${second.tripId}`)).body.items[0].status).toBe('confirmed');

    // Once the first guest checks out, 103 is free again from today's night.
    const out = await checkOut(w.deskA, first);
    expect(out.status).toBe(200);
    expect(await occupancy(first.itemId)).toEqual([{ room_number: '103', night: day(20) }]);
    const now = await checkIn(w.deskA, second, { roomNumber: '103' });
    expect(now.status).toBe(200);
    expect(now.body.roomNumber).toBe('103');
  });

  it('never gives one room to two stays on one night, however many desks check in at once', async () => {
    const stays = await Promise.all([0, 1, 2, 3].map(() => soldStay(30, 2)));
    atHotel(day(30), 15);
    // Two desks ask for the same room at the same moment: one gets it, the other is told it is occupied.
    const [a, b] = await Promise.all([
      checkIn(w.deskA, stays[0]!, { roomNumber: '102' }),
      checkIn(w.admin, stays[1]!, { roomNumber: '102' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ code: 'invalid_transition', roomNumber: '102' });

    // Without a room asked for, parallel check-ins each get a different free room.
    const loserStay = a.status === 409 ? stays[0]! : stays[1]!;
    const auto = await Promise.all([
      checkIn(w.deskA, loserStay),
      checkIn(w.admin, stays[2]!),
      checkIn(w.deskA, stays[3]!),
    ]);
    expect(auto.map((r) => r.status)).toEqual([200, 200, 200]);
    const rooms = [...auto.map((r) => r.body.roomNumber as string), '102'];
    expect(new Set(rooms).size).toBe(4);
    expect(rooms.sort()).toEqual(['101', '102', '103', '104']);

    // The database agrees: four rooms, two nights each, no room twice on a night.
    const rows = (await w.server.stores.knex
      .hotels('room_occupancy')
      .whereIn(
        'item_id',
        stays.map((s) => s.itemId),
      )
      .select('room_id', 'night')) as { room_id: string; night: string }[];
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => `${r.room_id}/${r.night}`)).size).toBe(8);

    // The constraint itself refuses a second guest in a room-night, whatever the code does.
    const first = rows[0]!;
    await expect(
      w.server.stores.knex.hotels('room_occupancy').insert({
        room_id: first.room_id,
        night: first.night,
        item_id: 'itm_intruder',
        hotel_id: w.hotelId,
        room_type_id: w.doubleId,
        room_number: 'x',
        created_at: clock.now().toISOString(),
      }),
    ).rejects.toThrow(/unique|UNIQUE/);

    // No fifth room: a fifth stay on those nights cannot be checked in (and nothing is written).
    const fifth = await w.server.stores.occupancy.freeRooms(w.doubleId, [day(30)]);
    expect(fifth).toEqual([]);
  });

  it('gives a stay of several rooms that many rooms, the first as its roomNumber', async () => {
    const s = await soldStay(40, 2, { rooms: 2 });
    atHotel(day(40), 14);
    const res = await checkIn(w.deskA, s, { roomNumber: '104' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rooms: 2, roomNumber: '104', roomNumbers: ['104', '101'] });
    expect((await occupancy(s.itemId)).map((r) => r.room_number).sort()).toEqual([
      '101',
      '101',
      '104',
      '104',
    ]);
  });

  it('checks out: frees the nights not slept and completes a trip with nothing left to use', async () => {
    const s = await soldStay(50, 3);
    atHotel(day(50), 15);
    expect((await checkIn(w.deskA, s)).status).toBe(200);

    // Checking out before checking in is refused.
    const other = await soldStay(50, 1);
    atHotel(day(50), 16);
    const notIn = await checkOut(w.deskA, other);
    expect(notIn.status).toBe(409);

    // An early departure: leaves on the second morning; the last two nights come free.
    atHotel(day(51), 10);
    const res = await checkOut(w.deskA, s);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'checked_out', checkedOutAt: clock.now().toISOString() });
    expect((await occupancy(s.itemId)).map((r) => r.night)).toEqual([day(50)]);
    const trip = (await w.deskA.get(`/api/trips/${s.tripId}`)).body;
    expect(trip.status).toBe('completed');
    expect(trip.events.slice(-2)).toMatchObject([
      { type: 'item.checked_out', from: 'checked_in', to: 'checked_out' },
      { type: 'trip.completed', from: 'confirmed', to: 'completed' },
    ]);
    expect((await w.server.stores.trips.findTrip(s.tripId))!.trip.status).toBe('completed');
    const again = await checkOut(w.deskA, s);
    expect(again.status).toBe(409);

    // A trip with a flight still ahead stays confirmed after its stay checks out.
    clock.set(saleTime);
    const tripId = await newTrip(w.agent);
    // The flight leaves 30 days after the sale: day 10.
    const hotel = await addItem(w.agent, tripId, stay(5, 1));
    await addItem(w.agent, tripId, {
      type: 'flight',
      flightId: w.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'G H' }],
    });
    await pay(w.agent, tripId);
    atHotel(day(5), 15);
    expect((await checkIn(w.deskA, { tripId, itemId: hotel.id })).status).toBe(200);
    atHotel(day(6), 9);
    expect((await checkOut(w.deskA, { tripId, itemId: hotel.id })).status).toBe(200);
    expect((await w.deskA.get(`/api/trips/${tripId}`)).body.status).toBe('confirmed');
  });

  it('keeps each desk to its own hotel and the agents out of check-in', async () => {
    const s = await soldStay(60, 2);
    atHotel(day(60), 15);
    const otherDesk = await checkIn(w.deskB, s);
    expect(otherDesk.status).toBe(404);
    expect(otherDesk.body.code).toBe('not_found');
    expect((await w.deskB.get(`/api/hotels/${w.hotelId}/stays`)).status).toBe(404);
    expect((await w.deskB.get(`/api/trips/${s.tripId}`)).status).toBe(404);
    const agent = await checkIn(w.agent, s);
    expect(agent.status).toBe(403);
    expect(agent.body.code).toBe('forbidden');
    expect((await checkOut(w.agent, s)).status).toBe(403);
    // Agents may read the lists; the desk and admins work them.
    expect((await w.agent.get(`/api/hotels/${w.hotelId}/stays`)).status).toBe(200);
    expect((await w.admin.get(`/api/hotels/nope/stays`)).status).toBe(404);
    expect((await checkIn(w.admin, s)).status).toBe(200);
    expect((await checkOut(w.deskB, s)).status).toBe(404);
    expect((await checkOut(w.deskA, s)).status).toBe(200);
  });

  it('takes a walk-in: the desk opens a trip, books its own room for tonight, and checks the guest in', async () => {
    atHotel(day(70), 21);
    const tripId = await newTrip(w.deskA, { name: 'Wally Walkin', email: 'wally@example.test' });
    const item = await addItem(w.deskA, tripId, stay(70, 1));
    // The desk books its own hotel only.
    const elsewhere = await w.deskA.post(`/api/trips/${tripId}/items`, {
      ...stay(70, 1),
      roomTypeId: w.otherRoomTypeId,
    });
    expect(elsewhere.status).toBe(403);
    // Paid at the desk with the local gateway's test card.
    const paid = await pay(w.deskA, tripId);
    expect(paid.payment).toMatchObject({ status: 'captured', amount: { amount: 12_000 } });
    const res = await checkIn(w.deskA, { tripId, itemId: item.id });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('checked_in');
  });

  it('lists the stays of a range for the room chart, checked-out ones included', async () => {
    const gone = await soldStay(80, 3, {}, { name: 'Gus Gone', email: 'gus@example.test' });
    const staying = await soldStay(82, 4, {}, { name: 'Sue Staying', email: 'sue@example.test' });
    const coming = await soldStay(84, 2, {}, { name: 'Cal Coming', email: 'cal@example.test' });
    // Outside [day 81, day 90): leaves the morning the range starts; arrives the day it ends.
    const before = await soldStay(78, 3);
    const after = await soldStay(90, 2);
    atHotel(day(80), 15);
    expect((await checkIn(w.deskA, gone)).status).toBe(200);
    atHotel(day(82), 10);
    expect((await checkOut(w.deskA, gone)).status).toBe(200);
    atHotel(day(82), 15);
    expect((await checkIn(w.deskA, staying)).status).toBe(200);

    const path = (from: string, to: string, hotelId = w.hotelId) =>
      `/api/hotels/${hotelId}/bookings?from=${from}&to=${to}`;
    const res = await w.deskA.get(path(day(81), day(90)));
    expect(res.status).toBe(200);
    expect(HotelBookingsSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({ hotelId: w.hotelId, from: day(81), to: day(90) });
    const listed = res.body.stays as { item: { id: string; status: string } }[];
    expect(listed.map((s) => [s.item.id, s.item.status])).toEqual([
      [gone.itemId, 'checked_out'],
      [staying.itemId, 'checked_in'],
      [coming.itemId, 'confirmed'],
    ]);
    const ids = listed.map((s) => s.item.id);
    expect(ids).not.toContain(before.itemId);
    expect(ids).not.toContain(after.itemId);
    expect(res.body.stays[0]).toMatchObject({
      tripId: gone.tripId,
      customer: { name: 'Gus Gone', email: 'gus@example.test' },
      item: { checkIn: day(80), checkOut: day(83), roomNumber: expect.any(String) },
    });
    expect(res.body.stays[1].item.roomNumber).toEqual(expect.any(String));
    // Agents and admins read any hotel; another hotel's desk gets 404, as for the day lists.
    expect((await w.agent.get(path(day(81), day(90)))).body.stays).toHaveLength(3);
    expect((await w.admin.get(path(day(81), day(90), w.otherHotelId))).body.stays).toEqual([]);
    const elsewhere = await w.deskB.get(path(day(81), day(90)));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('not_found');
    expect((await w.admin.get(path(day(81), day(90), 'nope'))).status).toBe(404);

    // The range: `to` after `from`, at most 62 days on, both real dates.
    for (const [from, to] of [
      [day(81), day(81)],
      [day(90), day(81)],
      [day(81), day(81 + 63)],
      [day(81), '2026-02-30'],
    ] as const) {
      const bad = await w.deskA.get(path(from, to));
      expect(bad.status, `${from}..${to}`).toBe(400);
      expect(bad.body.code).toBe('validation_failed');
    }
    expect((await w.deskA.get(`/api/hotels/${w.hotelId}/bookings?from=${day(81)}`)).status).toBe(400);
    expect((await w.deskA.get(path(day(81), day(81 + 62)))).status).toBe(200);
  });
});
