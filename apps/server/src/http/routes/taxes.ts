import type { TaxRulesService } from '../../selling/taxes.ts';
import type { Handlers } from '../mount.ts';

/** The taxes and fees of each hotel, flight and car location (extension). */
export function taxHandlers(taxes: TaxRulesService) {
  const hotel = (id: string) => ({ itemType: 'hotel' as const, id });
  const flight = (id: string) => ({ itemType: 'flight' as const, id });
  const location = (id: string) => ({ itemType: 'car' as const, id });
  return {
    getHotelTaxes: ({ params }) => taxes.get(hotel(params.hotelId)),
    setHotelTaxes: ({ params, body }) => taxes.set(hotel(params.hotelId), body),
    getFlightTaxes: ({ params }) => taxes.get(flight(params.flightId)),
    setFlightTaxes: ({ params, body }) => taxes.set(flight(params.flightId), body),
    getCarLocationTaxes: ({ params }) => taxes.get(location(params.code)),
    setCarLocationTaxes: ({ params, body }) => taxes.set(location(params.code), body),
  } satisfies Handlers<
    | 'getHotelTaxes'
    | 'setHotelTaxes'
    | 'getFlightTaxes'
    | 'setFlightTaxes'
    | 'getCarLocationTaxes'
    | 'setCarLocationTaxes'
  >;
}
