import { ExtrasCatalogSchema, SetExtrasCatalogRequestSchema } from '../extras.ts';
import { CarLocationParamsSchema, FlightParamsSchema, HotelParamsSchema } from '../inventory.ts';
import { adminOnly, route, signedIn } from './route.ts';

const GET_DESCRIPTION =
  'Its own list when an admin set one (`custom: true`), else the built-in list every new one gets. ' +
  'Searches and holds price extras from this list.';
const SET_DESCRIPTION =
  'Replaces the whole list (at most 20, codes unique). Items already held or sold keep the extras and ' +
  'prices they were sold with; a code taken off the list can no longer be asked for.';

/** The extras catalogue of each hotel, flight and car location (extension): read by all, set by admins. */
export const extrasRoutes = {
  getHotelExtras: route({
    method: 'get',
    path: '/api/hotels/{hotelId}/extras',
    tag: 'inventory',
    access: signedIn,
    summary: 'The extras a hotel sells (extension)',
    description: GET_DESCRIPTION,
    params: HotelParamsSchema,
    success: { status: 200, description: 'The catalogue.', schema: ExtrasCatalogSchema },
    errors: ['not_found'],
  }),
  setHotelExtras: route({
    method: 'put',
    path: '/api/hotels/{hotelId}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the extras a hotel sells (admin; extension)',
    description: SET_DESCRIPTION,
    params: HotelParamsSchema,
    body: SetExtrasCatalogRequestSchema,
    success: { status: 200, description: 'The catalogue as saved.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
  resetHotelExtras: route({
    method: 'delete',
    path: '/api/hotels/{hotelId}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Give a hotel the built-in extras again (admin; extension)',
    params: HotelParamsSchema,
    success: { status: 200, description: 'The built-in catalogue.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
  getFlightExtras: route({
    method: 'get',
    path: '/api/flights/{flightId}/extras',
    tag: 'inventory',
    access: signedIn,
    summary: 'The extras a flight sells (extension)',
    description: GET_DESCRIPTION,
    params: FlightParamsSchema,
    success: { status: 200, description: 'The catalogue.', schema: ExtrasCatalogSchema },
    errors: ['not_found'],
  }),
  setFlightExtras: route({
    method: 'put',
    path: '/api/flights/{flightId}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the extras a flight sells (admin; extension)',
    description: SET_DESCRIPTION,
    params: FlightParamsSchema,
    body: SetExtrasCatalogRequestSchema,
    success: { status: 200, description: 'The catalogue as saved.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
  resetFlightExtras: route({
    method: 'delete',
    path: '/api/flights/{flightId}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Give a flight the built-in extras again (admin; extension)',
    params: FlightParamsSchema,
    success: { status: 200, description: 'The built-in catalogue.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
  getCarLocationExtras: route({
    method: 'get',
    path: '/api/car-locations/{code}/extras',
    tag: 'inventory',
    access: signedIn,
    summary: 'The extras a car location sells (extension)',
    description: GET_DESCRIPTION,
    params: CarLocationParamsSchema,
    success: { status: 200, description: 'The catalogue.', schema: ExtrasCatalogSchema },
    errors: ['not_found'],
  }),
  setCarLocationExtras: route({
    method: 'put',
    path: '/api/car-locations/{code}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Set the extras a car location sells (admin; extension)',
    description: SET_DESCRIPTION,
    params: CarLocationParamsSchema,
    body: SetExtrasCatalogRequestSchema,
    success: { status: 200, description: 'The catalogue as saved.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
  resetCarLocationExtras: route({
    method: 'delete',
    path: '/api/car-locations/{code}/extras',
    tag: 'inventory',
    access: adminOnly,
    summary: 'Give a car location the built-in extras again (admin; extension)',
    params: CarLocationParamsSchema,
    success: { status: 200, description: 'The built-in catalogue.', schema: ExtrasCatalogSchema },
    errors: ['forbidden', 'not_found'],
  }),
};
