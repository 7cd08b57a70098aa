import { TaxLineSchema } from './taxes.ts';
import { ExtraBasisSchema } from './extras.ts';
import { z } from 'zod';
import { CalendarDateSchema, daysBetween, InstantSchema, isCalendarDate } from './dates.ts';
import {
  AirportSchema,
  CarCategorySchema,
  CarLocationCodeSchema,
  IataAirportCodeSchema,
} from './inventory.ts';
import { MoneySchema } from './money.ts';
import { CancellationPolicySchema } from './cancellation-policy.ts';
import { IdSchema } from './users.ts';

/**
 * Availability searches. Answers may be slightly stale (API.md): they come from counted inventory
 * rows without locking, and placing the hold re-checks. Queries arrive as strings, so numbers are
 * coerced; an empty parameter (`?status=`) means "not given", as forms send them that way.
 */

/** Longest stay or rental one search or hold may cover; bounds the inventory rows one request touches. */
export const MAX_STAY_NIGHTS = 90;
export const MAX_RENTAL_DAYS = 90;

/** Treats `?name=` like an absent parameter; `schema` says whether absent is allowed or defaulted. */
const param = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const count = (max: number) => z.coerce.number().int().min(1).max(max);

/** Paging and sorting every availability search accepts (extension). */
const pagingShape = {
  limit: param(z.coerce.number().int().min(1).max(200).default(50)).meta({
    description: 'Rows per page, 1–200; default 50.',
  }),
  offset: param(z.coerce.number().int().min(0).max(100_000).default(0)).meta({
    description: 'Rows to skip; default 0.',
  }),
  sort: param(z.enum(['price', 'name']).optional()).meta({
    description:
      '`price` (the default): cheapest first, ties by name. `name`: hotels by hotel and room type name, ' +
      'flights by departure time, cars by category.',
  }),
};

/**
 * An extra the desk can sell with the offer, priced for it as searched (the nights, rooms, guests or
 * days of the search): `price` is one unit over the whole item, as the held item will show it.
 */
export const OfferedExtraSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    price: MoneySchema.meta({ description: 'One unit over the whole item as searched.' }),
    maxQuantity: z.int().nonnegative().meta({ description: 'The most one hold may ask for.' }),
    basis: ExtraBasisSchema.optional().meta({ description: 'Extension: what one unit is counted over.' }),
  })
  .meta({ id: 'OfferedExtra' });
export type OfferedExtra = z.infer<typeof OfferedExtraSchema>;

/** Terms every availability row carries (extension): what the hold would get if placed now. */
const termsShape = {
  cancellationPolicy: CancellationPolicySchema.optional().meta({
    description: 'Extension: the cancellation terms the item gets if held now (written on it at sale).',
  }),
  extras: z.array(OfferedExtraSchema).optional().meta({
    description: 'Extension: the extras on sale with this offer, priced for it.',
  }),
  taxes: z.array(TaxLineSchema).optional().meta({
    description:
      'Extension: the taxes and fees of `totalPrice` (before extras): `included` ones are in it, the others are added at the hold.',
  }),
};

/** `?amenities=wifi,pool` or `?amenities=wifi&amenities=pool`: a list of amenity labels, all required. */
const amenityList = z.preprocess(
  (v) => {
    if (v === '' || v === undefined) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]));
    const list = parts.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '');
    return list.length === 0 ? undefined : list;
  },
  z.array(z.string().max(100)).max(20).optional(),
);

/** End-exclusive date range check shared by stays (nights) and rentals (days). */
function dateRange<T extends Record<string, unknown>>(
  start: keyof T & string,
  end: keyof T & string,
  max: number,
) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const from = value[start];
    const to = value[end];
    // Object checks run even when a field already failed; a malformed date was reported there.
    if (!isCalendarDate(from) || !isCalendarDate(to)) return;
    const days = daysBetween(from, to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: [end], message: `must be after ${start}` });
    else if (days > max)
      ctx.addIssue({ code: 'custom', path: [end], message: `at most ${max} days after ${start}` });
  };
}

/** Reused by add-item requests so that a hold is validated exactly as the search that found it. */
export const stayRange = dateRange<{ checkIn: string; checkOut: string }>(
  'checkIn',
  'checkOut',
  MAX_STAY_NIGHTS,
);
export const rentalRange = dateRange<{ pickUp: string; dropOff: string }>(
  'pickUp',
  'dropOff',
  MAX_RENTAL_DAYS,
);

// ---------------------------------------------------------------------------------------------
// Hotels

/** `GET /api/availability/hotels?city=&checkIn=&checkOut=&guests=&rooms=` */
export const HotelAvailabilityQuerySchema = z
  .object({
    city: param(z.string().trim().min(1).max(100).optional()),
    hotelId: param(IdSchema.optional()).meta({
      description: 'Extension: search one hotel (the front desk booking a walk-in).',
    }),
    checkIn: CalendarDateSchema,
    checkOut: CalendarDateSchema.meta({ description: 'Exclusive: the morning the guest leaves.' }),
    guests: param(count(20).default(1)).meta({
      description: 'Guests per room; rows whose maxOccupancy is lower are left out. Default 1.',
    }),
    rooms: param(count(20).default(1)).meta({ description: 'Rooms wanted; default 1.' }),
    minNightlyRate: param(z.coerce.number().int().min(0).max(100_000_000).optional()).meta({
      description:
        'Extension: the least nightly rate of one room, in minor units (cents), inclusive; the rate is ' +
        "compared in the row's own currency.",
    }),
    maxNightlyRate: param(z.coerce.number().int().min(0).max(100_000_000).optional()).meta({
      description: 'Extension: the most a room may cost a night, in minor units (cents), inclusive.',
    }),
    stars: param(z.coerce.number().int().min(1).max(5).optional()).meta({
      description: 'Extension: hotels of at least these stars (1–5); hotels without a rating are left out.',
    }),
    amenities: amenityList.meta({
      description:
        'Extension: every one of these amenities, of the hotel or of the room type (any case); ' +
        'comma-separated or the parameter repeated.',
    }),
    ...pagingShape,
    sort: param(z.enum(['price', 'name', 'stars']).optional()).meta({
      description:
        '`price` (the default): cheapest first, ties by name. `name`: by hotel and room type name. ' +
        'Extension `stars`: most stars first, then cheapest.',
    }),
  })
  .superRefine(stayRange)
  .refine((q) => q.city !== undefined || q.hotelId !== undefined, {
    path: ['city'],
    message: 'city or hotelId is required',
  })
  .refine(
    (q) =>
      q.minNightlyRate === undefined ||
      q.maxNightlyRate === undefined ||
      q.minNightlyRate <= q.maxNightlyRate,
    { path: ['maxNightlyRate'], message: 'must not be below minNightlyRate' },
  )
  .meta({ id: 'HotelAvailabilityQuery' });
export type HotelAvailabilityQuery = z.infer<typeof HotelAvailabilityQuerySchema>;

export const HotelAvailabilityRowSchema = z
  .object({
    hotelId: IdSchema,
    hotelName: z.string(),
    city: z.string(),
    roomTypeId: IdSchema,
    roomTypeName: z.string(),
    maxOccupancy: z.int().positive().optional(),
    available: z.int().nonnegative().meta({ description: 'Fewest free rooms over the nights asked.' }),
    nightlyRate: MoneySchema,
    totalPrice: MoneySchema.meta({ description: 'Nightly rate × nights × rooms.' }),
    stars: z
      .int()
      .min(1)
      .max(5)
      .optional()
      .meta({ description: "Extension: the hotel's stars, when rated." }),
    amenities: z.array(z.string()).optional().meta({
      description: "Extension: the hotel's amenities, then the room type's own, each once.",
    }),
    timezone: z.string().optional().meta({
      description: "Extension: the hotel's IANA time zone, to show its policy in hotel time.",
    }),
    ...termsShape,
  })
  .meta({ id: 'HotelAvailabilityRow' });
export type HotelAvailabilityRow = z.infer<typeof HotelAvailabilityRowSchema>;

/** `200` of `GET /api/availability/hotels`. */
export const HotelAvailabilityResultsSchema = z
  .object({
    results: z.array(HotelAvailabilityRowSchema),
    total: z.int().nonnegative().optional().meta({ description: 'Matching rows before paging.' }),
  })
  .meta({ id: 'HotelAvailabilityResults' });
export type HotelAvailabilityResults = z.infer<typeof HotelAvailabilityResultsSchema>;

// ---------------------------------------------------------------------------------------------
// Flights

/** `GET /api/availability/flights?from=&to=&date=&passengers=` */
export const FlightAvailabilityQuerySchema = z
  .object({
    from: IataAirportCodeSchema,
    to: IataAirportCodeSchema,
    date: CalendarDateSchema.meta({ description: 'Departure date, local to the departure airport.' }),
    passengers: param(count(9).default(1)).meta({ description: 'Seats wanted, 1–9; default 1.' }),
    ...pagingShape,
  })
  .refine((q) => q.from !== q.to, { path: ['to'], message: 'must differ from `from`' })
  .meta({ id: 'FlightAvailabilityQuery' });
export type FlightAvailabilityQuery = z.infer<typeof FlightAvailabilityQuerySchema>;

export const FlightAvailabilityRowSchema = z
  .object({
    flightId: IdSchema,
    flightNumber: z.string(),
    from: z.string(),
    to: z.string(),
    departureAt: InstantSchema.meta({ description: 'Written with the origin airport’s own UTC offset.' }),
    arrivalAt: InstantSchema.meta({ description: 'Written with the destination airport’s own UTC offset.' }),
    origin: AirportSchema.optional().meta({ description: 'Extension: the airport `from` names.' }),
    destination: AirportSchema.optional().meta({ description: 'Extension: the airport `to` names.' }),
    fareClass: z.string().meta({ description: 'Fare class code.' }),
    fareClassName: z.string().optional(),
    available: z.int().nonnegative().meta({ description: 'Free seats in this fare class.' }),
    price: MoneySchema.meta({ description: 'Price of one seat.' }),
    totalPrice: MoneySchema.optional().meta({ description: 'Price × passengers.' }),
    ...termsShape,
  })
  .meta({ id: 'FlightAvailabilityRow' });
export type FlightAvailabilityRow = z.infer<typeof FlightAvailabilityRowSchema>;

/** `200` of `GET /api/availability/flights`. */
export const FlightAvailabilityResultsSchema = z
  .object({ results: z.array(FlightAvailabilityRowSchema), total: z.int().nonnegative().optional() })
  .meta({ id: 'FlightAvailabilityResults' });
export type FlightAvailabilityResults = z.infer<typeof FlightAvailabilityResultsSchema>;

// ---------------------------------------------------------------------------------------------
// Cars

/** `GET /api/availability/cars?location=&pickUp=&dropOff=` */
export const CarAvailabilityQuerySchema = z
  .object({
    location: CarLocationCodeSchema,
    category: param(CarCategorySchema.optional()).meta({ description: 'Extension: one category only.' }),
    pickUp: CalendarDateSchema,
    dropOff: CalendarDateSchema.meta({
      description: 'Exclusive: the day the car comes back is not charged.',
    }),
    ...pagingShape,
  })
  .superRefine(rentalRange)
  .meta({ id: 'CarAvailabilityQuery' });
export type CarAvailabilityQuery = z.infer<typeof CarAvailabilityQuerySchema>;

export const CarAvailabilityRowSchema = z
  .object({
    locationCode: z.string(),
    category: z.string(),
    available: z.int().nonnegative().meta({ description: 'Fewest free cars of the category over the days.' }),
    dailyRate: MoneySchema,
    totalPrice: MoneySchema.meta({ description: 'Daily rate × rental days.' }),
    ...termsShape,
  })
  .meta({ id: 'CarAvailabilityRow' });
export type CarAvailabilityRow = z.infer<typeof CarAvailabilityRowSchema>;

/** `200` of `GET /api/availability/cars`. */
export const CarAvailabilityResultsSchema = z
  .object({ results: z.array(CarAvailabilityRowSchema), total: z.int().nonnegative().optional() })
  .meta({ id: 'CarAvailabilityResults' });
export type CarAvailabilityResults = z.infer<typeof CarAvailabilityResultsSchema>;
