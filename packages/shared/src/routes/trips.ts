import { z } from 'zod';
import {
  AddItemRequestSchema,
  CancelItemRequestSchema,
  CancelTripRequestSchema,
  CancellationQuoteSchema,
  ChangeItemRequestSchema,
  CreateTripRequestSchema,
  HoldAgainResultSchema,
  ItemChangeResultSchema,
  ItemSchema,
  PayTripRequestSchema,
  ReceiptSchema,
  SetTravellersRequestSchema,
  TripItemParamsSchema,
  TripListQuerySchema,
  TripListSchema,
  TripParamsSchema,
  ReceiptQuerySchema,
  TripSchema,
} from '../trips.ts';
import { signedIn, route } from './route.ts';

export const tripRoutes = {
  createTrip: route({
    method: 'post',
    path: '/api/trips',
    tag: 'trips',
    access: signedIn,
    summary: 'Open a trip for a customer',
    body: CreateTripRequestSchema,
    success: { status: 201, description: 'The new trip, `open`.', schema: TripSchema },
    idempotencyKey: 'optional',
  }),
  listTrips: route({
    method: 'get',
    path: '/api/trips',
    tag: 'trips',
    access: signedIn,
    summary: 'The trips the caller may see',
    query: TripListQuerySchema,
    success: { status: 200, description: 'Matching trips.', schema: TripListSchema },
  }),
  getTrip: route({
    method: 'get',
    path: '/api/trips/{tripId}',
    tag: 'trips',
    access: signedIn,
    summary: 'A trip with its items, payment and history',
    params: TripParamsSchema,
    success: { status: 200, description: 'The trip.', schema: TripSchema },
    errors: ['not_found'],
  }),
  setTripTravellers: route({
    method: 'patch',
    path: '/api/trips/{tripId}/travellers',
    tag: 'trips',
    access: signedIn,
    summary: 'Set the trip’s travellers, once for every item (extension)',
    description:
      'The whole list, replacing the one before: name, adult / child / infant (with the age of a child or ' +
      'an infant), optional date of birth and travel document, and the lead traveller’s contact. Give a ' +
      'traveller’s `id` to keep it (items refer to it); items already held keep the names they were sold ' +
      'with. Open or held trips only (`409 invalid_transition` otherwise); scope as for the trip.',
    params: TripParamsSchema,
    body: SetTravellersRequestSchema,
    success: { status: 200, description: 'The trip with its travellers.', schema: TripSchema },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
  addTripItem: route({
    method: 'post',
    path: '/api/trips/{tripId}/items',
    tag: 'trips',
    access: signedIn,
    summary: 'Add a hotel, flight or car item: places a hold',
    description:
      'The hold lasts HOLD_TTL_SECONDS unless the trip is paid first. When the units are not there ' +
      '(`sold_out`, `seat_taken`) nothing is held.',
    params: TripParamsSchema,
    body: AddItemRequestSchema,
    success: { status: 201, description: 'The item, `held`, with `holdExpiresAt`.', schema: ItemSchema },
    errors: ['forbidden', 'not_found', 'sold_out', 'seat_taken', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
  removeTripItem: route({
    method: 'delete',
    path: '/api/trips/{tripId}/items/{itemId}',
    tag: 'trips',
    access: signedIn,
    summary: 'Remove a held item: the hold is released at once',
    params: TripItemParamsSchema,
    success: { status: 204, description: 'Released.' },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
  }),
  payTrip: route({
    method: 'post',
    path: '/api/trips/{tripId}/pay',
    tag: 'trips',
    access: signedIn,
    summary: 'Pay every held item of the trip at once',
    description:
      'With the `local` gateway `paymentMethodId` is one of Stripe’s test payment method names ' +
      '(`pm_card_visa`, `pm_card_mastercard` succeed; `pm_card_visa_chargeDeclined`, ' +
      '`pm_card_visa_chargeDeclinedInsufficientFunds`, `pm_card_chargeDeclinedExpiredCard` decline); ' +
      'any other value is `validation_failed`. After a decline the holds stay until they expire and the ' +
      'trip can be paid again with a new key. A second pay of the same trip with another key while one is ' +
      'in flight, or once it is paid, is `409 invalid_transition`; the same key again (after a lost ' +
      'answer, a crash or a 503) resumes that payment and never charges twice.',
    params: TripParamsSchema,
    body: PayTripRequestSchema,
    success: { status: 200, description: 'The trip, `confirmed`, with `payment`.', schema: TripSchema },
    errors: ['forbidden', 'not_found', 'payment_declined', 'invalid_transition', 'hold_expired'],
    idempotencyKey: 'required',
  }),
  holdTripAgain: route({
    method: 'post',
    path: '/api/trips/{tripId}/hold-again',
    tag: 'trips',
    access: signedIn,
    summary: 'Hold a lapsed trip’s items again, in the same trip (extension)',
    description:
      'For a trip whose holds ran out (`expired`, or `held` with expired items): each expired item not held ' +
      'again yet is held anew as it was sold (same dates, room type, fare class, category, extras, ' +
      'passengers; the same seats when still free, else another free seat of the same fare class), all ' +
      'with one new deadline, and the trip is `held` again. What can be held is held; each item says ' +
      '`kept`, `changed` or `unavailable` with a sentence. Nothing held at all: the trip stays as it was ' +
      '(still `200`). The per-user hold cap applies (`429`). `409 invalid_transition` when nothing lapsed.',
    params: TripParamsSchema,
    success: {
      status: 200,
      description: 'The trip and what happened to each lapsed item.',
      schema: HoldAgainResultSchema,
    },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'required',
  }),
  getTripReceipt: route({
    method: 'get',
    path: '/api/trips/{tripId}/receipt',
    tag: 'trips',
    access: signedIn,
    summary: 'The receipt (invoice) of a paid trip (extension)',
    description:
      'Invoice number (gap-free per calendar year), invoice date, who was billed and who paid (card brand ' +
      'and last four digits), the items paid for with their prices and extras, the total and every refund ' +
      'since. Scope as for the trip; `404` also while the trip is not paid. A trip paid more than once (items ' +
      'added after the sale) has one receipt per payment: `?invoice=` picks one.',
    params: TripParamsSchema,
    query: ReceiptQuerySchema,
    success: { status: 200, description: 'The receipt.', schema: ReceiptSchema },
    errors: ['not_found'],
  }),
  getTripReceiptDocument: route({
    method: 'get',
    path: '/api/trips/{tripId}/receipt.html',
    tag: 'trips',
    access: signedIn,
    summary: 'The receipt as a printable HTML invoice (extension)',
    description:
      'The same receipt as one self-contained HTML page (inline CSS, no scripts, no outside assets), laid ' +
      'out for A4 printing: the desktop prints it or saves it as PDF.',
    params: TripParamsSchema,
    query: ReceiptQuerySchema,
    success: {
      status: 200,
      description: 'The invoice page.',
      mediaType: 'text/html',
      schema: z.string().meta({ description: 'An HTML document.' }),
    },
    errors: ['not_found'],
  }),
  cancelTrip: route({
    method: 'post',
    path: '/api/trips/{tripId}/cancel',
    tag: 'trips',
    access: signedIn,
    summary: 'Cancel a trip: every unit goes back, refund by the cancellation policy',
    description:
      'Held items’ holds are released; paid items’ bookings are cancelled and each is refunded by the ' +
      'cancellation policy written on it at sale, read at the moment of the request (`GET .../cancel-quote` ' +
      'shows the same amount beforehand). `refund.status` is `pending` while the gateway has not confirmed ' +
      'the refund (it is asked again until it does). `409 invalid_transition` when the trip is completed, ' +
      'expired or cancelled, when a stay is checked in or out, or while a payment or a change of the trip ' +
      'is being processed. A front desk cancels a trip of its own hotel’s stays only (403 otherwise).',
    params: TripParamsSchema,
    body: CancelTripRequestSchema,
    bodyRequired: false,
    success: {
      status: 200,
      description: 'The trip, `cancelled`, with `refund` when paid.',
      schema: TripSchema,
    },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
  quoteTripCancellation: route({
    method: 'get',
    path: '/api/trips/{tripId}/cancel-quote',
    tag: 'trips',
    access: signedIn,
    summary: 'What cancelling the trip would refund now, item by item (extension)',
    description:
      'The cancellation policies read now, as a cancel right after would apply them; `cancellable` false ' +
      'with a `reason` per item when the trip or an item cannot be cancelled.',
    params: TripParamsSchema,
    success: { status: 200, description: 'The quote.', schema: CancellationQuoteSchema },
    errors: ['not_found'],
  }),
  cancelTripItem: route({
    method: 'post',
    path: '/api/trips/{tripId}/items/{itemId}/cancel',
    tag: 'trips',
    access: signedIn,
    summary: 'Cancel one paid item: its units go back, refund by its policy (extension)',
    description:
      'The trip stays `confirmed` while other items remain, and becomes `cancelled` with its last one. A ' +
      'held item is removed (DELETE), not cancelled; a stay checked in or out is not cancelled: both ' +
      '`409 invalid_transition`. A front desk cancels its own hotel’s stays only (404 for others).',
    params: TripItemParamsSchema,
    body: CancelItemRequestSchema,
    bodyRequired: false,
    success: {
      status: 200,
      description: 'The trip, with `refund` (all its cancellations so far).',
      schema: TripSchema,
    },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
  quoteItemCancellation: route({
    method: 'get',
    path: '/api/trips/{tripId}/items/{itemId}/cancel-quote',
    tag: 'trips',
    access: signedIn,
    summary: 'What cancelling one item would refund now (extension)',
    params: TripItemParamsSchema,
    success: { status: 200, description: 'The quote of that item.', schema: CancellationQuoteSchema },
    errors: ['not_found'],
  }),
  changeTripItem: route({
    method: 'post',
    path: '/api/trips/{tripId}/items/{itemId}/change',
    tag: 'trips',
    access: signedIn,
    summary:
      'Change a paid item: new stay dates or room type, other seats or fare class, another car (extension)',
    description:
      'The new units are held first: `409 sold_out` / `seat_taken` and the item is left exactly as it was. ' +
      'A dearer change charges the difference to `paymentMethodId` (`402 payment_declined` and nothing ' +
      'changes when declined); a cheaper one refunds it. Only then does the item take the new units, price ' +
      'and cancellation terms and give the old units back. Needs an Idempotency-Key, as paying does. ' +
      'Extras and special requests stay with the item (re-priced for the new dates).',
    params: TripItemParamsSchema,
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
  }),
} as const;
