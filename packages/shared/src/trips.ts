import { TaxLineSchema } from './taxes.ts';
import { z } from 'zod';
import { rentalRange, stayRange } from './availability.ts';
import { CancellationPolicySchema } from './cancellation-policy.ts';
import { CalendarDateSchema, InstantSchema, type CalendarDate } from './dates.ts';
import {
  AirportSchema,
  CarCategorySchema,
  CarLocationCodeSchema,
  FareClassCodeSchema,
  SeatSchema,
} from './inventory.ts';
import { MoneySchema } from './money.ts';
import { ItemStatusSchema, ItemTypeSchema, TripStatusSchema, type TripStatus } from './state-machines.ts';
import { IdSchema } from './users.ts';

/**
 * Trips: the unit of sale and of payment. A trip gathers the hotel, flight and car items an agent
 * or the desk sells to one customer; adding an item places a hold, paying confirms every hold at
 * once, cancelling gives every unit back and refunds by the cancellation policy.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Free text the customer asked for ("late arrival", "vegetarian meal"); passed on, never interpreted. */
const SpecialRequests = z.string().trim().max(1000);

// ---------------------------------------------------------------------------------------------
// Customer and trip creation

export const CustomerSchema = z
  .object({
    name: text(200),
    email: z.email().max(254).toLowerCase(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()./-]{2,38}$/, 'must be a phone number: digits, spaces, + ( ) . / -')
      .optional(),
  })
  .meta({ id: 'Customer', description: 'The person the trip is sold to (and the invoice is made out to).' });
export type Customer = z.infer<typeof CustomerSchema>;

// ---------------------------------------------------------------------------------------------
// Travellers (extension): entered once per trip; items pick passengers, guests and the driver from them

export const TravellerKindSchema = z.enum(['adult', 'child', 'infant']).meta({ id: 'TravellerKind' });
export type TravellerKind = z.infer<typeof TravellerKindSchema>;

/** Ages by kind, as airlines count them: an infant is under 2, a child 2 to 11, an adult 12 or more. */
export const TRAVELLER_AGES = {
  infant: { min: 0, max: 1 },
  child: { min: 2, max: 11 },
  adult: { min: 12, max: 120 },
} as const satisfies Record<TravellerKind, { min: number; max: number }>;

export const TravelDocumentSchema = z
  .object({
    type: z.enum(['passport', 'id_card']),
    number: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9<-]{3,20}$/, 'must be a document number: 3 to 20 letters and digits')
      .toUpperCase(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 country code, e.g. GB')
      .toUpperCase(),
    expiry: CalendarDateSchema,
  })
  .meta({
    id: 'TravelDocument',
    description:
      'For flights: never written to logs nor notifications. The number and the country are kept upper case.',
  });
export type TravelDocument = z.infer<typeof TravelDocumentSchema>;

/** The earliest date of birth taken: anything before is a typing slip (1890 for 1990). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Full years from `dateOfBirth` to `on` (a 29 February birthday comes on 1 March in other years). */
export function ageOn(dateOfBirth: CalendarDate, on: CalendarDate): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * What is wrong with a traveller's date of birth, read on `today`, or undefined: not after today, and
 * agreeing with the kind and the age given. Airlines count the age on the day of travel, up to a year
 * ahead, so the age may be the one on `today` or the one a birthday later.
 */
export function dateOfBirthProblem(
  t: { readonly kind: TravellerKind; readonly age?: number | undefined; readonly dateOfBirth: CalendarDate },
  today: CalendarDate,
): string | undefined {
  if (t.dateOfBirth > today) return 'must not be in the future';
  const now = ageOn(t.dateOfBirth, today);
  if (t.age !== undefined && t.age !== now && t.age !== now + 1) {
    return `says ${now} years old, not ${t.age}`;
  }
  const range = TRAVELLER_AGES[t.kind];
  if (now > range.max || now + 1 < range.min) {
    return `says ${now} years old: a${t.kind === 'adult' || t.kind === 'infant' ? 'n' : ''} ${t.kind} is ${range.min} to ${range.max}`;
  }
  return undefined;
}

const travellerFields = {
  name: text(200),
  kind: TravellerKindSchema,
  age: z.int().min(0).max(120).optional().meta({ description: 'Required for a child or an infant.' }),
  dateOfBirth: CalendarDateSchema.optional().meta({
    description:
      'Not in the future, not before 1900, and agreeing with the kind and the age (the age today or a ' +
      'birthday later, as on the day of travel).',
  }),
  document: TravelDocumentSchema.optional(),
  lead: z.boolean().optional().meta({
    description: 'The lead traveller, who may carry a contact; the first traveller when none is marked.',
  }),
  email: z.email().max(254).toLowerCase().optional().meta({ description: 'The lead traveller’s only.' }),
  phone: CustomerSchema.shape.phone.meta({ description: 'The lead traveller’s only.' }),
};

export const TravellerRequestSchema = z
  .object({
    id: IdSchema.optional().meta({
      description: 'To keep a traveller already on the trip (items refer to it); omit for a new one.',
    }),
    ...travellerFields,
    // Checked on the way in only: what is stored reads back as it was.
    dateOfBirth: travellerFields.dateOfBirth.refine(
      (d) => d === undefined || d >= EARLIEST_BIRTH_DATE,
      `must be ${EARLIEST_BIRTH_DATE} or later`,
    ),
  })
  .meta({ id: 'TravellerRequest' });
export type TravellerRequest = z.infer<typeof TravellerRequestSchema>;

/** Kind and age agree, one lead at most and only the lead has a contact, ids once each. */
function checkTravellers(list: readonly TravellerRequest[], ctx: z.RefinementCtx): void {
  if (!Array.isArray(list)) return;
  const ids = new Set<string>();
  let leads = 0;
  list.forEach((t, i) => {
    if (typeof t !== 'object' || t === null) return;
    const range = TRAVELLER_AGES[t.kind as TravellerKind] as { min: number; max: number } | undefined;
    if (range && t.age === undefined && t.kind !== 'adult') {
      ctx.addIssue({ code: 'custom', path: [i, 'age'], message: `a ${t.kind}'s age is required` });
    }
    if (range && t.age !== undefined && (t.age < range.min || t.age > range.max)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'age'],
        message: `a ${t.kind} is ${range.min} to ${range.max} years old`,
      });
    }
    if (t.lead) leads += 1;
    const isLead = t.lead === true || (i === 0 && !list.some((o) => o?.lead));
    if (!isLead && (t.email !== undefined || t.phone !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [i], message: 'only the lead traveller has a contact' });
    }
    if (isLead && t.kind !== 'adult') {
      ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: 'the lead traveller is an adult' });
    }
    if (t.id !== undefined) {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${t.id} given twice` });
      ids.add(t.id);
    }
  });
  if (leads > 1) ctx.addIssue({ code: 'custom', path: [], message: 'at most one lead traveller' });
}

const TravellerRequests = z
  .array(TravellerRequestSchema)
  .max(20)
  .superRefine(checkTravellers)
  .meta({ description: 'Extension: the trip’s travellers, the lead first (or marked `lead`).' });

/** A traveller of a trip, as returned. */
export const TravellerSchema = z
  .object({ id: IdSchema, ...travellerFields, lead: z.boolean() })
  .meta({ id: 'Traveller' });
export type Traveller = z.infer<typeof TravellerSchema>;

/** `PUT /api/trips/{tripId}/travellers`: the whole list, replacing the one before. */
export const SetTravellersRequestSchema = z
  .object({ travellers: TravellerRequests })
  .meta({ id: 'SetTravellersRequest' });
export type SetTravellersRequest = z.infer<typeof SetTravellersRequestSchema>;

/** `POST /api/trips` */
export const CreateTripRequestSchema = z
  .object({ customer: CustomerSchema, travellers: TravellerRequests.optional() })
  .meta({ id: 'CreateTripRequest' });
export type CreateTripRequest = z.infer<typeof CreateTripRequestSchema>;

/** Path of `/api/trips/{tripId}/...`. */
export const TripParamsSchema = z.object({ tripId: IdSchema });
export type TripParams = z.infer<typeof TripParamsSchema>;

/** Query of `GET /api/trips/{tripId}/receipt` and `.html`: which payment's receipt (default: the sale's). */
export const ReceiptQuerySchema = z.object({
  invoice: z
    .preprocess(
      (v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toUpperCase() : v),
      z
        .string()
        .regex(/^INV-\d{4}-\d{1,12}$/, 'an invoice number such as INV-2026-000123')
        .optional(),
    )
    .meta({
      description:
        'The invoice number of one of the trip’s payments (`payments[].invoiceNumber`): the receipt of the ' +
        'items added to the paid trip and paid later. Default: the sale’s receipt.',
    }),
});
export type ReceiptQuery = z.infer<typeof ReceiptQuerySchema>;

/** Path of `/api/trips/{tripId}/items/{itemId}/...`. */
export const TripItemParamsSchema = z.object({ tripId: IdSchema, itemId: IdSchema });
export type TripItemParams = z.infer<typeof TripItemParamsSchema>;

// ---------------------------------------------------------------------------------------------
// Extras and cancellation policies (extensions: optional everywhere)

/**
 * An extra asked for with an item (breakfast, child seat, extra bag). The request names the
 * extra by code only: its price comes from the seller's catalogue, never from the client.
 */
export const ExtraRequestSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be a lowercase code'),
    quantity: z.int().min(1).max(99),
  })
  .meta({ id: 'ExtraRequest' });
export type ExtraRequest = z.infer<typeof ExtraRequestSchema>;

const ExtraRequests = z
  .array(ExtraRequestSchema)
  .max(20)
  .refine((list) => new Set(list.map((e) => e?.code)).size === list.length, 'each extra at most once')
  .meta({ description: 'Extension: extras by catalogue code.' });

/** An extra as sold on an item: priced, so the item's price can be explained line by line. */
export const ExtraSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    price: MoneySchema.meta({ description: 'Price of one unit.' }),
    quantity: z.int().positive(),
  })
  .meta({ id: 'Extra' });
export type Extra = z.infer<typeof ExtraSchema>;

export {
  CancellationPolicySchema,
  feeAtPercent,
  policyAtPrice,
  termsAsSold,
  type CancellationPolicy,
} from './cancellation-policy.ts';

// ---------------------------------------------------------------------------------------------
// Add an item (place a hold)

export const PassengerRequestSchema = z
  .object({
    name: text(200).optional().meta({ description: 'Required unless `travellerId` names the passenger.' }),
    travellerId: IdSchema.optional().meta({
      description: 'Extension: one of the trip’s travellers; the name is taken from it.',
    }),
    seat: SeatSchema.optional().meta({ description: 'Omit to let the seat be assigned.' }),
  })
  .refine((p) => p?.name !== undefined || p?.travellerId !== undefined, {
    message: 'a name or a travellerId',
    path: ['name'],
  })
  .meta({ id: 'PassengerRequest' });
export type PassengerRequest = z.infer<typeof PassengerRequestSchema>;

/**
 * The most items one trip holds, whatever their status (released and expired ones count): with the
 * bounded prices and quantities (MAX_PRICE_MINOR) a trip's total stays an exact integer.
 */
export const MAX_ITEMS_PER_TRIP = 50;

const addItemExtensions = {
  specialRequests: SpecialRequests.optional(),
  extras: ExtraRequests.optional(),
};

export const AddHotelItemRequestSchema = z
  .object({
    type: z.literal('hotel'),
    roomTypeId: IdSchema,
    checkIn: CalendarDateSchema,
    checkOut: CalendarDateSchema.meta({ description: 'Exclusive: the day the guest leaves.' }),
    rooms: z.int().min(1).max(20).default(1),
    guests: z
      .int()
      .min(1)
      .max(20)
      .optional()
      .meta({
        description:
          'Guests per room, at most the room type’s maxOccupancy. Extension: optional when the trip has ' +
          'travellers: its adults and children shared over the rooms.',
      }),
    ...addItemExtensions,
  })
  .superRefine(stayRange)
  .meta({ id: 'AddHotelItemRequest' });
export type AddHotelItemRequest = z.infer<typeof AddHotelItemRequestSchema>;

export const AddFlightItemRequestSchema = z
  .object({
    type: z.literal('flight'),
    flightId: IdSchema,
    fareClass: FareClassCodeSchema,
    passengers: z.array(PassengerRequestSchema).min(1).max(9),
    ...addItemExtensions,
  })
  .superRefine((item, ctx) => {
    if (!Array.isArray(item.passengers)) return;
    const seen = new Set<string>();
    item.passengers.forEach((p, i) => {
      if (typeof p !== 'object' || p === null || p.seat === undefined) return;
      if (seen.has(p.seat)) {
        ctx.addIssue({
          code: 'custom',
          path: ['passengers', i, 'seat'],
          message: `seat ${p.seat} asked twice`,
        });
      }
      seen.add(p.seat);
    });
  })
  .meta({ id: 'AddFlightItemRequest' });
export type AddFlightItemRequest = z.infer<typeof AddFlightItemRequestSchema>;

export const AddCarItemRequestSchema = z
  .object({
    type: z.literal('car'),
    locationCode: CarLocationCodeSchema,
    category: CarCategorySchema,
    pickUp: CalendarDateSchema,
    dropOff: CalendarDateSchema.meta({ description: 'Exclusive: the return day is not charged.' }),
    driverTravellerId: IdSchema.optional().meta({
      description: 'Extension: the driver, one of the trip’s adult travellers.',
    }),
    ...addItemExtensions,
  })
  .superRefine(rentalRange)
  .meta({ id: 'AddCarItemRequest' });
export type AddCarItemRequest = z.infer<typeof AddCarItemRequestSchema>;

/** `POST /api/trips/{tripId}/items`: one of the three kinds, told apart by `type`. */
export const AddItemRequestSchema = z
  .discriminatedUnion('type', [
    AddHotelItemRequestSchema,
    AddFlightItemRequestSchema,
    AddCarItemRequestSchema,
  ])
  .meta({ id: 'AddItemRequest' });
export type AddItemRequest = z.infer<typeof AddItemRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Items

const itemShape = {
  id: IdSchema,
  status: ItemStatusSchema,
  price: MoneySchema.meta({ description: 'What this item costs, extras included.' }),
  holdExpiresAt: InstantSchema.optional().meta({ description: 'While held: when the hold runs out.' }),
  heldAgainAs: IdSchema.optional().meta({
    description: 'An expired item held again (extension): the id of the new item that replaces it.',
  }),
  createdAt: InstantSchema.optional(),
  specialRequests: z.string().optional(),
  extras: z.array(ExtraSchema).optional(),
  taxes: z.array(TaxLineSchema).optional().meta({
    description:
      'Extension: the taxes and fees as sold: `included` ones are part of the price, the others were added to it.',
  }),
  cancellationPolicy: CancellationPolicySchema.optional(),
};

/** How a stay was walked (extension): where to, why, and whether its price came back. */
export const StayWalkSchema = z
  .object({
    hotel: z.string().meta({ description: 'The hotel the guest was moved to, as the desk wrote it.' }),
    note: z.string().optional(),
    refund: z.enum(['full', 'none']),
    at: InstantSchema,
    actor: z.string(),
  })
  .meta({ id: 'StayWalk' });
export type StayWalk = z.infer<typeof StayWalkSchema>;

export const HotelItemSchema = z
  .object({
    ...itemShape,
    type: z.literal('hotel'),
    hotelId: IdSchema,
    hotelName: z.string().optional(),
    hotelCity: z.string().optional().meta({ description: 'Extension: the hotel’s city.' }),
    roomTypeId: IdSchema,
    roomTypeName: z.string().optional(),
    checkIn: CalendarDateSchema,
    checkOut: CalendarDateSchema,
    rooms: z.int().positive(),
    guests: z.int().positive(),
    roomNumber: z.string().optional().meta({ description: 'Once checked in: the room assigned.' }),
    roomNumbers: z.array(z.string()).optional().meta({
      description:
        'Extension: once checked in, every room assigned (`rooms` of them); the first is `roomNumber`.',
    }),
    checkedInAt: InstantSchema.optional(),
    checkedOutAt: InstantSchema.optional(),
    walked: StayWalkSchema.optional().meta({
      description:
        'Extension: the hotel could not give the stay a room and moved the guest to another hotel; the ' +
        'item is `cancelled` and its nights left the hotel’s count.',
    }),
  })
  .meta({ id: 'HotelItem', description: 'A stay: rooms of one room type for a run of nights.' });
export type HotelItem = z.infer<typeof HotelItemSchema>;

export const PassengerSchema = z
  .object({
    name: z.string(),
    seat: z.string().optional(),
    travellerId: IdSchema.optional().meta({ description: 'Extension: the trip’s traveller.' }),
  })
  .meta({ id: 'Passenger' });
export type Passenger = z.infer<typeof PassengerSchema>;

export const FlightItemSchema = z
  .object({
    ...itemShape,
    type: z.literal('flight'),
    flightId: IdSchema,
    flightNumber: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    departureAt: InstantSchema.optional().meta({
      description: 'With the origin airport’s own offset when `origin` is given, else UTC.',
    }),
    arrivalAt: InstantSchema.optional().meta({
      description: 'With the destination airport’s own offset when `destination` is given, else UTC.',
    }),
    origin: AirportSchema.optional().meta({ description: 'Extension: the airport `from` names, as sold.' }),
    destination: AirportSchema.optional().meta({
      description: 'Extension: the airport `to` names, as sold.',
    }),
    fareClass: z.string(),
    passengers: z.array(PassengerSchema),
    seats: z.array(z.string()).meta({ description: 'Every seat this item holds or has booked.' }),
  })
  .meta({ id: 'FlightItem', description: 'Seats of one fare class on one flight.' });
export type FlightItem = z.infer<typeof FlightItemSchema>;

export const CarItemSchema = z
  .object({
    ...itemShape,
    type: z.literal('car'),
    locationCode: z.string(),
    category: z.string(),
    pickUp: CalendarDateSchema,
    dropOff: CalendarDateSchema,
    driverTravellerId: IdSchema.optional().meta({ description: 'Extension: the driver, a traveller.' }),
    driver: z.string().optional().meta({ description: 'Extension: the driver’s name.' }),
  })
  .meta({ id: 'CarItem', description: 'One car of a category at a location for a run of days.' });
export type CarItem = z.infer<typeof CarItemSchema>;

/** `201` of `POST /api/trips/{tripId}/items`, and each of a trip's `items`. */
export const ItemSchema = z
  .discriminatedUnion('type', [HotelItemSchema, FlightItemSchema, CarItemSchema])
  .meta({ id: 'Item' });
export type Item = z.infer<typeof ItemSchema>;

// ---------------------------------------------------------------------------------------------
// Payment, refund, events

export const PaymentGatewaySchema = z.enum(['local', 'stripe']).meta({ id: 'PaymentGateway' });
export type PaymentGateway = z.infer<typeof PaymentGatewaySchema>;

/**
 * The `local` gateway's payment methods: Stripe's test payment method names, with the outcome
 * Stripe gives them, so that tests and demos behave the same with either gateway.
 */
export const LOCAL_TEST_PAYMENT_METHODS = {
  pm_card_visa: { outcome: 'succeeded' },
  pm_card_mastercard: { outcome: 'succeeded' },
  pm_card_visa_chargeDeclined: { outcome: 'declined', declineCode: 'generic_decline' },
  pm_card_visa_chargeDeclinedInsufficientFunds: { outcome: 'declined', declineCode: 'insufficient_funds' },
  pm_card_chargeDeclinedExpiredCard: { outcome: 'declined', declineCode: 'expired_card' },
} as const satisfies Record<
  string,
  | { outcome: 'succeeded' }
  | { outcome: 'declined'; declineCode: 'generic_decline' | 'insufficient_funds' | 'expired_card' }
>;

type LocalTestPaymentMethodName = keyof typeof LOCAL_TEST_PAYMENT_METHODS;

export const LocalTestPaymentMethodSchema = z
  .enum(
    Object.keys(LOCAL_TEST_PAYMENT_METHODS) as [LocalTestPaymentMethodName, ...LocalTestPaymentMethodName[]],
  )
  .meta({
    id: 'LocalTestPaymentMethod',
    description: 'Stripe test payment method names the local gateway takes.',
  });
export type LocalTestPaymentMethod = z.infer<typeof LocalTestPaymentMethodSchema>;

/** A Stripe PaymentMethod id, created by Stripe.js in the client: card numbers never reach us. */
export const StripePaymentMethodIdSchema = z
  .string()
  .regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'must be a Stripe payment method id (pm_...)');

/**
 * `POST /api/trips/{tripId}/pay`, whichever gateway runs. The `local` gateway takes only the five
 * test names: parse with `LocalPayTripRequestSchema` there (API.md: anything else is 400).
 */
export const PayTripRequestSchema = z
  .object({ paymentMethodId: z.union([LocalTestPaymentMethodSchema, StripePaymentMethodIdSchema]) })
  .meta({ id: 'PayTripRequest' });
export type PayTripRequest = z.infer<typeof PayTripRequestSchema>;

/** `POST /api/trips/{tripId}/pay` when `PAYMENT_GATEWAY=local`. */
export const LocalPayTripRequestSchema = z.object({ paymentMethodId: LocalTestPaymentMethodSchema });
export type LocalPayTripRequest = z.infer<typeof LocalPayTripRequestSchema>;

/** The pay request schema for the running gateway. */
export function payTripRequestSchemaFor(gateway: PaymentGateway) {
  return gateway === 'local' ? LocalPayTripRequestSchema : PayTripRequestSchema;
}

export const PaymentStatusSchema = z
  .enum(['authorized', 'captured', 'voided', 'refunded', 'partially_refunded'])
  .meta({ id: 'PaymentStatus' });
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const PaymentSchema = z
  .object({
    transactionId: z.string().meta({ description: 'The gateway’s id of the charge.' }),
    invoiceNumber: z.string().meta({ description: 'Sequential, without gaps, as invoices must be.' }),
    amount: MoneySchema,
    status: PaymentStatusSchema,
    gateway: PaymentGatewaySchema,
    paidAt: InstantSchema,
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof PaymentSchema>;

/** Extension: one of a trip's payments, with the items it paid. */
export const TripPaymentSchema = PaymentSchema.extend({
  itemIds: z.array(IdSchema).meta({ description: 'The items this payment paid for.' }),
}).meta({ id: 'TripPayment' });
export type TripPayment = z.infer<typeof TripPaymentSchema>;

export const RefundStatusSchema = z.enum(['pending', 'succeeded', 'failed']).meta({ id: 'RefundStatus' });
export type RefundStatus = z.infer<typeof RefundStatusSchema>;

export const RefundSchema = z
  .object({
    amount: MoneySchema.meta({ description: 'What the cancellation policies give back; may be zero.' }),
    status: RefundStatusSchema,
    refundId: z.string().optional(),
    refundedAt: InstantSchema.optional(),
  })
  .meta({ id: 'Refund' });
export type Refund = z.infer<typeof RefundSchema>;

/** Either machine's status: a trip event may record a trip's or an item's change. */
const AnyStatusSchema = z.union([TripStatusSchema, ItemStatusSchema]);

export const TripEventSchema = z
  .object({
    at: InstantSchema,
    type: z.string().meta({ description: 'What happened, e.g. `trip.created`, `item.held`, `trip.paid`.' }),
    actor: z.string().meta({ description: 'Id of the user who did it, or `system` (sweeper, reconciler).' }),
    from: AnyStatusSchema.optional(),
    to: AnyStatusSchema.optional(),
    itemId: IdSchema.optional().meta({ description: 'The item concerned, for item events.' }),
    detail: z.string().optional(),
  })
  .meta({ id: 'TripEvent', description: 'One line of the trip’s history, oldest first.' });
export type TripEvent = z.infer<typeof TripEventSchema>;

// ---------------------------------------------------------------------------------------------
// Trip

/** `201` of `POST /api/trips`; `200` of `GET /api/trips/{tripId}`, pay and cancel. */
export const TripSchema = z
  .object({
    id: IdSchema,
    status: TripStatusSchema,
    customer: CustomerSchema,
    travellers: z.array(TravellerSchema).optional().meta({
      description: 'Extension: the trip’s travellers, the lead first; absent until some are given.',
    }),
    items: z.array(ItemSchema),
    total: MoneySchema.meta({
      description:
        'What the customer pays or paid: the prices of the items, leaving out released and expired ones. ' +
        'A trip is sold in one currency.',
    }),
    holdExpiresAt: InstantSchema.optional().meta({
      description: 'While held: when the first hold runs out.',
    }),
    payment: PaymentSchema.optional(),
    payments: z
      .array(TripPaymentSchema)
      .optional()
      .meta({
        description:
          'Extension: every payment taken, in order: the sale’s (the same as `payment`), then one for each ' +
          'batch of items added to the paid trip and paid by themselves. Absent until the trip is paid.',
      }),
    amountDue: MoneySchema.optional().meta({
      description:
        'Extension: what paying now charges: the prices of the items still held. On a paid trip, the items ' +
        'added since the sale. Absent when nothing is held.',
    }),
    refund: RefundSchema.optional(),
    createdBy: IdSchema.meta({ description: 'Id of the user who opened the trip.' }),
    createdAt: InstantSchema,
    updatedAt: InstantSchema.optional(),
    travelStart: CalendarDateSchema.optional().meta({
      description: 'Extension: the first date of travel over its items (leaving out released ones).',
    }),
    travelEnd: CalendarDateSchema.optional().meta({ description: 'Extension: the last date of travel.' }),
    destination: z.string().optional().meta({
      description:
        'Extension: where the trip goes: its hotels’ cities, else its first flight’s arrival airport, else its car location.',
    }),
    events: z.array(TripEventSchema),
  })
  .meta({ id: 'Trip' });
export type Trip = z.infer<typeof TripSchema>;

const TRIP_STATUSES = TripStatusSchema.options;
const STATUS_LIST = new RegExp(`^(${TRIP_STATUSES.join('|')})(,(${TRIP_STATUSES.join('|')}))*$`);

/** An empty query parameter is the same as none. */
const optionalParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Most trips one page of `GET /api/trips` gives; also the page when `limit` is left out (as before paging). */
export const TRIP_LIST_MAX = 500;

/**
 * `GET /api/trips?status=&q=` and (extension) `travelFrom=&travelTo=&destination=&soldBy=&limit=&offset=`.
 * Every filter narrows the list; newest first, ties by id, so pages are stable.
 */
export const TripListQuerySchema = z
  .object({
    status: z
      .preprocess(
        // `status=held,confirmed` or `status=held&status=confirmed`: one or several.
        (v) => (v === '' ? undefined : Array.isArray(v) ? v.join(',') : v),
        z
          .string()
          .regex(STATUS_LIST, `must be one or several of ${TRIP_STATUSES.join(', ')}, comma-separated`)
          .transform((s) => [...new Set(s.split(','))] as TripStatus[])
          .optional(),
      )
      .meta({
        description: `Only trips in this status; several comma-separated (extension), e.g. \`held,confirmed\`.`,
      }),
    q: z
      .preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional())
      .meta({
        description:
          'Search: an invoice number (exact, `INV-2026-000123`), or part of the trip id, customer name, ' +
          'email, a traveller’s name (any letter case) or phone (digits only compared: `+44 20 7946` finds `442079460000`).',
      }),
    travelFrom: optionalParam(CalendarDateSchema).meta({
      description: 'Extension: trips with an item whose dates reach this date or later.',
    }),
    travelTo: optionalParam(CalendarDateSchema).meta({
      description: 'Extension: trips with an item whose dates start on this date or earlier.',
    }),
    destination: optionalParam(z.string().trim().min(1).max(100)).meta({
      description:
        'Extension: trips with an item going there: part of a hotel’s city or name, a flight’s arrival airport ' +
        'or a car location code (any letter case).',
    }),
    soldBy: optionalParam(IdSchema).meta({ description: 'Extension: trips opened by this user (id).' }),
    limit: optionalParam(z.coerce.number().int().min(1).max(TRIP_LIST_MAX)).meta({
      description: `Extension: trips per page (at most ${TRIP_LIST_MAX}, which is also the page when left out).`,
    }),
    offset: optionalParam(z.coerce.number().int().min(0).max(1_000_000)).meta({
      description: 'Extension: trips to skip (paging).',
    }),
  })
  .refine((q) => !q.travelFrom || !q.travelTo || q.travelFrom <= q.travelTo, {
    path: ['travelTo'],
    message: 'must not be before travelFrom',
  })
  .meta({ id: 'TripListQuery' });
export type TripListQuery = z.infer<typeof TripListQuerySchema>;

/** `200` of `GET /api/trips`: the trips the caller may see. */
export const TripListSchema = z
  .object({
    items: z.array(TripSchema),
    total: z.int().nonnegative().meta({ description: 'Extension: matching trips before paging.' }),
  })
  .meta({ id: 'TripList' });
export type TripList = z.infer<typeof TripListSchema>;

/** `POST /api/trips/{tripId}/cancel`; the body may be left out. */
export const CancelTripRequestSchema = z
  .object({ reason: z.string().trim().max(500).optional() })
  .prefault({})
  .meta({ id: 'CancelTripRequest' });
export type CancelTripRequest = z.infer<typeof CancelTripRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Cancellation quotes, item cancellation and item changes (extensions)

/** One item's terms now: what cancelling it would refund and keep, or why it cannot be cancelled. */
export const ItemCancellationQuoteSchema = z
  .object({
    itemId: IdSchema,
    type: z.enum(['hotel', 'flight', 'car']),
    status: ItemStatusSchema,
    cancellable: z.boolean().meta({ description: 'False: the item’s state does not allow cancelling it.' }),
    reason: z.string().optional().meta({ description: 'Why it cannot be cancelled, when it cannot.' }),
    price: MoneySchema,
    refund: MoneySchema.meta({ description: 'What the cancellation policy gives back now.' }),
    fee: MoneySchema.meta({ description: 'What the policy keeps now (price − refund).' }),
    cancellationPolicy: CancellationPolicySchema.optional(),
  })
  .meta({ id: 'ItemCancellationQuote' });
export type ItemCancellationQuote = z.infer<typeof ItemCancellationQuoteSchema>;

/**
 * `200` of `GET /api/trips/{tripId}/cancel-quote` and `.../items/{itemId}/cancel-quote`: the refund the
 * policies give at `at`, for the desk to show before confirming. Cancelling right after gives the same.
 */
export const CancellationQuoteSchema = z
  .object({
    tripId: IdSchema,
    at: InstantSchema.meta({ description: 'The instant the policies were read at.' }),
    cancellable: z.boolean(),
    items: z.array(ItemCancellationQuoteSchema).meta({ description: 'The items a cancel would cancel.' }),
    refund: MoneySchema.meta({ description: 'Sum of the items’ refunds.' }),
    fee: MoneySchema,
  })
  .meta({ id: 'CancellationQuote' });
export type CancellationQuote = z.infer<typeof CancellationQuoteSchema>;

/**
 * `POST /api/trips/{tripId}/items/{itemId}/walk` (extension): the hotel has no room for a confirmed stay
 * and moves the guest to another hotel. `refund`: `full` gives the price back, `none` keeps it (the
 * hotel pays the other hotel itself and the guest's stay is as paid).
 */
export const WalkStayRequestSchema = z
  .object({
    hotel: z
      .string()
      .trim()
      .min(1, 'say which hotel the guest goes to')
      .max(200)
      .meta({ description: 'The other hotel’s name, free text.', examples: ['Hotel Bristol, Rue du Bac'] }),
    note: z.string().trim().max(1000).optional(),
    refund: z.enum(['full', 'none']).meta({
      description: '`full`: the stay’s price is refunded; `none`: nothing is refunded.',
    }),
  })
  .meta({ id: 'WalkStayRequest' });
export type WalkStayRequest = z.infer<typeof WalkStayRequestSchema>;

/** `POST /api/trips/{tripId}/items/{itemId}/cancel`; the body may be left out. */
export const CancelItemRequestSchema = z
  .object({ reason: z.string().trim().max(500).optional() })
  .prefault({})
  .meta({ id: 'CancelItemRequest' });
export type CancelItemRequest = z.infer<typeof CancelItemRequestSchema>;

const AnyPaymentMethodId = z.union([LocalTestPaymentMethodSchema, StripePaymentMethodIdSchema]);

/** A change's body per item type; `paymentMethodId` pays a higher price's difference. */
function changeItemRequestSchema(paymentMethodId: z.ZodType<string>) {
  const payment = {
    paymentMethodId: paymentMethodId.optional().meta({
      description: 'Needed when the change costs more: the difference is charged to it.',
    }),
  };
  const hotel = z
    .object({
      type: z.literal('hotel'),
      checkIn: CalendarDateSchema.optional(),
      checkOut: CalendarDateSchema.optional().meta({ description: 'Exclusive: the day the guest leaves.' }),
      roomTypeId: IdSchema.optional().meta({ description: 'Another room type of the same hotel.' }),
      ...payment,
    })
    .refine((c) => c.checkIn !== undefined || c.checkOut !== undefined || c.roomTypeId !== undefined, {
      message: 'change at least one of checkIn, checkOut, roomTypeId',
    })
    .meta({ description: 'New dates and/or another room type; rooms, guests and extras stay.' });
  const flight = z
    .object({
      type: z.literal('flight'),
      fareClass: FareClassCodeSchema.optional().meta({
        description: 'Another fare class of the same flight.',
      }),
      seats: z.array(SeatSchema).min(1).max(9).optional().meta({
        description: 'New seats, one per passenger in passenger order; omit to let them be assigned.',
      }),
      flightId: IdSchema.optional().meta({
        description:
          'Another flight with the same origin and destination (extension); seats are assigned unless ' +
          '`seats` names them.',
      }),
      passengerNames: z
        .array(text(200))
        .min(1)
        .max(9)
        .optional()
        .meta({
          description:
            'Corrected passenger names, one per passenger in passenger order (extension). Alone, no units ' +
            'move and nothing is charged.',
        }),
      ...payment,
    })
    .refine(
      (c) =>
        c.fareClass !== undefined ||
        c.seats !== undefined ||
        c.flightId !== undefined ||
        c.passengerNames !== undefined,
      { message: 'change the flightId, fareClass, seats or passengerNames' },
    )
    .refine((c) => c.seats === undefined || new Set(c.seats).size === c.seats.length, {
      message: 'a seat asked twice',
      path: ['seats'],
    })
    .meta({
      description:
        'Other seats, another fare class, another flight on the same route, and/or corrected passenger names.',
    });
  const car = z
    .object({
      type: z.literal('car'),
      category: CarCategorySchema.optional(),
      pickUp: CalendarDateSchema.optional(),
      dropOff: CalendarDateSchema.optional().meta({
        description: 'Exclusive: the return day is not charged.',
      }),
      ...payment,
    })
    .refine((c) => c.category !== undefined || c.pickUp !== undefined || c.dropOff !== undefined, {
      message: 'change at least one of category, pickUp, dropOff',
    })
    .meta({ description: 'Another category at the same location and/or other dates.' });
  return z.discriminatedUnion('type', [hotel, flight, car]);
}

/**
 * `POST /api/trips/{tripId}/items/{itemId}/change` with `Idempotency-Key`: the new units are held first;
 * a higher price's difference is charged, a lower one's refunded; then the old units go back.
 */
export const ChangeItemRequestSchema = changeItemRequestSchema(AnyPaymentMethodId).meta({
  id: 'ChangeItemRequest',
});
export type ChangeItemRequest = z.infer<typeof ChangeItemRequestSchema>;

/** The change request when `PAYMENT_GATEWAY=local`: only the test payment method names. */
export const LocalChangeItemRequestSchema = changeItemRequestSchema(LocalTestPaymentMethodSchema);

/** The change request schema for the running gateway. */
export function changeItemRequestSchemaFor(gateway: PaymentGateway) {
  return gateway === 'local' ? LocalChangeItemRequestSchema : ChangeItemRequestSchema;
}

/** `200` of a change: the item as changed, its trip, and the money that moved. */
export const ItemChangeResultSchema = z
  .object({
    trip: TripSchema,
    item: ItemSchema,
    previousPrice: MoneySchema,
    charged: MoneySchema.optional().meta({
      description: 'The difference charged, when the change cost more.',
    }),
    refund: RefundSchema.optional().meta({ description: 'The difference refunded, when it cost less.' }),
  })
  .meta({ id: 'ItemChangeResult' });
export type ItemChangeResult = z.infer<typeof ItemChangeResultSchema>;

// ---------------------------------------------------------------------------------------------
// Hold again (extension): a lapsed trip's items held anew

export const HoldAgainOutcomeSchema = z.enum(['kept', 'changed', 'unavailable']).meta({
  id: 'HoldAgainOutcome',
  description:
    '`kept`: held again as it was (same dates, seats, fare class, category); `changed`: held again with ' +
    'another seat of the same fare class (or at another price), said in `message`; `unavailable`: not ' +
    'held, `message` says why.',
});
export type HoldAgainOutcome = z.infer<typeof HoldAgainOutcomeSchema>;

export const HoldAgainItemSchema = z
  .object({
    itemId: IdSchema.meta({ description: 'The lapsed item.' }),
    type: ItemTypeSchema,
    outcome: HoldAgainOutcomeSchema,
    newItemId: IdSchema.optional().meta({ description: 'The new held item, unless `unavailable`.' }),
    message: z.string().meta({ description: 'What happened, in words for the desk.' }),
  })
  .meta({ id: 'HoldAgainItem' });
export type HoldAgainItem = z.infer<typeof HoldAgainItemSchema>;

export const HoldAgainResultSchema = z
  .object({
    trip: TripSchema,
    items: z.array(HoldAgainItemSchema).meta({ description: 'One per lapsed item, in trip order.' }),
  })
  .meta({ id: 'HoldAgainResult' });
export type HoldAgainResult = z.infer<typeof HoldAgainResultSchema>;

// ---------------------------------------------------------------------------------------------
// Receipt (extension): the invoice of a paid trip

/** One line of a receipt: an item the payment paid for, as it stands now. */
export const ReceiptLineSchema = z
  .object({
    itemId: IdSchema,
    type: ItemTypeSchema,
    description: z
      .string()
      .meta({ description: 'The item in words: hotel, room, dates; flight, seats; car.' }),
    status: ItemStatusSchema,
    price: MoneySchema.meta({ description: 'The item’s price, extras included.' }),
    extras: z.array(ExtraSchema),
    taxes: z.array(TaxLineSchema).optional().meta({ description: 'Extension: its taxes and fees.' }),
    cancellationPolicy: CancellationPolicySchema.optional().meta({
      description: 'Extension: the cancellation terms written on the item when it was sold.',
    }),
  })
  .meta({ id: 'ReceiptLine' });
export type ReceiptLine = z.infer<typeof ReceiptLineSchema>;

export const ReceiptRefundSchema = z
  .object({
    refundId: z.string(),
    itemId: IdSchema.optional().meta({ description: 'The item refunded, when the refund is for one.' }),
    amount: MoneySchema,
    status: RefundStatusSchema,
    reason: z.string().optional(),
    refundedAt: InstantSchema,
  })
  .meta({ id: 'ReceiptRefund' });
export type ReceiptRefund = z.infer<typeof ReceiptRefundSchema>;

/**
 * `GET /api/trips/{tripId}/receipt`: the invoice of a paid trip. `total` is what was charged;
 * `refunded` what went back since (succeeded refunds) and `balance` what the customer paid in the end.
 * `GET /api/trips/{tripId}/receipt.html` is the same as a printable document.
 */
export const ReceiptSchema = z
  .object({
    invoiceNumber: z.string().meta({ description: 'Sequential per calendar year, without gaps.' }),
    tripId: IdSchema,
    issuedAt: InstantSchema.meta({ description: 'When the payment was captured: the invoice date.' }),
    customer: CustomerSchema,
    payer: z.object({ name: z.string() }),
    payment: z.object({
      transactionId: z.string(),
      gateway: PaymentGatewaySchema,
      status: PaymentStatusSchema,
      method: z
        .object({ brand: z.string(), last4: z.string() })
        .meta({ description: 'The card’s brand and last four digits: all the server knows of it.' }),
      amount: MoneySchema,
      paidAt: InstantSchema,
    }),
    lines: z.array(ReceiptLineSchema),
    total: MoneySchema,
    taxTotal: MoneySchema.optional().meta({
      description: 'Extension: the taxes and fees in the total (included and added), for the invoice.',
    }),
    refunds: z.array(ReceiptRefundSchema),
    refunded: MoneySchema,
    balance: MoneySchema,
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof ReceiptSchema>;
