import { z } from 'zod';
import {
  ConversionReportSchema,
  OccupancyQuerySchema,
  OccupancyReportSchema,
  ReportQuerySchema,
  SalesReportSchema,
} from '@tripdesk/shared';
import type { OperationRoutes, OperationSpec } from '../openapi.ts';

const ACCESS =
  'Admins (every hotel, or one with `hotelId`) and the front desk (its own hotel; another one is ' +
  '`404 not_found`); agents get `403 forbidden`.';
const CSV =
  'With `?format=csv` or `Accept: text/csv` the same figures come as an RFC 4180 CSV file (header row, ' +
  'CRLF lines, amounts in major units beside a currency column, text that would start a spreadsheet ' +
  "formula prefixed with `'`), sent as `Content-Disposition: attachment; " +
  'filename="<report>-<from>-<to>.csv"`.';

/** 200 in either media type: the JSON report, or its CSV. */
function ok(description: string, schema: z.ZodType): Pick<OperationSpec, 'success' | 'extraResponses'> {
  return {
    success: { status: 200, description, schema },
    extraResponses: {
      '200': {
        description,
        content: {
          'application/json': { schema },
          'text/csv': { schema: z.string().meta({ description: 'The report as CSV.' }) },
        },
      },
    },
  };
}

/** Reports (extension of API.md): their paths in the OpenAPI document. */
export const reportOperations: OperationRoutes = {
  '/api/reports/occupancy': {
    get: {
      operationId: 'getOccupancyReport',
      tag: 'reports',
      summary: 'Occupancy, ADR and RevPAR per hotel over a period (extension)',
      description:
        `${ACCESS} Room-nights available are the rooms of every room type × the nights of [from, to); sold ` +
        'are rooms × nights of confirmed, checked-in and checked-out stays (cancelled ones do not count). ' +
        'Room revenue is the stays’ prices without extras, spread evenly over their nights. Hotels by name, ' +
        `paged with limit/offset. ${CSV}`,
      query: OccupancyQuerySchema,
      ...ok('Occupancy per hotel.', OccupancyReportSchema),
      errors: ['forbidden', 'not_found'],
    },
  },
  '/api/reports/sales': {
    get: {
      operationId: 'getSalesReport',
      tag: 'reports',
      summary: 'Sales and refunds by day, item type and currency (extension)',
      description:
        `${ACCESS} A sale counts on the UTC date its money was captured (a change’s supplement on the date ` +
        'of the change), a refund on the UTC date it succeeded. With `hotelId` (and for the desk): stays ' +
        `of that hotel only. ${CSV}`,
      query: ReportQuerySchema,
      ...ok('Sales and refunds.', SalesReportSchema),
      errors: ['forbidden', 'not_found'],
    },
  },
  '/api/reports/conversion': {
    get: {
      operationId: 'getConversionReport',
      tag: 'reports',
      summary: 'Holds placed, paid, expired and released; cancellation and payment failure rates (extension)',
      description:
        `${ACCESS} The items placed in the period (UTC dates) and what became of them by now; the ` +
        'cancellation rate is cancelled / paid of those items; pay attempts started in the period and how ' +
        `many failed or were declined. ${CSV}`,
      query: ReportQuerySchema,
      ...ok('The booking funnel and failure rates.', ConversionReportSchema),
      errors: ['forbidden', 'not_found'],
    },
  },
};
