import { Router } from 'express';
import {
  CancelItemRequestSchema,
  CancelTripRequestSchema,
  TripItemParamsSchema,
  TripParamsSchema,
} from '@tripdesk/shared';
import type { CancellationService } from '../../after-sale/cancellation.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/**
 * Cancelling a trip (API.md, "Trips") or one of its items, and the quote the desk shows first: every
 * signed-in role within its scope (a front desk: its own hotel's stays).
 */
export function cancellationRoutes(cancellation: CancellationService): Router {
  const r = Router();
  r.post('/api/trips/:tripId/cancel', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    const { reason } = parse(CancelTripRequestSchema, req.body, 'body');
    res.json(await cancellation.cancelTrip(currentUser(req), tripId, reason));
  });
  r.get('/api/trips/:tripId/cancel-quote', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    res.json(await cancellation.quote(currentUser(req), tripId));
  });
  r.post('/api/trips/:tripId/items/:itemId/cancel', async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    const { reason } = parse(CancelItemRequestSchema, req.body, 'body');
    res.json(await cancellation.cancelItem(currentUser(req), tripId, itemId, reason));
  });
  r.get('/api/trips/:tripId/items/:itemId/cancel-quote', async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    res.json(await cancellation.quote(currentUser(req), tripId, itemId));
  });
  return r;
}
