import { Router } from 'express';
import {
  CheckInRequestSchema,
  HotelBookingsQuerySchema,
  HotelParamsSchema,
  StaysQuerySchema,
  TripItemParamsSchema,
} from '@tripdesk/shared';
import type { FrontDeskService } from '../../front-desk/stays.ts';
import { currentUser, requireRole } from '../auth.ts';
import { parse } from '../validate.ts';

/**
 * The front desk (API.md, "Front desk"): a hotel's arrivals, in-house guests and departures, its stays
 * over a range (the room chart, extension), check-in and check-out. Agents sell and may read the lists; only the desk and admins check guests in and out.
 */
export function frontDeskRoutes(desk: FrontDeskService): Router {
  const r = Router();
  const works = requireRole('admin', 'frontdesk');
  r.get('/api/hotels/:hotelId/stays', async (req, res) => {
    const { hotelId } = parse(HotelParamsSchema, req.params, 'params');
    const { date } = parse(StaysQuerySchema, req.query, 'query');
    res.json(await desk.stays(currentUser(req), hotelId, date));
  });
  r.get('/api/hotels/:hotelId/bookings', async (req, res) => {
    const { hotelId } = parse(HotelParamsSchema, req.params, 'params');
    const { from, to } = parse(HotelBookingsQuerySchema, req.query, 'query');
    res.json(await desk.bookings(currentUser(req), hotelId, from, to));
  });
  r.post('/api/trips/:tripId/items/:itemId/check-in', works, async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    const body = parse(CheckInRequestSchema, req.body, 'body');
    res.json(await desk.checkIn(currentUser(req), tripId, itemId, body));
  });
  r.post('/api/trips/:tripId/items/:itemId/check-out', works, async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    res.json(await desk.checkOut(currentUser(req), tripId, itemId));
  });
  return r;
}
