import type { HotelListQuery } from '@tripdesk/shared';

/** The admin's hotel list filter: the list query's fields, each left out for "any". */
export type HotelFilter = Partial<HotelListQuery>;

export const inventoryKeys = {
  hotels: ['hotels'] as const,
  /** Every hotel list and search (not the hotels' details). */
  hotelLists: ['hotels', 'list'] as const,
  hotelList: (filter: HotelFilter) => ['hotels', 'list', filter] as const,
  hotel: (hotelId: string) => ['hotels', 'detail', hotelId] as const,
  flight: (flightId: string) => ['flights', flightId] as const,
  seatMap: (flightId: string) => ['flights', flightId, 'seats'] as const,
  flightSearch: (from: string, to: string, date: string) => ['flights', 'search', from, to, date] as const,
  carLocations: ['car-locations'] as const,
  carLocationList: (city: string) => ['car-locations', 'list', city] as const,
  cars: (code: string) => ['car-locations', code, 'cars'] as const,
};
