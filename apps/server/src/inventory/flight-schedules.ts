import {
  addDays,
  dayOfWeek,
  eachDate,
  MAX_SCHEDULE_FLIGHTS,
  zonedTimeToInstant,
  type CreateFlightScheduleRequest,
  type FlightSchedule,
  type FlightScheduleChange,
  type FlightScheduleList,
  type KeptFlight,
  type UpdateFlightScheduleRequest,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { AirportRecord } from '../stores/flights/repository.ts';
import type {
  FlightScheduleRecord,
  ScheduleFlightRecord,
  ScheduleFlights,
} from '../stores/flights/schedules.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import { atAirport } from './airports.ts';

/**
 * Recurring flight schedules (admins): a flight number on days of the week over a period, made into one
 * ordinary flight per date (local times at each airport, through their time zones) in one transaction,
 * and edited or retired as one. An edit replaces, and a retirement removes, only the future flights
 * nothing was ever held on: a flight with seats held or sold, or held once, stays as it is and is
 * reported as kept, in words.
 */
export class FlightSchedulesService {
  readonly #stores: Pick<Stores, 'flights' | 'flightSchedules'>;
  readonly #clock: Clock;
  readonly #events: EventBus;

  constructor(stores: Pick<Stores, 'flights' | 'flightSchedules'>, clock: Clock, events: EventBus) {
    this.#stores = stores;
    this.#clock = clock;
    this.#events = events;
  }

  async create(req: CreateFlightScheduleRequest): Promise<FlightSchedule> {
    const airports = await this.#airports(req.from, req.to);
    const now = this.#clock.now();
    const at = now.toISOString();
    const schedule: FlightScheduleRecord = {
      id: newId('fls'),
      flightNumber: req.flightNumber,
      origin: req.from,
      destination: req.to,
      departureTime: req.departureTime,
      arrivalTime: req.arrivalTime,
      arrivalDayOffset: req.arrivalDayOffset ?? null,
      daysOfWeek: req.daysOfWeek,
      firstDate: req.firstDate,
      lastDate: req.lastDate,
      fareClasses: req.fareClasses.map((c) => ({
        code: c.code,
        name: c.name,
        priceAmount: c.price.amount,
        currency: c.price.currency,
        seats: c.seats,
      })),
      createdAt: at,
      updatedAt: at,
    };
    const flights = scheduleFlights(schedule, airports, now, new Set());
    if (flights.flights.length === 0) {
      throw validationFailed(
        'No flight of this schedule departs after now: check the period and the days of the week.',
        [{ path: 'body.firstDate', message: 'no departure on the chosen days after now' }],
      );
    }
    await this.#stores.flightSchedules.insertSchedule(schedule, flights);
    this.#announce();
    return this.get(schedule.id);
  }

  async list(): Promise<FlightScheduleList> {
    const schedules = await this.#stores.flightSchedules.listSchedules();
    const flights = await this.#stores.flightSchedules.flightsOf(schedules.map((s) => s.id));
    const airports = await this.#stores.flights.findAirports([
      ...new Set(schedules.flatMap((s) => [s.origin, s.destination])),
    ]);
    const now = this.#clock.now().toISOString();
    return { items: schedules.map((s) => view(s, flights.get(s.id) ?? [], airports, now)) };
  }

  async get(scheduleId: string): Promise<FlightSchedule> {
    const schedule = await this.#stores.flightSchedules.findSchedule(scheduleId);
    if (!schedule) throw notFound('The flight schedule');
    const flights = await this.#stores.flightSchedules.flightsOf([scheduleId]);
    const airports = await this.#stores.flights.findAirports([schedule.origin, schedule.destination]);
    return view(schedule, flights.get(scheduleId) ?? [], airports, this.#clock.now().toISOString());
  }

  async update(scheduleId: string, req: UpdateFlightScheduleRequest): Promise<FlightScheduleChange> {
    const current = await this.#stores.flightSchedules.findSchedule(scheduleId);
    if (!current) throw notFound('The flight schedule');
    const now = this.#clock.now();
    const next: FlightScheduleRecord = {
      ...current,
      ...(req.departureTime !== undefined ? { departureTime: req.departureTime } : {}),
      ...(req.arrivalTime !== undefined ? { arrivalTime: req.arrivalTime } : {}),
      ...(req.arrivalDayOffset !== undefined ? { arrivalDayOffset: req.arrivalDayOffset } : {}),
      ...(req.daysOfWeek !== undefined ? { daysOfWeek: req.daysOfWeek } : {}),
      ...(req.firstDate !== undefined ? { firstDate: req.firstDate } : {}),
      ...(req.lastDate !== undefined ? { lastDate: req.lastDate } : {}),
      ...(req.fareClasses !== undefined
        ? {
            fareClasses: req.fareClasses.map((c) => ({
              code: c.code,
              name: c.name,
              priceAmount: c.price.amount,
              currency: c.price.currency,
              seats: c.seats,
            })),
          }
        : {}),
      updatedAt: now.toISOString(),
    };
    if (next.lastDate < next.firstDate) {
      const path = req.lastDate !== undefined ? 'body.lastDate' : 'body.firstDate';
      throw validationFailed(`The period ends (${next.lastDate}) before it starts (${next.firstDate}).`, [
        { path, message: 'the last date must be on or after the first date' },
      ]);
    }
    const airports = await this.#airports(next.origin, next.destination);
    // Refused before anything is written; built again inside the transaction around the kept flights.
    scheduleFlights(next, airports, now, new Set());
    const result = await this.#stores.flightSchedules.rewriteSchedule(next, now.toISOString(), (keptDates) =>
      scheduleFlights(next, airports, now, keptDates),
    );
    if (!result) throw notFound('The flight schedule');
    this.#announce();
    const kept = result.kept.map((k) => keptFlight(next.flightNumber, k));
    return {
      schedule: await this.get(scheduleId),
      created: result.created,
      removed: result.removed,
      kept,
      message: outcome(next.flightNumber, result.created, result.removed, kept, 'changed'),
    };
  }

  async retire(scheduleId: string): Promise<FlightScheduleChange> {
    const current = await this.#stores.flightSchedules.findSchedule(scheduleId);
    if (!current) throw notFound('The flight schedule');
    const result = await this.#stores.flightSchedules.retireSchedule(
      scheduleId,
      this.#clock.now().toISOString(),
    );
    if (!result) throw notFound('The flight schedule');
    this.#announce();
    const kept = result.kept.map((k) => keptFlight(current.flightNumber, k));
    return {
      created: 0,
      removed: result.removed,
      kept,
      message: outcome(current.flightNumber, 0, result.removed, kept, 'retired'),
    };
  }

  /** Both airports with their time zones: a schedule's times are local, so both must be on file. */
  async #airports(from: string, to: string): Promise<{ origin: AirportRecord; destination: AirportRecord }> {
    const found = await this.#stores.flights.findAirports([from, to]);
    const missing = [
      ...(found.has(from) ? [] : [{ path: 'body.from', code: from }]),
      ...(found.has(to) ? [] : [{ path: 'body.to', code: to }]),
    ];
    if (missing.length > 0) {
      throw validationFailed(
        `No airport ${missing.map((m) => m.code).join(' or ')} on file: add it first (Inventory → Flights → New airport), so its local times can be read.`,
        missing.map((m) => ({ path: m.path, message: `no airport ${m.code} on file` })),
      );
    }
    return { origin: found.get(from)!, destination: found.get(to)! };
  }

  #announce(): void {
    this.#events.publish({
      type: 'availability.changed',
      store: 'flights',
      at: this.#clock.now().toISOString(),
    });
  }
}

/**
 * The flights of the schedule's pattern that depart after `now`, leaving out the dates in `skip` (kept
 * flights stand there). 400 when the pattern has more than MAX_SCHEDULE_FLIGHTS dates, or a flight
 * would land before it departs.
 */
export function scheduleFlights(
  s: FlightScheduleRecord,
  airports: { origin: AirportRecord; destination: AirportRecord },
  now: Date,
  skip: ReadonlySet<string>,
): ScheduleFlights {
  const dates = eachDate(s.firstDate, addDays(s.lastDate, 1)).filter((d) =>
    s.daysOfWeek.includes(dayOfWeek(d)),
  );
  if (dates.length > MAX_SCHEDULE_FLIGHTS) {
    throw validationFailed(
      `This schedule would make ${dates.length} flights; one schedule makes at most ${MAX_SCHEDULE_FLIGHTS}. ` +
        'Shorten the period or take fewer days, and make a second schedule for the rest.',
      [{ path: 'body.lastDate', message: `more than ${MAX_SCHEDULE_FLIGHTS} flights (${dates.length})` }],
    );
  }
  const createdAt = now.toISOString();
  const flights: ScheduleFlights['flights'][number][] = [];
  const fareClasses: ScheduleFlights['fareClasses'][number][] = [];
  for (const date of dates) {
    const departure = zonedTimeToInstant(date, s.departureTime, airports.origin.timeZone);
    if (departure.getTime() <= now.getTime() || skip.has(date)) continue;
    const arrival = arrivalOf(s, date, departure, airports.destination.timeZone);
    const id = newId('flt');
    flights.push({
      id,
      flightNumber: s.flightNumber,
      origin: s.origin,
      destination: s.destination,
      departureAt: departure.toISOString(),
      arrivalAt: arrival.toISOString(),
      departureDate: date,
      scheduleId: s.id,
      createdAt,
    });
    for (const c of s.fareClasses) {
      fareClasses.push({
        flightId: id,
        code: c.code,
        name: c.name,
        priceAmount: c.priceAmount,
        currency: c.currency,
        capacity: c.seats.length,
        seats: c.seats,
      });
    }
  }
  return { flights, fareClasses };
}

function arrivalOf(s: FlightScheduleRecord, date: string, departure: Date, timeZone: string): Date {
  if (s.arrivalDayOffset !== null) {
    const arrival = zonedTimeToInstant(addDays(date, s.arrivalDayOffset), s.arrivalTime, timeZone);
    if (arrival.getTime() <= departure.getTime()) {
      throw validationFailed(
        `The flight of ${date} would land (${s.arrivalTime} local, ${s.arrivalDayOffset === 0 ? 'the same day' : `${s.arrivalDayOffset} day(s) later`}) before it departs (${s.departureTime} local). Make it land a day later.`,
        [{ path: 'body.arrivalDayOffset', message: 'the flight would land before it departs' }],
      );
    }
    return arrival;
  }
  // The first arrival time after the departure: the same day, else the next (a night flight), else the day after.
  for (let days = 0; ; days++) {
    const arrival = zonedTimeToInstant(addDays(date, days), s.arrivalTime, timeZone);
    if (arrival.getTime() > departure.getTime() || days >= 2) return arrival;
  }
}

function view(
  s: FlightScheduleRecord,
  flights: readonly ScheduleFlightRecord[],
  airports: Map<string, AirportRecord>,
  now: string,
): FlightSchedule {
  return {
    id: s.id,
    flightNumber: s.flightNumber,
    from: s.origin,
    to: s.destination,
    departureTime: s.departureTime,
    arrivalTime: s.arrivalTime,
    ...(s.arrivalDayOffset !== null ? { arrivalDayOffset: s.arrivalDayOffset } : {}),
    daysOfWeek: s.daysOfWeek as FlightSchedule['daysOfWeek'],
    firstDate: s.firstDate,
    lastDate: s.lastDate,
    fareClasses: s.fareClasses.map((c) => ({
      code: c.code,
      name: c.name,
      price: { amount: c.priceAmount, currency: c.currency },
      seats: [...c.seats],
    })),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    flights: flights.map((f) => ({
      flightId: f.id,
      departureDate: f.departureDate,
      departureAt: atAirport(f.departureAt, airports.get(s.origin)),
      arrivalAt: atAirport(f.arrivalAt, airports.get(s.destination)),
      held: f.held,
      booked: f.booked,
      departed: f.departureAt <= now,
    })),
  };
}

function keptFlight(flightNumber: string, f: ScheduleFlightRecord): KeptFlight {
  const what =
    f.booked + f.held === 0
      ? 'a hold was placed on it once (now ended), so trips still name it'
      : [
          ...(f.booked > 0 ? [`${f.booked} ${f.booked === 1 ? 'seat' : 'seats'} sold`] : []),
          ...(f.held > 0 ? [`${f.held} ${f.held === 1 ? 'seat' : 'seats'} held`] : []),
        ].join(' and ');
  return {
    flightId: f.id,
    departureDate: f.departureDate,
    held: f.held,
    booked: f.booked,
    reason: `${flightNumber} on ${f.departureDate} kept as it was: ${what}.`,
  };
}

function outcome(
  flightNumber: string,
  created: number,
  removed: number,
  kept: readonly KeptFlight[],
  how: 'changed' | 'retired',
): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const done =
    how === 'changed'
      ? `${flightNumber} changed: ${n(removed, 'unsold flight')} replaced by ${n(created, 'flight')} of the new schedule.`
      : `${flightNumber} retired: ${n(removed, 'unsold future flight')} removed.`;
  if (kept.length === 0) return done;
  return (
    `${done} ${n(kept.length, 'flight')} with seats held or sold (or held once) kept as ${kept.length === 1 ? 'it was' : 'they were'}: ` +
    `${kept.map((k) => k.departureDate).join(', ')}.`
  );
}
