import { Router } from 'express';
import {
  CarLocationListQuerySchema,
  CarLocationParamsSchema,
  CarParamsSchema,
  CreateCarLocationRequestSchema,
  CreateCarRequestSchema,
  CreateFlightRequestSchema,
  CreateHotelRequestSchema,
  CreateRoomTypeRequestSchema,
  FlightParamsSchema,
  HotelListQuerySchema,
  HotelParamsSchema,
  RoomTypeParamsSchema,
  UpdateRoomTypeRequestSchema,
} from '@tripdesk/shared';
import type { InventoryService } from '../../inventory/inventory.ts';
import { requireRole } from '../auth.ts';
import { parse } from '../validate.ts';

/** The inventory API (API.md, "Inventory"): admins write, every signed-in user reads. */
export function inventoryRoutes(inventory: InventoryService): Router {
  const r = Router();
  const admin = requireRole('admin');

  // Hotels and room types
  r.post('/api/hotels', admin, async (req, res) => {
    const body = parse(CreateHotelRequestSchema, req.body, 'body');
    res.status(201).json(await inventory.createHotel(body));
  });
  r.get('/api/hotels', async (req, res) => {
    const query = parse(HotelListQuerySchema, req.query, 'query');
    res.json(await inventory.listHotels(query));
  });
  r.get('/api/hotels/:hotelId', async (req, res) => {
    const { hotelId } = parse(HotelParamsSchema, req.params, 'params');
    res.json(await inventory.getHotel(hotelId));
  });
  r.post('/api/hotels/:hotelId/room-types', admin, async (req, res) => {
    const { hotelId } = parse(HotelParamsSchema, req.params, 'params');
    const body = parse(CreateRoomTypeRequestSchema, req.body, 'body');
    res.status(201).json(await inventory.createRoomType(hotelId, body));
  });
  r.patch('/api/hotels/:hotelId/room-types/:roomTypeId', admin, async (req, res) => {
    const { hotelId, roomTypeId } = parse(RoomTypeParamsSchema, req.params, 'params');
    const body = parse(UpdateRoomTypeRequestSchema, req.body, 'body');
    res.json(await inventory.updateRoomType(hotelId, roomTypeId, body));
  });

  // Flights
  r.post('/api/flights', admin, async (req, res) => {
    const body = parse(CreateFlightRequestSchema, req.body, 'body');
    res.status(201).json(await inventory.createFlight(body));
  });
  r.get('/api/flights/:flightId', async (req, res) => {
    const { flightId } = parse(FlightParamsSchema, req.params, 'params');
    res.json(await inventory.getFlight(flightId));
  });
  r.get('/api/flights/:flightId/seats', async (req, res) => {
    const { flightId } = parse(FlightParamsSchema, req.params, 'params');
    res.json(await inventory.seatMap(flightId));
  });

  // Car locations and cars
  r.post('/api/car-locations', admin, async (req, res) => {
    const body = parse(CreateCarLocationRequestSchema, req.body, 'body');
    res.status(201).json(await inventory.createCarLocation(body));
  });
  r.get('/api/car-locations', async (req, res) => {
    const query = parse(CarLocationListQuerySchema, req.query, 'query');
    res.json(await inventory.listCarLocations(query));
  });
  r.get('/api/car-locations/:code/cars', async (req, res) => {
    const { code } = parse(CarLocationParamsSchema, req.params, 'params');
    res.json(await inventory.listCars(code));
  });
  r.post('/api/car-locations/:code/cars', admin, async (req, res) => {
    const { code } = parse(CarLocationParamsSchema, req.params, 'params');
    const body = parse(CreateCarRequestSchema, req.body, 'body');
    res.status(201).json(await inventory.addCar(code, body));
  });
  r.delete('/api/car-locations/:code/cars/:carId', admin, async (req, res) => {
    const { code, carId } = parse(CarParamsSchema, req.params, 'params');
    await inventory.removeCar(code, carId);
    res.status(204).end();
  });
  return r;
}
