import { z } from 'zod';
import { CalendarDateSchema, daysBetween, isCalendarDate } from './dates.ts';
import { money, MoneySchema, toDecimalString, type Money } from './money.ts';
import { IdSchema } from './users.ts';

/**
 * Reports for admins and the front desk (extension of API.md): occupancy, ADR and RevPAR per hotel;
 * sales and refunds by day and item type; the booking funnel (holds placed → paid / expired /
 * released), the cancellation rate and the payment failure rate. Every report covers the calendar
 * dates [from, to). Hotel nights are the hotel's own dates; instants (captures, refunds, holds placed,
 * pay attempts) count on their UTC date.
 */

/** Longest period one report may cover: a year and a day (a leap year's whole year fits). */
export const MAX_REPORT_DAYS = 366;
/** Hotels per page of the occupancy report for admins (all hotels, by name). */
export const DEFAULT_REPORT_HOTELS = 50;
export const MAX_REPORT_HOTELS = 200;

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** `to` after `from` and at most MAX_REPORT_DAYS on. */
function checkPeriod(q: { from: unknown; to: unknown }, ctx: z.RefinementCtx): void {
  // Object checks run even when a field already failed; a malformed date was reported there.
  if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) return;
  const days = daysBetween(q.from, q.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (days > MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_REPORT_DAYS} days after from` });
}

const reportQueryShape = {
  from: CalendarDateSchema.meta({ description: 'First date of the period.' }),
  to: CalendarDateSchema.meta({
    description: `Exclusive end of the period: after \`from\`, at most ${MAX_REPORT_DAYS} days on.`,
  }),
  hotelId: z.preprocess(blankToUndefined, IdSchema.optional()).meta({
    description:
      'One hotel only. The front desk always gets its own hotel (another one is 404); admins get every hotel when it is left out.',
  }),
  format: z.preprocess(blankToUndefined, z.enum(REPORT_FORMATS).optional()).meta({
    description: '`csv` answers text/csv (as does `Accept: text/csv`); default JSON.',
  }),
};

/** `GET /api/reports/{sales|conversion}?from=&to=&hotelId=&format=` */
export const ReportQuerySchema = z
  .object(reportQueryShape)
  .superRefine(checkPeriod)
  .meta({ id: 'ReportQuery' });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** `GET /api/reports/occupancy`: the period, plus paging over hotels for admins. */
export const OccupancyQuerySchema = z
  .object({
    ...reportQueryShape,
    limit: z
      .preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_REPORT_HOTELS).optional())
      .meta({
        description: `Hotels per page, default ${DEFAULT_REPORT_HOTELS}, at most ${MAX_REPORT_HOTELS}.`,
      }),
    offset: z
      .preprocess(blankToUndefined, z.coerce.number().int().min(0).optional())
      .meta({ description: 'Hotels to skip (by name), default 0.' }),
  })
  .superRefine(checkPeriod)
  .meta({ id: 'OccupancyQuery' });
export type OccupancyQuery = z.infer<typeof OccupancyQuerySchema>;

const RatioSchema = z
  .number()
  .min(0)
  .nullable()
  .meta({ description: 'A ratio (0.25 = 25 %), 4 decimals; null when its denominator is 0.' });

/** One night of one hotel: rooms to sell and rooms sold. */
export const OccupancyNightSchema = z
  .object({
    date: CalendarDateSchema,
    available: z.int().nonnegative(),
    sold: z.int().nonnegative(),
    occupancy: RatioSchema,
  })
  .meta({ id: 'OccupancyNight' });
export type OccupancyNight = z.infer<typeof OccupancyNightSchema>;

export const HotelOccupancySchema = z
  .object({
    hotelId: IdSchema,
    hotelName: z.string(),
    currency: z.string().meta({ description: 'The currency the hotel sells in (its room types’ rates).' }),
    roomNightsAvailable: z.int().nonnegative().meta({
      description:
        'Rooms of every room type × nights of the period (the night’s own count where it changed).',
    }),
    roomNightsSold: z.int().nonnegative().meta({
      description:
        'Rooms × nights in the period of confirmed, checked-in and checked-out stays; cancelled ones do not count.',
    }),
    occupancy: RatioSchema.meta({
      description: 'roomNightsSold / roomNightsAvailable; null with nothing to sell.',
    }),
    roomRevenue: MoneySchema.meta({
      description:
        'Room price (extras left out) of the sold nights in the period: a stay’s price spread evenly over its nights, leftover minor units on its first nights.',
    }),
    adr: MoneySchema.nullable().meta({
      description: 'roomRevenue / roomNightsSold, nearest minor unit; null when none sold.',
    }),
    revpar: MoneySchema.nullable().meta({
      description: 'roomRevenue / roomNightsAvailable, nearest minor unit; null with nothing to sell.',
    }),
    nights: z.array(OccupancyNightSchema).optional().meta({
      description: 'Night by night; only when the report is of one hotel.',
    }),
  })
  .meta({ id: 'HotelOccupancy' });
export type HotelOccupancy = z.infer<typeof HotelOccupancySchema>;

/** `200` of `GET /api/reports/occupancy`. */
export const OccupancyReportSchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    hotels: z.array(HotelOccupancySchema).meta({ description: 'By hotel name.' }),
    total: z.int().nonnegative().meta({ description: 'Hotels in the report before paging.' }),
    limit: z.int().positive(),
    offset: z.int().nonnegative(),
  })
  .meta({ id: 'OccupancyReport' });
export type OccupancyReport = z.infer<typeof OccupancyReportSchema>;

/**
 * What a sale or refund is of: an item type, or `trip` for a refund of a whole payment not tied to one
 * item (a pay compensated after its capture, a refund made in the Stripe dashboard).
 */
export const SalesItemTypeSchema = z.enum(['hotel', 'flight', 'car', 'trip']).meta({ id: 'SalesItemType' });
export type SalesItemType = z.infer<typeof SalesItemTypeSchema>;

const salesFigures = {
  itemType: SalesItemTypeSchema,
  currency: z.string(),
  salesCount: z.int().nonnegative().meta({
    description: 'Items paid (and change supplements charged) whose money was captured.',
  }),
  salesAmount: MoneySchema.meta({ description: 'Money captured.' }),
  taxesAmount: MoneySchema.optional().meta({
    description:
      'Extension: the taxes and fees within salesAmount, as the items were sold; absent when none.',
  }),
  refundsCount: z.int().nonnegative().meta({ description: 'Succeeded refunds.' }),
  refundsAmount: MoneySchema.meta({ description: 'Money given back (succeeded refunds).' }),
};

export const SalesDaySchema = z
  .object({
    date: CalendarDateSchema.meta({ description: 'UTC date of the capture or of the refund.' }),
    ...salesFigures,
  })
  .meta({ id: 'SalesDay' });
export type SalesDay = z.infer<typeof SalesDaySchema>;

export const SalesTotalSchema = z.object(salesFigures).meta({ id: 'SalesTotal' });
export type SalesTotal = z.infer<typeof SalesTotalSchema>;

/** `200` of `GET /api/reports/sales`. */
export const SalesReportSchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    hotelId: IdSchema.optional(),
    days: z.array(SalesDaySchema).meta({
      description:
        'One row per date, item type and currency with a sale or a refund; by date, type, currency.',
    }),
    totals: z.array(SalesTotalSchema).meta({ description: 'The period per item type and currency.' }),
  })
  .meta({ id: 'SalesReport' });
export type SalesReport = z.infer<typeof SalesReportSchema>;

export const ConversionItemTypeSchema = z.enum(['hotel', 'flight', 'car', 'all']);

/** The holds placed in the period and what became of them (as of now). */
export const ConversionRowSchema = z
  .object({
    itemType: ConversionItemTypeSchema,
    placed: z.int().nonnegative().meta({ description: 'Items (holds) placed in the period.' }),
    paid: z.int().nonnegative().meta({ description: 'Of those, paid (confirmed), whatever happened after.' }),
    expired: z.int().nonnegative().meta({ description: 'Ran out unpaid.' }),
    released: z.int().nonnegative().meta({ description: 'Given up unpaid (removed or cancelled by staff).' }),
    held: z.int().nonnegative().meta({ description: 'Still held, not run out yet.' }),
    cancelled: z.int().nonnegative().meta({ description: 'Paid, then cancelled.' }),
    paidRate: RatioSchema.meta({ description: 'paid / placed.' }),
    expiredRate: RatioSchema.meta({ description: 'expired / placed.' }),
    releasedRate: RatioSchema.meta({ description: 'released / placed.' }),
    cancellationRate: RatioSchema.meta({ description: 'cancelled / paid.' }),
  })
  .meta({ id: 'ConversionRow' });
export type ConversionRow = z.infer<typeof ConversionRowSchema>;

export const PaymentAttemptsSchema = z
  .object({
    attempts: z.int().nonnegative().meta({ description: 'Pay attempts started in the period.' }),
    succeeded: z.int().nonnegative().meta({ description: 'Captured (refunds later do not matter).' }),
    failed: z.int().nonnegative().meta({
      description: 'Ended without taking money: declined, voided, or stopped before the card was charged.',
    }),
    declined: z.int().nonnegative().meta({ description: 'Of the failed, declined by the card issuer.' }),
    failureRate: RatioSchema.meta({ description: 'failed / attempts.' }),
    declineRate: RatioSchema.meta({ description: 'declined / attempts.' }),
  })
  .meta({ id: 'PaymentAttempts' });
export type PaymentAttempts = z.infer<typeof PaymentAttemptsSchema>;

/** `200` of `GET /api/reports/conversion`. */
export const ConversionReportSchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    hotelId: IdSchema.optional(),
    byType: z.array(ConversionRowSchema).meta({ description: 'hotel, flight, car.' }),
    all: ConversionRowSchema,
    payments: PaymentAttemptsSchema,
  })
  .meta({ id: 'ConversionReport' });
export type ConversionReport = z.infer<typeof ConversionReportSchema>;

// ---------------------------------------------------------------------------------------------
// Figures

/** `n / d` rounded to 4 decimals; null when `d` is 0 (no rate rather than a made-up 0 or 100 %). */
export function ratio(n: number, d: number): number | null {
  if (d === 0) return null;
  return Math.round((n / d) * 10_000) / 10_000;
}

/**
 * `amount / units` in whole minor units, halves away from zero (ADR, RevPAR); null when `units` is 0.
 * Amounts here are never negative, so this is `Math.round`.
 */
export function perUnit(amount: number, units: number): number | null {
  if (units === 0) return null;
  return Math.round(amount / units);
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

export type CsvValue = string | number | null | undefined;

/**
 * One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that a
 * spreadsheet would run as a formula (= + - @, or a leading tab or CR) is prefixed with `'`; numbers
 * are written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header row, then the rows, each line ended by CRLF (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

const major = (m: Money | null | undefined) => (m ? toDecimalString(m) : null);

export function occupancyCsv(r: OccupancyReport): string {
  return toCsv(
    [
      'hotel_id',
      'hotel_name',
      'currency',
      'room_nights_available',
      'room_nights_sold',
      'occupancy',
      'room_revenue',
      'adr',
      'revpar',
    ],
    r.hotels.map((h) => [
      h.hotelId,
      h.hotelName,
      h.currency,
      h.roomNightsAvailable,
      h.roomNightsSold,
      h.occupancy,
      major(h.roomRevenue),
      major(h.adr),
      major(h.revpar),
    ]),
  );
}

export function salesCsv(r: SalesReport): string {
  return toCsv(
    [
      'date',
      'item_type',
      'currency',
      'sales_count',
      'sales_amount',
      'refunds_count',
      'refunds_amount',
      'taxes_amount',
    ],
    r.days.map((d) => [
      d.date,
      d.itemType,
      d.currency,
      d.salesCount,
      major(d.salesAmount),
      d.refundsCount,
      major(d.refundsAmount),
      major(d.taxesAmount ?? money(0, d.currency)),
    ]),
  );
}

/** One row per item type and one for all; the pay attempts (per trip, not per item) on the `all` row. */
export function conversionCsv(r: ConversionReport): string {
  const p = r.payments;
  return toCsv(
    [
      'item_type',
      'holds_placed',
      'paid',
      'expired',
      'released',
      'held',
      'cancelled',
      'paid_rate',
      'expired_rate',
      'released_rate',
      'cancellation_rate',
      'pay_attempts',
      'pay_failed',
      'pay_declined',
      'payment_failure_rate',
    ],
    [...r.byType, r.all].map((c) => [
      c.itemType,
      c.placed,
      c.paid,
      c.expired,
      c.released,
      c.held,
      c.cancelled,
      c.paidRate,
      c.expiredRate,
      c.releasedRate,
      c.cancellationRate,
      ...(c.itemType === 'all'
        ? [p.attempts, p.failed, p.declined, p.failureRate]
        : [null, null, null, null]),
    ]),
  );
}

/** `occupancy-2026-11-01-2026-12-01.csv` */
export function reportFileName(
  report: 'occupancy' | 'sales' | 'conversion',
  from: string,
  to: string,
): string {
  return `${report}-${from}-${to}.csv`;
}
