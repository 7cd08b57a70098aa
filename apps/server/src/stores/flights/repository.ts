import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
import { isUniqueViolation } from '../constraint-violations.ts';
import { dialectOf } from '../knex.ts';

export interface NewFlight {
  readonly id: string;
  readonly flightNumber: string;
  /** IATA airport codes. */
  readonly origin: string;
  readonly destination: string;
  /** UTC instants in `Date#toISOString` form. */
  readonly departureAt: string;
  readonly arrivalAt: string;
  /**
   * `YYYY-MM-DD`, the departure's calendar date at the origin airport: what flight searches match.
   * Defaults to the date written in `departureAt` (the UTC date for a `toISOString` instant).
   */
  readonly departureDate?: string;
  /** The flight schedule it was made from (flight-schedules), if any. */
  readonly scheduleId?: string;
  readonly createdAt: string;
}

export interface NewFareClass {
  readonly flightId: string;
  readonly code: string;
  readonly name: string;
  /** Minor units of `currency`. */
  readonly priceAmount: number;
  readonly currency: string;
  /** Units for sale: the number of `seats`. */
  readonly capacity: number;
  readonly seats: readonly string[];
}

/** A catalog written at once (demo data, imports): flights and their fare classes. */
export interface FlightCatalog {
  readonly flights: readonly NewFlight[];
  readonly fareClasses: readonly NewFareClass[];
}

export interface FlightCatalogCounts {
  readonly flights: number;
  readonly fareClasses: number;
  readonly seatAssignments: number;
}

export interface FareClassRecord {
  readonly code: string;
  readonly name: string;
  readonly priceAmount: number;
  readonly currency: string;
  readonly capacity: number;
  readonly held: number;
  readonly booked: number;
  readonly seats: string[];
  readonly retiredAt: string | null;
}

/** What a fare-class edit changes; seats are added and removed by name. */
export interface FareClassChange {
  readonly name?: string;
  readonly priceAmount?: number;
  readonly currency?: string;
  readonly addSeats: readonly string[];
  readonly removeSeats: readonly string[];
  readonly retiredAt?: string | null;
}

/** A fare class of a flight number closed to sale on departure dates `from` ≤ date < `to`. */
export interface FlightClosureRecord {
  readonly id: string;
  readonly flightNumber: string;
  readonly fareClass: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string | null;
  readonly createdAt: string;
}

/** Seats held or sold, where an edit needs none: times of a flight, seats to remove. */
export class SeatsInUseError extends Error {
  readonly inUse: number;
  readonly seats: readonly string[];
  constructor(inUse: number, seats: readonly string[] = []) {
    super(`${inUse} seats held or sold`);
    this.name = 'SeatsInUseError';
    this.inUse = inUse;
    this.seats = seats;
  }
}

/** Seats to remove that the class lacks, or to add that the flight already has. */
export class SeatListError extends Error {
  readonly field: 'addSeats' | 'removeSeats';
  readonly seats: readonly string[];
  constructor(field: 'addSeats' | 'removeSeats', seats: readonly string[]) {
    super(`${field}: ${seats.join(', ')}`);
    this.name = 'SeatListError';
    this.field = field;
    this.seats = seats;
  }
}

export interface FlightRecord {
  readonly id: string;
  readonly flightNumber: string;
  readonly origin: string;
  readonly destination: string;
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly departureDate: string | null;
  /** By price, then code. */
  readonly fareClasses: FareClassRecord[];
  readonly retiredAt: string | null;
}

/** A seat_assignments row: a seat held (until `expiresAt`) or booked. */
export interface SeatAssignmentRecord {
  readonly seat: string;
  readonly fareClass: string;
  readonly status: 'held' | 'booked';
  readonly expiresAt: string | null;
}

export interface FareClassSearch {
  readonly origin: string;
  readonly destination: string;
  /** Local departure date. */
  readonly date: string;
  readonly passengers: number;
  readonly order: 'price' | 'name';
  readonly limit: number;
  readonly offset: number;
}

export interface FareClassAvailability {
  readonly flightId: string;
  readonly flightNumber: string;
  readonly origin: string;
  readonly destination: string;
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly fareClass: string;
  readonly fareClassName: string;
  readonly priceAmount: number;
  readonly currency: string;
  readonly available: number;
}

export interface AirportRecord {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
  readonly timeZone: string;
}

export class DuplicateAirportCodeError extends Error {}

/** Lower case without accents: what airport lookups compare (`Zürich` and `zurich` alike). */
export function airportSearchKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The only code that touches the flights store's database. */
export class FlightsRepository {
  readonly knex: Knex;
  /** Read-only connections for searches and catalog reads (stores/knex.ts, createStoreReader). */
  readonly reader: Knex;
  constructor(knex: Knex, reader: Knex = knex) {
    this.knex = knex;
    this.reader = reader;
  }

  async insertAirport(airport: AirportRecord): Promise<void> {
    try {
      await this.knex('airports').insert({
        code: airport.code,
        name: airport.name,
        city: airport.city,
        country: airport.country,
        time_zone: airport.timeZone,
        city_key: airportSearchKey(airport.city),
        name_key: airportSearchKey(airport.name),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateAirportCodeError(airport.code);
      throw err;
    }
  }

  /** The airports of these codes that exist, by code. */
  async findAirports(codes: readonly string[]): Promise<Map<string, AirportRecord>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = (await this.reader('airports').whereIn('code', unique)) as AirportRow[];
    return new Map(rows.map((r) => [r.code, toAirport(r)]));
  }

  /**
   * Airports whose code starts with `q`, or whose city or name has a word starting with it: the exact
   * code first, then other codes, then cities, then names; in each, those with flights first, then by
   * code. Without `q`, all by code.
   */
  async searchAirports(q: string | undefined, limit: number): Promise<AirportRecord[]> {
    const r = this.reader;
    if (q === undefined) {
      return ((await r('airports').orderBy('code').limit(limit)) as AirportRow[]).map(toAirport);
    }
    // Only letters can start a code; `like` wildcards in the words are escaped.
    const code = /^[a-z]{1,3}$/i.test(q) ? q.toUpperCase() : '#';
    const k = airportSearchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`);
    const word = (column: string) => `(${column} like ? escape '\\' or ${column} like ? escape '\\')`;
    const words = [`${k}%`, `% ${k}%`];
    const rows = (await r('airports')
      .select('*')
      .select(
        r.raw(
          `case when code = ? then 0 when code like ? then 1 when ${word('city_key')} then 2 else 3 end as match_rank`,
          [code, `${code}%`, ...words],
        ),
      )
      .where((w) => {
        w.where('code', 'like', `${code}%`)
          .orWhereRaw(word('city_key'), words)
          .orWhereRaw(word('name_key'), words);
      })
      // Within a rank, airports the desk flies from first (Heathrow before City when "London" is typed).
      .select(
        r.raw(
          'case when exists (select 1 from flights f where f.origin = airports.code) then 0 else 1 end as flown',
        ),
      )
      .orderBy([{ column: 'match_rank' }, { column: 'flown' }, { column: 'code' }])
      .limit(limit)) as AirportRow[];
    return rows.map(toAirport);
  }

  /** A flight and its fare classes (their capacity = their seats) in one transaction. */
  async insertFlight(flight: NewFlight, fareClasses: readonly NewFareClass[]): Promise<void> {
    await this.knex.transaction((trx) => insertFlightCatalog(trx, { flights: [flight], fareClasses }));
  }

  async findFlight(id: string): Promise<FlightRecord | undefined> {
    const [flight, classes] = await Promise.all([
      this.reader('flights').where({ id }).first() as Promise<FlightRow | undefined>,
      this.reader('fare_classes')
        .where({ flight_id: id })
        .orderBy([{ column: 'price_amount' }, { column: 'code' }]) as Promise<FareClassRow[]>,
    ]);
    if (!flight) return undefined;
    return {
      id: flight.id,
      flightNumber: flight.flight_number,
      origin: flight.origin,
      destination: flight.destination,
      departureAt: flight.departure_at,
      arrivalAt: flight.arrival_at,
      departureDate: flight.departure_date,
      fareClasses: classes.map((c) => ({
        code: c.code,
        name: c.name,
        priceAmount: Number(c.price_amount),
        currency: c.currency,
        capacity: Number(c.capacity),
        held: Number(c.held),
        booked: Number(c.booked),
        seats: JSON.parse(c.seats) as string[],
        retiredAt: c.retired_at ?? null,
      })),
      retiredAt: flight.retired_at ?? null,
    };
  }

  /**
   * Changes a flight's times (with its search date) or retires it; undefined when there is none. Times
   * change only while no seat is held or sold: the flight row and then its fare classes are locked
   * (PostgreSQL: FOR UPDATE; a hold's conditional update of a class waits), and any seat held or booked
   * is a SeatsInUseError.
   */
  async updateFlight(
    id: string,
    change: { departureAt?: string; arrivalAt?: string; departureDate?: string; retiredAt?: string | null },
  ): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      const locked = trx('flights').where({ id }).first('id');
      if (!(await (dialectOf(trx) === 'pg' ? locked.forUpdate() : locked))) return false;
      const set: Record<string, unknown> = {};
      if (change.departureAt !== undefined || change.arrivalAt !== undefined) {
        const classes = trx('fare_classes').where({ flight_id: id }).orderBy('code').select('held', 'booked');
        const counts = (await (dialectOf(trx) === 'pg' ? classes.forUpdate() : classes)) as {
          held: number;
          booked: number;
        }[];
        const inUse = counts.reduce((n, c) => n + Number(c.held) + Number(c.booked), 0);
        if (inUse > 0) throw new SeatsInUseError(inUse);
        if (change.departureAt !== undefined) set.departure_at = change.departureAt;
        if (change.arrivalAt !== undefined) set.arrival_at = change.arrivalAt;
        if (change.departureDate !== undefined) set.departure_date = change.departureDate;
      }
      if (change.retiredAt !== undefined) set.retired_at = change.retiredAt;
      if (Object.keys(set).length > 0) await trx('flights').where({ id }).update(set);
      return true;
    });
  }

  /**
   * Edits a fare class; false when the flight has no such class. The class row is locked first
   * (PostgreSQL: FOR UPDATE; a hold's conditional update waits and then sees the new capacity). A seat
   * to remove that is held or booked, or fewer seats than are held and booked, is a SeatsInUseError; a
   * seat to remove outside the class or to add already on the flight a SeatListError.
   */
  async updateFareClass(flightId: string, code: string, change: FareClassChange): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      const q = trx('fare_classes').where({ flight_id: flightId, code }).first();
      const row = (await (dialectOf(trx) === 'pg' ? q.forUpdate() : q)) as FareClassRow | undefined;
      if (!row) return false;
      let seats = JSON.parse(row.seats) as string[];
      if (change.removeSeats.length > 0) {
        const inClass = new Set(seats);
        const strangers = change.removeSeats.filter((s) => !inClass.has(s));
        if (strangers.length > 0) throw new SeatListError('removeSeats', strangers);
        const taken = (await trx('seat_assignments')
          .where({ flight_id: flightId })
          .whereIn('seat', change.removeSeats)
          .pluck('seat')) as string[];
        if (taken.length > 0) throw new SeatsInUseError(taken.length, taken.sort());
        const gone = new Set(change.removeSeats);
        seats = seats.filter((s) => !gone.has(s));
      }
      if (change.addSeats.length > 0) {
        const others = (await trx('fare_classes').where({ flight_id: flightId }).pluck('seats')) as string[];
        const onFlight = new Set(others.flatMap((json) => JSON.parse(json) as string[]));
        const dupes = change.addSeats.filter((s) => onFlight.has(s));
        if (dupes.length > 0) throw new SeatListError('addSeats', dupes);
        seats = [...seats, ...change.addSeats];
      }
      const inUse = Number(row.held) + Number(row.booked);
      if (seats.length < inUse) throw new SeatsInUseError(inUse);
      const set: Record<string, unknown> = {};
      if (change.name !== undefined) set.name = change.name;
      if (change.priceAmount !== undefined) set.price_amount = change.priceAmount;
      if (change.currency !== undefined) set.currency = change.currency;
      if (change.retiredAt !== undefined) set.retired_at = change.retiredAt;
      if (change.addSeats.length > 0 || change.removeSeats.length > 0) {
        set.seats = JSON.stringify(seats);
        set.capacity = seats.length;
        set.version = trx.raw('version + 1');
      }
      if (Object.keys(set).length > 0)
        await trx('fare_classes').where({ flight_id: flightId, code }).update(set);
      return true;
    });
  }

  async closures(flightNumber?: string): Promise<FlightClosureRecord[]> {
    const rows = (await this.reader('fare_class_closures')
      .modify((q) => {
        if (flightNumber !== undefined) q.where({ flight_number: flightNumber });
      })
      .orderBy([
        { column: 'flight_number' },
        { column: 'from_date' },
        { column: 'fare_class' },
        { column: 'id' },
      ])) as FlightClosureRow[];
    return rows.map(toFlightClosure);
  }

  async insertClosure(c: FlightClosureRecord): Promise<void> {
    await this.knex('fare_class_closures').insert({
      id: c.id,
      flight_number: c.flightNumber,
      fare_class: c.fareClass,
      from_date: c.from,
      to_date: c.to,
      reason: c.reason,
      created_at: c.createdAt,
    });
  }

  async deleteClosure(closureId: string): Promise<FlightClosureRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = (await trx('fare_class_closures').where({ id: closureId }).first()) as
        FlightClosureRow | undefined;
      if (!row) return undefined;
      await trx('fare_class_closures').where({ id: closureId }).delete();
      return toFlightClosure(row);
    });
  }

  /** Every seat_assignments row of a flight, whether or not its hold has expired. */
  async seatAssignments(flightId: string): Promise<SeatAssignmentRecord[]> {
    const rows = (await this.reader('seat_assignments')
      .where({ flight_id: flightId })
      .select('seat', 'fare_class', 'status', 'expires_at')) as {
      seat: string;
      fare_class: string;
      status: 'held' | 'booked';
      expires_at: string | null;
    }[];
    return rows.map((r) => ({
      seat: r.seat,
      fareClass: r.fare_class,
      status: r.status,
      expiresAt: r.expires_at,
    }));
  }

  /** Every route flown, with its first and last local departure date (route pickers, benchmarks). */
  async routes(): Promise<{ origin: string; destination: string; firstDate: string; lastDate: string }[]> {
    const rows = (await this.reader('flights')
      .whereNotNull('departure_date')
      .groupBy('origin', 'destination')
      .select('origin', 'destination')
      .min({ first_date: 'departure_date' })
      .max({ last_date: 'departure_date' })
      .orderBy(['origin', 'destination'])) as {
      origin: string;
      destination: string;
      first_date: string;
      last_date: string;
    }[];
    return rows.map((r) => ({
      origin: r.origin,
      destination: r.destination,
      firstDate: r.first_date,
      lastDate: r.last_date,
    }));
  }

  /**
   * Fare classes of the route's flights departing on the local date with at least `passengers` seats
   * free (capacity − held − booked), one page of them and how many match. One query over the
   * (origin, destination, departure_date) index and the fare_classes primary key.
   */
  async searchFareClasses(
    search: FareClassSearch,
  ): Promise<{ rows: FareClassAvailability[]; total: number }> {
    const r = this.reader;
    const matching = () =>
      r('flights as f')
        .join('fare_classes as c', 'c.flight_id', 'f.id')
        .where({
          'f.origin': search.origin,
          'f.destination': search.destination,
          'f.departure_date': search.date,
        })
        .whereNull('f.retired_at')
        .whereNull('c.retired_at')
        // Stop-sell: a fare class closed on the flight's departure date is not offered.
        .whereNotExists(
          r('fare_class_closures as x')
            .select(r.raw('1'))
            .whereRaw('x.flight_number = f.flight_number and x.fare_class = c.code')
            .where('x.from_date', '<=', search.date)
            .where('x.to_date', '>', search.date),
        )
        .whereRaw('c.capacity - c.held - c.booked >= ?', [search.passengers]);
    const order =
      search.order === 'price'
        ? ['c.price_amount', 'c.currency', 'f.departure_at', 'f.flight_number', 'c.code', 'f.id']
        : ['f.departure_at', 'f.flight_number', 'c.price_amount', 'c.code', 'f.id'];
    const rows = (await matching()
      .select(
        'f.id as flight_id',
        'f.flight_number',
        'f.origin',
        'f.destination',
        'f.departure_at',
        'f.arrival_at',
        'c.code',
        'c.name',
        'c.price_amount',
        'c.currency',
        r.raw('c.capacity - c.held - c.booked as available'),
        r.raw('count(*) over () as total'),
      )
      .orderBy(order.map((column) => ({ column })))
      .limit(search.limit)
      .offset(search.offset)) as (Omit<FlightRow, 'id' | 'departure_date' | 'created_at'> &
      Pick<FareClassRow, 'code' | 'name' | 'price_amount' | 'currency'> & {
        flight_id: string;
        available: number | string;
        total: number | string;
      })[];
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && search.offset > 0) {
      total = Number(((await matching().count({ n: '*' }).first()) as { n: number | string }).n);
    }
    return {
      rows: rows.map((row) => ({
        flightId: row.flight_id,
        flightNumber: row.flight_number,
        origin: row.origin,
        destination: row.destination,
        departureAt: row.departure_at,
        arrivalAt: row.arrival_at,
        fareClass: row.code,
        fareClassName: row.name,
        priceAmount: Number(row.price_amount),
        currency: row.currency,
        available: Number(row.available),
      })),
      total,
    };
  }

  /** Writes a whole catalog in one transaction of batched multi-row inserts: all of it or none. */
  async insertCatalog(catalog: FlightCatalog): Promise<void> {
    await this.knex.transaction((trx) => insertFlightCatalog(trx, catalog));
  }

  /**
   * Like `insertCatalog`, into a store without flights only; false, and nothing written, otherwise.
   * On PostgreSQL the check and the inserts hold a lock on `flights`, so two servers starting together
   * write the catalog once (SQLite has one writer per data folder).
   */
  async insertCatalogIfEmpty(catalog: FlightCatalog): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      if (dialectOf(trx) === 'pg') await trx.raw('lock table flights in share row exclusive mode');
      if (await trx('flights').first('id')) return false;
      await insertFlightCatalog(trx, catalog);
      return true;
    });
  }

  /** Rows per table; `seatAssignments` are the seats held or booked right now. */
  async countCatalog(): Promise<FlightCatalogCounts> {
    const row = (await this.knex.first({
      flights: this.knex('flights').count('*'),
      fareClasses: this.knex('fare_classes').count('*'),
      seatAssignments: this.knex('seat_assignments').count('*'),
    })) as Record<keyof FlightCatalogCounts, number | string>;
    // pg returns count(*) as a bigint string.
    return {
      flights: Number(row.flights),
      fareClasses: Number(row.fareClasses),
      seatAssignments: Number(row.seatAssignments),
    };
  }
}

export async function insertFlightCatalog(trx: Knex.Transaction, catalog: FlightCatalog): Promise<void> {
  await insertInBatches(
    trx,
    'flights',
    catalog.flights.map((f) => ({
      id: f.id,
      flight_number: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departure_at: f.departureAt,
      arrival_at: f.arrivalAt,
      departure_date: f.departureDate ?? f.departureAt.slice(0, 10),
      ...(f.scheduleId !== undefined ? { schedule_id: f.scheduleId } : {}),
      created_at: f.createdAt,
    })),
  );
  // Many flights share one seat map: serialise each map once.
  const seatsJson = new Map<readonly string[], string>();
  await insertInBatches(
    trx,
    'fare_classes',
    catalog.fareClasses.map((c) => {
      let seats = seatsJson.get(c.seats);
      if (seats === undefined) {
        seats = JSON.stringify(c.seats);
        seatsJson.set(c.seats, seats);
      }
      return {
        flight_id: c.flightId,
        code: c.code,
        name: c.name,
        price_amount: c.priceAmount,
        currency: c.currency,
        capacity: c.capacity,
        seats,
      };
    }),
  );
}

interface AirportRow {
  code: string;
  name: string;
  city: string;
  country: string;
  time_zone: string;
}

function toAirport(r: AirportRow): AirportRecord {
  return { code: r.code, name: r.name, city: r.city, country: r.country, timeZone: r.time_zone };
}

interface FlightRow {
  id: string;
  flight_number: string;
  origin: string;
  destination: string;
  departure_at: string;
  arrival_at: string;
  departure_date: string | null;
  created_at: string;
  retired_at?: string | null;
}

interface FlightClosureRow {
  id: string;
  flight_number: string;
  fare_class: string;
  from_date: string;
  to_date: string;
  reason: string | null;
  created_at: string;
}

function toFlightClosure(r: FlightClosureRow): FlightClosureRecord {
  return {
    id: r.id,
    flightNumber: r.flight_number,
    fareClass: r.fare_class,
    from: r.from_date,
    to: r.to_date,
    reason: r.reason,
    createdAt: r.created_at,
  };
}

interface FareClassRow {
  flight_id: string;
  code: string;
  name: string;
  price_amount: number;
  currency: string;
  capacity: number;
  held: number;
  booked: number;
  seats: string;
  retired_at?: string | null;
}
