import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from './dates.ts';
import { PriceSchema } from './money.ts';
import {
  CarCategorySchema,
  CarLocationCodeSchema,
  FareClassCodeSchema,
  FlightParamsSchema,
  SeatSchema,
} from './inventory.ts';
import { IdSchema } from './users.ts';

/**
 * Editing and retiring the catalog, rooms out of order and stop-sell (extensions). Whatever is held or
 * sold stays as it is: an edit that would take units from a sale answers `409 capacity_in_use`, a
 * retired or closed unit takes no new hold (`409 closed_to_sale`).
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

function uniqueList<T extends z.ZodType<string>>(item: T, what: string, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, `${what} must be unique`);
}

/** At least one field: an empty PATCH is a mistake, said as one. */
const someField = {
  message: 'change at least one field',
} as const;
const hasSome = (r: object) => Object.values(r).some((v) => v !== undefined);

const retired = z
  .boolean()
  .optional()
  .meta({
    description:
      '`true` retires it: no longer searched nor held (`409 closed_to_sale`); holds and sales stay, old trips ' +
      'keep it. `false` reinstates it.',
  });

/** `from` ≤ dates < `to`, like a stay's check-in and check-out. */
function dateRange<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      ...shape,
      from: CalendarDateSchema.meta({ description: 'First date.' }),
      to: CalendarDateSchema.meta({ description: 'Exclusive: the first date it no longer applies.' }),
    })
    .superRefine((value, ctx) => {
      const r = value as { from?: unknown; to?: unknown };
      if (typeof r.from !== 'string' || typeof r.to !== 'string') return;
      if (r.to <= r.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after `from`' });
      } else if (Date.parse(r.to) - Date.parse(r.from) > 731 * 86_400_000) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most two years after `from`' });
      }
    });
}

// ---------------------------------------------------------------------------------------------
// Hotels

/** `PATCH /api/hotels/{hotelId}` (extension). `null` clears an optional field. */
export const UpdateHotelRequestSchema = z
  .object({
    name: text(200).optional(),
    city: text(100).optional(),
    country: text(100).optional(),
    address: text(500).nullable().optional(),
    timezone: TimeZoneSchema.optional().meta({
      description:
        'The hotel’s calendar from now on; nights already held or sold keep their dates and terms as sold.',
    }),
    stars: z.int().min(1).max(5).nullable().optional(),
    amenities: uniqueList(text(100), 'amenities', 100).optional(),
    phone: text(40).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    retired,
  })
  .refine(hasSome, someField)
  .meta({ id: 'UpdateHotelRequest' });
export type UpdateHotelRequest = z.infer<typeof UpdateHotelRequestSchema>;

// Rooms out of order

export const OutOfOrderKindSchema = z
  .enum(['out_of_order', 'out_of_service'])
  .meta({ id: 'OutOfOrderKind', description: 'Either way the room is not sold on those nights.' });
export type OutOfOrderKind = z.infer<typeof OutOfOrderKindSchema>;

/** `POST /api/hotels/{hotelId}/out-of-order` (extension): rooms out of order over nights. */
export const CreateOutOfOrderRequestSchema = dateRange({
  roomNumbers: uniqueList(text(20), 'room numbers', 2000).min(1, 'name at least one room'),
  kind: OutOfOrderKindSchema.default('out_of_order'),
  reason: text(200).optional(),
}).meta({
  id: 'CreateOutOfOrderRequest',
  description:
    'Nights `from` ≤ night < `to` (`to` is the night the room is back, like a check-out). Refused with ' +
    '`409 capacity_in_use` naming the night when a night would have more rooms of a type held or sold ' +
    'than remain sellable.',
});
export type CreateOutOfOrderRequest = z.input<typeof CreateOutOfOrderRequestSchema>;

export const OutOfOrderPeriodSchema = z
  .object({
    id: IdSchema,
    hotelId: IdSchema,
    roomTypeId: IdSchema,
    roomNumber: z.string(),
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    kind: OutOfOrderKindSchema,
    reason: z.string().optional(),
    createdAt: InstantSchema,
  })
  .meta({ id: 'OutOfOrderPeriod' });
export type OutOfOrderPeriod = z.infer<typeof OutOfOrderPeriodSchema>;

export const OutOfOrderListSchema = z
  .object({ items: z.array(OutOfOrderPeriodSchema) })
  .meta({ id: 'OutOfOrderList' });
export type OutOfOrderList = z.infer<typeof OutOfOrderListSchema>;

/** `GET /api/hotels/{hotelId}/out-of-order?from=&to=`: periods overlapping the dates (all without). */
export const DateRangeQuerySchema = z
  .object({
    from: z.preprocess((v) => (v === '' ? undefined : v), CalendarDateSchema.optional()),
    to: z.preprocess((v) => (v === '' ? undefined : v), CalendarDateSchema.optional()),
  })
  .meta({ id: 'DateRangeQuery' });
export type DateRangeQuery = z.infer<typeof DateRangeQuerySchema>;

export const OutOfOrderParamsSchema = z.object({ hotelId: IdSchema, periodId: IdSchema });

// ---------------------------------------------------------------------------------------------
// Stop-sell (closures)

const closureShape = {
  id: IdSchema,
  from: CalendarDateSchema,
  to: CalendarDateSchema.meta({ description: 'Exclusive: the first date it sells again.' }),
  reason: z.string().optional(),
  createdAt: InstantSchema,
};

/** `POST /api/hotels/{hotelId}/closures` (extension): a room type closed to sale for nights. */
export const CreateRoomTypeClosureRequestSchema = dateRange({
  roomTypeId: IdSchema,
  reason: text(200).optional(),
}).meta({ id: 'CreateRoomTypeClosureRequest' });
export type CreateRoomTypeClosureRequest = z.infer<typeof CreateRoomTypeClosureRequestSchema>;

export const RoomTypeClosureSchema = z
  .object({ ...closureShape, hotelId: IdSchema, roomTypeId: IdSchema })
  .meta({ id: 'RoomTypeClosure' });
export type RoomTypeClosure = z.infer<typeof RoomTypeClosureSchema>;
export const RoomTypeClosureListSchema = z
  .object({ items: z.array(RoomTypeClosureSchema) })
  .meta({ id: 'RoomTypeClosureList' });
export type RoomTypeClosureList = z.infer<typeof RoomTypeClosureListSchema>;
export const HotelClosureParamsSchema = z.object({ hotelId: IdSchema, closureId: IdSchema });

/** `POST /api/car-locations/{code}/closures` (extension): a category closed to pick-ups on days. */
export const CreateCarClosureRequestSchema = dateRange({
  category: CarCategorySchema,
  reason: text(200).optional(),
}).meta({ id: 'CreateCarClosureRequest' });
export type CreateCarClosureRequest = z.infer<typeof CreateCarClosureRequestSchema>;

export const CarClosureSchema = z
  .object({ ...closureShape, locationCode: z.string(), category: z.string() })
  .meta({ id: 'CarClosure' });
export type CarClosure = z.infer<typeof CarClosureSchema>;
export const CarClosureListSchema = z
  .object({ items: z.array(CarClosureSchema) })
  .meta({ id: 'CarClosureList' });
export type CarClosureList = z.infer<typeof CarClosureListSchema>;
export const CarClosureParamsSchema = z.object({ code: CarLocationCodeSchema, closureId: IdSchema });

/**
 * `POST /api/flight-closures` (extension): a fare class of a flight number closed to sale on the flights
 * departing (origin's calendar) `from` ≤ date < `to`.
 */
export const CreateFlightClosureRequestSchema = dateRange({
  flightNumber: z.string().regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/, 'must be a flight number, e.g. BA117'),
  fareClass: FareClassCodeSchema,
  reason: text(200).optional(),
}).meta({ id: 'CreateFlightClosureRequest' });
export type CreateFlightClosureRequest = z.infer<typeof CreateFlightClosureRequestSchema>;

export const FlightClosureSchema = z
  .object({ ...closureShape, flightNumber: z.string(), fareClass: z.string() })
  .meta({ id: 'FlightClosure' });
export type FlightClosure = z.infer<typeof FlightClosureSchema>;
export const FlightClosureListSchema = z
  .object({ items: z.array(FlightClosureSchema) })
  .meta({ id: 'FlightClosureList' });
export type FlightClosureList = z.infer<typeof FlightClosureListSchema>;
export const FlightClosureListQuerySchema = z
  .object({
    flightNumber: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/, 'must be a flight number, e.g. BA117')
        .optional(),
    ),
  })
  .meta({ id: 'FlightClosureListQuery' });
export const FlightClosureParamsSchema = z.object({ closureId: IdSchema });

// ---------------------------------------------------------------------------------------------
// Flights

/**
 * `PATCH /api/flights/{flightId}` (extension). Times change only while no seat is held or sold (else
 * `409 capacity_in_use`): a sold ticket keeps the times it was sold with.
 */
export const UpdateFlightRequestSchema = z
  .object({
    departureAt: InstantSchema.optional(),
    arrivalAt: InstantSchema.optional(),
    retired,
  })
  .refine(hasSome, someField)
  .meta({ id: 'UpdateFlightRequest' });
export type UpdateFlightRequest = z.infer<typeof UpdateFlightRequestSchema>;

/**
 * `PATCH /api/flights/{flightId}/fare-classes/{fareClass}` (extension). A new price is for new sales:
 * items keep the price they were sold at. Seats are added and removed by name; a held or sold seat, or
 * fewer seats than are held and sold, is `409 capacity_in_use`.
 */
export const UpdateFareClassRequestSchema = z
  .object({
    name: text(100).optional(),
    price: PriceSchema.optional(),
    addSeats: uniqueList(SeatSchema, 'seats', 1000).optional(),
    removeSeats: uniqueList(SeatSchema, 'seats', 1000).optional(),
    retired,
  })
  .refine(hasSome, someField)
  .superRefine((r, ctx) => {
    if (!Array.isArray(r.addSeats) || !Array.isArray(r.removeSeats)) return;
    const removed = new Set(r.removeSeats);
    r.addSeats.forEach((s, i) => {
      if (removed.has(s))
        ctx.addIssue({ code: 'custom', path: ['addSeats', i], message: `${s} is also removed` });
    });
  })
  .meta({ id: 'UpdateFareClassRequest' });
export type UpdateFareClassRequest = z.infer<typeof UpdateFareClassRequestSchema>;

export const FareClassParamsSchema = FlightParamsSchema.extend({ fareClass: FareClassCodeSchema });

// ---------------------------------------------------------------------------------------------
// Car locations and cars

/** `PATCH /api/car-locations/{code}` (extension). */
export const UpdateCarLocationRequestSchema = z
  .object({ name: text(200).optional(), city: text(100).optional(), retired })
  .refine(hasSome, someField)
  .meta({ id: 'UpdateCarLocationRequest' });
export type UpdateCarLocationRequest = z.infer<typeof UpdateCarLocationRequestSchema>;

/**
 * `PATCH /api/car-locations/{code}/cars/{carId}` (extension). Retiring a car takes it out of its
 * category's count, refused with `409 capacity_in_use` like removing it; its rate is for new rentals.
 */
export const UpdateCarRequestSchema = z
  .object({
    plate: text(20).optional(),
    model: text(100).optional(),
    dailyRate: PriceSchema.optional(),
    retired,
  })
  .refine(hasSome, someField)
  .meta({ id: 'UpdateCarRequest' });
export type UpdateCarRequest = z.infer<typeof UpdateCarRequestSchema>;
