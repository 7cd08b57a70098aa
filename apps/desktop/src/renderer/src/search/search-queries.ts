import type { CarAvailabilityQuery, FlightAvailabilityQuery, HotelAvailabilityQuery } from '@tripdesk/shared';
import { call } from '../api/call.ts';

/** What the search forms ask: the availability queries' fields the desk fills in (paging is the client's). */
export type HotelSearchParams = Pick<
  HotelAvailabilityQuery,
  | 'city'
  | 'hotelId'
  | 'checkIn'
  | 'checkOut'
  | 'guests'
  | 'rooms'
  | 'minNightlyRate'
  | 'maxNightlyRate'
  | 'stars'
  | 'amenities'
  | 'sort'
>;
export type FlightSearchParams = Pick<FlightAvailabilityQuery, 'from' | 'to' | 'date' | 'passengers'>;
export type CarSearchParams = Pick<CarAvailabilityQuery, 'location' | 'pickUp' | 'dropOff'>;

/** Rows one search shows; the answer's `total` says when there are more. */
export const SEARCH_PAGE_SIZE = 50;

/** Every car location, for the pick-up field and a car change. */
export async function fetchCarLocations() {
  return (await call('listCarLocations')).items;
}

/** A hotel search as the server takes it: amenities listed with commas. */
export function hotelQuery(p: HotelSearchParams) {
  const { amenities, ...rest } = p;
  return { ...rest, amenities: amenities?.join(','), limit: SEARCH_PAGE_SIZE };
}

/**
 * The cities that have hotels, for the city field's suggestions, and the amenities hotels list, most
 * common first, for the amenity filter.
 */
export async function fetchHotelFacets(): Promise<{ cities: string[]; amenities: string[] }> {
  const hotels = (await call('listHotels', { query: { limit: 200 } })).items;
  const cities = [...new Set(hotels.map((h) => h.city))].sort((a, b) => a.localeCompare(b));
  const counts = new Map<string, number>();
  for (const h of hotels) for (const a of h.amenities) counts.set(a, (counts.get(a) ?? 0) + 1);
  const amenities = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([a]) => a);
  return { cities, amenities };
}
