import { z } from 'zod';
import { InstantSchema, TimeZoneSchema } from './dates.ts';
import { MoneySchema } from './money.ts';
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
  createdAt: InstantSchema.optional(),
};

/** `201` of `POST /api/hotels`. */
export const HotelSchema = z.object(hotelShape).meta({ id: 'Hotel' });
export type Hotel = z.infer<typeof HotelSchema>;

/** Room numbers as the hotel writes them on doors ("101", "12B", "Suite 3"). */
const RoomNumberSchema = text(20);

/** `POST /api/hotels/{hotelId}/room-types` */
export const CreateRoomTypeRequestSchema = z
  .object({
    name: text(100),
    maxOccupancy: z.int().min(1).max(20).meta({ description: 'Most guests one room of this type sleeps.' }),
    nightlyRate: MoneySchema,
    roomNumbers: uniqueList(RoomNumberSchema, 'room numbers', 2000)
      .min(1, 'a room type needs at least one room')
      .meta({ description: 'The rooms of this type; their count is the capacity sold per night.' }),
    amenities: Amenities.optional(),
    description: text(2000).optional(),
  })
  .meta({ id: 'CreateRoomTypeRequest' });
export type CreateRoomTypeRequest = z.infer<typeof CreateRoomTypeRequestSchema>;

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
  })
  .meta({ id: 'RoomType' });
export type RoomType = z.infer<typeof RoomTypeSchema>;

/** `200` of `GET /api/hotels/{hotelId}`: the hotel with its room types. */
export const HotelDetailSchema = z
  .object({ ...hotelShape, roomTypes: z.array(RoomTypeSchema) })
  .meta({ id: 'HotelDetail' });
export type HotelDetail = z.infer<typeof HotelDetailSchema>;

/** Path of `/api/hotels/{hotelId}/...`. */
export const HotelParamsSchema = z.object({ hotelId: IdSchema });
export type HotelParams = z.infer<typeof HotelParamsSchema>;

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

const FareClassRequestSchema = z.object({
  code: FareClassCodeSchema,
  name: text(100),
  price: MoneySchema.meta({ description: 'Price of one seat (one passenger).' }),
  seats: uniqueList(SeatSchema, 'seats', 1000).min(1, 'a fare class needs at least one seat'),
});

/** `POST /api/flights` */
export const CreateFlightRequestSchema = z
  .object({
    flightNumber: z
      .string()
      .regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/, 'must be an airline designator and a number, e.g. BA117')
      .meta({ examples: ['BA117'] }),
    from: IataAirportCodeSchema,
    to: IataAirportCodeSchema,
    departureAt: InstantSchema,
    arrivalAt: InstantSchema,
    fareClasses: z.array(FareClassRequestSchema).min(1).max(26),
  })
  .refine((f) => f.from !== f.to, { path: ['to'], message: 'must differ from `from`' })
  .superRefine((f, ctx) => {
    // Object checks also run when a field already failed: compare only what parsed.
    const departure = Date.parse(f.departureAt);
    const arrival = Date.parse(f.arrivalAt);
    if (Number.isFinite(departure) && Number.isFinite(arrival) && arrival <= departure) {
      ctx.addIssue({ code: 'custom', path: ['arrivalAt'], message: 'must be after departureAt' });
    }
  })
  .superRefine((f, ctx) => {
    if (!Array.isArray(f.fareClasses)) return;
    const codes = new Set<string>();
    const seatClass = new Map<string, number>();
    f.fareClasses.forEach((fc, i) => {
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
      fc.seats.forEach((seat, j) => {
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
  })
  .meta({ id: 'CreateFlightRequest' });
export type CreateFlightRequest = z.infer<typeof CreateFlightRequestSchema>;

export const FareClassSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    price: MoneySchema,
    capacity: z.int().nonnegative().meta({ description: 'Number of seats in this fare class.' }),
    seats: z.array(z.string()),
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
    fareClasses: z.array(FareClassSchema),
  })
  .meta({ id: 'Flight' });
export type Flight = z.infer<typeof FlightSchema>;

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
  .object({ code: z.string(), name: z.string(), city: z.string() })
  .meta({ id: 'CarLocation' });
export type CarLocation = z.infer<typeof CarLocationSchema>;

/** Path of `/api/car-locations/{code}/...`. */
export const CarLocationParamsSchema = z.object({ code: CarLocationCodeSchema });
export type CarLocationParams = z.infer<typeof CarLocationParamsSchema>;

/** `POST /api/car-locations/{code}/cars` */
export const CreateCarRequestSchema = z
  .object({
    plate: text(20).meta({ description: 'Licence plate; unique per location.' }),
    category: CarCategorySchema,
    model: text(100),
    dailyRate: MoneySchema,
  })
  .meta({ id: 'CreateCarRequest' });
export type CreateCarRequest = z.infer<typeof CreateCarRequestSchema>;

/** `201` of `POST /api/car-locations/{code}/cars`. */
export const CarSchema = z
  .object({
    id: IdSchema,
    locationCode: z.string(),
    plate: z.string(),
    category: z.string(),
    model: z.string(),
    dailyRate: MoneySchema,
  })
  .meta({ id: 'Car' });
export type Car = z.infer<typeof CarSchema>;
