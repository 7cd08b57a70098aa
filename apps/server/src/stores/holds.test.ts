import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from '../../test/booking-catalog.ts';
import { HoldRefusedError } from './holds.ts';
import { openStores, type Stores } from './index.ts';

const NONE = { hotels: [], flights: [], cars: [] };
const T0 = new Date('2026-11-21T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ttl = (minutes: number) => at(minutes + 30);

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HoldRefusedError) return err.refusal.reason;
    throw err;
  }
  throw new Error('expected the hold to be refused');
}

describe.each(dialects)('holds repositories on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let seq = 0;
  const fresh = async (o: { rooms?: number; ySeats?: string[]; cars?: number } = {}) =>
    insertSmallCatalog(stores, { tag: `r${dialect}${++seq}`, now: T0, ...o });
  const id = () => `itm_test${++seq}`;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  describe('hotel rooms', () => {
    let c: SmallCatalog;
    beforeAll(async () => {
      c = await fresh({ rooms: 2 });
    });

    it('holds every night or none: a full night refuses the whole stay and leaves nothing behind', async () => {
      const n1 = c.firstNight;
      const [n2, n3] = [addDays(n1, 1), addDays(n1, 2)];
      const first = id();
      await stores.hotelHolds.placeHold({
        id: first,
        roomTypeId: c.roomTypeId,
        checkIn: n2,
        checkOut: n3,
        rooms: 2,
        expiresAt: ttl(0),
        now: at(0),
        actor: 'usr_a',
      });
      const before = await stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId })
        .orderBy('night');
      const second = id();
      expect(
        await refusal(
          stores.hotelHolds.placeHold({
            id: second,
            roomTypeId: c.roomTypeId,
            checkIn: n1,
            checkOut: n3,
            rooms: 1,
            expiresAt: ttl(0),
            now: at(0),
            actor: 'usr_a',
          }),
        ),
      ).toBe('sold_out');
      // Night n1's row was created inside the refused transaction: rolled back with it.
      const after = await stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId })
        .orderBy('night');
      expect(after).toEqual(before);
      expect(await stores.hotelHolds.findHold(second)).toBeUndefined();
      expect(await stores.knex.hotels('inventory_events').where({ hold_id: second })).toEqual([]);
      expect(await invariantViolations(stores)).toEqual(NONE);
      expect(await stores.hotelHolds.releaseHold(first, 'released', at(1))).toBe(true);
    });

    it('creates a missing night with the room type’s capacity and counts rooms on it', async () => {
      const night = addDays(c.firstNight, 10);
      const h = await stores.hotelHolds.placeHold({
        id: id(),
        roomTypeId: c.roomTypeId,
        checkIn: night,
        checkOut: addDays(night, 1),
        rooms: 1,
        expiresAt: ttl(0),
        now: at(0),
        actor: 'usr_a',
      });
      expect(h).toMatchObject({
        status: 'held',
        hotelId: c.hotelId,
        rooms: 1,
        expiresAt: ttl(0).toISOString(),
      });
      const row = await stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId, night })
        .first();
      expect(row).toMatchObject({ capacity: 2, held: 1, booked: 0 });
      expect(await stores.knex.hotels('inventory_events').where({ hold_id: h.id })).toEqual([
        expect.objectContaining({ type: 'hold.placed', actor: 'usr_a' }),
      ]);
    });

    it('refuses an unknown room type as unknown_unit', async () => {
      expect(
        await refusal(
          stores.hotelHolds.placeHold({
            id: id(),
            roomTypeId: 'rmt_nope',
            checkIn: c.firstNight,
            checkOut: addDays(c.firstNight, 1),
            rooms: 1,
            expiresAt: ttl(0),
            now: at(0),
            actor: 'usr_a',
          }),
        ),
      ).toBe('unknown_unit');
    });

    it('confirms only before expiry, releases and cancels once, and keeps the counts right', async () => {
      const night = addDays(c.firstNight, 20);
      const place = (hid: string) =>
        stores.hotelHolds.placeHold({
          id: hid,
          roomTypeId: c.roomTypeId,
          checkIn: night,
          checkOut: addDays(night, 2),
          rooms: 1,
          expiresAt: ttl(0),
          now: at(0),
          actor: 'usr_a',
        });
      const a = id();
      const b = id();
      await place(a);
      await place(b);
      // At the very instant of expiry the hold is gone: never confirmed.
      expect(await stores.hotelHolds.confirmHold(a, ttl(0))).toBe(false);
      expect(await stores.hotelHolds.confirmHold(a, new Date(ttl(0).getTime() - 1))).toBe(true);
      expect(await stores.hotelHolds.confirmHold(a, at(1))).toBe(false);
      expect(await stores.hotelHolds.releaseHold(b, 'released', at(1))).toBe(true);
      expect(await stores.hotelHolds.releaseHold(b, 'released', at(1))).toBe(false);
      expect(await stores.hotelHolds.releaseHold(a, 'released', at(1))).toBe(false);
      let row = await stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId, night }).first();
      expect(row).toMatchObject({ held: 0, booked: 1 });
      expect(await invariantViolations(stores)).toEqual(NONE);
      expect(await stores.hotelHolds.cancelBooking(a, at(2))).toBe(true);
      expect(await stores.hotelHolds.cancelBooking(a, at(2))).toBe(false);
      row = await stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId, night }).first();
      expect(row).toMatchObject({ held: 0, booked: 0 });
      expect((await stores.hotelHolds.findHold(a))?.status).toBe('cancelled');
      const types = await stores.knex
        .hotels('inventory_events')
        .where({ hold_id: a })
        .orderBy('id')
        .pluck('type');
      expect(types).toEqual(['hold.placed', 'hold.confirmed', 'hold.cancelled']);
    });

    it('lets a new hold take rooms of an expired hold the sweeper has not reached (lazy release)', async () => {
      const night = addDays(c.firstNight, 30);
      const old = id();
      await stores.hotelHolds.placeHold({
        id: old,
        roomTypeId: c.roomTypeId,
        checkIn: addDays(night, -1),
        checkOut: addDays(night, 2),
        rooms: 2,
        expiresAt: ttl(0),
        now: at(0),
        actor: 'usr_a',
      });
      const fresh1 = id();
      await stores.hotelHolds.placeHold({
        id: fresh1,
        roomTypeId: c.roomTypeId,
        checkIn: night,
        checkOut: addDays(night, 1),
        rooms: 2,
        expiresAt: ttl(31),
        now: at(31),
        actor: 'usr_b',
      });
      expect((await stores.hotelHolds.findHold(old))?.status).toBe('expired');
      // The old hold's other nights came back too, not only the one asked for.
      const rows = await stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId })
        .whereIn('night', [addDays(night, -1), night, addDays(night, 1)]);
      expect(rows.map((r: { night: string; held: number }) => [r.night, r.held]).sort()).toEqual(
        [
          [addDays(night, -1), 0],
          [night, 2],
          [addDays(night, 1), 0],
        ].sort(),
      );
      expect(
        await stores.knex.hotels('inventory_events').where({ hold_id: old, type: 'hold.expired' }),
      ).toEqual([expect.objectContaining({ actor: 'system:lazy-expiry' })]);
      expect(await invariantViolations(stores)).toEqual(NONE);
      // Nothing is left for the sweeper, and a second sweep changes nothing either.
      expect((await stores.hotelHolds.expireDueHolds(at(40), 100)).map((e) => e.hold.id)).not.toContain(old);
    });
  });

  it('a refused hotel hold still releases the expired holds it met (found by the property test)', async () => {
    // Night 0 held, then expired; night 1 held live; two rooms over nights 0-1 are refused on night 1,
    // yet the expired hold on night 0 must not stay counted as held.
    const c = await fresh({ rooms: 2 });
    const [n0, n1, n2] = [c.firstNight, addDays(c.firstNight, 1), addDays(c.firstNight, 2)];
    const stale = id();
    await stores.hotelHolds.placeHold({
      id: stale,
      roomTypeId: c.roomTypeId,
      checkIn: n0,
      checkOut: n1,
      rooms: 1,
      expiresAt: at(10),
      now: at(0),
      actor: 'usr_a',
    });
    await stores.hotelHolds.placeHold({
      id: id(),
      roomTypeId: c.roomTypeId,
      checkIn: n1,
      checkOut: n2,
      rooms: 1,
      expiresAt: ttl(10),
      now: at(10),
      actor: 'usr_b',
    });
    expect(
      await refusal(
        stores.hotelHolds.placeHold({
          id: id(),
          roomTypeId: c.roomTypeId,
          checkIn: n0,
          checkOut: n2,
          rooms: 2,
          expiresAt: ttl(10),
          now: at(10),
          actor: 'usr_c',
        }),
      ),
    ).toBe('sold_out');
    const night0 = await stores.knex
      .hotels('room_nights')
      .first('held')
      .where({ room_type_id: c.roomTypeId, night: n0 });
    expect(Number(night0?.held)).toBe(0);
    expect((await stores.hotelHolds.findHold(stale))?.status).toBe('expired');
    expect(await invariantViolations(stores)).toEqual(NONE);
  });

  describe('the sweeper’s batches', () => {
    it('expires due holds in bounded batches, oldest first, once', async () => {
      const c = await fresh({ rooms: 5, cars: 3 });
      const night = c.firstNight;
      const ids = [id(), id(), id()];
      for (const [i, hid] of ids.entries()) {
        await stores.hotelHolds.placeHold({
          id: hid,
          roomTypeId: c.roomTypeId,
          checkIn: night,
          checkOut: addDays(night, 1 + i),
          rooms: 1,
          expiresAt: at(i),
          now: at(-30),
          actor: 'usr_a',
        });
      }
      const live = id();
      await stores.carHolds.placeHold({
        id: live,
        locationCode: c.locationCode,
        category: c.category,
        pickUp: night,
        dropOff: addDays(night, 3),
        expiresAt: at(100),
        now: at(0),
        actor: 'usr_a',
      });
      const first = await stores.hotelHolds.expireDueHolds(at(5), 2);
      expect(first.map((e) => e.hold.id)).toEqual(ids.slice(0, 2));
      expect(first[1]!.nights).toEqual([night, addDays(night, 1)]);
      const second = await stores.hotelHolds.expireDueHolds(at(5), 2);
      expect(second.map((e) => e.hold.id)).toEqual(ids.slice(2));
      expect(await stores.hotelHolds.expireDueHolds(at(5), 2)).toEqual([]);
      expect(await stores.carHolds.expireDueHolds(at(5), 2)).toEqual([]);
      expect((await stores.carHolds.findHold(live))?.status).toBe('held');
      const rows = await stores.knex
        .hotels('room_nights')
        .where({ room_type_id: c.roomTypeId })
        .orderBy('night');
      // The three stays covered three nights; none is held any more.
      expect(rows.map((r: { night: string; held: number }) => [r.night, Number(r.held)])).toEqual([
        [night, 0],
        [addDays(night, 1), 0],
        [addDays(night, 2), 0],
      ]);
      expect(await invariantViolations(stores)).toEqual(NONE);
    });
  });

  describe('flight seats', () => {
    it('takes chosen seats, assigns the lowest free ones to the rest, and refuses taken seats', async () => {
      const c = await fresh({ ySeats: ['2A', '2B', '10A', '10B', '1C'] });
      const base = { flightId: c.flightId, fareClass: 'Y', expiresAt: ttl(0), now: at(0), actor: 'usr_a' };
      const a = await stores.flightHolds.placeHold({
        ...base,
        id: id(),
        seats: [undefined, '10A', undefined],
      });
      // Cabin order: 1C, 2A, 2B, 10A, 10B; 10A was chosen, so the others get 1C and 2A.
      expect(a.seats).toEqual(['1C', '10A', '2A']);
      const bId = id();
      expect(await refusal(stores.flightHolds.placeHold({ ...base, id: bId, seats: ['10A'] }))).toBe(
        'seat_taken',
      );
      expect(await refusal(stores.flightHolds.placeHold({ ...base, id: bId, seats: ['1A'] }))).toBe(
        'seat_not_in_class',
      );
      expect(await stores.flightHolds.findHold(bId)).toBeUndefined();
      const fc = await stores.knex
        .flights('fare_classes')
        .where({ flight_id: c.flightId, code: 'Y' })
        .first();
      expect(fc).toMatchObject({ held: 3, booked: 0, capacity: 5 });
      const b = await stores.flightHolds.placeHold({ ...base, id: bId, seats: [undefined, undefined] });
      expect(b.seats).toEqual(['2B', '10B']);
      expect(await refusal(stores.flightHolds.placeHold({ ...base, id: id(), seats: [undefined] }))).toBe(
        'sold_out',
      );
      expect(await invariantViolations(stores)).toEqual(NONE);

      expect(await stores.flightHolds.confirmHold(a.id, at(1))).toBe(true);
      const seatRows = await stores.knex.flights('seat_assignments').where({ item_id: a.id });
      expect(
        seatRows.map((s: { status: string; expires_at: string | null }) => [s.status, s.expires_at]),
      ).toEqual([
        ['booked', null],
        ['booked', null],
        ['booked', null],
      ]);
      expect(await stores.flightHolds.releaseHold(b.id, 'released', at(1))).toBe(true);
      expect(await stores.knex.flights('seat_assignments').where({ item_id: b.id })).toEqual([]);
      expect(await stores.flightHolds.cancelBooking(a.id, at(2))).toBe(true);
      expect(await stores.knex.flights('seat_assignments').where({ flight_id: c.flightId })).toEqual([]);
      expect(await invariantViolations(stores)).toEqual(NONE);
    });

    it('frees an expired hold’s seats for a new hold of the class before the sweeper runs', async () => {
      const c = await fresh({ ySeats: ['5A', '5B'] });
      const base = { flightId: c.flightId, fareClass: 'Y', actor: 'usr_a' };
      const old = await stores.flightHolds.placeHold({
        ...base,
        id: id(),
        seats: ['5A', '5B'],
        expiresAt: ttl(0),
        now: at(0),
      });
      expect(
        await refusal(
          stores.flightHolds.placeHold({ ...base, id: id(), seats: ['5B'], expiresAt: ttl(1), now: at(1) }),
        ),
      ).toBe('seat_taken');
      const next = await stores.flightHolds.placeHold({
        ...base,
        id: id(),
        seats: ['5B'],
        expiresAt: ttl(30),
        now: ttl(0),
      });
      expect(next.seats).toEqual(['5B']);
      expect((await stores.flightHolds.findHold(old.id))?.status).toBe('expired');
      expect(await stores.flightHolds.confirmHold(old.id, ttl(0))).toBe(false);
      expect(await invariantViolations(stores)).toEqual(NONE);
    });
  });

  describe('cars', () => {
    it('holds one car per day of the rental and refuses the next when the category is gone', async () => {
      const c = await fresh({ cars: 2 });
      const rent = (hid: string, from: number, days: number) =>
        stores.carHolds.placeHold({
          id: hid,
          locationCode: c.locationCode,
          category: c.category,
          pickUp: addDays(c.firstNight, from),
          dropOff: addDays(c.firstNight, from + days),
          expiresAt: ttl(0),
          now: at(0),
          actor: 'usr_a',
        });
      await rent(id(), 0, 3);
      await rent(id(), 2, 2);
      expect(await refusal(rent(id(), 1, 2))).toBe('sold_out');
      const ok = await rent(id(), 0, 2);
      expect(ok).toMatchObject({ status: 'held', cars: 1 });
      expect(
        await refusal(
          stores.carHolds.placeHold({
            id: id(),
            locationCode: c.locationCode,
            category: 'limousine',
            pickUp: c.firstNight,
            dropOff: addDays(c.firstNight, 1),
            expiresAt: ttl(0),
            now: at(0),
            actor: 'usr_a',
          }),
        ),
      ).toBe('unknown_unit');
      expect(await invariantViolations(stores)).toEqual(NONE);
    });
  });

  it('the invariant query notices counts that disagree with the holds', async () => {
    const c = await fresh({ rooms: 2 });
    await stores.hotelHolds.placeHold({
      id: id(),
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 1),
      rooms: 1,
      expiresAt: ttl(0),
      now: at(0),
      actor: 'usr_a',
    });
    // Tamper with a count behind the repository's back: the invariant query must say so.
    await stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId }).update({ held: 2 });
    const found = await stores.hotelHolds.checkInvariant();
    expect(found).toEqual([
      expect.objectContaining({
        table: 'room_nights',
        problem: expect.stringContaining('held 2 but held holds say 1'),
      }),
    ]);
    await stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId }).update({ held: 1 });
    expect(await stores.hotelHolds.checkInvariant()).toEqual([]);
  });
});
