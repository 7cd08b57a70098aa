import type { ExtrasCatalogService } from '../../selling/extras.ts';
import type { Handlers } from '../mount.ts';

/** The extras catalogue of each hotel, flight and car location (extension). */
export function extrasHandlers(extras: ExtrasCatalogService) {
  const hotel = (id: string) => ({ itemType: 'hotel' as const, id });
  const flight = (id: string) => ({ itemType: 'flight' as const, id });
  const location = (id: string) => ({ itemType: 'car' as const, id });
  return {
    getHotelExtras: ({ params }) => extras.get(hotel(params.hotelId)),
    setHotelExtras: ({ params, body }) => extras.set(hotel(params.hotelId), body),
    resetHotelExtras: ({ params }) => extras.reset(hotel(params.hotelId)),
    getFlightExtras: ({ params }) => extras.get(flight(params.flightId)),
    setFlightExtras: ({ params, body }) => extras.set(flight(params.flightId), body),
    resetFlightExtras: ({ params }) => extras.reset(flight(params.flightId)),
    getCarLocationExtras: ({ params }) => extras.get(location(params.code)),
    setCarLocationExtras: ({ params, body }) => extras.set(location(params.code), body),
    resetCarLocationExtras: ({ params }) => extras.reset(location(params.code)),
  } satisfies Handlers<
    | 'getHotelExtras'
    | 'setHotelExtras'
    | 'resetHotelExtras'
    | 'getFlightExtras'
    | 'setFlightExtras'
    | 'resetFlightExtras'
    | 'getCarLocationExtras'
    | 'setCarLocationExtras'
    | 'resetCarLocationExtras'
  >;
}
