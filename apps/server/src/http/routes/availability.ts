import type { AvailabilityService } from '../../selling/availability.ts';
import type { Handlers } from '../mount.ts';

/** Availability searches (API.md, "Availability"): any signed-in user. */
export function availabilityHandlers(availability: AvailabilityService) {
  return {
    searchHotelAvailability: ({ query }) => availability.hotels(query),
    searchFlightAvailability: ({ query }) => availability.flights(query),
    searchCarAvailability: ({ query }) => availability.cars(query),
  } satisfies Handlers<'searchHotelAvailability' | 'searchFlightAvailability' | 'searchCarAvailability'>;
}
