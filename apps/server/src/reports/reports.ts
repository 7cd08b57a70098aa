import {
  DEFAULT_REPORT_HOTELS,
  eachDate,
  money,
  perUnit,
  ratio,
  type ConversionReport,
  type ConversionRow,
  type HotelOccupancy,
  type ItemType,
  type OccupancyQuery,
  type OccupancyReport,
  type ReportQuery,
  type SalesDay,
  type SalesItemType,
  type SalesReport,
  type SalesTotal,
  type User,
} from '@tripdesk/shared';
import { reportScope } from '../access/access.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Stores } from '../stores/index.ts';
import type { CapacityDelta, ReportHotel } from '../stores/hotels/reports.ts';
import type { HoldOutcomeRow, InstantRange, MoneyByDayRow, SoldStayRow } from '../stores/payments/reports.ts';

type ReportStores = Pick<Stores, 'hotels' | 'hotelReports' | 'paymentReports'>;

const ITEM_TYPES: readonly ItemType[] = ['hotel', 'flight', 'car'];
const SALES_TYPE_ORDER: readonly SalesItemType[] = ['hotel', 'flight', 'car', 'trip'];

/**
 * Reports for admins and the front desk (packages/shared/src/reports.ts). The stores are separate
 * databases: each repository aggregates in its own store and the figures are put together here.
 *
 * Decisions, also in the README:
 * - Room-nights sold: confirmed, checked-in and checked-out stays (cancelled ones gave their rooms back
 *   and do not count), rooms × nights within the period.
 * - Room revenue: a stay's price without its extras, spread evenly over its nights (leftover minor units
 *   on the first nights, so a stay's nights add up to its price exactly); the nights in the period count.
 * - Sales are dated by the UTC date the money was captured; refunds by the UTC date they succeeded.
 * - Conversion follows the items placed in the period to where they stand now.
 */
export class ReportsService {
  readonly #stores: ReportStores;
  readonly #clock: Clock;

  constructor(stores: ReportStores, deps: { clock: Clock }) {
    this.#stores = stores;
    this.#clock = deps.clock;
  }

  /**
   * Which hotel the caller may report on: agents none (403); the desk its own (another one is 404, as
   * the desk's routes answer); admins any that exists, or every hotel (undefined).
   */
  async #scope(user: User, hotelId: string | undefined): Promise<string | undefined> {
    const scope = reportScope(user, hotelId);
    if (scope.all && hotelId !== undefined && !(await this.#stores.hotels.hotelExists(hotelId)))
      throw notFound('Hotel');
    return scope.hotelId;
  }

  async occupancy(user: User, q: OccupancyQuery): Promise<OccupancyReport> {
    const hotelId = await this.#scope(user, q.hotelId);
    const limit = q.limit ?? DEFAULT_REPORT_HOTELS;
    const offset = q.offset ?? 0;
    const { hotels, total } = await this.#stores.hotelReports.hotels({ hotelId, limit, offset });
    const ids = hotels.map((h) => h.id);
    const [deltas, stays] = await Promise.all([
      this.#stores.hotelReports.capacityDeltas(ids, q.from, q.to),
      this.#stores.paymentReports.soldStays(ids, q.from, q.to),
    ]);
    return {
      from: q.from,
      to: q.to,
      hotels: hotels.map((h) =>
        hotelOccupancy(
          h,
          q.from,
          q.to,
          deltas.filter((d) => d.hotelId === h.id),
          stays.filter((s) => s.hotelId === h.id),
          hotelId !== undefined,
        ),
      ),
      total,
      limit,
      offset,
    };
  }

  async sales(user: User, q: ReportQuery): Promise<SalesReport> {
    const hotelId = await this.#scope(user, q.hotelId);
    const range = instantRange(q.from, q.to);
    const [sales, refunds, taxes] = await Promise.all([
      this.#stores.paymentReports.salesByDay(range, hotelId),
      this.#stores.paymentReports.refundsByDay(range, hotelId),
      this.#stores.paymentReports.taxesByDay(range, hotelId),
    ]);
    const { days, totals } = salesByDay(sales, refunds, taxes);
    return { from: q.from, to: q.to, ...(hotelId ? { hotelId } : {}), days, totals };
  }

  async conversion(user: User, q: ReportQuery): Promise<ConversionReport> {
    const hotelId = await this.#scope(user, q.hotelId);
    const range = instantRange(q.from, q.to);
    const [outcomes, attempts] = await Promise.all([
      this.#stores.paymentReports.holdOutcomes(range, this.#clock.now().toISOString(), hotelId),
      this.#stores.paymentReports.payAttempts(range, hotelId),
    ]);
    const byType = ITEM_TYPES.map((t) =>
      conversionRow(
        t,
        outcomes.find((o) => o.itemType === t),
      ),
    );
    const all = conversionRow('all', sumOutcomes(outcomes));
    return {
      from: q.from,
      to: q.to,
      ...(hotelId ? { hotelId } : {}),
      byType,
      all,
      payments: {
        ...attempts,
        failureRate: ratio(attempts.failed, attempts.attempts),
        declineRate: ratio(attempts.declined, attempts.attempts),
      },
    };
  }
}

/** The UTC instants of a period of calendar dates: [from 00:00Z, to 00:00Z). */
export function instantRange(from: string, to: string): InstantRange {
  return { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` };
}

/**
 * `amount` split over `parts` in whole minor units as evenly as can be: the first `amount mod parts`
 * parts get one unit more, so the parts always add up to `amount`.
 */
export function spreadEvenly(amount: number, parts: number): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`parts must be >= 1, got ${parts}`);
  const base = Math.floor(amount / parts);
  const extra = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** A stay's room price: its price less its priced extras (never below 0). */
export function roomPrice(stay: Pick<SoldStayRow, 'priceAmount' | 'extras'>): number {
  const extras = stay.extras.reduce((s, e) => s + (e.price?.amount ?? 0) * (e.quantity ?? 1), 0);
  return Math.max(0, stay.priceAmount - extras);
}

/** One hotel's figures over [from, to). */
export function hotelOccupancy(
  hotel: ReportHotel,
  from: string,
  to: string,
  deltas: readonly Pick<CapacityDelta, 'night' | 'delta'>[],
  stays: readonly SoldStayRow[],
  withNights: boolean,
): HotelOccupancy {
  const dates = eachDate(from, to);
  const available = new Map(dates.map((d) => [d, hotel.rooms]));
  for (const d of deltas) if (available.has(d.night)) available.set(d.night, hotel.rooms + d.delta);
  const sold = new Map(dates.map((d) => [d, 0]));
  const currency = hotel.currency ?? stays[0]?.currency ?? 'USD';
  let revenue = 0;
  for (const stay of stays) {
    const nights = eachDate(stay.checkIn, stay.checkOut);
    const perNight = spreadEvenly(roomPrice(stay), nights.length);
    nights.forEach((night, i) => {
      const count = sold.get(night);
      if (count === undefined) return;
      sold.set(night, count + stay.rooms);
      revenue += perNight[i]!;
    });
  }
  const totalAvailable = dates.reduce((s, d) => s + available.get(d)!, 0);
  const totalSold = dates.reduce((s, d) => s + sold.get(d)!, 0);
  const adr = perUnit(revenue, totalSold);
  const revpar = perUnit(revenue, totalAvailable);
  return {
    hotelId: hotel.id,
    hotelName: hotel.name,
    currency,
    roomNightsAvailable: totalAvailable,
    roomNightsSold: totalSold,
    occupancy: ratio(totalSold, totalAvailable),
    roomRevenue: money(revenue, currency),
    adr: adr === null ? null : money(adr, currency),
    revpar: revpar === null ? null : money(revpar, currency),
    ...(withNights
      ? {
          nights: dates.map((date) => ({
            date,
            available: available.get(date)!,
            sold: sold.get(date)!,
            occupancy: ratio(sold.get(date)!, available.get(date)!),
          })),
        }
      : {}),
  };
}

/** Sales and refunds merged per date, type and currency (sparse), and per type and currency over the period. */
export function salesByDay(
  sales: readonly MoneyByDayRow[],
  refunds: readonly MoneyByDayRow[],
  taxes: readonly MoneyByDayRow[] = [],
): { days: SalesDay[]; totals: SalesTotal[] } {
  const days = new Map<string, SalesDay>();
  const totals = new Map<string, SalesTotal>();
  const blank = (itemType: SalesItemType, currency: string) => ({
    itemType,
    currency,
    salesCount: 0,
    salesAmount: money(0, currency),
    refundsCount: 0,
    refundsAmount: money(0, currency),
  });
  const add = (row: MoneyByDayRow, kind: 'sales' | 'refunds') => {
    const dayKey = `${row.date}|${row.itemType}|${row.currency}`;
    const totalKey = `${row.itemType}|${row.currency}`;
    const day = days.get(dayKey) ?? { date: row.date, ...blank(row.itemType, row.currency) };
    const total = totals.get(totalKey) ?? blank(row.itemType, row.currency);
    for (const target of [day, total]) {
      target[`${kind}Count`] += row.count;
      target[`${kind}Amount`] = money(target[`${kind}Amount`].amount + row.amount, row.currency);
    }
    days.set(dayKey, day);
    totals.set(totalKey, total);
  };
  for (const r of sales) add(r, 'sales');
  for (const r of refunds) add(r, 'refunds');
  // The taxes and fees in the sales, counted apart (extension): only where some were sold.
  for (const r of taxes) {
    const day = days.get(`${r.date}|${r.itemType}|${r.currency}`);
    const total = totals.get(`${r.itemType}|${r.currency}`);
    for (const target of [day, total]) {
      if (target) target.taxesAmount = money((target.taxesAmount?.amount ?? 0) + r.amount, r.currency);
    }
  }
  const byType = (a: { itemType: SalesItemType; currency: string }, b: typeof a) =>
    SALES_TYPE_ORDER.indexOf(a.itemType) - SALES_TYPE_ORDER.indexOf(b.itemType) ||
    a.currency.localeCompare(b.currency);
  return {
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date) || byType(a, b)),
    totals: [...totals.values()].sort(byType),
  };
}

function sumOutcomes(rows: readonly HoldOutcomeRow[]): Omit<HoldOutcomeRow, 'itemType'> {
  const zero = { placed: 0, paid: 0, expired: 0, released: 0, held: 0, cancelled: 0 };
  return rows.reduce(
    (s, r) => ({
      placed: s.placed + r.placed,
      paid: s.paid + r.paid,
      expired: s.expired + r.expired,
      released: s.released + r.released,
      held: s.held + r.held,
      cancelled: s.cancelled + r.cancelled,
    }),
    zero,
  );
}

/** Counts with their rates; rates over a zero count are null. */
export function conversionRow(
  itemType: ConversionRow['itemType'],
  o: Omit<HoldOutcomeRow, 'itemType'> | undefined,
): ConversionRow {
  const c = o ?? { placed: 0, paid: 0, expired: 0, released: 0, held: 0, cancelled: 0 };
  return {
    itemType,
    placed: c.placed,
    paid: c.paid,
    expired: c.expired,
    released: c.released,
    held: c.held,
    cancelled: c.cancelled,
    paidRate: ratio(c.paid, c.placed),
    expiredRate: ratio(c.expired, c.placed),
    releasedRate: ratio(c.released, c.placed),
    cancellationRate: ratio(c.cancelled, c.paid),
  };
}
