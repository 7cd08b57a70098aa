import { Router } from 'express';
import type { HealthResponse } from '@tripdesk/shared';
import type { Stores } from '../../stores/index.ts';

/** GET /api/health (public): 200 when every store answers, 503 naming the one that does not. */
export function healthRoutes(stores: Stores, version: string): Router {
  const r = Router();
  r.get('/api/health', async (_req, res) => {
    const s = await stores.health();
    const ok = Object.values(s).every((v) => v === 'ok');
    const body: HealthResponse = { status: ok ? 'ok' : 'degraded', stores: s, version };
    res.status(ok ? 200 : 503).json(body);
  });
  return r;
}
