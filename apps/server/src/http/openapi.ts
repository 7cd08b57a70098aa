import {
  AddItemRequestSchema,
  CancelItemRequestSchema,
  CancellationQuoteSchema,
  CancelTripRequestSchema,
  ChangeItemRequestSchema,
  ItemChangeResultSchema,
  CarAvailabilityQuerySchema,
  CarAvailabilityResultsSchema,
  CarListSchema,
  CarLocationListQuerySchema,
  CarLocationListSchema,
  CarLocationParamsSchema,
  CarLocationSchema,
  CarParamsSchema,
  CarSchema,
  CheckInRequestSchema,
  CreateCarLocationRequestSchema,
  CreateCarRequestSchema,
  CreateFlightRequestSchema,
  CreateHotelRequestSchema,
  CreateRoomTypeRequestSchema,
  CreateTripRequestSchema,
  CreateUserRequestSchema,
  errorStatus,
  FlightAvailabilityQuerySchema,
  FlightAvailabilityResultsSchema,
  FlightDetailSchema,
  FlightParamsSchema,
  FlightSchema,
  HealthResponseSchema,
  HotelAvailabilityQuerySchema,
  HotelAvailabilityResultsSchema,
  HotelDetailSchema,
  HotelItemSchema,
  HotelListQuerySchema,
  HotelListSchema,
  HotelParamsSchema,
  HotelSchema,
  ItemSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  PayTripRequestSchema,
  ProblemSchema,
  ReceiptSchema,
  RoomTypeParamsSchema,
  RoomTypeSchema,
  SeatMapSchema,
  HotelBookingsQuerySchema,
  HotelBookingsSchema,
  StaysQuerySchema,
  StaysSchema,
  TripItemParamsSchema,
  TripListQuerySchema,
  TripListSchema,
  TripParamsSchema,
  TripSchema,
  UpdateRoomTypeRequestSchema,
  UpdateUserRequestSchema,
  UserListSchema,
  UserParamsSchema,
  UserSchema,
} from '@tripdesk/shared';
import type { ErrorCode } from '@tripdesk/shared';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { notificationOperations } from './openapi/notifications.ts';
import { reportOperations } from './openapi/reports.ts';
import { operationsOperations } from './openapi/operations.ts';
import type {
  ZodObjectInput,
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';

/**
 * The OpenAPI 3.1 document served at `GET /api/openapi.json`, generated from the shared zod
 * schemas so that it cannot say something the server does not parse. `openapi.test.ts` checks it
 * against API.md both ways (drift). Each operation lists the problem statuses it can answer; the
 * ones every operation of a kind shares (401 when authenticated, 400 when it takes input, 429,
 * the idempotency conflicts of a POST) are added here rather than repeated per route.
 */

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface OperationSpec {
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** No bearer token needed (API.md: health, the OpenAPI document, login). */
  public?: boolean;
  path?: ZodObjectInput;
  query?: ZodObjectInput;
  body?: z.ZodType;
  /** False when the body may be left out (cancel, check-in). */
  bodyRequired?: boolean;
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    schema?: z.ZodType;
    /** Defaults to application/json. */
    mediaType?: string;
  };
  /** Problem codes specific to this operation; the shared ones are added by `operation()`. */
  errors?: readonly ErrorCode[];
  /** Extra non-problem responses, e.g. health's 503. */
  extraResponses?: ZodOpenApiResponsesObject;
  idempotencyKey?: 'optional' | 'required';
  /** False for the few operations that read no store (the document itself): they never answer 503. */
  usesDatabase?: false;
}

const tags = {
  auth: 'Log in and out.',
  users: 'Staff accounts: admins, agents and front desk.',
  inventory:
    'Hotels, room types, flights, fare classes, car locations and cars. Admins write, everyone reads.',
  availability: 'What is free to sell; may be slightly stale, holds re-check.',
  trips: 'Trips, their items (holds), payment and cancellation.',
  frontdesk: 'Arrivals, in-house guests and departures; check-in and check-out.',
  system: 'Health, the API description, live events.',
  notifications: 'What happened to your trips, in the app and by email (extension).',
  reports: 'Occupancy, sales, conversion, cancellations and payment failures (extension).',
  operations: 'Backups, restore and the consistency checker, for admins (extension).',
} as const;
export type Tag = keyof typeof tags;

const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .meta({
    description:
      'Repeat a POST safely: the same key with the same body replays the first response; with another body ' +
      'it is 422 idempotency_key_reused; while the first is in flight, 409 idempotency_conflict. Kept 24 h.',
    example: '5b0f6a8e-4b8e-4f5e-9a77-2f4c8f1e0c3a',
  });

const RetryAfterSchema = z.string().meta({ description: 'Seconds to wait before trying again.' });

function problemResponses(codes: Iterable<ErrorCode>): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const code of codes) {
    const status = errorStatus[code];
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, set] of [...byStatus].sort(([a], [b]) => a - b)) {
    const list = [...set].map((c) => `\`${c}\``).join(', ');
    responses[String(status)] = {
      description: `Problem details; \`code\` is ${list}.`,
      content: { 'application/problem+json': { schema: ProblemSchema } },
      ...(status === 429 || status === 503 ? { headers: z.object({ 'Retry-After': RetryAfterSchema }) } : {}),
    };
  }
  return responses;
}

function operation(spec: OperationSpec): ZodOpenApiOperationObject {
  const codes = new Set<ErrorCode>(spec.errors);
  if (!spec.public) codes.add('unauthenticated');
  if (spec.path || spec.query || spec.body) codes.add('validation_failed');
  if (spec.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (spec.idempotencyKey) {
    codes.add('idempotency_conflict');
    codes.add('idempotency_key_reused');
    if (spec.idempotencyKey === 'required') codes.add('idempotency_key_missing');
  }
  codes.add('rate_limited');
  // A database that is overloaded or away (http/problem.ts): 503 with Retry-After, on every operation that
  // reads a store, unless the operation describes its own 503 (health).
  if (spec.usesDatabase !== false && !spec.extraResponses?.['503']) codes.add('service_unavailable');

  const { status, description, schema, mediaType = 'application/json' } = spec.success;
  const header = spec.idempotencyKey
    ? z.object({
        'Idempotency-Key':
          spec.idempotencyKey === 'required'
            ? IdempotencyKeySchema
            : IdempotencyKeySchema.optional().meta({ description: IdempotencyKeySchema.description }),
      })
    : undefined;

  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.public ? [] : [{ bearerAuth: [] }],
    requestParams: {
      ...(spec.path ? { path: spec.path } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(header ? { header } : {}),
    },
    ...(spec.body
      ? {
          requestBody: {
            required: spec.bodyRequired ?? true,
            content: { 'application/json': { schema: spec.body } },
          },
        }
      : {}),
    responses: {
      [`${status}`]: { description, ...(schema ? { content: { [mediaType]: { schema } } } : {}) },
      ...spec.extraResponses,
      ...problemResponses(codes),
    },
  };
}

/** Every route of API.md plus the extensions, as path → method → operation. */
/** Each area's operations; the extensions of issue 6 live in their own files under `openapi/`. */
export type OperationRoutes = Record<string, Partial<Record<Method, OperationSpec>>>;

const coreRoutes: OperationRoutes = {
  '/api/auth/login': {
    post: {
      operationId: 'login',
      tag: 'auth',
      summary: 'Log in with email and password',
      public: true,
      description:
        'Outside Idempotency-Key handling: there is no user yet to scope a key to, so a key sent here is ' +
        'ignored and a repeated login opens another session.',
      body: LoginRequestSchema,
      success: { status: 200, description: 'A bearer token and the user.', schema: LoginResponseSchema },
      errors: ['unauthenticated'],
    },
  },
  '/api/auth/logout': {
    post: {
      operationId: 'logout',
      tag: 'auth',
      summary: 'Log out: the token stops working',
      success: { status: 204, description: 'Logged out.' },
      idempotencyKey: 'optional',
    },
  },
  '/api/me': {
    get: {
      operationId: 'getMe',
      tag: 'auth',
      summary: 'The user the token belongs to',
      success: { status: 200, description: 'The current user.', schema: UserSchema },
    },
  },
  '/api/users': {
    post: {
      operationId: 'createUser',
      tag: 'users',
      summary: 'Create a user (admin)',
      description: '`hotelId` is required for `frontdesk`: the hotel whose desk they staff.',
      body: CreateUserRequestSchema,
      success: { status: 201, description: 'The new user.', schema: UserSchema },
      errors: ['forbidden'],
      idempotencyKey: 'optional',
    },
    get: {
      operationId: 'listUsers',
      tag: 'users',
      summary: 'List users (admin)',
      success: { status: 200, description: 'Every user.', schema: UserListSchema },
      errors: ['forbidden'],
    },
  },
  '/api/users/{userId}': {
    patch: {
      operationId: 'updateUser',
      tag: 'users',
      summary: 'Change a user (admin; extension)',
      description: 'Rename, change role or hotel, reset the password, or disable the account.',
      path: UserParamsSchema,
      body: UpdateUserRequestSchema,
      success: { status: 200, description: 'The user as changed.', schema: UserSchema },
      errors: ['forbidden', 'not_found'],
    },
  },
  '/api/hotels': {
    post: {
      operationId: 'createHotel',
      tag: 'inventory',
      summary: 'Create a hotel (admin)',
      body: CreateHotelRequestSchema,
      success: { status: 201, description: 'The new hotel.', schema: HotelSchema },
      errors: ['forbidden'],
      idempotencyKey: 'optional',
    },
    get: {
      operationId: 'listHotels',
      tag: 'inventory',
      summary: 'Hotels by city and name, with the size of their inventory (extension)',
      query: HotelListQuerySchema,
      success: { status: 200, description: 'One page of hotels and the total.', schema: HotelListSchema },
    },
  },
  '/api/hotels/{hotelId}': {
    get: {
      operationId: 'getHotel',
      tag: 'inventory',
      summary: 'A hotel with its room types',
      path: HotelParamsSchema,
      success: { status: 200, description: 'The hotel and its room types.', schema: HotelDetailSchema },
      errors: ['not_found'],
    },
  },
  '/api/hotels/{hotelId}/room-types': {
    post: {
      operationId: 'createRoomType',
      tag: 'inventory',
      summary: 'Add a room type with its rooms (admin)',
      path: HotelParamsSchema,
      body: CreateRoomTypeRequestSchema,
      success: {
        status: 201,
        description: 'The new room type; capacity is its number of rooms.',
        schema: RoomTypeSchema,
      },
      errors: ['forbidden', 'not_found'],
      idempotencyKey: 'optional',
    },
  },
  '/api/hotels/{hotelId}/room-types/{roomTypeId}': {
    patch: {
      operationId: 'updateRoomType',
      tag: 'inventory',
      summary: 'Change a room type, add or remove rooms (admin; extension)',
      description:
        'Rooms are added and removed by number; the capacity follows, on every night from the hotel’s ' +
        'today on. Removing rooms is refused with `capacity_in_use` (naming the first night) when a night ' +
        'has more rooms held or sold than would remain.',
      path: RoomTypeParamsSchema,
      body: UpdateRoomTypeRequestSchema,
      success: { status: 200, description: 'The room type as changed.', schema: RoomTypeSchema },
      errors: ['forbidden', 'not_found', 'capacity_in_use'],
    },
  },
  '/api/flights': {
    post: {
      operationId: 'createFlight',
      tag: 'inventory',
      summary: 'Create a flight with its fare classes and seats (admin)',
      body: CreateFlightRequestSchema,
      success: { status: 201, description: 'The new flight.', schema: FlightSchema },
      errors: ['forbidden'],
      idempotencyKey: 'optional',
    },
  },
  '/api/flights/{flightId}': {
    get: {
      operationId: 'getFlight',
      tag: 'inventory',
      summary: 'A flight with its fare classes and their counters (extension)',
      path: FlightParamsSchema,
      success: { status: 200, description: 'The flight.', schema: FlightDetailSchema },
      errors: ['not_found'],
    },
  },
  '/api/flights/{flightId}/seats': {
    get: {
      operationId: 'getSeatMap',
      tag: 'inventory',
      summary: 'Every seat of a flight with its fare class and status',
      path: FlightParamsSchema,
      success: { status: 200, description: 'The seat map.', schema: SeatMapSchema },
      errors: ['not_found'],
    },
  },
  '/api/car-locations': {
    post: {
      operationId: 'createCarLocation',
      tag: 'inventory',
      summary: 'Create a car rental location (admin)',
      body: CreateCarLocationRequestSchema,
      success: { status: 201, description: 'The new location.', schema: CarLocationSchema },
      errors: ['forbidden'],
      idempotencyKey: 'optional',
    },
    get: {
      operationId: 'listCarLocations',
      tag: 'inventory',
      summary: 'Car locations with their fleets per category (extension)',
      query: CarLocationListQuerySchema,
      success: { status: 200, description: 'Every location, by code.', schema: CarLocationListSchema },
    },
  },
  '/api/car-locations/{code}/cars': {
    post: {
      operationId: 'createCar',
      tag: 'inventory',
      summary: 'Add a car to a location (admin)',
      description: 'The capacity of a (location, category) is its number of cars.',
      path: CarLocationParamsSchema,
      body: CreateCarRequestSchema,
      success: { status: 201, description: 'The new car.', schema: CarSchema },
      errors: ['forbidden', 'not_found'],
      idempotencyKey: 'optional',
    },
    get: {
      operationId: 'listCars',
      tag: 'inventory',
      summary: 'The cars of a location (extension)',
      path: CarLocationParamsSchema,
      success: { status: 200, description: 'Its cars, by category then plate.', schema: CarListSchema },
      errors: ['not_found'],
    },
  },
  '/api/car-locations/{code}/cars/{carId}': {
    delete: {
      operationId: 'removeCar',
      tag: 'inventory',
      summary: 'Take a car out of the fleet (admin; extension)',
      description:
        'Refused with `capacity_in_use` (naming the first day) when a rental day has more cars of its ' +
        'category held or booked than would remain.',
      path: CarParamsSchema,
      success: { status: 204, description: 'Removed.' },
      errors: ['forbidden', 'not_found', 'capacity_in_use'],
    },
  },
  '/api/availability/hotels': {
    get: {
      operationId: 'searchHotelAvailability',
      tag: 'availability',
      summary: 'Room types with enough free rooms over every night asked',
      query: HotelAvailabilityQuerySchema,
      success: { status: 200, description: 'Matching room types.', schema: HotelAvailabilityResultsSchema },
    },
  },
  '/api/availability/flights': {
    get: {
      operationId: 'searchFlightAvailability',
      tag: 'availability',
      summary: 'Fare classes with enough free seats on a day’s flights',
      query: FlightAvailabilityQuerySchema,
      success: {
        status: 200,
        description: 'Matching fare classes.',
        schema: FlightAvailabilityResultsSchema,
      },
    },
  },
  '/api/availability/cars': {
    get: {
      operationId: 'searchCarAvailability',
      tag: 'availability',
      summary: 'Car categories free at a location over every rental day',
      query: CarAvailabilityQuerySchema,
      success: { status: 200, description: 'Matching categories.', schema: CarAvailabilityResultsSchema },
    },
  },
  '/api/trips': {
    post: {
      operationId: 'createTrip',
      tag: 'trips',
      summary: 'Open a trip for a customer',
      body: CreateTripRequestSchema,
      success: { status: 201, description: 'The new trip, `open`.', schema: TripSchema },
      idempotencyKey: 'optional',
    },
    get: {
      operationId: 'listTrips',
      tag: 'trips',
      summary: 'The trips the caller may see',
      query: TripListQuerySchema,
      success: { status: 200, description: 'Matching trips.', schema: TripListSchema },
    },
  },
  '/api/trips/{tripId}': {
    get: {
      operationId: 'getTrip',
      tag: 'trips',
      summary: 'A trip with its items, payment and history',
      path: TripParamsSchema,
      success: { status: 200, description: 'The trip.', schema: TripSchema },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/items': {
    post: {
      operationId: 'addTripItem',
      tag: 'trips',
      summary: 'Add a hotel, flight or car item: places a hold',
      description:
        'The hold lasts HOLD_TTL_SECONDS unless the trip is paid first. When the units are not there ' +
        '(`sold_out`, `seat_taken`) nothing is held.',
      path: TripParamsSchema,
      body: AddItemRequestSchema,
      success: { status: 201, description: 'The item, `held`, with `holdExpiresAt`.', schema: ItemSchema },
      errors: ['forbidden', 'not_found', 'sold_out', 'seat_taken', 'invalid_transition'],
      idempotencyKey: 'optional',
    },
  },
  '/api/trips/{tripId}/items/{itemId}': {
    delete: {
      operationId: 'removeTripItem',
      tag: 'trips',
      summary: 'Remove a held item: the hold is released at once',
      path: TripItemParamsSchema,
      success: { status: 204, description: 'Released.' },
      errors: ['forbidden', 'not_found', 'invalid_transition'],
    },
  },
  '/api/trips/{tripId}/pay': {
    post: {
      operationId: 'payTrip',
      tag: 'trips',
      summary: 'Pay every held item of the trip at once',
      description:
        'With the `local` gateway `paymentMethodId` is one of Stripe’s test payment method names ' +
        '(`pm_card_visa`, `pm_card_mastercard` succeed; `pm_card_visa_chargeDeclined`, ' +
        '`pm_card_visa_chargeDeclinedInsufficientFunds`, `pm_card_chargeDeclinedExpiredCard` decline); ' +
        'any other value is `validation_failed`. After a decline the holds stay until they expire and the ' +
        'trip can be paid again with a new key. A second pay of the same trip with another key while one is ' +
        'in flight, or once it is paid, is `409 invalid_transition`; the same key again (after a lost ' +
        'answer, a crash or a 503) resumes that payment and never charges twice.',
      path: TripParamsSchema,
      body: PayTripRequestSchema,
      success: { status: 200, description: 'The trip, `confirmed`, with `payment`.', schema: TripSchema },
      errors: ['forbidden', 'not_found', 'payment_declined', 'invalid_transition', 'hold_expired'],
      idempotencyKey: 'required',
    },
  },
  '/api/trips/{tripId}/receipt': {
    get: {
      operationId: 'getTripReceipt',
      tag: 'trips',
      summary: 'The receipt (invoice) of a paid trip (extension)',
      description:
        'Invoice number (gap-free per calendar year), invoice date, who was billed and who paid (card brand ' +
        'and last four digits), the items paid for with their prices and extras, the total and every refund ' +
        'since. Scope as for the trip; `404` also while the trip is not paid.',
      path: TripParamsSchema,
      success: { status: 200, description: 'The receipt.', schema: ReceiptSchema },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/receipt.html': {
    get: {
      operationId: 'getTripReceiptDocument',
      tag: 'trips',
      summary: 'The receipt as a printable HTML invoice (extension)',
      description:
        'The same receipt as one self-contained HTML page (inline CSS, no scripts, no outside assets), laid ' +
        'out for A4 printing: the desktop prints it or saves it as PDF.',
      path: TripParamsSchema,
      success: {
        status: 200,
        description: 'The invoice page.',
        mediaType: 'text/html',
        schema: z.string().meta({ description: 'An HTML document.' }),
      },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/cancel': {
    post: {
      operationId: 'cancelTrip',
      tag: 'trips',
      summary: 'Cancel a trip: every unit goes back, refund by the cancellation policy',
      description:
        'Held items’ holds are released; paid items’ bookings are cancelled and each is refunded by the ' +
        'cancellation policy written on it at sale, read at the moment of the request (`GET .../cancel-quote` ' +
        'shows the same amount beforehand). `refund.status` is `pending` while the gateway has not confirmed ' +
        'the refund (it is asked again until it does). `409 invalid_transition` when the trip is completed, ' +
        'expired or cancelled, when a stay is checked in or out, or while a payment or a change of the trip ' +
        'is being processed. A front desk cancels a trip of its own hotel’s stays only (403 otherwise).',
      path: TripParamsSchema,
      body: CancelTripRequestSchema,
      bodyRequired: false,
      success: {
        status: 200,
        description: 'The trip, `cancelled`, with `refund` when paid.',
        schema: TripSchema,
      },
      errors: ['forbidden', 'not_found', 'invalid_transition'],
      idempotencyKey: 'optional',
    },
  },
  '/api/trips/{tripId}/cancel-quote': {
    get: {
      operationId: 'quoteTripCancellation',
      tag: 'trips',
      summary: 'What cancelling the trip would refund now, item by item (extension)',
      description:
        'The cancellation policies read now, as a cancel right after would apply them; `cancellable` false ' +
        'with a `reason` per item when the trip or an item cannot be cancelled.',
      path: TripParamsSchema,
      success: { status: 200, description: 'The quote.', schema: CancellationQuoteSchema },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/items/{itemId}/cancel': {
    post: {
      operationId: 'cancelTripItem',
      tag: 'trips',
      summary: 'Cancel one paid item: its units go back, refund by its policy (extension)',
      description:
        'The trip stays `confirmed` while other items remain, and becomes `cancelled` with its last one. A ' +
        'held item is removed (DELETE), not cancelled; a stay checked in or out is not cancelled: both ' +
        '`409 invalid_transition`. A front desk cancels its own hotel’s stays only (404 for others).',
      path: TripItemParamsSchema,
      body: CancelItemRequestSchema,
      bodyRequired: false,
      success: {
        status: 200,
        description: 'The trip, with `refund` (all its cancellations so far).',
        schema: TripSchema,
      },
      errors: ['forbidden', 'not_found', 'invalid_transition'],
      idempotencyKey: 'optional',
    },
  },
  '/api/trips/{tripId}/items/{itemId}/cancel-quote': {
    get: {
      operationId: 'quoteItemCancellation',
      tag: 'trips',
      summary: 'What cancelling one item would refund now (extension)',
      path: TripItemParamsSchema,
      success: { status: 200, description: 'The quote of that item.', schema: CancellationQuoteSchema },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/items/{itemId}/change': {
    post: {
      operationId: 'changeTripItem',
      tag: 'trips',
      summary:
        'Change a paid item: new stay dates or room type, other seats or fare class, another car (extension)',
      description:
        'The new units are held first: `409 sold_out` / `seat_taken` and the item is left exactly as it was. ' +
        'A dearer change charges the difference to `paymentMethodId` (`402 payment_declined` and nothing ' +
        'changes when declined); a cheaper one refunds it. Only then does the item take the new units, price ' +
        'and cancellation terms and give the old units back. Needs an Idempotency-Key, as paying does. ' +
        'Extras and special requests stay with the item (re-priced for the new dates).',
      path: TripItemParamsSchema,
      body: ChangeItemRequestSchema,
      success: {
        status: 200,
        description: 'The changed item, its trip and the money moved.',
        schema: ItemChangeResultSchema,
      },
      errors: [
        'forbidden',
        'not_found',
        'sold_out',
        'seat_taken',
        'invalid_transition',
        'payment_declined',
        'hold_expired',
        'service_unavailable',
      ],
      idempotencyKey: 'required',
    },
  },
  '/api/hotels/{hotelId}/stays': {
    get: {
      operationId: 'listStays',
      tag: 'frontdesk',
      summary: 'Arrivals, in-house guests and departures of a hotel for a date',
      path: HotelParamsSchema,
      query: StaysQuerySchema,
      success: { status: 200, description: 'The desk’s three lists.', schema: StaysSchema },
      // A front desk asking for another hotel's lists gets 404, as if it did not exist.
      errors: ['not_found'],
    },
  },
  '/api/hotels/{hotelId}/bookings': {
    get: {
      operationId: 'listHotelBookings',
      tag: 'frontdesk',
      summary: 'A hotel’s stays over a range of dates, for the room chart (extension)',
      description:
        'Confirmed, checked-in and checked-out stays with a night in [`from`, `to`): `checkIn` before `to` and ' +
        '`checkOut` after `from`. `to` is exclusive, after `from` and at most 62 days on (`400` otherwise). A ' +
        'front desk asking for another hotel’s stays gets `404`, as if it did not exist.',
      path: HotelParamsSchema,
      query: HotelBookingsQuerySchema,
      success: { status: 200, description: 'The stays of the range.', schema: HotelBookingsSchema },
      errors: ['not_found'],
    },
  },
  '/api/trips/{tripId}/items/{itemId}/check-in': {
    post: {
      operationId: 'checkInItem',
      tag: 'frontdesk',
      summary: 'Check a confirmed stay in, assigning a room',
      description:
        'From the check-in date on (hotel time; early in the day is fine) until the stay ends. The room asked ' +
        'for must be of the item’s room type (`400`) and free every remaining night (`409 invalid_transition` ' +
        'naming the room and night otherwise); without one the first free room in door order is given. A stay ' +
        'of several rooms gets that many (`roomNumbers`). `409 sold_out` when no room of the type is free. ' +
        'Front desk and admins only (`403` for agents); a desk acts on its own hotel’s stays (`404` otherwise).',
      path: TripItemParamsSchema,
      body: CheckInRequestSchema,
      bodyRequired: false,
      success: {
        status: 200,
        description: 'The item, `checked_in`, with `roomNumber` (and `roomNumbers`).',
        schema: HotelItemSchema,
      },
      errors: ['forbidden', 'not_found', 'invalid_transition', 'sold_out'],
      idempotencyKey: 'optional',
    },
  },
  '/api/trips/{tripId}/items/{itemId}/check-out': {
    post: {
      operationId: 'checkOutItem',
      tag: 'frontdesk',
      summary: 'Check a stay out',
      description:
        'The rooms are free again from today’s night on (an early departure gives back the nights not ' +
        'slept). When nothing of the trip is left to use, the trip becomes `completed`.',
      path: TripItemParamsSchema,
      success: { status: 200, description: 'The item, `checked_out`.', schema: HotelItemSchema },
      errors: ['forbidden', 'not_found', 'invalid_transition'],
      idempotencyKey: 'optional',
    },
  },
  '/api/health': {
    get: {
      operationId: 'getHealth',
      tag: 'system',
      summary: 'Whether the server and each of its five stores work',
      public: true,
      success: { status: 200, description: 'Every store is `ok`.', schema: HealthResponseSchema },
      extraResponses: {
        '503': {
          description: 'A store is down; its entry holds the error.',
          content: { 'application/json': { schema: HealthResponseSchema } },
        },
      },
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tag: 'system',
      summary: 'This document',
      public: true,
      usesDatabase: false,
      success: {
        status: 200,
        description: 'The OpenAPI 3.1 description of the API.',
        schema: z.looseObject({ openapi: z.string() }),
      },
    },
  },
  '/api/events': {
    get: {
      operationId: 'streamEvents',
      tag: 'system',
      summary: 'Live changes, as server-sent events (extension)',
      description:
        'A `text/event-stream` that stays open. It starts with `retry: 3000` and an `: ok` comment, and ' +
        'sends a `: heartbeat` comment every 15 s so proxies keep it open. Each message has `id:` ' +
        '(increasing within one server process; no history is kept, so after a reconnect refetch what is ' +
        'on screen), `event:` (`trip.changed` or `availability.changed`) and `data:`, the event as JSON: ' +
        'ids, status and dates, never customer data (for example `{ "type": "trip.changed", "tripId": ' +
        '"…", "status": "held", "hotelIds": ["…"], "at": "…" }`), so the client refetches what it shows. ' +
        'Only changes the caller may see are sent: `trip.changed` to admins and agents, and to a front ' +
        'desk when the trip has a stay at its hotel; `availability.changed` to everyone. The stream ends ' +
        'when the session does (logout, disabled account) and when the server stops; EventSource then ' +
        'reconnects.',
      query: z.object({
        access_token: z
          .string()
          .optional()
          .meta({
            description:
              'The bearer token, for clients that cannot send an Authorization header (a browser ' +
              '`EventSource`). Used only when the header is absent; request logs redact it.',
          }),
      }),
      errors: ['service_unavailable'],
      success: {
        status: 200,
        description: 'The event stream.',
        mediaType: 'text/event-stream',
        schema: z.string().meta({ description: 'Server-sent events (HTML Living Standard, §9.2).' }),
      },
    },
  },
  '/api/webhooks/stripe': {
    post: {
      operationId: 'receiveStripeWebhook',
      tag: 'system',
      summary: 'Stripe’s payment events, signed (extension; called by Stripe)',
      description:
        'Called by Stripe, not by clients. Authenticated by the `Stripe-Signature` header, an HMAC of the raw ' +
        'body with STRIPE_WEBHOOK_SECRET, instead of a bearer token. `payment_intent.succeeded`, ' +
        '`payment_intent.payment_failed`, `payment_intent.canceled`, `payment_intent.amount_capturable_updated` ' +
        'and `charge.refunded` are reconciled, each event once however often it is delivered; other types are ' +
        'acknowledged and ignored. A missing, wrong or stale signature is `400 validation_failed`; `404` when ' +
        'PAYMENT_GATEWAY is not `stripe`; `409 idempotency_conflict` while the same event is being handled.',
      public: true,
      body: z
        .looseObject({ id: z.string(), object: z.literal('event'), type: z.string() })
        .meta({ id: 'StripeEvent', description: 'A Stripe event object, as Stripe sends it.' }),
      success: {
        status: 200,
        description: 'Received; `handled` is false for event types that are ignored.',
        schema: z.object({
          received: z.literal(true),
          handled: z.boolean(),
          duplicate: z.boolean().optional(),
        }),
      },
      errors: ['not_found', 'idempotency_conflict'],
    },
  },
};

const routes: OperationRoutes = {
  ...coreRoutes,
  ...notificationOperations,
  ...reportOperations,
  ...operationsOperations,
};

export type OpenApiDocument = ReturnType<typeof createDocument>;

/**
 * Builds the document. Pure and somewhat costly (every schema is converted), so the route builds it
 * once at start-up and serves the same object.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const [path, methods] of Object.entries(routes)) {
    paths[path] = Object.fromEntries(
      Object.entries(methods).map(([method, spec]) => [method, operation(spec)]),
    );
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tripdesk API',
      version: '1.0.0',
      description:
        'Booking desk for travel agents and hotel front desks: trips of hotel, flight and car holds paid at ' +
        'once. Money is integer minor units with an ISO 4217 currency; stay and rental dates are calendar ' +
        'dates with an exclusive end; errors are RFC 9457 problem details.',
    },
    tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from `POST /api/auth/login`.',
        },
      },
    },
    paths,
  });
}
