import type { Request, Response } from 'express';
import { conversionCsv, occupancyCsv, reportFileName, salesCsv } from '@tripdesk/shared';
import type { ReportsService } from '../../reports/reports.ts';
import { responded, type Handlers } from '../mount.ts';

/**
 * Reports (extension of API.md): occupancy/ADR/RevPAR, sales and refunds, conversion. Admins and the
 * front desk (its own hotel; the service answers 403 to agents, 404 for another hotel). Each answers
 * JSON, or CSV with `?format=csv` or `Accept: text/csv`.
 */
export function reportHandlers(reports: ReportsService) {
  return {
    getOccupancyReport: async ({ user, query, req, res }) => {
      send(req, res, query, await reports.occupancy(user, query), 'occupancy', occupancyCsv);
      return responded;
    },
    getSalesReport: async ({ user, query, req, res }) => {
      send(req, res, query, await reports.sales(user, query), 'sales', salesCsv);
      return responded;
    },
    getConversionReport: async ({ user, query, req, res }) => {
      send(req, res, query, await reports.conversion(user, query), 'conversion', conversionCsv);
      return responded;
    },
  } satisfies Handlers<'getOccupancyReport' | 'getSalesReport' | 'getConversionReport'>;
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
