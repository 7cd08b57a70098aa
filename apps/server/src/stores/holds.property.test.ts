import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, eachDate } from '@tripdesk/shared';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/databases.ts';
import { insertSmallCatalog } from '../../test/booking-catalog.ts';
import { compareSeats } from './flights/holds.ts';
import { CapacityInUseError } from './constraint-violations.ts';
import { HoldRefusedError, type HoldStatus } from './holds.ts';
import { RoomsAlreadyOutError } from './hotels/repository.ts';
import { openStores, type Stores } from './index.ts';

/**
 * Random sequences of hold / release / expire (the clock moves, the sweeper runs) / confirm / cancel,
 * rooms out of order and back, and stop-sell closures opened and removed (issue 14), on a small catalog
 * (its room type with a random overbooking allowance: rooms + allowance may be sold a night), checked
 * after every step against a model written independently of the repositories:
 * each outcome (placed, refused and why, true or false) must be the model's, the counted rows must hold
 * exactly the model's units, the seat map the model's seats, and the invariant query must find nothing.
 */

const TTL_MS = 600_000;
const DATES = 4;
const Y_SEATS = ['7A', '7B', '7C'];

type Kind = 'hotel' | 'flight' | 'car';
interface ModelHold {
  id: string;
  kind: Kind;
  from: number;
  to: number;
  units: number;
  seats: string[];
  status: HoldStatus;
  expiresAt: number;
}

type Op =
  | { op: 'hotel'; from: number; nights: number; rooms: number }
  | { op: 'flight'; seats: (string | null)[] }
  | { op: 'car'; from: number; days: number }
  | { op: 'release' | 'confirm' | 'cancel'; pick: number }
  | { op: 'advance'; seconds: number }
  | { op: 'sweep' }
  | { op: 'outOfOrder'; room: number; from: number; nights: number }
  | { op: 'backInOrder'; pick: number }
  | { op: 'close'; kind: 'hotel' | 'car'; from: number; days: number }
  | { op: 'reopen'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc
    .record({
      from: fc.integer({ min: 0, max: DATES - 1 }),
      nights: fc.integer({ min: 1, max: DATES }),
      rooms: fc.integer({ min: 1, max: 3 }),
    })
    .map((o) => ({ op: 'hotel' as const, ...o, nights: Math.min(o.nights, DATES - o.from) })),
  fc
    .array(fc.constantFrom<string | null>(null, ...Y_SEATS), { minLength: 1, maxLength: 3 })
    // A request never names one seat twice (the request schema refuses it).
    .map((seats) => ({
      op: 'flight' as const,
      seats: seats.map((s, i) => (s !== null && seats.indexOf(s) !== i ? null : s)),
    })),
  fc
    .record({ from: fc.integer({ min: 0, max: DATES - 1 }), days: fc.integer({ min: 1, max: DATES }) })
    .map((o) => ({ op: 'car' as const, ...o, days: Math.min(o.days, DATES - o.from) })),
  fc.record({
    op: fc.constantFrom('release' as const, 'confirm' as const, 'cancel' as const),
    pick: fc.nat(),
  }),
  fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 900 }) }),
  fc.constant({ op: 'sweep' as const }),
  fc
    .record({
      room: fc.integer({ min: 0, max: 2 }),
      from: fc.integer({ min: 0, max: DATES - 1 }),
      nights: fc.integer({ min: 1, max: DATES }),
    })
    .map((o) => ({ op: 'outOfOrder' as const, ...o, nights: Math.min(o.nights, DATES - o.from) })),
  fc.record({ op: fc.constant('backInOrder' as const), pick: fc.nat() }),
  fc
    .record({
      kind: fc.constantFrom('hotel' as const, 'car' as const),
      from: fc.integer({ min: 0, max: DATES - 1 }),
      days: fc.integer({ min: 1, max: 2 }),
    })
    .map((o) => ({ op: 'close' as const, ...o, days: Math.min(o.days, DATES - o.from) })),
  fc.record({ op: fc.constant('reopen' as const), pick: fc.nat() }),
);

interface ModelPeriod {
  id: string;
  room: number;
  from: number;
  to: number;
  live: boolean;
}

describe.each(dialects)('hold engine properties on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;
  let run = 0;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('never breaks the invariant, and counts exactly the units of live holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        async (rooms, allowance, ops) => {
          const t0 = new Date('2026-11-21T09:00:00.000Z').getTime();
          const c = await insertSmallCatalog(stores, {
            tag: `p${dialect}${++run}`,
            now: new Date(t0),
            rooms,
            ySeats: Y_SEATS,
            cars: 2,
          });
          await stores.hotels.setOverbookingAllowance(c.hotelId, c.roomTypeId, allowance, c.firstNight);
          const capacity: Record<Kind, number> = { hotel: rooms + allowance, flight: Y_SEATS.length, car: 2 };
          const day = (i: number) => addDays(c.firstNight, i);
          let now = t0;
          const holds: ModelHold[] = [];
          const outs: ModelPeriod[] = [];
          const closures: (ModelPeriod & { kind: 'hotel' | 'car' })[] = [];
          let n = 0;
          const roomsOut = (date: number) =>
            outs.filter((p) => p.live && p.from <= date && p.to > date).length;
          const closedFrom = (kind: Kind, from: number, to: number) => {
            for (let d = from; d < to; d++)
              if (closures.some((c) => c.live && c.kind === kind && c.from <= d && c.to > d)) return d;
            return undefined;
          };

          const overlaps = (h: ModelHold, kind: Kind, from: number, to: number) =>
            h.kind === kind && (kind === 'flight' || (h.from < to && h.to > from));
          const lazyRelease = (kind: Kind, from: number, to: number) => {
            for (const h of holds)
              if (h.status === 'held' && h.expiresAt <= now && overlaps(h, kind, from, to))
                h.status = 'expired';
          };
          const counted = (kind: Kind, date: number, status: HoldStatus) =>
            holds
              .filter(
                (h) =>
                  h.kind === kind &&
                  h.status === status &&
                  (kind === 'flight' || (h.from <= date && h.to > date)),
              )
              .reduce((sum, h) => sum + h.units, 0);
          const fits = (kind: Kind, from: number, to: number, units: number) => {
            for (let d = from; d < to; d++) {
              const sellable = capacity[kind] - (kind === 'hotel' ? roomsOut(d) : 0);
              if (sellable - counted(kind, d, 'held') - counted(kind, d, 'booked') < units) return false;
            }
            return true;
          };
          const outcome = async (p: Promise<unknown>) => {
            try {
              await p;
              return 'placed';
            } catch (err) {
              if (err instanceof HoldRefusedError) return err.refusal.reason;
              throw err;
            }
          };

          for (const o of ops) {
            const id = `itm_p${run}x${++n}`;
            const expiresAt = new Date(now + TTL_MS);
            const at = new Date(now);
            if (o.op === 'hotel' || o.op === 'car') {
              const kind: Kind = o.op;
              const [from, to, units] =
                o.op === 'hotel' ? [o.from, o.from + o.nights, o.rooms] : [o.from, o.from + o.days, 1];
              // A closed date refuses before anything else is read or released.
              const closed = closedFrom(kind, from, to) !== undefined;
              if (!closed) lazyRelease(kind, from, to);
              const expected = closed
                ? 'closed_to_sale'
                : fits(kind, from, to, units)
                  ? 'placed'
                  : 'sold_out';
              const actual = await outcome(
                kind === 'hotel'
                  ? stores.hotelHolds.placeHold({
                      id,
                      roomTypeId: c.roomTypeId,
                      checkIn: day(from),
                      checkOut: day(to),
                      rooms: units,
                      expiresAt,
                      now: at,
                      actor: 'usr_p',
                    })
                  : stores.carHolds.placeHold({
                      id,
                      locationCode: c.locationCode,
                      category: c.category,
                      pickUp: day(from),
                      dropOff: day(to),
                      expiresAt,
                      now: at,
                      actor: 'usr_p',
                    }),
              );
              expect(actual, `${o.op} ${from}-${to} x${units}`).toBe(expected);
              if (actual === 'placed')
                holds.push({
                  id,
                  kind,
                  from,
                  to,
                  units,
                  seats: [],
                  status: 'held',
                  expiresAt: expiresAt.getTime(),
                });
            } else if (o.op === 'flight') {
              lazyRelease('flight', 0, 1);
              const chosen = o.seats.filter((s): s is string => s !== null);
              const taken = new Set(
                holds
                  .filter((h) => h.kind === 'flight' && (h.status === 'held' || h.status === 'booked'))
                  .flatMap((h) => h.seats),
              );
              const units = o.seats.length;
              let expected: string;
              let seats: string[] = [];
              if (!fits('flight', 0, 1, units))
                expected = chosen.some((s) => taken.has(s)) ? 'seat_taken' : 'sold_out';
              else if (chosen.some((s) => taken.has(s))) expected = 'seat_taken';
              else {
                expected = 'placed';
                const free = [...Y_SEATS]
                  .sort(compareSeats)
                  .filter((s) => !taken.has(s) && !chosen.includes(s));
                seats = o.seats.map((s) => s ?? free.shift()!);
              }
              let placedSeats: readonly string[] = [];
              const actual = await outcome(
                stores.flightHolds
                  .placeHold({
                    id,
                    flightId: c.flightId,
                    fareClass: 'Y',
                    seats: o.seats.map((s) => s ?? undefined),
                    expiresAt,
                    now: at,
                    actor: 'usr_p',
                  })
                  .then((h) => (placedSeats = h.seats)),
              );
              expect(actual, `flight ${JSON.stringify(o.seats)}`).toBe(expected);
              if (actual === 'placed') {
                expect(placedSeats).toEqual(seats);
                holds.push({
                  id,
                  kind: 'flight',
                  from: 0,
                  to: 1,
                  units,
                  seats,
                  status: 'held',
                  expiresAt: expiresAt.getTime(),
                });
              }
            } else if (o.op === 'release' || o.op === 'confirm' || o.op === 'cancel') {
              const h = holds[o.pick % Math.max(1, holds.length)];
              if (!h) continue;
              const repo =
                h.kind === 'hotel'
                  ? stores.hotelHolds
                  : h.kind === 'flight'
                    ? stores.flightHolds
                    : stores.carHolds;
              let expected: boolean;
              let actual: boolean;
              if (o.op === 'release') {
                expected = h.status === 'held';
                actual = await repo.releaseHold(h.id, 'released', at);
                if (expected) h.status = 'released';
              } else if (o.op === 'confirm') {
                expected = h.status === 'held' && h.expiresAt > now;
                actual = await repo.confirmHold(h.id, at);
                if (expected) h.status = 'booked';
              } else {
                expected = h.status === 'booked';
                actual = await repo.cancelBooking(h.id, at);
                if (expected) h.status = 'cancelled';
              }
              expect(actual, `${o.op} of a ${h.status} ${h.kind} hold`).toBe(expected);
            } else if (o.op === 'outOfOrder') {
              const [from, to] = [o.from, o.from + o.nights];
              const room = o.room % rooms;
              const overlapping = outs.some((p) => p.live && p.room === room && p.from < to && p.to > from);
              let expected = overlapping ? 'already_out' : 'placed';
              if (!overlapping) {
                for (let d = from; d < to; d++) {
                  // What the night may still sell with one more room out: the rooms left plus the allowance.
                  const left = rooms - roomsOut(d) - 1 + allowance;
                  if (counted('hotel', d, 'held') + counted('hotel', d, 'booked') > left) expected = 'in_use';
                }
              }
              let actual: string;
              let created: { id: string }[] = [];
              try {
                created = await stores.hotels.markOutOfOrder(
                  c.hotelId,
                  [String(101 + room)],
                  {
                    from: day(from),
                    to: day(to),
                    kind: 'out_of_order',
                    reason: null,
                    createdAt: at.toISOString(),
                  },
                  () => `ooo_p${run}x${++n}`,
                );
                actual = 'placed';
              } catch (err) {
                if (err instanceof RoomsAlreadyOutError) actual = 'already_out';
                else if (err instanceof CapacityInUseError) actual = 'in_use';
                else throw err;
              }
              expect(actual, `room ${room} out ${from}-${to}`).toBe(expected);
              if (actual === 'placed') outs.push({ id: created[0]!.id, room, from, to, live: true });
            } else if (o.op === 'backInOrder') {
              const live = outs.filter((p) => p.live);
              const p = live[o.pick % Math.max(1, live.length)];
              if (!p) continue;
              expect(await stores.hotels.removeOutOfOrder(c.hotelId, p.id, day(0))).toBeDefined();
              p.live = false;
            } else if (o.op === 'close') {
              const id = `cls_p${run}x${++n}`;
              const [from, to] = [o.from, o.from + o.days];
              const record = { id, from: day(from), to: day(to), reason: null, createdAt: at.toISOString() };
              if (o.kind === 'hotel')
                await stores.hotels.insertClosure({
                  ...record,
                  hotelId: c.hotelId,
                  roomTypeId: c.roomTypeId,
                });
              else
                await stores.cars.insertClosure({
                  ...record,
                  locationCode: c.locationCode,
                  category: c.category,
                });
              closures.push({ id, kind: o.kind, room: 0, from, to, live: true });
            } else if (o.op === 'reopen') {
              const live = closures.filter((x) => x.live);
              const x = live[o.pick % Math.max(1, live.length)];
              if (!x) continue;
              if (x.kind === 'hotel')
                expect(await stores.hotels.deleteClosure(c.hotelId, x.id)).toBeDefined();
              else expect(await stores.cars.deleteClosure(c.locationCode, x.id)).toBeDefined();
              x.live = false;
            } else if (o.op === 'advance') {
              now += o.seconds * 1000;
            } else {
              const due = holds.filter((h) => h.status === 'held' && h.expiresAt <= now);
              // Earlier runs left holds in the same database: sweep until nothing is due, then look at ours.
              const swept: string[] = [];
              for (const repo of [stores.hotelHolds, stores.flightHolds, stores.carHolds]) {
                for (;;) {
                  const batch = await repo.expireDueHolds(at, 3);
                  swept.push(...batch.map((e) => e.hold.id));
                  if (batch.length < 3) break;
                }
              }
              const ours = swept.filter((sid) => sid.startsWith(`itm_p${run}x`));
              expect(ours.sort()).toEqual(due.map((h) => h.id).sort());
              for (const h of due) h.status = 'expired';
            }

            // The database, after every step.
            const violations = [
              ...(await stores.hotelHolds.checkInvariant()),
              ...(await stores.flightHolds.checkInvariant()),
              ...(await stores.carHolds.checkInvariant()),
            ];
            expect(violations).toEqual([]);
            const nights = await stores.knex.hotels('room_nights').where({ room_type_id: c.roomTypeId });
            const carDays = await stores.knex.cars('car_days').where({ location_code: c.locationCode });
            for (const [i, date] of eachDate(day(0), day(DATES)).entries()) {
              const nightRow = nights.find((r: { night: string }) => r.night === date) ?? {
                held: 0,
                booked: 0,
              };
              expect([nightRow.held, nightRow.booked], `room night ${i}`).toEqual([
                counted('hotel', i, 'held'),
                counted('hotel', i, 'booked'),
              ]);
              // A night with rooms out has its row, counting only the rooms left.
              if ('capacity' in nightRow || roomsOut(i) > 0)
                expect((nightRow as { capacity?: number }).capacity, `room night ${i} capacity`).toBe(
                  rooms - roomsOut(i),
                );
              const dayRow = carDays.find((r: { day: string }) => r.day === date) ?? { held: 0, booked: 0 };
              expect([dayRow.held, dayRow.booked], `car day ${i}`).toEqual([
                counted('car', i, 'held'),
                counted('car', i, 'booked'),
              ]);
            }
            const fareClass = await stores.knex
              .flights('fare_classes')
              .where({ flight_id: c.flightId, code: 'Y' })
              .first();
            expect([fareClass.held, fareClass.booked], 'fare class Y').toEqual([
              counted('flight', 0, 'held'),
              counted('flight', 0, 'booked'),
            ]);
            const seatRows = await stores.knex
              .flights('seat_assignments')
              .where({ flight_id: c.flightId, fare_class: 'Y' });
            const modelSeats = holds
              .filter((h) => h.kind === 'flight' && (h.status === 'held' || h.status === 'booked'))
              .flatMap((h) => h.seats.map((s) => `${s}:${h.status}:${h.id}`));
            expect(
              seatRows
                .map(
                  (r: { seat: string; status: string; item_id: string }) =>
                    `${r.seat}:${r.status}:${r.item_id}`,
                )
                .sort(),
            ).toEqual(modelSeats.sort());
          }
        },
      ),
      { numRuns: dialect === 'pg' ? 25 : 100 },
    );
  }, 240_000);
});
