import type { CalendarDate } from '@tripdesk/shared';
import type { HotelFilter } from '../inventory/inventory-queries.ts';
import type { ReportName, ReportPeriod } from '../reports/report-queries.ts';
import type { CarSearchParams, FlightSearchParams, HotelSearchParams } from '../search/search-queries.ts';
import type { TripFilters } from '../trips/trip-queries.ts';

/**
 * The one key of each cached server resource, for every `useQuery`, `setQueryData` and
 * `invalidateQueries`. A key's leading parts are the prefix its family is invalidated by: what a live
 * event or a write marks stale is decided by these shapes, so they are never spelled out elsewhere.
 */

/** The signed-in user, as the server sees them. */
export const sessionKeys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  /** The users a trip may be "sold by" (the trips filter): its own entry, so the Users screen always loads afresh. */
  sellers: ['users', 'sellers'] as const,
};

export const tripKeys = {
  all: ['trips'] as const,
  lists: ['trips', 'list'] as const,
  list: (filters: TripFilters, offset: number) => ['trips', 'list', filters, offset] as const,
  detail: (tripId: string) => ['trips', 'detail', tripId] as const,
  cancelQuote: (tripId: string) => ['trips', 'cancel-quote', tripId] as const,
  itemCancelQuote: (tripId: string, itemId: string) => ['trips', 'cancel-quote', tripId, itemId] as const,
  receipt: (tripId: string, invoice?: string) => ['trips', 'receipt', tripId, invoice ?? 'sale'] as const,
};

/** Airports by what was typed (the airport fields): they change only when an admin adds one. */
export const airportKeys = {
  all: ['airports'] as const,
  search: (q: string) => ['airports', 'search', q] as const,
};

/** What is free to sell: searches and seat maps; a live availability event refreshes these. */
export const searchKeys = {
  all: ['availability'] as const,
  hotels: (p: HotelSearchParams) => ['availability', 'hotels', p] as const,
  flights: (p: FlightSearchParams) => ['availability', 'flights', p] as const,
  cars: (p: CarSearchParams) => ['availability', 'cars', p] as const,
  seatMap: (flightId: string) => ['availability', 'seat-map', flightId] as const,
  /** The cities and amenities of every hotel, for the hotel search's suggestions and filters. */
  hotelFacets: ['hotel-facets'] as const,
};

export const inventoryKeys = {
  hotels: ['hotels'] as const,
  /** Every hotel list and search (not the hotels' details). */
  hotelLists: ['hotels', 'list'] as const,
  hotelList: (filter: HotelFilter) => ['hotels', 'list', filter] as const,
  hotel: (hotelId: string) => ['hotels', 'detail', hotelId] as const,
  /** The extras catalogue of a hotel, flight or car location. */
  extras: (itemType: string, ownerId: string) => ['extras', itemType, ownerId] as const,
  /** The taxes and fees of a hotel, flight or car location. */
  taxes: (itemType: string, ownerId: string) => ['taxes', itemType, ownerId] as const,
  flight: (flightId: string) => ['flights', flightId] as const,
  seatMap: (flightId: string) => ['flights', flightId, 'seats'] as const,
  flightSearch: (from: string, to: string, date: string) => ['flights', 'search', from, to, date] as const,
  /** The flight search before anything was searched (the query is disabled then). */
  noFlightSearch: ['flights', 'idle'] as const,
  /** Every flight schedule (admin). */
  flightSchedules: ['flight-schedules'] as const,
  /** Every car location (the search's station list), and the prefix of every location list. */
  carLocations: ['car-locations'] as const,
  carLocationList: (city: string, showRetired = false) =>
    ['car-locations', 'list', city, showRetired] as const,
  cars: (code: string) => ['car-locations', code, 'cars'] as const,
  /** Rooms out of order of a hotel; the desk's room chart reads them too. */
  outOfOrder: (hotelId: string) => ['hotels', 'out-of-order', hotelId] as const,
  hotelClosures: (hotelId: string) => ['hotels', 'closures', hotelId] as const,
  carClosures: (code: string) => ['car-locations', code, 'closures'] as const,
  flightClosures: (flightNumber: string) => ['flights', 'closures', flightNumber] as const,
};

export const deskKeys = {
  all: ['frontdesk'] as const,
  /** Every hotel's desk lists (arrivals, in-house, departures). */
  allStays: ['frontdesk', 'stays'] as const,
  staysOf: (hotelId: string) => ['frontdesk', 'stays', hotelId] as const,
  stays: (hotelId: string, date: CalendarDate) => ['frontdesk', 'stays', hotelId, date] as const,
  /** Every hotel's room-chart stays. */
  allBookings: ['frontdesk', 'bookings'] as const,
  bookingsOf: (hotelId: string) => ['frontdesk', 'bookings', hotelId] as const,
  bookings: (hotelId: string, from: CalendarDate, to: CalendarDate) =>
    ['frontdesk', 'bookings', hotelId, from, to] as const,
  rooms: (hotelId: string, checkIn: CalendarDate, checkOut: CalendarDate, guests: number) =>
    ['frontdesk', 'rooms', hotelId, checkIn, checkOut, guests] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};

export const operationsKeys = {
  all: ['operations'] as const,
  backups: ['operations', 'backups'] as const,
  checks: ['operations', 'consistency-checks'] as const,
  check: (id: string) => ['operations', 'consistency-checks', id] as const,
  audit: (filters: object) => ['operations', 'audit-log', filters] as const,
};

export const reportKeys = {
  all: ['reports'] as const,
  report: (name: ReportName, p: ReportPeriod) => ['reports', name, p.from, p.to, p.hotelId] as const,
};
