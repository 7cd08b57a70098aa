import { reportFileName, type ReportQuery } from '@tripdesk/shared';
import { download } from '../api/call.ts';
import { saveDownload } from '../api/save-download.ts';

/** The report actions by the name the screen and the CSV file use. */
export const reportOperations = {
  occupancy: 'getOccupancyReport',
  sales: 'getSalesReport',
  conversion: 'getConversionReport',
} as const;
export type ReportName = keyof typeof reportOperations;

/** The period asked (`to` exclusive), and one hotel or `''` for every hotel (admins; the desk's is the server's choice). */
export type ReportPeriod = Pick<ReportQuery, 'from' | 'to'> & { readonly hotelId: string };

/** The report query of a period; an empty `hotelId` is left out of the URL (every hotel). */
export const reportQuery = (p: ReportPeriod) => ({ from: p.from, to: p.to, hotelId: p.hotelId });

/** Downloads a report as CSV into the user's downloads; answers the file name. */
export async function downloadCsv(name: ReportName, p: ReportPeriod): Promise<string> {
  const csv = await download(reportOperations[name], 'text/csv', {
    query: { ...reportQuery(p), format: 'csv' },
  });
  const fileName = reportFileName(name, p.from, p.to);
  saveDownload(csv, fileName);
  return fileName;
}
