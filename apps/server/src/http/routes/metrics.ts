import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { DomainError } from '../../errors.ts';
import type { Metrics } from '../../metrics.ts';

/**
 * GET /metrics: Prometheus text format, outside /api (not JSON, not in the OpenAPI document). Public
 * when METRICS_TOKEN is unset (the default bind is loopback); otherwise `Authorization: Bearer <token>`.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const r = Router();
  const expected = token ? digest(token) : undefined;
  r.get('/metrics', async (req, res) => {
    if (expected) {
      const m = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
        throw new DomainError(
          'unauthenticated',
          'GET /metrics needs the METRICS_TOKEN as a bearer token.',
          {},
          { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        );
      }
    }
    const text = await metrics.text();
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.contentType()).send(text);
  });
  return r;
}

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
