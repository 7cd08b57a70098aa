import { Router } from 'express';
import {
  AddItemRequestSchema,
  CreateTripRequestSchema,
  TripItemParamsSchema,
  TripListQuerySchema,
  TripParamsSchema,
  type TripList,
} from '@tripdesk/shared';
import type { TripsService } from '../../selling/trips.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/** Trips and their items (API.md "Trips"); every signed-in role, each within its scope. */
export function tripRoutes(trips: TripsService): Router {
  const r = Router();
  r.post('/api/trips', async (req, res) => {
    const body = parse(CreateTripRequestSchema, req.body, 'body');
    const trip = await trips.create(currentUser(req), body);
    res.status(201).location(`/api/trips/${trip.id}`).json(trip);
  });
  r.get('/api/trips', async (req, res) => {
    const query = parse(TripListQuerySchema, req.query, 'query');
    const list: TripList = { items: await trips.list(currentUser(req), query) };
    res.json(list);
  });
  r.get('/api/trips/:tripId', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    res.json(await trips.get(currentUser(req), tripId));
  });
  r.post('/api/trips/:tripId/items', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    const body = parse(AddItemRequestSchema, req.body, 'body');
    res.status(201).json(await trips.addItem(currentUser(req), tripId, body));
  });
  r.delete('/api/trips/:tripId/items/:itemId', async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    await trips.removeItem(currentUser(req), tripId, itemId);
    res.status(204).end();
  });
  return r;
}
