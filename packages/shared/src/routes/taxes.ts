import { SetTaxRulesRequestSchema, TaxRulesSchema } from '../taxes.ts';
import { CarLocationParamsSchema, FlightParamsSchema, HotelParamsSchema } from '../inventory.ts';
import { adminOnly, route, signedIn } from './route.ts';

const SET_DESCRIPTION =
  'Replaces the whole list (at most 10, codes unique): a percentage of the price with extras, included ' +
  '(VAT) or added, or a fixed fee per booking, person, night, person-night or day. Applies to quotes and ' +
  'holds from now on; held and sold items keep the taxes they were sold with.';

/** The taxes and fees of each hotel, flight and car location (extension): read by all, set by admins. */
export const taxRoutes = {
  getHotelTaxes: route({
    method: 'get',
    path: '/api/hotels/{hotelId}/taxes',
    tag: 'inventory',
    access: signedIn,
    summary: 'The taxes and fees of a hotel (extension)',
    params: HotelParamsSchema,
    success: { status: 200, description: 'Its rules, in order.', schema: TaxRulesSchema },
    errors: ['not_found'],
  }),
  setHotelTaxes: route({
    method: 'put',
    path: '/api/hotels/{hotelId}/taxes',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the taxes and fees of a hotel (admin; extension)',
    description: SET_DESCRIPTION,
    params: HotelParamsSchema,
    body: SetTaxRulesRequestSchema,
    success: { status: 200, description: 'The rules as saved.', schema: TaxRulesSchema },
    errors: ['forbidden', 'not_found'],
  }),
  getFlightTaxes: route({
    method: 'get',
    path: '/api/flights/{flightId}/taxes',
    tag: 'inventory',
    access: signedIn,
    summary: 'The taxes and fees of a flight (extension)',
    params: FlightParamsSchema,
    success: { status: 200, description: 'Its rules, in order.', schema: TaxRulesSchema },
    errors: ['not_found'],
  }),
  setFlightTaxes: route({
    method: 'put',
    path: '/api/flights/{flightId}/taxes',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the taxes and fees of a flight (admin; extension)',
    description: SET_DESCRIPTION,
    params: FlightParamsSchema,
    body: SetTaxRulesRequestSchema,
    success: { status: 200, description: 'The rules as saved.', schema: TaxRulesSchema },
    errors: ['forbidden', 'not_found'],
  }),
  getCarLocationTaxes: route({
    method: 'get',
    path: '/api/car-locations/{code}/taxes',
    tag: 'inventory',
    access: signedIn,
    summary: 'The taxes and fees of a car location (extension)',
    params: CarLocationParamsSchema,
    success: { status: 200, description: 'Its rules, in order.', schema: TaxRulesSchema },
    errors: ['not_found'],
  }),
  setCarLocationTaxes: route({
    method: 'put',
    path: '/api/car-locations/{code}/taxes',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the taxes and fees of a car location (admin; extension)',
    description: SET_DESCRIPTION,
    params: CarLocationParamsSchema,
    body: SetTaxRulesRequestSchema,
    success: { status: 200, description: 'The rules as saved.', schema: TaxRulesSchema },
    errors: ['forbidden', 'not_found'],
  }),
};
