import { Router } from 'express';
import {
  CarAvailabilityQuerySchema,
  FlightAvailabilityQuerySchema,
  HotelAvailabilityQuerySchema,
} from '@tripdesk/shared';
import type { AvailabilityService } from '../../selling/availability.ts';
import { parse } from '../validate.ts';

/** Availability searches (API.md, "Availability"): any signed-in user. */
export function availabilityRoutes(availability: AvailabilityService): Router {
  const r = Router();
  r.get('/api/availability/hotels', async (req, res) => {
    res.json(await availability.hotels(parse(HotelAvailabilityQuerySchema, req.query, 'query')));
  });
  r.get('/api/availability/flights', async (req, res) => {
    res.json(await availability.flights(parse(FlightAvailabilityQuerySchema, req.query, 'query')));
  });
  r.get('/api/availability/cars', async (req, res) => {
    res.json(await availability.cars(parse(CarAvailabilityQuerySchema, req.query, 'query')));
  });
  return r;
}
