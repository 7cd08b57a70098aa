import {
  ConversionReportSchema,
  OccupancyQuerySchema,
  OccupancyReportSchema,
  ReportQuerySchema,
  SalesReportSchema,
} from '../reports.ts';
import { z } from 'zod';
import { deskAndAdmin, route } from './route.ts';

const ACCESS =
  'Admins (every hotel, or one with `hotelId`) and the front desk (its own hotel; another one is ' +
  '`404 not_found`); agents get `403 forbidden`.';
const CSV =
  'With `?format=csv` or `Accept: text/csv` the same figures come as an RFC 4180 CSV file (header row, ' +
  'CRLF lines, amounts in major units beside a currency column, text that would start a spreadsheet ' +
  "formula prefixed with `'`), sent as `Content-Disposition: attachment; " +
  'filename="<report>-<from>-<to>.csv"`.';
/** Every report also answers as CSV. */
const asCsv = { 'text/csv': z.string().meta({ description: 'The report as CSV.' }) };

export const reportRoutes = {
  getOccupancyReport: route({
    method: 'get',
    path: '/api/reports/occupancy',
    tag: 'reports',
    access: deskAndAdmin,
    rolesCheckedBy: 'service',
    summary: 'Occupancy, ADR and RevPAR per hotel over a period (extension)',
    description:
      `${ACCESS} Room-nights available are the rooms of every room type × the nights of [from, to); sold ` +
      'are rooms × nights of confirmed, checked-in and checked-out stays (cancelled ones do not count). ' +
      'Room revenue is the stays’ prices without extras, spread evenly over their nights. Hotels by name, ' +
      `paged with limit/offset. ${CSV}`,
    query: OccupancyQuerySchema,
    success: {
      status: 200,
      description: 'Occupancy per hotel.',
      schema: OccupancyReportSchema,
      alsoAs: asCsv,
    },
    errors: ['forbidden', 'not_found'],
  }),
  getSalesReport: route({
    method: 'get',
    path: '/api/reports/sales',
    tag: 'reports',
    access: deskAndAdmin,
    rolesCheckedBy: 'service',
    summary: 'Sales and refunds by day, item type and currency (extension)',
    description:
      `${ACCESS} A sale counts on the UTC date its money was captured (a change’s supplement on the date ` +
      'of the change), a refund on the UTC date it succeeded. With `hotelId` (and for the desk): stays ' +
      `of that hotel only. ${CSV}`,
    query: ReportQuerySchema,
    success: { status: 200, description: 'Sales and refunds.', schema: SalesReportSchema, alsoAs: asCsv },
    errors: ['forbidden', 'not_found'],
  }),
  getConversionReport: route({
    method: 'get',
    path: '/api/reports/conversion',
    tag: 'reports',
    access: deskAndAdmin,
    rolesCheckedBy: 'service',
    summary: 'Holds placed, paid, expired and released; cancellation and payment failure rates (extension)',
    description:
      `${ACCESS} The items placed in the period (UTC dates) and what became of them by now; the ` +
      'cancellation rate is cancelled / paid of those items; pay attempts started in the period and how ' +
      `many failed or were declined. ${CSV}`,
    query: ReportQuerySchema,
    success: {
      status: 200,
      description: 'The booking funnel and failure rates.',
      schema: ConversionReportSchema,
      alsoAs: asCsv,
    },
    errors: ['forbidden', 'not_found'],
  }),
} as const;
