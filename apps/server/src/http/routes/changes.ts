import { Router } from 'express';
import { changeItemRequestSchemaFor, TripItemParamsSchema } from '@tripdesk/shared';
import { DomainError } from '../../errors.ts';
import type { ChangesService } from '../../after-sale/changes.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/**
 * Changing a sold item (extension): agents, admins, and a front desk for its own hotel's stays. Money may
 * move either way, so the request needs an Idempotency-Key, as paying does.
 */
export function changeRoutes(changes: ChangesService, gateway: 'local' | 'stripe'): Router {
  const r = Router();
  const body = changeItemRequestSchemaFor(gateway);
  r.post('/api/trips/:tripId/items/:itemId/change', async (req, res) => {
    const { tripId, itemId } = parse(TripItemParamsSchema, req.params, 'params');
    const key = req.get('idempotency-key');
    if (!key) {
      throw new DomainError(
        'idempotency_key_missing',
        'Send an Idempotency-Key header (a new random value per change): a change may charge or refund.',
      );
    }
    const change = parse(body, req.body, 'body');
    res.json(await changes.change(currentUser(req), tripId, itemId, change, key));
  });
  return r;
}
