import type { Knex } from 'knex';
import { dialectOf } from '../knex.ts';
import { inTransaction } from '../transactions.ts';
import { insertFlightCatalog, type NewFareClass, type NewFlight } from './repository.ts';

/** A schedule's fare class as stored: what each of its flights is given. */
export interface ScheduleFareClass {
  readonly code: string;
  readonly name: string;
  readonly priceAmount: number;
  readonly currency: string;
  readonly seats: readonly string[];
}

export interface FlightScheduleRecord {
  readonly id: string;
  readonly flightNumber: string;
  readonly origin: string;
  readonly destination: string;
  /** `HH:MM` at the origin airport. */
  readonly departureTime: string;
  /** `HH:MM` at the destination airport. */
  readonly arrivalTime: string;
  /** Null: the first arrival time after the departure. */
  readonly arrivalDayOffset: number | null;
  readonly daysOfWeek: readonly string[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly fareClasses: readonly ScheduleFareClass[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A flight of a schedule with its counters, and whether any hold (live or ended) names it. */
export interface ScheduleFlightRecord {
  readonly id: string;
  readonly departureDate: string;
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly held: number;
  readonly booked: number;
  readonly everHeld: boolean;
}

/** The flights to write for a schedule: built by the service once it knows which dates are taken. */
export interface ScheduleFlights {
  readonly flights: readonly NewFlight[];
  readonly fareClasses: readonly NewFareClass[];
}

export interface ScheduleRewrite {
  /** Future flights nothing was ever held on, removed. */
  readonly removed: number;
  /** Future flights a hold names (live or ended), left as they were. */
  readonly kept: readonly ScheduleFlightRecord[];
  readonly created: number;
}

/**
 * Flight schedules and the flights they make (flights store). Writing a schedule's flights, replacing
 * them and removing them each happen in one transaction with the schedule row. A flight is replaced or
 * removed only when no flight_holds row names it (never held, so never sold) and it departs after
 * `now`; its fare classes are locked first (PostgreSQL: FOR UPDATE), so a hold being placed on it either
 * committed before (and the flight is kept) or waits and then finds it gone (sold out).
 */
export class FlightSchedulesRepository {
  readonly knex: Knex;
  readonly reader: Knex;

  constructor(knex: Knex, reader: Knex = knex) {
    this.knex = knex;
    this.reader = reader;
  }

  async insertSchedule(schedule: FlightScheduleRecord, flights: ScheduleFlights): Promise<void> {
    await inTransaction(this.knex, async (trx) => {
      await trx('flight_schedules').insert({ ...scheduleRow(schedule), created_at: schedule.createdAt });
      await insertFlightCatalog(trx, flights);
    });
  }

  /** Schedules in force (not retired), by flight number then first date. */
  async listSchedules(): Promise<FlightScheduleRecord[]> {
    const rows = (await this.reader('flight_schedules')
      .whereNull('retired_at')
      .orderBy([{ column: 'flight_number' }, { column: 'first_date' }, { column: 'id' }])) as ScheduleRow[];
    return rows.map(toSchedule);
  }

  async findSchedule(id: string): Promise<FlightScheduleRecord | undefined> {
    const row = (await this.reader('flight_schedules').where({ id }).whereNull('retired_at').first()) as
      ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  /** The flights of the given schedules, by departure. */
  async flightsOf(scheduleIds: readonly string[]): Promise<Map<string, ScheduleFlightRecord[]>> {
    const out = new Map<string, ScheduleFlightRecord[]>(scheduleIds.map((id) => [id, []]));
    if (scheduleIds.length === 0) return out;
    const rows = (await flightsQuery(this.reader).whereIn('f.schedule_id', scheduleIds)) as FlightSumRow[];
    for (const r of rows) out.get(r.schedule_id)?.push(toScheduleFlight(r));
    return out;
  }

  /**
   * Replaces the schedule's future never-held flights: removes them, then asks `build` for the flights of
   * the new pattern given the departure dates that kept flights still occupy, writes those and the
   * schedule's new row. Undefined when there is no such schedule (or it was retired). `build` may throw
   * to refuse (nothing is written).
   */
  async rewriteSchedule(
    schedule: FlightScheduleRecord,
    now: string,
    build: (keptDates: ReadonlySet<string>) => ScheduleFlights,
  ): Promise<ScheduleRewrite | undefined> {
    return inTransaction(this.knex, async (trx) => {
      const found = await lockSchedule(trx, schedule.id);
      if (!found) return undefined;
      const { removed, kept } = await removeNeverHeld(trx, schedule.id, now);
      const flights = build(new Set(kept.map((k) => k.departureDate)));
      await insertFlightCatalog(trx, flights);
      await trx('flight_schedules').where({ id: schedule.id }).update(scheduleRow(schedule));
      return { removed, kept, created: flights.flights.length };
    });
  }

  /** Retires the schedule: its future never-held flights go, the rest stay. Undefined when unknown. */
  async retireSchedule(id: string, now: string): Promise<ScheduleRewrite | undefined> {
    return inTransaction(this.knex, async (trx) => {
      const found = await lockSchedule(trx, id);
      if (!found) return undefined;
      const { removed, kept } = await removeNeverHeld(trx, id, now);
      await trx('flight_schedules').where({ id }).update({ retired_at: now, updated_at: now });
      return { removed, kept, created: 0 };
    });
  }
}

async function lockSchedule(trx: Knex.Transaction, id: string): Promise<boolean> {
  const q = trx('flight_schedules').where({ id }).whereNull('retired_at').first('id');
  return (await (dialectOf(trx) === 'pg' ? q.forUpdate() : q)) !== undefined;
}

async function removeNeverHeld(
  trx: Knex.Transaction,
  scheduleId: string,
  now: string,
): Promise<{ removed: number; kept: ScheduleFlightRecord[] }> {
  const futureIds = (await trx('flights')
    .where({ schedule_id: scheduleId })
    .where('departure_at', '>', now)
    .orderBy('id')
    .pluck('id')) as string[];
  if (futureIds.length === 0) return { removed: 0, kept: [] };
  // Every fare class of those flights, in key order: a hold placed meanwhile either committed first or
  // waits for this transaction.
  for (let i = 0; i < futureIds.length; i += 500) {
    const q = trx('fare_classes')
      .whereIn('flight_id', futureIds.slice(i, i + 500))
      .orderBy([{ column: 'flight_id' }, { column: 'code' }])
      .select('flight_id');
    await (dialectOf(trx) === 'pg' ? q.forUpdate() : q);
  }
  const flights: ScheduleFlightRecord[] = [];
  for (let i = 0; i < futureIds.length; i += 500) {
    const rows = (await flightsQuery(trx).whereIn('f.id', futureIds.slice(i, i + 500))) as FlightSumRow[];
    flights.push(...rows.map(toScheduleFlight));
  }
  const gone = flights.filter((f) => !f.everHeld).map((f) => f.id);
  for (let i = 0; i < gone.length; i += 500) {
    const ids = gone.slice(i, i + 500);
    await trx('fare_classes').whereIn('flight_id', ids).delete();
    await trx('flights').whereIn('id', ids).delete();
  }
  return { removed: gone.length, kept: flights.filter((f) => f.everHeld) };
}

function flightsQuery(k: Knex): Knex.QueryBuilder {
  return k('flights as f')
    .select(
      'f.id',
      'f.schedule_id',
      'f.departure_date',
      'f.departure_at',
      'f.arrival_at',
      k.raw('(select coalesce(sum(c.held), 0) from fare_classes c where c.flight_id = f.id) as held'),
      k.raw('(select coalesce(sum(c.booked), 0) from fare_classes c where c.flight_id = f.id) as booked'),
      k.raw('(select count(*) from flight_holds h where h.flight_id = f.id) as holds'),
    )
    .orderBy([{ column: 'f.departure_at' }, { column: 'f.id' }]);
}

interface FlightSumRow {
  id: string;
  schedule_id: string;
  departure_date: string | null;
  departure_at: string;
  arrival_at: string;
  held: number | string;
  booked: number | string;
  holds: number | string;
}

function toScheduleFlight(r: FlightSumRow): ScheduleFlightRecord {
  return {
    id: r.id,
    departureDate: r.departure_date ?? r.departure_at.slice(0, 10),
    departureAt: r.departure_at,
    arrivalAt: r.arrival_at,
    held: Number(r.held),
    booked: Number(r.booked),
    everHeld: Number(r.holds) > 0,
  };
}

interface ScheduleRow {
  id: string;
  flight_number: string;
  origin: string;
  destination: string;
  departure_time: string;
  arrival_time: string;
  arrival_day_offset: number | null;
  days_of_week: string;
  first_date: string;
  last_date: string;
  fare_classes: string;
  created_at: string;
  updated_at: string;
}

function scheduleRow(s: FlightScheduleRecord): Omit<ScheduleRow, 'created_at'> {
  return {
    id: s.id,
    flight_number: s.flightNumber,
    origin: s.origin,
    destination: s.destination,
    departure_time: s.departureTime,
    arrival_time: s.arrivalTime,
    arrival_day_offset: s.arrivalDayOffset,
    days_of_week: JSON.stringify(s.daysOfWeek),
    first_date: s.firstDate,
    last_date: s.lastDate,
    fare_classes: JSON.stringify(s.fareClasses),
    updated_at: s.updatedAt,
  };
}

function toSchedule(r: ScheduleRow): FlightScheduleRecord {
  return {
    id: r.id,
    flightNumber: r.flight_number,
    origin: r.origin,
    destination: r.destination,
    departureTime: r.departure_time,
    arrivalTime: r.arrival_time,
    arrivalDayOffset: r.arrival_day_offset === null ? null : Number(r.arrival_day_offset),
    daysOfWeek: JSON.parse(r.days_of_week) as string[],
    firstDate: r.first_date,
    lastDate: r.last_date,
    fareClasses: JSON.parse(r.fare_classes) as ScheduleFareClass[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
