import {
  CarAvailabilityQuerySchema,
  CarAvailabilityResultsSchema,
  FlightAvailabilityQuerySchema,
  FlightAvailabilityResultsSchema,
  HotelAvailabilityQuerySchema,
  HotelAvailabilityResultsSchema,
} from '../availability.ts';
import { signedIn, route } from './route.ts';

export const availabilityRoutes = {
  searchHotelAvailability: route({
    method: 'get',
    path: '/api/availability/hotels',
    tag: 'availability',
    access: signedIn,
    summary: 'Room types with enough free rooms over every night asked',
    query: HotelAvailabilityQuerySchema,
    success: { status: 200, description: 'Matching room types.', schema: HotelAvailabilityResultsSchema },
  }),
  searchFlightAvailability: route({
    method: 'get',
    path: '/api/availability/flights',
    tag: 'availability',
    access: signedIn,
    summary: 'Fare classes with enough free seats on a day’s flights',
    query: FlightAvailabilityQuerySchema,
    success: {
      status: 200,
      description: 'Matching fare classes.',
      schema: FlightAvailabilityResultsSchema,
    },
  }),
  searchCarAvailability: route({
    method: 'get',
    path: '/api/availability/cars',
    tag: 'availability',
    access: signedIn,
    summary: 'Car categories free at a location over every rental day',
    query: CarAvailabilityQuerySchema,
    success: { status: 200, description: 'Matching categories.', schema: CarAvailabilityResultsSchema },
  }),
} as const;
