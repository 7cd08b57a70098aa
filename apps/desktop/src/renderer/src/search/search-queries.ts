import type { CarAvailabilityQuery, FlightAvailabilityQuery, HotelAvailabilityQuery } from '@tripdesk/shared';
import { call } from '../api/call.ts';

/** What the search forms ask: the availability queries' fields the desk fills in (paging is the client's). */
export type HotelSearchParams = Pick<
  HotelAvailabilityQuery,
  'city' | 'hotelId' | 'checkIn' | 'checkOut' | 'guests' | 'rooms'
>;
export type FlightSearchParams = Pick<FlightAvailabilityQuery, 'from' | 'to' | 'date' | 'passengers'>;
export type CarSearchParams = Pick<CarAvailabilityQuery, 'location' | 'pickUp' | 'dropOff'>;

/** Rows one search shows; the answer's `total` says when there are more. */
export const SEARCH_PAGE_SIZE = 50;

/** Every car location, for the pick-up field and a car change. */
export async function fetchCarLocations() {
  return (await call('listCarLocations')).items;
}

/** The cities that have hotels, for the city field's suggestions. */
export async function fetchHotelCities(): Promise<string[]> {
  const cities = (await call('listHotels', { query: { limit: 200 } })).items.map((h) => h.city);
  return [...new Set(cities)].sort((a, b) => a.localeCompare(b));
}
