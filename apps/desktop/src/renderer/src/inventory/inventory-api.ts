import {
  CarListSchema,
  CarLocationListSchema,
  CarLocationSchema,
  CarSchema,
  FlightAvailabilityResultsSchema,
  FlightDetailSchema,
  FlightSchema,
  HotelDetailSchema,
  HotelListSchema,
  HotelSchema,
  RoomTypeSchema,
  SeatMapSchema,
  type Car,
  type CarList,
  type CarLocation,
  type CarLocationList,
  type CreateCarLocationRequest,
  type CreateCarRequest,
  type CreateFlightRequest,
  type CreateHotelRequest,
  type CreateRoomTypeRequest,
  type Flight,
  type FlightAvailabilityResults,
  type FlightDetail,
  type Hotel,
  type HotelDetail,
  type HotelList,
  type RoomType,
  type SeatMap,
  type UpdateRoomTypeRequest,
} from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { pathWithQuery } from '../api/query-string.ts';

/** The inventory endpoints (API.md "Inventory" and its extensions): admins write, everyone reads. */

const enc = encodeURIComponent;

export interface HotelFilter {
  readonly city?: string;
  readonly q?: string;
  readonly limit?: number;
  readonly offset?: number;
}

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

export async function fetchHotels(filter: HotelFilter): Promise<HotelList> {
  const response = await api.get(pathWithQuery('/api/hotels', { ...filter }));
  return HotelListSchema.parse(response.data);
}

export async function fetchHotel(hotelId: string): Promise<HotelDetail> {
  return HotelDetailSchema.parse((await api.get(`/api/hotels/${enc(hotelId)}`)).data);
}

export async function createHotel(request: CreateHotelRequest): Promise<Hotel> {
  return HotelSchema.parse((await api.post('/api/hotels', request)).data);
}

export async function createRoomType(hotelId: string, request: CreateRoomTypeRequest): Promise<RoomType> {
  const response = await api.post(`/api/hotels/${enc(hotelId)}/room-types`, request);
  return RoomTypeSchema.parse(response.data);
}

export async function updateRoomType(
  hotelId: string,
  roomTypeId: string,
  request: UpdateRoomTypeRequest,
): Promise<RoomType> {
  const response = await api.patch(`/api/hotels/${enc(hotelId)}/room-types/${enc(roomTypeId)}`, request);
  return RoomTypeSchema.parse(response.data);
}

export async function createFlight(request: CreateFlightRequest): Promise<Flight> {
  return FlightSchema.parse((await api.post('/api/flights', request)).data);
}

export async function fetchFlight(flightId: string): Promise<FlightDetail> {
  return FlightDetailSchema.parse((await api.get(`/api/flights/${enc(flightId)}`)).data);
}

export async function fetchSeatMap(flightId: string): Promise<SeatMap> {
  return SeatMapSchema.parse((await api.get(`/api/flights/${enc(flightId)}/seats`)).data);
}

/** There is no list of flights; an admin finds one by route and date, as an agent would. */
export async function searchFlights(
  from: string,
  to: string,
  date: string,
): Promise<FlightAvailabilityResults> {
  const response = await api.get(
    pathWithQuery('/api/availability/flights', { from, to, date, sort: 'name', limit: 200 }),
  );
  return FlightAvailabilityResultsSchema.parse(response.data);
}

export async function fetchCarLocations(city: string): Promise<CarLocationList> {
  return CarLocationListSchema.parse((await api.get(pathWithQuery('/api/car-locations', { city }))).data);
}

export async function createCarLocation(request: CreateCarLocationRequest): Promise<CarLocation> {
  return CarLocationSchema.parse((await api.post('/api/car-locations', request)).data);
}

export async function fetchCars(code: string): Promise<CarList> {
  return CarListSchema.parse((await api.get(`/api/car-locations/${enc(code)}/cars`)).data);
}

export async function addCar(code: string, request: CreateCarRequest): Promise<Car> {
  return CarSchema.parse((await api.post(`/api/car-locations/${enc(code)}/cars`, request)).data);
}

export async function removeCar(code: string, carId: string): Promise<void> {
  await api.delete(`/api/car-locations/${enc(code)}/cars/${enc(carId)}`);
}
