import type { Knex } from 'knex';
import { isUniqueViolation } from '../constraint-violations.ts';
import { rowsOf } from '../dated-holds.ts';
import {
  HoldRefusedError,
  LAZY_EXPIRY_ACTOR,
  recordInventoryEvents,
  type HoldEnd,
  type HoldStatus,
  type InvariantViolation,
} from '../holds.ts';
import { forUpdate, inTransaction } from '../transactions.ts';
import { asInt, iso } from '../knex.ts';

/** A fare class of a flight as the booking engine sells it. */
export interface FareClassForSale {
  readonly flightId: string;
  readonly flightNumber: string;
  /** IATA airport codes. */
  readonly origin: string;
  readonly destination: string;
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly code: string;
  readonly name: string;
  /** Price of one seat. */
  readonly priceAmount: number;
  readonly currency: string;
  readonly capacity: number;
  readonly seats: readonly string[];
}

export interface FlightHold {
  /** The trip item's id. */
  readonly id: string;
  readonly flightId: string;
  readonly fareClass: string;
  readonly passengers: number;
  /** One seat per passenger, in passenger order. */
  readonly seats: readonly string[];
  readonly status: HoldStatus;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PlaceFlightHold {
  readonly id: string;
  readonly flightId: string;
  readonly fareClass: string;
  /** One entry per passenger: the seat asked for, or undefined to assign the lowest free seat. */
  readonly seats: readonly (string | undefined)[];
  readonly expiresAt: Date;
  readonly now: Date;
  readonly actor: string;
  /**
   * The departure the hold was quoted with: when an admin changed the flight's times in between, the
   * hold is refused (`times_changed`) rather than sold with times the flight no longer has.
   */
  readonly departureAt?: string;
}

export interface ExpiredFlightHold {
  readonly hold: FlightHold;
}

interface FlightHoldRow {
  id: string;
  flight_id: string;
  fare_class: string;
  passengers: number;
  seats: string;
  status: HoldStatus;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

const toHold = (r: FlightHoldRow): FlightHold => ({
  id: r.id,
  flightId: r.flight_id,
  fareClass: r.fare_class,
  passengers: Number(r.passengers),
  seats: JSON.parse(r.seats) as string[],
  status: r.status,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Refuses a hold on a retired flight or fare class, a class closed on the flight's departure date, or a
 * flight whose departure is no longer the one quoted. Read after the class row is locked.
 */
async function refuseIfNotForSale(trx: Knex.Transaction, p: PlaceFlightHold): Promise<void> {
  const row = (await trx('fare_classes as c')
    .join('flights as f', 'f.id', 'c.flight_id')
    .first(
      'f.flight_number',
      'f.departure_at',
      'f.departure_date',
      'f.retired_at as flight_retired_at',
      'c.retired_at as class_retired_at',
    )
    .where({ 'c.flight_id': p.flightId, 'c.code': p.fareClass })) as
    | {
        flight_number: string;
        departure_at: string;
        departure_date: string | null;
        flight_retired_at: string | null;
        class_retired_at: string | null;
      }
    | undefined;
  if (!row) throw new HoldRefusedError({ reason: 'unknown_unit' });
  if (row.flight_retired_at !== null || row.class_retired_at !== null) {
    throw new HoldRefusedError({ reason: 'retired' });
  }
  if (p.departureAt !== undefined && Date.parse(p.departureAt) !== Date.parse(row.departure_at)) {
    throw new HoldRefusedError({ reason: 'times_changed' });
  }
  const date = row.departure_date ?? row.departure_at.slice(0, 10);
  const closed = await trx('fare_class_closures')
    .first('id')
    .where({ flight_number: row.flight_number, fare_class: p.fareClass })
    .where('from_date', '<=', date)
    .where('to_date', '>', date);
  if (closed) throw new HoldRefusedError({ reason: 'closed_to_sale', date });
}

/** Seats in cabin order, row then letter: `2A` before `10A`, the order auto-assignment fills. */
export function compareSeats(a: string, b: string): number {
  const [ra, la] = [Number.parseInt(a, 10), a.replace(/^\d+/, '')];
  const [rb, lb] = [Number.parseInt(b, 10), b.replace(/^\d+/, '')];
  return ra !== rb ? ra - rb : la < lb ? -1 : la > lb ? 1 : 0;
}

/**
 * Holds of flight seats (ARCHITECTURE.md, "Inventory as counted rows"): the only code that touches
 * flight_holds, and fare_classes and seat_assignments for the booking engine. Every held or booked
 * passenger has a seat_assignments row (chosen or assigned), so the seat map is exact; the primary key
 * (flight_id, seat) is what keeps a seat to one item. Each method is one transaction. Lock order on
 * PostgreSQL: hold rows, then the fare class row, then seat rows.
 */
export class FlightHoldsRepository {
  readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  async fareClassForSale(flightId: string, code: string): Promise<FareClassForSale | undefined> {
    const row = (await this.knex('fare_classes as c')
      .join('flights as f', 'f.id', 'c.flight_id')
      .first(
        'f.id',
        'f.flight_number',
        'f.origin',
        'f.destination',
        'f.departure_at',
        'f.arrival_at',
        'c.code',
        'c.name',
        'c.price_amount',
        'c.currency',
        'c.capacity',
        'c.seats',
      )
      .where({ 'c.flight_id': flightId, 'c.code': code })) as Record<string, string | number> | undefined;
    if (!row) return undefined;
    return {
      flightId: String(row.id),
      flightNumber: String(row.flight_number),
      origin: String(row.origin),
      destination: String(row.destination),
      departureAt: String(row.departure_at),
      arrivalAt: String(row.arrival_at),
      code: String(row.code),
      name: String(row.name),
      priceAmount: Number(row.price_amount),
      currency: String(row.currency),
      capacity: Number(row.capacity),
      seats: JSON.parse(String(row.seats)) as string[],
    };
  }

  /**
   * Releases every held hold of the fare class whose expiry has passed: inside a placing transaction,
   * and again on its own when a placement is refused (the refusal rolls back the first run, yet an
   * expired hold that a write met is still released).
   */
  async #releaseExpired(
    trx: Knex.Transaction,
    flightId: string,
    fareClass: string,
    at: string,
    forId: string,
  ): Promise<void> {
    const expired = (await forUpdate(
      trx,
      trx('flight_holds')
        .select('*')
        .where({ flight_id: flightId, fare_class: fareClass })
        .where('status', 'held')
        .where('expires_at', '<=', at)
        .orderBy('id'),
    )) as FlightHoldRow[];
    if (expired.length > 0) {
      const seats = expired.reduce((sum, h) => sum + Number(h.passengers), 0);
      await this.#shift(trx, flightId, fareClass, { held: -seats });
      const ids = expired.map((h) => h.id);
      await trx('seat_assignments').whereIn('item_id', ids).where('status', 'held').del();
      await trx('flight_holds').whereIn('id', ids).update({ status: 'expired', updated_at: at });
      await recordInventoryEvents(
        trx,
        ids.map((id) => ({
          holdId: id,
          at,
          type: 'hold.expired',
          actor: LAZY_EXPIRY_ACTOR,
          detail: { reason: 'hold_expired', releasedFor: forId },
        })),
      );
    }
  }

  /**
   * Holds one seat per passenger in the fare class, all or nothing. First releases, in the same
   * transaction, the class's held holds whose expiry has passed; then adds the passengers to `held` only
   * where `capacity - booked - held` leaves room (this update also row-locks the class on PostgreSQL, so
   * concurrent holds of one class run one after the other); then takes the chosen seats and assigns the
   * lowest free seats of the class to the others. Throws HoldRefusedError (`unknown_unit`,
   * `seat_not_in_class`, `seat_taken`, `sold_out`) and writes nothing when it cannot.
   */
  async placeHold(p: PlaceFlightHold): Promise<FlightHold> {
    const n = p.seats.length;
    if (n < 1 || n > 9) throw new RangeError('a flight hold takes 1 to 9 passengers');
    const at = iso(p.now);
    const unit = { flight_id: p.flightId, fare_class: p.fareClass };
    const chosen = p.seats.filter((s): s is string => s !== undefined);
    try {
      return await this.#placeOnce(p, n, at, unit, chosen);
    } catch (err) {
      if (
        err instanceof HoldRefusedError &&
        (err.refusal.reason === 'sold_out' || err.refusal.reason === 'seat_taken')
      ) {
        await inTransaction(this.knex, (trx) => this.#releaseExpired(trx, p.flightId, p.fareClass, at, p.id));
      }
      throw err;
    }
  }

  async #placeOnce(
    p: PlaceFlightHold,
    n: number,
    at: string,
    unit: { flight_id: string; fare_class: string },
    chosen: readonly string[],
  ): Promise<FlightHold> {
    return inTransaction(this.knex, async (trx) => {
      const fareClass = (await trx('fare_classes')
        .first('seats')
        .where({ flight_id: p.flightId, code: p.fareClass })) as { seats: string } | undefined;
      if (!fareClass) throw new HoldRefusedError({ reason: 'unknown_unit' });
      const classSeats = JSON.parse(fareClass.seats) as string[];
      const inClass = new Set(classSeats);
      const strangers = chosen.filter((s) => !inClass.has(s));
      if (strangers.length > 0) throw new HoldRefusedError({ reason: 'seat_not_in_class', seats: strangers });

      await this.#releaseExpired(trx, p.flightId, p.fareClass, at, p.id);

      const counted = await trx('fare_classes')
        .where({ flight_id: p.flightId, code: p.fareClass })
        .whereRaw('capacity - booked - held >= ?', [n])
        .update({ held: trx.raw('held + ?', [n]), version: trx.raw('version + 1') });
      if (counted === 0) {
        await refuseIfNotForSale(trx, p);
        // Sold out; but to someone who asked for seats that are gone, that is the clearer answer.
        const taken = await takenAmong(trx, p.flightId, chosen);
        throw new HoldRefusedError(
          taken.length > 0 ? { reason: 'seat_taken', seats: taken } : { reason: 'sold_out' },
        );
      }
      // The class row is ours now (an admin's edit of it waits, or committed before): read what it is.
      await refuseIfNotForSale(trx, p);
      const current = (await trx('fare_classes')
        .first('seats')
        .where({ flight_id: p.flightId, code: p.fareClass })) as { seats: string };
      if (current.seats !== fareClass.seats) {
        classSeats.splice(0, classSeats.length, ...(JSON.parse(current.seats) as string[]));
        const now = new Set(classSeats);
        const gone = chosen.filter((s) => !now.has(s));
        if (gone.length > 0) throw new HoldRefusedError({ reason: 'seat_not_in_class', seats: gone });
      }
      const taken = await takenAmong(trx, p.flightId, chosen);
      if (taken.length > 0) throw new HoldRefusedError({ reason: 'seat_taken', seats: taken });

      const seats = [...p.seats];
      if (chosen.length < n) {
        const occupied = new Set<string>(
          await trx('seat_assignments')
            .pluck('seat')
            .where({ flight_id: p.flightId, fare_class: p.fareClass }),
        );
        for (const s of chosen) occupied.add(s);
        const free = [...classSeats].sort(compareSeats).filter((s) => !occupied.has(s));
        // The counts said there was room; a seat map short of free seats must still never sell one twice.
        if (free.length < n - chosen.length) throw new HoldRefusedError({ reason: 'sold_out' });
        let next = 0;
        for (let i = 0; i < n; i++) if (seats[i] === undefined) seats[i] = free[next++];
      }
      const assigned = seats as string[];
      const expiresAt = iso(p.expiresAt);
      try {
        await trx('seat_assignments').insert(
          assigned.map((seat) => ({
            flight_id: p.flightId,
            seat,
            fare_class: p.fareClass,
            item_id: p.id,
            status: 'held',
            expires_at: expiresAt,
          })),
        );
      } catch (err) {
        // The primary key is the last word on who has a seat.
        if (isUniqueViolation(err)) throw new HoldRefusedError({ reason: 'seat_taken', seats: chosen });
        throw err;
      }
      const row: FlightHoldRow = {
        id: p.id,
        flight_id: p.flightId,
        fare_class: p.fareClass,
        passengers: n,
        seats: JSON.stringify(assigned),
        status: 'held',
        expires_at: expiresAt,
        created_at: at,
        updated_at: at,
      };
      await trx('flight_holds').insert(row);
      await recordInventoryEvents(trx, [
        { holdId: p.id, at, type: 'hold.placed', actor: p.actor, detail: { seats: assigned, expiresAt } },
      ]);
      return toHold(row);
    });
  }

  /**
   * held → booked (counts and seat rows), only while held and before the hold's expiry: a hold past
   * its expiry is never confirmed, even if the sweeper has not reached it. True if it did.
   */
  async confirmHold(id: string, now: Date, actor = 'system'): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const h = await lockHold(trx, id);
      if (!h || h.status !== 'held' || h.expires_at <= at) return false;
      const n = Number(h.passengers);
      await this.#shift(trx, h.flight_id, h.fare_class, { held: -n, booked: n });
      const seats = await trx('seat_assignments')
        .where({ item_id: id, status: 'held' })
        .update({ status: 'booked', expires_at: null });
      if (seats !== n) throw new Error(`flight hold ${id}: ${seats} seat rows for ${n} passengers`);
      await trx('flight_holds').where({ id }).update({ status: 'booked', updated_at: at });
      await recordInventoryEvents(trx, [{ holdId: id, at, type: 'hold.confirmed', actor }]);
      return true;
    });
  }

  /** held → `reason`: seats and counts go back. Idempotent: false when the hold is not held. */
  releaseHold(id: string, reason: HoldEnd, now: Date, actor = 'system'): Promise<boolean> {
    return this.#end(id, 'held', reason, now, actor);
  }

  /** booked → cancelled: seats and counts go back. Idempotent: false when the hold is not booked. */
  cancelBooking(id: string, now: Date, actor = 'system'): Promise<boolean> {
    return this.#end(id, 'booked', 'cancelled', now, actor);
  }

  /**
   * Expires up to `limit` held holds whose expiry is at or before `now`, oldest first, in one
   * transaction; PostgreSQL takes them `FOR UPDATE SKIP LOCKED` so several sweepers share the work.
   */
  async expireDueHolds(now: Date, limit: number, actor = 'system:sweeper'): Promise<ExpiredFlightHold[]> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const due = (await forUpdate(
        trx,
        trx('flight_holds')
          .select('*')
          .where('status', 'held')
          .where('expires_at', '<=', at)
          .orderBy([{ column: 'expires_at' }, { column: 'id' }])
          .limit(limit),
        true,
      )) as FlightHoldRow[];
      if (due.length === 0) return [];
      const perClass = new Map<string, { flightId: string; code: string; n: number }>();
      for (const h of due) {
        const key = JSON.stringify([h.flight_id, h.fare_class]);
        const entry = perClass.get(key);
        if (entry) entry.n += Number(h.passengers);
        else perClass.set(key, { flightId: h.flight_id, code: h.fare_class, n: Number(h.passengers) });
      }
      // Fare class rows in one order, the same in every sweeper.
      for (const key of [...perClass.keys()].sort()) {
        const { flightId, code, n } = perClass.get(key)!;
        await this.#shift(trx, flightId, code, { held: -n });
      }
      const ids = due.map((h) => h.id);
      await trx('seat_assignments').whereIn('item_id', ids).where('status', 'held').del();
      await trx('flight_holds').whereIn('id', ids).update({ status: 'expired', updated_at: at });
      await recordInventoryEvents(
        trx,
        ids.map((id) => ({
          holdId: id,
          at,
          type: 'hold.expired',
          actor,
          detail: { reason: 'hold_expired' },
        })),
      );
      return due.map((h) => ({ hold: toHold({ ...h, status: 'expired', updated_at: at }) }));
    });
  }

  async findHold(id: string): Promise<FlightHold | undefined> {
    const row = (await this.knex('flight_holds').where({ id }).first()) as FlightHoldRow | undefined;
    return row && toHold(row);
  }

  async holdStatuses(ids: readonly string[]): Promise<Map<string, HoldStatus>> {
    const out = new Map<string, HoldStatus>();
    if (ids.length === 0) return out;
    const rows = (await this.knex('flight_holds').select('id', 'status').whereIn('id', ids)) as {
      id: string;
      status: HoldStatus;
    }[];
    for (const r of rows) out.set(r.id, r.status);
    return out;
  }

  /**
   * Rows breaking the invariant: fare class counts out of range or disagreeing with the holds
   * (held = passengers of `held` holds, booked = of `booked` ones) or with the seat rows; seat rows
   * whose hold is not in the same state, of another class, or not a seat of the class; held or booked
   * holds whose seats are not all assigned to them.
   */
  async checkInvariant(): Promise<InvariantViolation[]> {
    const violations: InvariantViolation[] = [];
    const sum = (status: HoldStatus) =>
      `(select coalesce(sum(h.passengers), 0) from flight_holds h where h.flight_id = f.flight_id ` +
      `and h.fare_class = f.code and h.status = '${status}')`;
    const seatCount = (status: string) =>
      `(select count(*) from seat_assignments s where s.flight_id = f.flight_id and s.fare_class = f.code ` +
      `and s.status = '${status}')`;
    const classes = rowsOf(
      await this.knex.raw(
        `select f.flight_id, f.code, f.capacity, f.held, f.booked, f.seats, ${sum('held')} as expected_held, ` +
          `${sum('booked')} as expected_booked, ${seatCount('held')} as held_seats, ` +
          `${seatCount('booked')} as booked_seats from fare_classes f`,
      ),
    );
    const classSeats = new Map<string, Set<string>>();
    for (const r of classes) {
      const key = { flight_id: r.flight_id, code: r.code };
      classSeats.set(JSON.stringify([r.flight_id, r.code]), new Set(JSON.parse(String(r.seats)) as string[]));
      const [held, booked, capacity] = [asInt(r.held), asInt(r.booked), asInt(r.capacity)];
      const problems: string[] = [];
      if (held < 0 || booked < 0) problems.push('negative count');
      if (held + booked > capacity) problems.push(`held ${held} + booked ${booked} > capacity ${capacity}`);
      if (held !== asInt(r.expected_held))
        problems.push(`held ${held} but held holds say ${r.expected_held}`);
      if (booked !== asInt(r.expected_booked))
        problems.push(`booked ${booked} but booked holds say ${r.expected_booked}`);
      if (held !== asInt(r.held_seats)) problems.push(`held ${held} but ${r.held_seats} held seats`);
      if (booked !== asInt(r.booked_seats))
        problems.push(`booked ${booked} but ${r.booked_seats} booked seats`);
      if (problems.length > 0) violations.push({ table: 'fare_classes', key, problem: problems.join('; ') });
    }
    const seats = rowsOf(
      await this.knex.raw(
        'select s.flight_id, s.seat, s.fare_class, s.item_id, s.status, h.status as hold_status, ' +
          'h.fare_class as hold_fare_class from seat_assignments s left join flight_holds h on h.id = s.item_id',
      ),
    );
    for (const s of seats) {
      const problems: string[] = [];
      if (s.hold_status !== s.status)
        problems.push(`seat ${s.status} but its hold is ${s.hold_status ?? 'missing'}`);
      if (s.hold_fare_class !== undefined && s.hold_fare_class !== null && s.hold_fare_class !== s.fare_class)
        problems.push('seat row of another fare class than its hold');
      if (!classSeats.get(JSON.stringify([s.flight_id, s.fare_class]))?.has(String(s.seat)))
        problems.push('not a seat of its fare class');
      if (problems.length > 0) {
        violations.push({
          table: 'seat_assignments',
          key: { flight_id: s.flight_id, seat: s.seat },
          problem: problems.join('; '),
        });
      }
    }
    const live = (await this.knex('flight_holds').whereIn('status', ['held', 'booked'])) as FlightHoldRow[];
    const seatsByItem = new Map<string, string[]>();
    for (const s of seats) {
      const list = seatsByItem.get(String(s.item_id)) ?? [];
      list.push(String(s.seat));
      seatsByItem.set(String(s.item_id), list);
    }
    for (const h of live) {
      const listed = (JSON.parse(h.seats) as string[]).slice().sort(compareSeats);
      const rows = (seatsByItem.get(h.id) ?? []).slice().sort(compareSeats);
      if (listed.length !== Number(h.passengers) || JSON.stringify(listed) !== JSON.stringify(rows)) {
        violations.push({
          table: 'flight_holds',
          key: { id: h.id },
          problem: `${h.passengers} passengers, seats ${listed.join(',')}, seat rows ${rows.join(',')}`,
        });
      }
    }
    return violations;
  }

  async #end(id: string, from: HoldStatus, to: HoldEnd, now: Date, actor: string): Promise<boolean> {
    const at = iso(now);
    return inTransaction(this.knex, async (trx) => {
      const h = await lockHold(trx, id);
      if (!h || h.status !== from) return false;
      const n = Number(h.passengers);
      await this.#shift(trx, h.flight_id, h.fare_class, from === 'held' ? { held: -n } : { booked: -n });
      await trx('seat_assignments').where({ item_id: id, status: from }).del();
      await trx('flight_holds').where({ id }).update({ status: to, updated_at: at });
      await recordInventoryEvents(trx, [{ holdId: id, at, type: `hold.${to}`, actor }]);
      return true;
    });
  }

  async #shift(
    trx: Knex.Transaction,
    flightId: string,
    code: string,
    delta: { held?: number; booked?: number },
  ): Promise<void> {
    const set: Record<string, Knex.Raw> = { version: trx.raw('version + 1') };
    if (delta.held) set.held = trx.raw('held + ?', [delta.held]);
    if (delta.booked) set.booked = trx.raw('booked + ?', [delta.booked]);
    const n = await trx('fare_classes').where({ flight_id: flightId, code }).update(set);
    if (n !== 1) throw new Error(`fare class ${flightId}/${code} is missing`);
  }
}

async function lockHold(trx: Knex.Transaction, id: string): Promise<FlightHoldRow | undefined> {
  return (await forUpdate(trx, trx('flight_holds').where({ id }).first())) as FlightHoldRow | undefined;
}

/** Which of `seats` some item holds or has booked on the flight. */
async function takenAmong(
  trx: Knex.Transaction,
  flightId: string,
  seats: readonly string[],
): Promise<string[]> {
  if (seats.length === 0) return [];
  const taken = (await trx('seat_assignments')
    .pluck('seat')
    .where({ flight_id: flightId })
    .whereIn('seat', seats)) as string[];
  return taken.sort(compareSeats);
}
