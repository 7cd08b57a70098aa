import type { CancellationService } from '../../after-sale/cancellation.ts';
import type { FrontDeskService } from '../../front-desk/stays.ts';
import type { Handlers } from '../mount.ts';

/**
 * The front desk (API.md, "Front desk"): a hotel's arrivals, in-house guests and departures, its stays
 * over a range (the room chart, extension), check-in and check-out. Agents sell and may read the lists;
 * only the desk and admins check guests in and out (the route table).
 */
export function frontDeskHandlers(desk: FrontDeskService, cancellation: CancellationService) {
  return {
    listStays: ({ user, params, query }) => desk.stays(user, params.hotelId, query.date),
    listHotelBookings: ({ user, params, query }) => desk.bookings(user, params.hotelId, query.from, query.to),
    checkInItem: ({ user, params, body }) => desk.checkIn(user, params.tripId, params.itemId, body),
    checkOutItem: ({ user, params }) => desk.checkOut(user, params.tripId, params.itemId),
    walkStay: ({ user, params, body }) => cancellation.walkStay(user, params.tripId, params.itemId, body),
  } satisfies Handlers<'listStays' | 'listHotelBookings' | 'checkInItem' | 'checkOutItem' | 'walkStay'>;
}
