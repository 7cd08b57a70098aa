import {
  CheckInRequestSchema,
  HotelBookingsQuerySchema,
  HotelBookingsSchema,
  StaysQuerySchema,
  StaysSchema,
} from '../frontdesk.ts';
import { HotelParamsSchema } from '../inventory.ts';
import { HotelItemSchema, TripItemParamsSchema, TripSchema, WalkStayRequestSchema } from '../trips.ts';
import { deskAndAdmin, signedIn, route } from './route.ts';

export const frontDeskRoutes = {
  listStays: route({
    method: 'get',
    path: '/api/hotels/{hotelId}/stays',
    tag: 'frontdesk',
    access: signedIn,
    summary: 'Arrivals, in-house guests and departures of a hotel for a date',
    params: HotelParamsSchema,
    query: StaysQuerySchema,
    success: { status: 200, description: 'The desk’s three lists.', schema: StaysSchema },
    // A front desk asking for another hotel's lists gets 404, as if it did not exist.
    errors: ['not_found'],
  }),
  listHotelBookings: route({
    method: 'get',
    path: '/api/hotels/{hotelId}/bookings',
    tag: 'frontdesk',
    access: signedIn,
    summary: 'A hotel’s stays over a range of dates, for the room chart (extension)',
    description:
      'Confirmed, checked-in and checked-out stays with a night in [`from`, `to`): `checkIn` before `to` and ' +
      '`checkOut` after `from`. `to` is exclusive, after `from` and at most 62 days on (`400` otherwise). A ' +
      'front desk asking for another hotel’s stays gets `404`, as if it did not exist.',
    params: HotelParamsSchema,
    query: HotelBookingsQuerySchema,
    success: { status: 200, description: 'The stays of the range.', schema: HotelBookingsSchema },
    errors: ['not_found'],
  }),
  checkInItem: route({
    method: 'post',
    path: '/api/trips/{tripId}/items/{itemId}/check-in',
    tag: 'frontdesk',
    access: deskAndAdmin,
    summary: 'Check a confirmed stay in, assigning a room',
    description:
      'From the check-in date on (hotel time; early in the day is fine) until the stay ends. The room asked ' +
      'for must be of the item’s room type (`400`) and free every remaining night (`409 invalid_transition` ' +
      'naming the room and night otherwise); without one the first free room in door order is given. A stay ' +
      'of several rooms gets that many (`roomNumbers`). `409 sold_out` when no room of the type is free. ' +
      'Front desk and admins only (`403` for agents); a desk acts on its own hotel’s stays (`404` otherwise).',
    params: TripItemParamsSchema,
    body: CheckInRequestSchema,
    bodyRequired: false,
    success: {
      status: 200,
      description: 'The item, `checked_in`, with `roomNumber` (and `roomNumbers`).',
      schema: HotelItemSchema,
    },
    errors: ['forbidden', 'not_found', 'invalid_transition', 'sold_out'],
    idempotencyKey: 'optional',
  }),
  checkOutItem: route({
    method: 'post',
    path: '/api/trips/{tripId}/items/{itemId}/check-out',
    tag: 'frontdesk',
    access: deskAndAdmin,
    summary: 'Check a stay out',
    description:
      'The rooms are free again from today’s night on (an early departure gives back the nights not ' +
      'slept). When nothing of the trip is left to use, the trip becomes `completed`.',
    params: TripItemParamsSchema,
    success: { status: 200, description: 'The item, `checked_out`.', schema: HotelItemSchema },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
  walkStay: route({
    method: 'post',
    path: '/api/trips/{tripId}/items/{itemId}/walk',
    tag: 'frontdesk',
    access: deskAndAdmin,
    summary: 'Walk a confirmed stay to another hotel (extension)',
    description:
      'When the hotel has no room for a guest (overbooked), the desk moves them to another hotel: the ' +
      'item becomes `cancelled` (its nights leave the hotel’s count at once), it carries `walked` with the ' +
      'other hotel, the note and the refund chosen, and the trip’s history has an `item.walked` event. ' +
      '`refund: "full"` refunds the stay’s price, `"none"` nothing. From the check-in date on (hotel ' +
      'time) until the stay ends, for a `confirmed` stay only (`409 invalid_transition` otherwise). Front ' +
      'desk and admins only (`403` for agents); a desk acts on its own hotel’s stays (`404` otherwise).',
    params: TripItemParamsSchema,
    body: WalkStayRequestSchema,
    success: { status: 200, description: 'The trip, with the walked item.', schema: TripSchema },
    errors: ['forbidden', 'not_found', 'invalid_transition'],
    idempotencyKey: 'optional',
  }),
} as const;
