import {
  CarAvailabilityResultsSchema,
  CarLocationListSchema,
  FlightAvailabilityResultsSchema,
  HotelAvailabilityResultsSchema,
  HotelListSchema,
  SeatMapSchema,
  type CarAvailabilityResults,
  type CarLocationList,
  type FlightAvailabilityResults,
  type HotelAvailabilityResults,
  type SeatMap,
} from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { parseAnswer } from '../trips/trips-api.ts';

/** Availability searches and what the search forms offer to choose from. */

export interface HotelSearchParams {
  readonly city?: string;
  /** Extension: one hotel only (changing a held stay keeps its hotel). */
  readonly hotelId?: string;
  readonly checkIn: string;
  readonly checkOut: string;
  readonly guests: number;
  readonly rooms: number;
}

export interface FlightSearchParams {
  readonly from: string;
  readonly to: string;
  readonly date: string;
  readonly passengers: number;
}

export interface CarSearchParams {
  readonly location: string;
  readonly pickUp: string;
  readonly dropOff: string;
}

/** Rows one search shows; the answer's `total` says when there are more. */
export const SEARCH_PAGE_SIZE = 50;

/** Every search's key starts with `availability` and its store: live updates invalidate by them. */
export const searchKeys = {
  all: ['availability'] as const,
  hotels: (p: HotelSearchParams) => ['availability', 'hotels', p] as const,
  flights: (p: FlightSearchParams) => ['availability', 'flights', p] as const,
  cars: (p: CarSearchParams) => ['availability', 'cars', p] as const,
  seatMap: (flightId: string) => ['availability', 'seat-map', flightId] as const,
};

export const carLocationsKey = ['car-locations'] as const;
export const hotelCitiesKey = ['hotel-cities'] as const;

export async function searchHotels(p: HotelSearchParams): Promise<HotelAvailabilityResults> {
  const response = await api.get('/api/availability/hotels', { params: { ...p, limit: SEARCH_PAGE_SIZE } });
  return parseAnswer(HotelAvailabilityResultsSchema, response.data);
}

export async function searchFlights(p: FlightSearchParams): Promise<FlightAvailabilityResults> {
  const response = await api.get('/api/availability/flights', {
    params: { ...p, limit: SEARCH_PAGE_SIZE, sort: 'name' },
  });
  return parseAnswer(FlightAvailabilityResultsSchema, response.data);
}

export async function searchCars(p: CarSearchParams): Promise<CarAvailabilityResults> {
  const response = await api.get('/api/availability/cars', { params: { ...p, limit: SEARCH_PAGE_SIZE } });
  return parseAnswer(CarAvailabilityResultsSchema, response.data);
}

export async function fetchSeatMap(flightId: string): Promise<SeatMap> {
  const response = await api.get(`/api/flights/${encodeURIComponent(flightId)}/seats`);
  return parseAnswer(SeatMapSchema, response.data);
}

export async function fetchCarLocations(): Promise<CarLocationList['items']> {
  return parseAnswer(CarLocationListSchema, (await api.get('/api/car-locations')).data).items;
}

/** The cities that have hotels, for the city field's suggestions. */
export async function fetchHotelCities(): Promise<string[]> {
  const response = await api.get('/api/hotels', { params: { limit: 200 } });
  const cities = parseAnswer(HotelListSchema, response.data).items.map((h) => h.city);
  return [...new Set(cities)].sort((a, b) => a.localeCompare(b));
}
