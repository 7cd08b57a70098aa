import {
  ConversionReportSchema,
  OccupancyReportSchema,
  reportFileName,
  SalesReportSchema,
  type CalendarDate,
  type ConversionReport,
  type OccupancyReport,
  type SalesReport,
} from '@tripdesk/shared';
import { api } from '../api/client.ts';
import { saveDownload } from '../api/save-download.ts';
import { pathWithQuery } from '../api/query-string.ts';

/** The reports' calls (extension of API.md: `GET /api/reports/...`), JSON and CSV. */

export type ReportName = 'occupancy' | 'sales' | 'conversion';

export interface ReportPeriod {
  readonly from: CalendarDate;
  /** Exclusive. */
  readonly to: CalendarDate;
  /** One hotel; empty for every hotel (admins). The desk's own hotel is decided by the server. */
  readonly hotelId: string;
}

export const reportKeys = {
  all: ['reports'] as const,
  report: (name: ReportName, p: ReportPeriod) => ['reports', name, p.from, p.to, p.hotelId] as const,
};

export const reportPath = (name: ReportName, p: ReportPeriod, format?: 'csv') =>
  pathWithQuery(`/api/reports/${name}`, { from: p.from, to: p.to, hotelId: p.hotelId, format });

export async function fetchOccupancy(p: ReportPeriod): Promise<OccupancyReport> {
  return OccupancyReportSchema.parse((await api.get(reportPath('occupancy', p))).data);
}

export async function fetchSales(p: ReportPeriod): Promise<SalesReport> {
  return SalesReportSchema.parse((await api.get(reportPath('sales', p))).data);
}

export async function fetchConversion(p: ReportPeriod): Promise<ConversionReport> {
  return ConversionReportSchema.parse((await api.get(reportPath('conversion', p))).data);
}

/** Downloads a report as CSV into the user's downloads; answers the file name. */
export async function downloadCsv(name: ReportName, p: ReportPeriod): Promise<string> {
  const response = await api.get<Blob | string>(reportPath(name, p, 'csv'), {
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  const data = response.data;
  const blob = data instanceof Blob ? data : new Blob([data], { type: 'text/csv' });
  const fileName = reportFileName(name, p.from, p.to);
  saveDownload(blob, fileName);
  return fileName;
}
