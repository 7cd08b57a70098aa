import type { Knex } from 'knex';
import {
  countHeldHolds,
  countOverdueHolds,
  countRows,
  holdStates,
  inSnapshot,
  overdueHolds,
  type HoldState,
  type OverdueHold,
} from '../consistency.ts';
import { type HoldStatus } from '../holds.ts';
import { forUpdate, inTransaction } from '../transactions.ts';
import { asInt } from '../knex.ts';
import { compareSeats } from './holds.ts';

/** A fare class's counters with what its holds and its seat rows say they should be. */
export interface FareClassCheck {
  readonly key: { readonly flight_id: string; readonly code: string };
  readonly capacity: number;
  readonly held: number;
  readonly booked: number;
  /** Passengers of the class's `held` / `booked` holds. */
  readonly heldByHolds: number;
  readonly bookedByHolds: number;
  /** The class's seat rows `held` / `booked`. */
  readonly heldSeats: number;
  readonly bookedSeats: number;
}

/** A seat row with its hold as the flights store has it. */
export interface SeatCheck {
  readonly flightId: string;
  readonly seat: string;
  readonly fareClass: string;
  readonly itemId: string;
  readonly status: string;
  /** Null: no hold under the seat's item id. */
  readonly holdStatus: HoldStatus | null;
  readonly holdFareClass: string | null;
  /** Whether the seat is one of its fare class's seats. */
  readonly inClass: boolean;
}

/** A `held` or `booked` flight hold with its seats as listed on it and as its seat rows have them. */
export interface LiveFlightHoldCheck {
  readonly id: string;
  readonly status: HoldStatus;
  readonly passengers: number;
  /** Sorted in cabin order. */
  readonly listedSeats: readonly string[];
  /** Seat rows of the item in the hold's own status, sorted. */
  readonly seatRows: readonly string[];
}

export type FareClassDecision = { readonly held: number; readonly booked: number } | undefined;

/**
 * The consistency checker's reads and repairs in the flights store (consistency/): fare class
 * counters against flight_holds and seat_assignments, seat rows against their holds, flight holds by id
 * or past their expiry. Scans read the reader pool at one point per batch; a repair locks the fare class
 * row in the writer (every hold writer changes that row first: flights/holds.ts).
 */
export class FlightsConsistencyRepository {
  readonly #writer: Knex;
  readonly #reader: Knex;

  constructor(writer: Knex, reader: Knex) {
    this.#writer = writer;
    this.#reader = reader;
  }

  readonly holdsTable = 'flight_holds';

  countFareClasses(): Promise<number> {
    return countRows(this.#reader, 'fare_classes');
  }

  countSeatRows(): Promise<number> {
    return countRows(this.#reader, 'seat_assignments');
  }

  /** Up to `limit` fare classes after `after` ([flight_id, code]), with their holds' and seats' counts. */
  async scanFareClasses(after: readonly string[] | undefined, limit: number): Promise<FareClassCheck[]> {
    return inSnapshot(this.#reader, async (trx) => {
      const q = trx('fare_classes')
        .select('flight_id', 'code', 'capacity', 'held', 'booked')
        .orderBy([{ column: 'flight_id' }, { column: 'code' }])
        .limit(limit);
      if (after) q.whereRaw('(flight_id, code) > (?, ?)', [...after]);
      const rows = (await q) as Record<string, unknown>[];
      if (rows.length === 0) return [];
      const flights = [...new Set(rows.map((r) => String(r.flight_id)))];
      const holds = (await trx('flight_holds')
        .select('flight_id', 'fare_class', 'status')
        .sum({ n: 'passengers' })
        .whereIn('flight_id', flights)
        .whereIn('status', ['held', 'booked'])
        .groupBy('flight_id', 'fare_class', 'status')) as Record<string, unknown>[];
      const seats = (await trx('seat_assignments')
        .select('flight_id', 'fare_class', 'status')
        .count({ n: '*' })
        .whereIn('flight_id', flights)
        .groupBy('flight_id', 'fare_class', 'status')) as Record<string, unknown>[];
      const get = (list: Record<string, unknown>[], r: Record<string, unknown>, status: string) =>
        asInt(
          list.find((x) => x.flight_id === r.flight_id && x.fare_class === r.code && x.status === status)?.n,
        );
      return rows.map((r) => ({
        key: { flight_id: String(r.flight_id), code: String(r.code) },
        capacity: asInt(r.capacity),
        held: asInt(r.held),
        booked: asInt(r.booked),
        heldByHolds: get(holds, r, 'held'),
        bookedByHolds: get(holds, r, 'booked'),
        heldSeats: get(seats, r, 'held'),
        bookedSeats: get(seats, r, 'booked'),
      }));
    });
  }

  /**
   * Recounts one fare class from its holds and seat rows under the class row's lock, and writes what
   * `decide` answers (the service's rule of what is safe).
   */
  async recountFareClass(
    key: { readonly flight_id: string; readonly code: string },
    decide: (found: FareClassCheck) => FareClassDecision,
  ): Promise<{ found: FareClassCheck | undefined; written: boolean }> {
    return inTransaction(this.#writer, async (trx) => {
      const row = (await forUpdate(
        trx,
        trx('fare_classes').select('capacity', 'held', 'booked').where(key).first(),
      )) as Record<string, unknown> | undefined;
      if (!row) return { found: undefined, written: false };
      const holds = (await trx('flight_holds')
        .select('status')
        .sum({ n: 'passengers' })
        .where({ flight_id: key.flight_id, fare_class: key.code })
        .whereIn('status', ['held', 'booked'])
        .groupBy('status')) as { status: string; n: unknown }[];
      const seats = (await trx('seat_assignments')
        .select('status')
        .count({ n: '*' })
        .where({ flight_id: key.flight_id, fare_class: key.code })
        .groupBy('status')) as { status: string; n: unknown }[];
      const found: FareClassCheck = {
        key,
        capacity: asInt(row.capacity),
        held: asInt(row.held),
        booked: asInt(row.booked),
        heldByHolds: asInt(holds.find((x) => x.status === 'held')?.n),
        bookedByHolds: asInt(holds.find((x) => x.status === 'booked')?.n),
        heldSeats: asInt(seats.find((x) => x.status === 'held')?.n),
        bookedSeats: asInt(seats.find((x) => x.status === 'booked')?.n),
      };
      const decision = decide(found);
      if (!decision) return { found, written: false };
      await trx('fare_classes')
        .where(key)
        .update({ held: decision.held, booked: decision.booked, version: trx.raw('version + 1') });
      return { found, written: true };
    });
  }

  /** Up to `limit` seat rows after `after` ([flight_id, seat]), each with its hold, read at one point. */
  async scanSeats(after: readonly string[] | undefined, limit: number): Promise<SeatCheck[]> {
    return inSnapshot(this.#reader, async (trx) => {
      const q = trx('seat_assignments as s')
        .leftJoin('flight_holds as h', 'h.id', 's.item_id')
        .select(
          's.flight_id',
          's.seat',
          's.fare_class',
          's.item_id',
          's.status',
          'h.status as hold_status',
          'h.fare_class as hold_fare_class',
        )
        .orderBy([{ column: 's.flight_id' }, { column: 's.seat' }])
        .limit(limit);
      if (after) q.whereRaw('(s.flight_id, s.seat) > (?, ?)', [...after]);
      const rows = (await q) as Record<string, unknown>[];
      if (rows.length === 0) return [];
      const classes = (await trx('fare_classes')
        .select('flight_id', 'code', 'seats')
        .whereIn('flight_id', [...new Set(rows.map((r) => String(r.flight_id)))])) as Record<
        string,
        unknown
      >[];
      const seatsOf = new Map(
        classes.map((c) => [
          JSON.stringify([c.flight_id, c.code]),
          new Set(JSON.parse(String(c.seats)) as string[]),
        ]),
      );
      return rows.map((r) => ({
        flightId: String(r.flight_id),
        seat: String(r.seat),
        fareClass: String(r.fare_class),
        itemId: String(r.item_id),
        status: String(r.status),
        holdStatus: (r.hold_status ?? null) as HoldStatus | null,
        holdFareClass:
          r.hold_fare_class === null || r.hold_fare_class === undefined ? null : String(r.hold_fare_class),
        inClass: seatsOf.get(JSON.stringify([r.flight_id, r.fare_class]))?.has(String(r.seat)) ?? false,
      }));
    });
  }

  /** Up to `limit` `held` or `booked` flight holds by id after `after`, with their seat rows, at one point. */
  async scanLiveHolds(after: string, limit: number): Promise<LiveFlightHoldCheck[]> {
    return inSnapshot(this.#reader, async (trx) => {
      const holds = (await trx('flight_holds')
        .select('id', 'status', 'passengers', 'seats')
        .whereIn('status', ['held', 'booked'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)) as { id: string; status: HoldStatus; passengers: unknown; seats: string }[];
      if (holds.length === 0) return [];
      const seatRows = (await trx('seat_assignments')
        .select('item_id', 'seat', 'status')
        .whereIn(
          'item_id',
          holds.map((h) => h.id),
        )) as { item_id: string; seat: string; status: string }[];
      return holds.map((h) => ({
        id: h.id,
        status: h.status,
        passengers: asInt(h.passengers),
        listedSeats: (JSON.parse(h.seats) as string[]).slice().sort(compareSeats),
        seatRows: seatRows
          .filter((s) => s.item_id === h.id && s.status === h.status)
          .map((s) => s.seat)
          .sort(compareSeats),
      }));
    });
  }

  holdStates(ids: readonly string[]): Promise<Map<string, HoldState>> {
    return holdStates(this.#reader, 'flight_holds', ids);
  }

  overdueHolds(cutoff: string, after: string, limit: number): Promise<OverdueHold[]> {
    return overdueHolds(this.#reader, 'flight_holds', cutoff, after, limit);
  }

  countOverdueHolds(cutoff: string): Promise<number> {
    return countOverdueHolds(this.#reader, 'flight_holds', cutoff);
  }

  countHeldHolds(): Promise<number> {
    return countHeldHolds(this.#reader, 'flight_holds');
  }
}
