import type { FlightSchedulesService } from '../../inventory/flight-schedules.ts';
import type { InventoryService } from '../../inventory/inventory.ts';
import type { OutOfOrderAndClosuresService } from '../../inventory/out-of-order-and-closures.ts';
import type { Handlers } from '../mount.ts';

/** The inventory API (API.md, "Inventory"): admins write, every signed-in user reads (the route table). */
export function inventoryHandlers(
  inventory: InventoryService,
  schedules: FlightSchedulesService,
  control: OutOfOrderAndClosuresService,
) {
  return {
    // Hotels and room types
    createHotel: ({ body }) => inventory.createHotel(body),
    listHotels: ({ query }) => inventory.listHotels(query),
    getHotel: ({ params }) => inventory.getHotel(params.hotelId),
    createRoomType: ({ params, body }) => inventory.createRoomType(params.hotelId, body),
    updateRoomType: ({ params, body }) => inventory.updateRoomType(params.hotelId, params.roomTypeId, body),
    setOverbooking: ({ params, body }) => inventory.setOverbooking(params.hotelId, params.roomTypeId, body),
    // Airports and flights
    listAirports: ({ query }) => inventory.listAirports(query),
    createAirport: ({ body }) => inventory.createAirport(body),
    createFlight: ({ body }) => inventory.createFlight(body),
    getFlight: ({ params }) => inventory.getFlight(params.flightId),
    getSeatMap: ({ params }) => inventory.seatMap(params.flightId),
    // Recurring flight schedules
    createFlightSchedule: ({ body }) => schedules.create(body),
    listFlightSchedules: () => schedules.list(),
    getFlightSchedule: ({ params }) => schedules.get(params.scheduleId),
    updateFlightSchedule: ({ params, body }) => schedules.update(params.scheduleId, body),
    deleteFlightSchedule: ({ params }) => schedules.retire(params.scheduleId),
    // Car locations and cars
    createCarLocation: ({ body }) => inventory.createCarLocation(body),
    listCarLocations: ({ query }) => inventory.listCarLocations(query),
    listCars: ({ params }) => inventory.listCars(params.code),
    createCar: ({ params, body }) => inventory.addCar(params.code, body),
    removeCar: ({ params }) => inventory.removeCar(params.code, params.carId),
    // Edits and retirement (extensions)
    updateHotel: ({ params, body }) => inventory.updateHotel(params.hotelId, body),
    updateFlight: ({ params, body }) => inventory.updateFlight(params.flightId, body),
    updateFareClass: ({ params, body }) => inventory.updateFareClass(params.flightId, params.fareClass, body),
    updateCarLocation: ({ params, body }) => inventory.updateCarLocation(params.code, body),
    updateCar: ({ params, body }) => inventory.updateCar(params.code, params.carId, body),
    // Rooms out of order and stop-sell (extensions)
    listOutOfOrder: ({ user, params, query }) => control.listOutOfOrder(user, params.hotelId, query),
    createOutOfOrder: ({ params, body }) => control.createOutOfOrder(params.hotelId, body),
    deleteOutOfOrder: ({ params }) => control.deleteOutOfOrder(params.hotelId, params.periodId),
    listHotelClosures: ({ params, query }) => control.listHotelClosures(params.hotelId, query),
    createHotelClosure: ({ params, body }) => control.createHotelClosure(params.hotelId, body),
    deleteHotelClosure: ({ params }) => control.deleteHotelClosure(params.hotelId, params.closureId),
    listFlightClosures: ({ query }) => control.listFlightClosures(query.flightNumber),
    createFlightClosure: ({ body }) => control.createFlightClosure(body),
    deleteFlightClosure: ({ params }) => control.deleteFlightClosure(params.closureId),
    listCarClosures: ({ params, query }) => control.listCarClosures(params.code, query),
    createCarClosure: ({ params, body }) => control.createCarClosure(params.code, body),
    deleteCarClosure: ({ params }) => control.deleteCarClosure(params.code, params.closureId),
  } satisfies Handlers<
    | 'createHotel'
    | 'listHotels'
    | 'getHotel'
    | 'createRoomType'
    | 'updateRoomType'
    | 'setOverbooking'
    | 'listAirports'
    | 'createAirport'
    | 'createFlight'
    | 'getFlight'
    | 'getSeatMap'
    | 'createFlightSchedule'
    | 'listFlightSchedules'
    | 'getFlightSchedule'
    | 'updateFlightSchedule'
    | 'deleteFlightSchedule'
    | 'createCarLocation'
    | 'listCarLocations'
    | 'listCars'
    | 'createCar'
    | 'removeCar'
    | 'updateHotel'
    | 'updateFlight'
    | 'updateFareClass'
    | 'updateCarLocation'
    | 'updateCar'
    | 'listOutOfOrder'
    | 'createOutOfOrder'
    | 'deleteOutOfOrder'
    | 'listHotelClosures'
    | 'createHotelClosure'
    | 'deleteHotelClosure'
    | 'listFlightClosures'
    | 'createFlightClosure'
    | 'deleteFlightClosure'
    | 'listCarClosures'
    | 'createCarClosure'
    | 'deleteCarClosure'
  >;
}
