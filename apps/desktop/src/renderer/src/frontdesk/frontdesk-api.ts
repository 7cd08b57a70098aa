import {
  HotelAvailabilityResultsSchema,
  HotelBookingsSchema,
  HotelItemSchema,
  StaysSchema,
  type CalendarDate,
  type HotelAvailabilityResults,
  type HotelBookings,
  type HotelItem,
  type Stays,
} from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { pathWithQuery } from '../api/query-string.ts';

/** The front desk's calls (API.md "Front desk"), and the own-hotel search a walk-in starts with. */

const enc = encodeURIComponent;

export const deskKeys = {
  all: ['frontdesk'] as const,
  stays: (hotelId: string, date: CalendarDate) => ['frontdesk', 'stays', hotelId, date] as const,
  staysOf: (hotelId: string) => ['frontdesk', 'stays', hotelId] as const,
  bookings: (hotelId: string, from: CalendarDate, to: CalendarDate) =>
    ['frontdesk', 'bookings', hotelId, from, to] as const,
  rooms: (hotelId: string, checkIn: CalendarDate, checkOut: CalendarDate, guests: number) =>
    ['frontdesk', 'rooms', hotelId, checkIn, checkOut, guests] as const,
};

export async function fetchStays(hotelId: string, date: CalendarDate): Promise<Stays> {
  const response = await api.get(pathWithQuery(`/api/hotels/${enc(hotelId)}/stays`, { date }));
  return StaysSchema.parse(response.data);
}

/** The hotel's stays with a night in [from, to), checked-out ones included: the room chart's period. */
export async function fetchBookings(
  hotelId: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<HotelBookings> {
  const response = await api.get(pathWithQuery(`/api/hotels/${enc(hotelId)}/bookings`, { from, to }));
  return HotelBookingsSchema.parse(response.data);
}

const itemPath = (tripId: string, itemId: string) => `/api/trips/${enc(tripId)}/items/${enc(itemId)}`;

/**
 * Checks a stay in. Without a room number the server gives the first free room of the type. The key
 * makes a retry after a lost answer harmless: the server replays its first answer.
 */
export async function checkIn(
  tripId: string,
  itemId: string,
  roomNumber: string | null,
  idempotencyKey = newIdempotencyKey(),
): Promise<HotelItem> {
  const response = await api.post(`${itemPath(tripId, itemId)}/check-in`, roomNumber ? { roomNumber } : {}, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return HotelItemSchema.parse(response.data);
}

export async function checkOut(
  tripId: string,
  itemId: string,
  idempotencyKey = newIdempotencyKey(),
): Promise<HotelItem> {
  const response = await api.post(
    `${itemPath(tripId, itemId)}/check-out`,
    {},
    { headers: { 'Idempotency-Key': idempotencyKey } },
  );
  return HotelItemSchema.parse(response.data);
}

/** Free room types at one hotel for the nights asked: what the desk can sell a walk-in. */
export async function searchOwnHotel(
  hotelId: string,
  checkIn: CalendarDate,
  checkOut: CalendarDate,
  guests: number,
): Promise<HotelAvailabilityResults> {
  const response = await api.get(
    pathWithQuery('/api/availability/hotels', {
      hotelId,
      checkIn,
      checkOut,
      guests,
      sort: 'price',
      limit: 200,
    }),
  );
  return HotelAvailabilityResultsSchema.parse(response.data);
}
