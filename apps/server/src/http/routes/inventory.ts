import type { InventoryService } from '../../inventory/inventory.ts';
import type { Handlers } from '../mount.ts';

/** The inventory API (API.md, "Inventory"): admins write, every signed-in user reads (the route table). */
export function inventoryHandlers(inventory: InventoryService) {
  return {
    // Hotels and room types
    createHotel: ({ body }) => inventory.createHotel(body),
    listHotels: ({ query }) => inventory.listHotels(query),
    getHotel: ({ params }) => inventory.getHotel(params.hotelId),
    createRoomType: ({ params, body }) => inventory.createRoomType(params.hotelId, body),
    updateRoomType: ({ params, body }) => inventory.updateRoomType(params.hotelId, params.roomTypeId, body),
    // Airports and flights
    listAirports: ({ query }) => inventory.listAirports(query),
    createAirport: ({ body }) => inventory.createAirport(body),
    createFlight: ({ body }) => inventory.createFlight(body),
    getFlight: ({ params }) => inventory.getFlight(params.flightId),
    getSeatMap: ({ params }) => inventory.seatMap(params.flightId),
    // Car locations and cars
    createCarLocation: ({ body }) => inventory.createCarLocation(body),
    listCarLocations: ({ query }) => inventory.listCarLocations(query),
    listCars: ({ params }) => inventory.listCars(params.code),
    createCar: ({ params, body }) => inventory.addCar(params.code, body),
    removeCar: ({ params }) => inventory.removeCar(params.code, params.carId),
  } satisfies Handlers<
    | 'createHotel'
    | 'listHotels'
    | 'getHotel'
    | 'createRoomType'
    | 'updateRoomType'
    | 'listAirports'
    | 'createAirport'
    | 'createFlight'
    | 'getFlight'
    | 'getSeatMap'
    | 'createCarLocation'
    | 'listCarLocations'
    | 'listCars'
    | 'createCar'
    | 'removeCar'
  >;
}
