import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from './dates.ts';
import { MoneySchema, PriceSchema } from './money.ts';
import { IdSchema } from './users.ts';

/**
 * What can be sold: hotels with room types (rooms by night), flights with fare classes (seats),
 * and car locations with cars (cars by day, counted per category). Admins write it, everyone reads.
 */

/** A trimmed, non-empty string of at most `max` characters. */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Labels are keys as well as display text (room numbers, seats, amenities): no duplicates. */
function uniqueList<T extends z.ZodType<string>>(item: T, what: string, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, `${what} must be unique`);
}

export const IataAirportCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter uppercase IATA airport code')
  .meta({ id: 'IataAirportCode', description: 'IATA airport code.', examples: ['JFK', 'CDG'] });
export type IataAirportCode = z.infer<typeof IataAirportCodeSchema>;

const Amenities = uniqueList(text(100), 'amenities', 100).meta({ examples: [['wifi', 'breakfast']] });

// ---------------------------------------------------------------------------------------------
// Hotels and room types

/** `POST /api/hotels` */
export const CreateHotelRequestSchema = z
  .object({
    name: text(200),
    city: text(100),
    country: text(100),
    address: text(500).optional(),
    timezone: TimeZoneSchema.optional().meta({
      description: 'IANA zone of the hotel; its calendar decides what "today" is at the desk. Default UTC.',
    }),
    stars: z.int().min(1).max(5).optional(),
    amenities: Amenities.optional(),
    phone: text(40)
      .optional()
      .meta({ description: 'Extension: the hotel’s phone, for the desk and agents.' }),
    email: z.email().max(200).optional().meta({ description: 'Extension: the hotel’s email.' }),
  })
  .meta({ id: 'CreateHotelRequest' });
export type CreateHotelRequest = z.infer<typeof CreateHotelRequestSchema>;

const hotelShape = {
  id: IdSchema,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  address: z.string().optional(),
  timezone: z.string().meta({ description: 'IANA time zone; always set (UTC when none was given).' }),
  stars: z.int().min(1).max(5).optional(),
  amenities: z.array(z.string()),
  phone: z.string().optional().meta({ description: 'Extension.' }),
  email: z.string().optional().meta({ description: 'Extension.' }),
  createdAt: InstantSchema.optional(),
  retiredAt: InstantSchema.optional().meta({
    description: 'Extension: when an admin retired it; a retired hotel is not sold, old trips keep it.',
  }),
};

/** `201` of `POST /api/hotels`. */
export const HotelSchema = z.object(hotelShape).meta({ id: 'Hotel' });
export type Hotel = z.infer<typeof HotelSchema>;

/**
 * Rooms of a type that may be sold on a night beyond its physical rooms (overbooking, extension): the
 * invariant of a night is held + sold ≤ rooms + allowance. 0 sells no more than the rooms.
 */
export const OverbookingAllowanceSchema = z
  .int()
  .min(0)
  .max(500)
  .meta({
    description:
      'Rooms that may be sold on a night beyond the physical rooms (extension); 0, the default, sells no more than the rooms.',
    examples: [2],
  });

/** Room numbers as the hotel writes them on doors ("101", "12B", "Suite 3"). */
const RoomNumberSchema = text(20);

/** `POST /api/hotels/{hotelId}/room-types` */
export const CreateRoomTypeRequestSchema = z
  .object({
    name: text(100),
    maxOccupancy: z.int().min(1).max(20).meta({ description: 'Most guests one room of this type sleeps.' }),
    nightlyRate: PriceSchema,
    roomNumbers: uniqueList(RoomNumberSchema, 'room numbers', 2000)
      .min(1, 'a room type needs at least one room')
      .meta({ description: 'The rooms of this type; their count is the capacity sold per night.' }),
    amenities: Amenities.optional(),
    description: text(2000).optional(),
    overbookingAllowance: OverbookingAllowanceSchema.optional(),
  })
  .meta({ id: 'CreateRoomTypeRequest' });
export type CreateRoomTypeRequest = z.infer<typeof CreateRoomTypeRequestSchema>;

/**
 * `PATCH /api/hotels/{hotelId}/room-types/{roomTypeId}` (extension). Rooms are added and removed by
 * number, so a change of capacity says which doors it concerns; removing rooms is refused with
 * `capacity_in_use` when a night from today on has more rooms held or sold than would remain.
 */
export const UpdateRoomTypeRequestSchema = z
  .object({
    name: text(100).optional(),
    maxOccupancy: z.int().min(1).max(20).optional(),
    nightlyRate: PriceSchema.optional(),
    amenities: Amenities.optional(),
    description: text(2000).nullable().optional().meta({ description: '`null` clears it.' }),
    addRoomNumbers: uniqueList(RoomNumberSchema, 'room numbers', 2000).optional(),
    removeRoomNumbers: uniqueList(RoomNumberSchema, 'room numbers', 2000).optional(),
    retired: z.boolean().optional().meta({
      description:
        '`true` retires the room type (no longer searched nor held; holds and sales stay), `false` reinstates it.',
    }),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), {
    message: 'change at least one field',
  })
  .superRefine((r, ctx) => {
    if (!Array.isArray(r.addRoomNumbers) || !Array.isArray(r.removeRoomNumbers)) return;
    const removed = new Set(r.removeRoomNumbers);
    r.addRoomNumbers.forEach((n, i) => {
      if (removed.has(n)) {
        ctx.addIssue({ code: 'custom', path: ['addRoomNumbers', i], message: `room ${n} is also removed` });
      }
    });
  })
  .meta({ id: 'UpdateRoomTypeRequest' });
export type UpdateRoomTypeRequest = z.infer<typeof UpdateRoomTypeRequestSchema>;

/** `201` of `POST /api/hotels/{hotelId}/room-types`. */
export const RoomTypeSchema = z
  .object({
    id: IdSchema,
    hotelId: IdSchema,
    name: z.string(),
    maxOccupancy: z.int().positive(),
    nightlyRate: MoneySchema,
    capacity: z.int().nonnegative().meta({ description: 'Number of rooms of this type.' }),
    roomNumbers: z.array(z.string()),
    amenities: z.array(z.string()),
    description: z.string().optional(),
    overbookingAllowance: z.int().nonnegative().optional().meta({
      description:
        'Extension: rooms that may be sold on a night beyond `capacity` (overbooking); always set by this server.',
    }),
    retiredAt: InstantSchema.optional().meta({ description: 'Extension: when it was retired.' }),
  })
  .meta({ id: 'RoomType' });
export type RoomType = z.infer<typeof RoomTypeSchema>;

/** `PUT /api/hotels/{hotelId}/room-types/{roomTypeId}/overbooking` (extension). */
export const SetOverbookingRequestSchema = z
  .object({ allowance: OverbookingAllowanceSchema })
  .meta({ id: 'SetOverbookingRequest' });
export type SetOverbookingRequest = z.infer<typeof SetOverbookingRequestSchema>;

/** `200` of `GET /api/hotels/{hotelId}`: the hotel with its room types. */
export const HotelDetailSchema = z
  .object({ ...hotelShape, roomTypes: z.array(RoomTypeSchema) })
  .meta({ id: 'HotelDetail' });
export type HotelDetail = z.infer<typeof HotelDetailSchema>;

/** Path of `/api/hotels/{hotelId}/...`. */
export const HotelParamsSchema = z.object({ hotelId: IdSchema });
export type HotelParams = z.infer<typeof HotelParamsSchema>;

/** Path of `/api/hotels/{hotelId}/room-types/{roomTypeId}` (extension). */
export const RoomTypeParamsSchema = z.object({ hotelId: IdSchema, roomTypeId: IdSchema });
export type RoomTypeParams = z.infer<typeof RoomTypeParamsSchema>;

/** Treats `?name=` like an absent parameter: forms send empty fields that way. */
const optionalParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** `?includeRetired=true` lists retired ones too (the admin's "show retired"); default false. */
const IncludeRetiredParam = z
  .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).optional())
  .transform((v) => v === 'true')
  .meta({ description: '`true` lists retired ones too. Default `false`.' });

/** `GET /api/hotels?city=&q=&limit=&offset=` (extension): the admin's hotel list. */
export const HotelListQuerySchema = z
  .object({
    city: optionalParam(z.string().trim().min(1).max(100)).meta({
      description: 'Hotels of this city (any letter case).',
    }),
    q: optionalParam(z.string().trim().min(1).max(100)).meta({
      description: 'Part of the hotel’s name (any letter case).',
    }),
    limit: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(200).default(50),
    ),
    offset: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(0).max(1_000_000).default(0),
    ),
    includeRetired: IncludeRetiredParam,
  })
  .meta({ id: 'HotelListQuery' });
export type HotelListQuery = z.infer<typeof HotelListQuerySchema>;

/** One hotel of the list: the hotel and the size of its inventory. */
export const HotelSummarySchema = z
  .object({
    ...hotelShape,
    roomTypeCount: z.int().nonnegative(),
    roomCount: z.int().nonnegative().meta({ description: 'Rooms over all its room types.' }),
  })
  .meta({ id: 'HotelSummary' });
export type HotelSummary = z.infer<typeof HotelSummarySchema>;

/** `200` of `GET /api/hotels` (extension), sorted by city then name. */
export const HotelListSchema = z
  .object({
    items: z.array(HotelSummarySchema),
    total: z.int().nonnegative().meta({ description: 'Matching hotels before paging.' }),
  })
  .meta({ id: 'HotelList' });
export type HotelList = z.infer<typeof HotelListSchema>;

// ---------------------------------------------------------------------------------------------
// Airports (extension)

/** An airport the desk sells flights from and to: where its local times are read. */
export const AirportSchema = z
  .object({
    code: IataAirportCodeSchema,
    name: z.string().meta({ examples: ['London Heathrow'] }),
    city: z.string().meta({ examples: ['London'] }),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2 country code.', examples: ['GB'] }),
    timeZone: z.string().meta({ description: 'IANA time zone.', examples: ['Europe/London'] }),
  })
  .meta({ id: 'Airport' });
export type Airport = z.infer<typeof AirportSchema>;

/** `POST /api/airports` (extension, admin). */
export const CreateAirportRequestSchema = z
  .object({
    code: IataAirportCodeSchema,
    name: text(200),
    city: text(100),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a 2-letter uppercase ISO 3166 country code, e.g. GB')
      .meta({ examples: ['GB'] }),
    timeZone: TimeZoneSchema,
  })
  .meta({ id: 'CreateAirportRequest' });
export type CreateAirportRequest = z.infer<typeof CreateAirportRequestSchema>;

/** `GET /api/airports?q=&limit=` (extension). */
export const AirportListQuerySchema = z
  .object({
    q: optionalParam(z.string().trim().min(1).max(100)).meta({
      description:
        'Start of the code, or a word of the city or name (any letter case, accents ignored). ' +
        'Without it, every airport by code.',
    }),
    limit: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(100).default(10),
    ),
  })
  .meta({ id: 'AirportListQuery' });
export type AirportListQuery = z.infer<typeof AirportListQuerySchema>;

/** `200` of `GET /api/airports`: best matches first (exact code, code prefix, city, name). */
export const AirportListSchema = z.object({ items: z.array(AirportSchema) }).meta({ id: 'AirportList' });
export type AirportList = z.infer<typeof AirportListSchema>;

// ---------------------------------------------------------------------------------------------
// Flights, fare classes and seats

/** Fare class codes are booking-class designators such as `Y`, `J`, `ECO`. */
export const FareClassCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'must be 1–20 letters, digits, `_` or `-`')
  .meta({ examples: ['Y', 'J'] });

/** A seat is a row number and a letter: `1A`, `32F`. */
export const SeatSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}[A-Z]$/, 'must be a row number and a seat letter, e.g. 12A')
  .meta({ id: 'Seat', examples: ['12A'] });

/**
 * What a list of fare classes must also satisfy: codes unique, and each seat in one class only. Also for
 * flight schedules (flight-schedules.ts).
 */
export function refineFareClasses(fareClasses: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(fareClasses)) return;
  const codes = new Set<string>();
  const seatClass = new Map<string, number>();
  (fareClasses as { code: string; seats: unknown }[]).forEach((fc, i) => {
    if (typeof fc !== 'object' || fc === null) return;
    if (codes.has(fc.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fareClasses', i, 'code'],
        message: 'duplicate fare class code',
      });
    }
    codes.add(fc.code);
    if (!Array.isArray(fc.seats)) return;
    (fc.seats as string[]).forEach((seat, j) => {
      const owner = seatClass.get(seat);
      // A seat twice in one class is reported by that class's own uniqueness check.
      if (owner !== undefined && owner !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['fareClasses', i, 'seats', j],
          message: `seat ${seat} already belongs to another fare class`,
        });
      }
      if (owner === undefined) seatClass.set(seat, i);
    });
  });
}

export const FareClassRequestSchema = z.object({
  code: FareClassCodeSchema,
  name: text(100),
  price: PriceSchema.meta({ description: 'Price of one seat (one passenger).' }),
  seats: uniqueList(SeatSchema, 'seats', 1000).min(1, 'a fare class needs at least one seat'),
});

/** An airline designator and a number: `BA117`. */
export const FlightNumberSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/, 'must be an airline designator and a number, e.g. BA117')
  .meta({ examples: ['BA117'] });

/** `POST /api/flights` */
export const CreateFlightRequestSchema = z
  .object({
    flightNumber: FlightNumberSchema,
    from: IataAirportCodeSchema,
    to: IataAirportCodeSchema,
    departureAt: InstantSchema.meta({
      description:
        'Departure, with the origin airport’s UTC offset as timetables give it (`2026-12-24T15:00:00+01:00`). ' +
        'Flight searches match its calendar date in the origin airport’s time zone (extension: any offset, ' +
        'or `Z`, gives the same local date). `from` and `to` must be airports the desk knows ' +
        '(`GET /api/airports`; an admin adds one with `POST /api/airports`).',
    }),
    arrivalAt: InstantSchema,
    fareClasses: z.array(FareClassRequestSchema).min(1).max(26),
  })
  .refine((f) => f.from !== f.to, { path: ['to'], message: 'must differ from `from`' })
  .superRefine((f, ctx) => {
    // Object checks also run when a field already failed: compare only what parsed. Date.parse alone is
    // not enough: it reads '2026-12-01 07:05' (no offset, refused above) in the machine's time zone.
    if (!InstantSchema.safeParse(f.departureAt).success || !InstantSchema.safeParse(f.arrivalAt).success) {
      return;
    }
    const departure = Date.parse(f.departureAt);
    const arrival = Date.parse(f.arrivalAt);
    if (arrival <= departure) {
      ctx.addIssue({ code: 'custom', path: ['arrivalAt'], message: 'must be after departureAt' });
    }
  })
  .superRefine((f, ctx) => refineFareClasses(f.fareClasses, ctx))
  .meta({ id: 'CreateFlightRequest' });
export type CreateFlightRequest = z.infer<typeof CreateFlightRequestSchema>;

export const FareClassSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    price: MoneySchema,
    capacity: z.int().nonnegative().meta({ description: 'Number of seats in this fare class.' }),
    seats: z.array(z.string()),
    retiredAt: InstantSchema.optional().meta({ description: 'Extension: when it was retired.' }),
  })
  .meta({ id: 'FareClass' });
export type FareClass = z.infer<typeof FareClassSchema>;

/** `201` of `POST /api/flights`. */
export const FlightSchema = z
  .object({
    id: IdSchema,
    flightNumber: z.string(),
    from: z.string(),
    to: z.string(),
    departureAt: InstantSchema,
    arrivalAt: InstantSchema,
    departureDate: CalendarDateSchema.optional().meta({
      description: 'Extension: the departure’s calendar date at the origin airport.',
    }),
    origin: AirportSchema.optional().meta({ description: 'Extension: the airport `from` names.' }),
    destination: AirportSchema.optional().meta({ description: 'Extension: the airport `to` names.' }),
    fareClasses: z.array(FareClassSchema),
    retiredAt: InstantSchema.optional().meta({ description: 'Extension: when it was retired.' }),
  })
  .meta({ id: 'Flight' });
export type Flight = z.infer<typeof FlightSchema>;

/** A fare class with its counters (extension, `GET /api/flights/{flightId}`). */
export const FareClassDetailSchema = FareClassSchema.extend({
  held: z.int().nonnegative().meta({ description: 'Seats under a hold (expired holds count until swept).' }),
  booked: z.int().nonnegative(),
  available: z.int().nonnegative().meta({ description: 'capacity − held − booked.' }),
}).meta({ id: 'FareClassDetail' });
export type FareClassDetail = z.infer<typeof FareClassDetailSchema>;

/** `200` of `GET /api/flights/{flightId}` (extension): the flight with its fare classes' counters. */
export const FlightDetailSchema = FlightSchema.extend({ fareClasses: z.array(FareClassDetailSchema) }).meta({
  id: 'FlightDetail',
});
export type FlightDetail = z.infer<typeof FlightDetailSchema>;

export const SeatStatusSchema = z.enum(['available', 'held', 'booked']).meta({ id: 'SeatStatus' });
export type SeatStatus = z.infer<typeof SeatStatusSchema>;

/** `200` of `GET /api/flights/{flightId}/seats`. */
export const SeatMapSchema = z
  .object({
    seats: z.array(z.object({ seat: z.string(), fareClass: z.string(), status: SeatStatusSchema })),
  })
  .meta({ id: 'SeatMap' });
export type SeatMap = z.infer<typeof SeatMapSchema>;

/** Path of `/api/flights/{flightId}/...`. */
export const FlightParamsSchema = z.object({ flightId: IdSchema });
export type FlightParams = z.infer<typeof FlightParamsSchema>;

// ---------------------------------------------------------------------------------------------
// Car locations and cars

/** Rental stations are named by a short code, often the airport's (`JFK`, `LHR-T5`). */
export const CarLocationCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,19}$/, 'must be 2–20 uppercase letters, digits, `_` or `-`')
  .meta({ examples: ['JFK'] });

/** Car categories are the desk's own words (`economy`, `suv`); capacity is counted per category. */
export const CarCategorySchema = text(50).meta({ examples: ['economy', 'suv'] });

/** `POST /api/car-locations` */
export const CreateCarLocationRequestSchema = z
  .object({ code: CarLocationCodeSchema, name: text(200), city: text(100) })
  .meta({ id: 'CreateCarLocationRequest' });
export type CreateCarLocationRequest = z.infer<typeof CreateCarLocationRequestSchema>;

/** `201` of `POST /api/car-locations`; the code is the location's identifier. */
export const CarLocationSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    city: z.string(),
    retiredAt: InstantSchema.optional().meta({ description: 'Extension: when it was retired.' }),
  })
  .meta({ id: 'CarLocation' });
export type CarLocation = z.infer<typeof CarLocationSchema>;

/** Path of `/api/car-locations/{code}/...`. */
export const CarLocationParamsSchema = z.object({ code: CarLocationCodeSchema });
export type CarLocationParams = z.infer<typeof CarLocationParamsSchema>;

/** `POST /api/car-locations/{code}/cars` */
export const CreateCarRequestSchema = z
  .object({
    plate: text(20).meta({ description: 'Licence plate; unique across locations.' }),
    category: CarCategorySchema,
    model: text(100),
    dailyRate: PriceSchema.meta({
      description: 'In the currency of the other cars of its category at the location.',
    }),
  })
  .meta({ id: 'CreateCarRequest' });
export type CreateCarRequest = z.infer<typeof CreateCarRequestSchema>;

/** Path of `/api/car-locations/{code}/cars/{carId}` (extension). */
export const CarParamsSchema = z.object({ code: CarLocationCodeSchema, carId: IdSchema });
export type CarParams = z.infer<typeof CarParamsSchema>;

/** `GET /api/car-locations?city=` (extension). */
export const CarLocationListQuerySchema = z
  .object({
    city: optionalParam(z.string().trim().min(1).max(100)).meta({
      description: 'Locations of this city (any letter case).',
    }),
    includeRetired: IncludeRetiredParam,
  })
  .meta({ id: 'CarLocationListQuery' });
export type CarLocationListQuery = z.infer<typeof CarLocationListQuerySchema>;

/** A category offered at a location: what availability counts and quotes. */
export const CarFleetSchema = z
  .object({
    category: z.string(),
    capacity: z.int().positive().meta({ description: 'Cars of this category at the location.' }),
    dailyRate: MoneySchema.meta({ description: 'The lowest daily rate among them: what a rental costs.' }),
  })
  .meta({ id: 'CarFleet' });
export type CarFleet = z.infer<typeof CarFleetSchema>;

/** `200` of `GET /api/car-locations` (extension), sorted by code; fleets by category. */
export const CarLocationListSchema = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        city: z.string(),
        retiredAt: InstantSchema.optional(),
        fleets: z.array(CarFleetSchema),
      }),
    ),
  })
  .meta({ id: 'CarLocationList' });
export type CarLocationList = z.infer<typeof CarLocationListSchema>;

/** `201` of `POST /api/car-locations/{code}/cars`. */
export const CarSchema = z
  .object({
    id: IdSchema,
    locationCode: z.string(),
    plate: z.string(),
    category: z.string(),
    model: z.string(),
    dailyRate: MoneySchema,
    retiredAt: InstantSchema.optional().meta({
      description: 'Extension: when it left the fleet; a retired car is not counted in its category.',
    }),
  })
  .meta({ id: 'Car' });
export type Car = z.infer<typeof CarSchema>;

/** `200` of `GET /api/car-locations/{code}/cars` (extension), by category then plate. */
export const CarListSchema = z.object({ items: z.array(CarSchema) }).meta({ id: 'CarList' });
export type CarList = z.infer<typeof CarListSchema>;
