import { Router, type Request, type Response } from 'express';
import {
  conversionCsv,
  occupancyCsv,
  OccupancyQuerySchema,
  reportFileName,
  ReportQuerySchema,
  salesCsv,
} from '@tripdesk/shared';
import type { ReportsService } from '../../reports/reports.ts';
import { currentUser } from '../auth.ts';
import { parse } from '../validate.ts';

/**
 * Reports (extension of API.md): occupancy/ADR/RevPAR, sales and refunds, conversion. Admins and the
 * front desk (its own hotel; the service answers 403 to agents, 404 for another hotel). Each answers
 * JSON, or CSV with `?format=csv` or `Accept: text/csv`.
 */
export function reportRoutes(reports: ReportsService): Router {
  const r = Router();
  r.get('/api/reports/occupancy', async (req, res) => {
    const q = parse(OccupancyQuerySchema, req.query, 'query');
    const report = await reports.occupancy(currentUser(req), q);
    send(req, res, q, report, 'occupancy', occupancyCsv);
  });
  r.get('/api/reports/sales', async (req, res) => {
    const q = parse(ReportQuerySchema, req.query, 'query');
    const report = await reports.sales(currentUser(req), q);
    send(req, res, q, report, 'sales', salesCsv);
  });
  r.get('/api/reports/conversion', async (req, res) => {
    const q = parse(ReportQuerySchema, req.query, 'query');
    const report = await reports.conversion(currentUser(req), q);
    send(req, res, q, report, 'conversion', conversionCsv);
  });
  return r;
}

/** `format` decides; without it, the Accept header (JSON unless text/csv is preferred). */
function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function send<T>(
  req: Request,
  res: Response,
  q: { from: string; to: string; format?: 'json' | 'csv' | undefined },
  report: T,
  name: 'occupancy' | 'sales' | 'conversion',
  csv: (report: T) => string,
): void {
  res.vary('Accept');
  if (!wantsCsv(req, q.format)) {
    res.json(report);
    return;
  }
  res
    .status(200)
    .type('text/csv; charset=utf-8; header=present')
    // Quoted always (RFC 6266 allows either); the name is ASCII letters, digits and dashes.
    .set('Content-Disposition', `attachment; filename="${reportFileName(name, q.from, q.to)}"`)
    .send(csv(report));
}
