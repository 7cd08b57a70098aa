import { z } from 'zod';
import { CalendarDateSchema, InstantSchema } from './dates.ts';
import { MoneySchema } from './money.ts';
import {
  FareClassRequestSchema,
  FlightNumberSchema,
  IataAirportCodeSchema,
  refineFareClasses,
} from './inventory.ts';
import { IdSchema } from './users.ts';

/**
 * Recurring flight schedules (extension): a flight number on days of the week over a period, created
 * and edited as one. The server writes one flight per date (the same flights `POST /api/flights` makes);
 * an edit or a retirement replaces or removes only the future flights nothing was ever held or sold on.
 */

/** Most flights one schedule may make: a daily flight for a year and a month. */
export const MAX_SCHEDULE_FLIGHTS = 400;

export const DAYS_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DayOfWeekSchema = z.enum(DAYS_OF_WEEK).meta({ id: 'DayOfWeek' });
export type DayOfWeek = z.infer<typeof DayOfWeekSchema>;

/** The day of the week of a calendar date. */
export function dayOfWeek(date: string): DayOfWeek {
  // getUTCDay: 0 is Sunday.
  return DAYS_OF_WEEK[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** A wall-clock time at an airport, `HH:MM` (24 hours). */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 06:45')
  .meta({ examples: ['06:45'] });

const DaysOfWeekListSchema = z
  .array(DayOfWeekSchema)
  .min(1, 'pick at least one day of the week')
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'days of the week must be unique');

const scheduleShape = {
  flightNumber: FlightNumberSchema,
  from: IataAirportCodeSchema.meta({ description: 'Origin airport; must be on file (`GET /api/airports`).' }),
  to: IataAirportCodeSchema.meta({ description: 'Destination airport; must be on file.' }),
  departureTime: LocalTimeSchema.meta({ description: 'Local time at the origin airport.' }),
  arrivalTime: LocalTimeSchema.meta({ description: 'Local time at the destination airport.' }),
  arrivalDayOffset: z
    .int()
    .min(0)
    .max(2)
    .optional()
    .meta({
      description:
        'Days after the departure’s local date that the flight lands (1: the next day). Left out: the first ' +
        '`arrivalTime` after the departure.',
    }),
  daysOfWeek: DaysOfWeekListSchema,
  firstDate: CalendarDateSchema.meta({ description: 'First local departure date of the period.' }),
  lastDate: CalendarDateSchema.meta({ description: 'Last local departure date of the period (inclusive).' }),
  fareClasses: z.array(FareClassRequestSchema).min(1).max(26),
};

function refinePeriod(s: { firstDate?: unknown; lastDate?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof s.firstDate !== 'string' || typeof s.lastDate !== 'string') return;
  if (!CalendarDateSchema.safeParse(s.firstDate).success || !CalendarDateSchema.safeParse(s.lastDate).success)
    return;
  if (s.lastDate < s.firstDate) {
    ctx.addIssue({ code: 'custom', path: ['lastDate'], message: 'must be on or after firstDate' });
  }
}

/** `POST /api/flight-schedules` */
export const CreateFlightScheduleRequestSchema = z
  .object(scheduleShape)
  .refine((s) => s.from !== s.to, { path: ['to'], message: 'must differ from `from`' })
  .superRefine(refinePeriod)
  .superRefine((s, ctx) => refineFareClasses(s.fareClasses, ctx))
  .meta({ id: 'CreateFlightScheduleRequest' });
export type CreateFlightScheduleRequest = z.infer<typeof CreateFlightScheduleRequestSchema>;

/**
 * `PATCH /api/flight-schedules/{scheduleId}`: any of the fields; `fareClasses` replaces the whole list.
 * `arrivalDayOffset: null` goes back to the first arrival after the departure.
 */
export const UpdateFlightScheduleRequestSchema = z
  .object({
    departureTime: scheduleShape.departureTime.optional(),
    arrivalTime: scheduleShape.arrivalTime.optional(),
    arrivalDayOffset: z.int().min(0).max(2).nullable().optional(),
    daysOfWeek: DaysOfWeekListSchema.optional(),
    firstDate: CalendarDateSchema.optional(),
    lastDate: CalendarDateSchema.optional(),
    fareClasses: scheduleShape.fareClasses.optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'change at least one field' })
  .superRefine(refinePeriod)
  .superRefine((s, ctx) => refineFareClasses(s.fareClasses, ctx))
  .meta({ id: 'UpdateFlightScheduleRequest' });
export type UpdateFlightScheduleRequest = z.infer<typeof UpdateFlightScheduleRequestSchema>;

export const FlightScheduleParamsSchema = z.object({ scheduleId: IdSchema });
export type FlightScheduleParams = z.infer<typeof FlightScheduleParamsSchema>;

/** One flight the schedule made, as it stands. */
export const ScheduledFlightSchema = z
  .object({
    flightId: IdSchema,
    departureDate: CalendarDateSchema,
    departureAt: InstantSchema.meta({ description: 'With the origin airport’s own offset.' }),
    arrivalAt: InstantSchema.meta({ description: 'With the destination airport’s own offset.' }),
    held: z.int().nonnegative(),
    booked: z.int().nonnegative(),
    departed: z.boolean(),
  })
  .meta({ id: 'ScheduledFlight' });
export type ScheduledFlight = z.infer<typeof ScheduledFlightSchema>;

export const FlightScheduleSchema = z
  .object({
    id: IdSchema,
    flightNumber: z.string(),
    from: z.string(),
    to: z.string(),
    departureTime: z.string(),
    arrivalTime: z.string(),
    arrivalDayOffset: z.int().optional(),
    daysOfWeek: z.array(DayOfWeekSchema),
    firstDate: CalendarDateSchema,
    lastDate: CalendarDateSchema,
    fareClasses: z.array(
      z.object({ code: z.string(), name: z.string(), price: MoneySchema, seats: z.array(z.string()) }),
    ),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    flights: z.array(ScheduledFlightSchema).meta({ description: 'Its flights, by departure.' }),
  })
  .meta({ id: 'FlightSchedule' });
export type FlightSchedule = z.infer<typeof FlightScheduleSchema>;

export const FlightScheduleListSchema = z
  .object({ items: z.array(FlightScheduleSchema) })
  .meta({ id: 'FlightScheduleList' });
export type FlightScheduleList = z.infer<typeof FlightScheduleListSchema>;

/** A future flight an edit or a retirement left as it was, because something was held or sold on it. */
export const KeptFlightSchema = z
  .object({
    flightId: IdSchema,
    departureDate: CalendarDateSchema,
    held: z.int().nonnegative(),
    booked: z.int().nonnegative(),
    reason: z.string().meta({ description: 'Why it was kept, in words.' }),
  })
  .meta({ id: 'KeptFlight' });
export type KeptFlight = z.infer<typeof KeptFlightSchema>;

/** `200` of `PATCH` and `DELETE /api/flight-schedules/{scheduleId}`: what changed, and what was kept. */
export const FlightScheduleChangeSchema = z
  .object({
    schedule: FlightScheduleSchema.optional().meta({
      description: 'The schedule as changed (not after DELETE).',
    }),
    created: z.int().nonnegative().meta({ description: 'Flights written.' }),
    removed: z
      .int()
      .nonnegative()
      .meta({ description: 'Future flights nothing was held or sold on, removed.' }),
    kept: z.array(KeptFlightSchema),
    message: z.string().meta({ description: 'The outcome in a sentence or two.' }),
  })
  .meta({ id: 'FlightScheduleChange' });
export type FlightScheduleChange = z.infer<typeof FlightScheduleChangeSchema>;
