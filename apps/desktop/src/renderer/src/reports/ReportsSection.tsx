import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  eachDate,
  isCalendarDate,
  daysBetween,
  MAX_REPORT_DAYS,
  money,
  perUnit,
  ratio,
  type ConversionReport,
  type OccupancyReport,
  type SalesReport,
  type User,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { HotelPicker } from '../inventory/HotelPicker.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { BarChart } from './BarChart.tsx';
import { localToday, presetPeriod, PRESET_LABELS, type PeriodPreset } from './periods.ts';
import {
  downloadCsv,
  fetchConversion,
  fetchOccupancy,
  fetchSales,
  type ReportName,
  type ReportPeriod,
} from './reports-api.ts';
import { formatMoney, formatPercent } from '../ui/formats.ts';
import { reportKeys } from '../api/query-keys.ts';

const TYPE_LABELS = { hotel: 'Hotels', flight: 'Flights', car: 'Cars', trip: 'Whole trips' } as const;
const TYPE_TONES = {
  hotel: 'tone-hotel',
  flight: 'tone-flight',
  car: 'tone-car',
  trip: 'tone-trip',
} as const;

/**
 * Reports for admins (every hotel, or one) and the front desk (its own hotel): occupancy with ADR and
 * RevPAR, sales and refunds by day, the booking funnel, with key figures on top and a CSV per report.
 */
export function ReportsSection({ user, today = localToday() }: { user: User; today?: string }) {
  const ids = useId();
  const [preset, setPreset] = useState<PeriodPreset>('this-month');
  const [custom, setCustom] = useState(() => presetPeriod('this-month', today));
  const [hotelId, setHotelId] = useState('');
  const chosen = preset === 'custom' ? custom : presetPeriod(preset, today);
  const customProblem =
    preset !== 'custom'
      ? null
      : !isCalendarDate(custom.from) || !isCalendarDate(custom.to)
        ? 'Enter both dates.'
        : daysBetween(custom.from, custom.to) < 1
          ? 'The end must be after the start.'
          : daysBetween(custom.from, custom.to) > MAX_REPORT_DAYS
            ? `A report covers at most ${MAX_REPORT_DAYS} days.`
            : null;
  const period: ReportPeriod = { ...chosen, hotelId: user.role === 'admin' ? hotelId : '' };
  const enabled = customProblem === null;

  const occupancy = useQuery({
    queryKey: reportKeys.report('occupancy', period),
    queryFn: () => fetchOccupancy(period),
    enabled,
  });
  const sales = useQuery({
    queryKey: reportKeys.report('sales', period),
    queryFn: () => fetchSales(period),
    enabled,
  });
  const conversion = useQuery({
    queryKey: reportKeys.report('conversion', period),
    queryFn: () => fetchConversion(period),
    enabled,
  });

  return (
    <section className="section section-wide reports" aria-labelledby={`${ids}-heading`}>
      <h1 id={`${ids}-heading`}>Reports</h1>
      <div className="report-controls">
        <label htmlFor={`${ids}-preset`}>Period</label>
        <select
          id={`${ids}-preset`}
          value={preset}
          onChange={(e) => setPreset(e.target.value as PeriodPreset)}
        >
          {(Object.keys(PRESET_LABELS) as PeriodPreset[]).map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
        {preset === 'custom' ? (
          <>
            <label htmlFor={`${ids}-from`}>From</label>
            <input
              id={`${ids}-from`}
              type="date"
              value={custom.from}
              onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
            />
            <label htmlFor={`${ids}-to`}>To (not included)</label>
            <input
              id={`${ids}-to`}
              type="date"
              value={custom.to}
              onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
            />
          </>
        ) : (
          <span className="field-hint">
            {chosen.from} to {chosen.to} (not included)
          </span>
        )}
        {user.role === 'admin' ? (
          <>
            <label htmlFor={`${ids}-hotel`}>Hotel</label>
            <HotelPicker
              id={`${ids}-hotel`}
              label="Hotel"
              value={hotelId}
              onChange={setHotelId}
              placeholder="All hotels"
            />
          </>
        ) : (
          // The desk's hotel is decided by the server: say which it is, as the reports name it.
          <span className="report-scope">
            Hotel: <strong>{occupancy.data?.hotels[0]?.hotelName ?? '…'}</strong>
          </span>
        )}
      </div>
      {customProblem ? (
        <p className="field-error" role="alert">
          {customProblem}
        </p>
      ) : (
        <>
          <KeyFigures occupancy={occupancy.data} conversion={conversion.data} />
          <ReportPanel title="Occupancy" name="occupancy" period={period} query={occupancy}>
            {(r) => <OccupancyView report={r} />}
          </ReportPanel>
          <ReportPanel title="Sales and refunds" name="sales" period={period} query={sales}>
            {(r) => <SalesView report={r} />}
          </ReportPanel>
          <ReportPanel title="Booking conversion" name="conversion" period={period} query={conversion}>
            {(r) => <ConversionView report={r} />}
          </ReportPanel>
        </>
      )}
    </section>
  );
}

function ReportPanel<T>({
  title,
  name,
  period,
  query,
  children,
}: {
  title: string;
  name: ReportName;
  period: ReportPeriod;
  query: { data: T | undefined; isPending: boolean; error: ApiError | null; refetch: () => unknown };
  children: (report: T) => React.ReactNode;
}) {
  const id = useId();
  const download = useMutation<string, ApiError>({ mutationFn: () => downloadCsv(name, period) });
  return (
    <section className="report-panel" aria-labelledby={id}>
      <div className="report-panel-header">
        <h2 id={id}>{title}</h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => download.mutate()}
          disabled={download.isPending}
          aria-label={`Download ${title.toLowerCase()} as CSV`}
        >
          {download.isPending ? 'Downloading…' : 'Download CSV'}
        </button>
      </div>
      {download.isError ? (
        <p className="field-error" role="alert">
          The CSV could not be downloaded: {download.error.message}
        </p>
      ) : null}
      {query.error ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : query.isPending || query.data === undefined ? (
        <p aria-busy="true">Loading {title.toLowerCase()}…</p>
      ) : (
        children(query.data)
      )}
    </section>
  );
}

/** The period in five numbers: occupancy, ADR, RevPAR, cancellation rate, payment failure rate. */
function KeyFigures({
  occupancy,
  conversion,
}: {
  occupancy?: OccupancyReport | undefined;
  conversion?: ConversionReport | undefined;
}) {
  const hotels = occupancy?.hotels ?? [];
  const available = hotels.reduce((s, h) => s + h.roomNightsAvailable, 0);
  const sold = hotels.reduce((s, h) => s + h.roomNightsSold, 0);
  const currencies = new Set(hotels.map((h) => h.currency));
  // ADR and RevPAR over several hotels only when they sell in one currency.
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  const revenue = hotels.reduce((s, h) => s + h.roomRevenue.amount, 0);
  const adr = currency ? perUnit(revenue, sold) : null;
  const revpar = currency ? perUnit(revenue, available) : null;
  const tiles: [string, string][] = [
    ['Occupancy', occupancy ? formatPercent(ratio(sold, available)) : '…'],
    ['ADR', occupancy ? (adr !== null && currency ? formatMoney(money(adr, currency)) : '—') : '…'],
    ['RevPAR', occupancy ? (revpar !== null && currency ? formatMoney(money(revpar, currency)) : '—') : '…'],
    ['Cancellation rate', conversion ? formatPercent(conversion.all.cancellationRate) : '…'],
    ['Payment failure rate', conversion ? formatPercent(conversion.payments.failureRate) : '…'],
  ];
  return (
    <dl className="report-tiles" aria-label="Key figures">
      {tiles.map(([label, value]) => (
        <div key={label} className="report-tile">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function OccupancyView({ report }: { report: OccupancyReport }) {
  if (report.hotels.length === 0) return <p className="empty-state">No hotels to report on.</p>;
  const one = report.hotels.length === 1 ? report.hotels[0] : undefined;
  const nights = one?.nights;
  return (
    <>
      {one && nights ? (
        <BarChart
          title={`Occupancy per night, ${one.hotelName}`}
          summary={`${formatPercent(one.occupancy)} over the period: ${one.roomNightsSold} of ${one.roomNightsAvailable} room-nights sold.`}
          categories={nights.map((n) => n.date)}
          series={[{ name: 'Occupancy', values: nights.map((n) => n.occupancy), tone: 'tone-hotel' }]}
          format={(v) => formatPercent(v)}
          max={1}
        />
      ) : (
        <BarChart
          title="Occupancy per hotel"
          summary={report.hotels.map((h) => `${h.hotelName} ${formatPercent(h.occupancy)}`).join('; ')}
          categories={report.hotels.map((h) => h.hotelName)}
          series={[{ name: 'Occupancy', values: report.hotels.map((h) => h.occupancy), tone: 'tone-hotel' }]}
          format={(v) => formatPercent(v)}
          max={1}
        />
      )}
      <div className="table-wrap">
        <table className="data-table" aria-label="Occupancy, ADR and RevPAR per hotel">
          <thead>
            <tr>
              <th scope="col">Hotel</th>
              <th scope="col" className="num">
                Available
              </th>
              <th scope="col" className="num">
                Sold
              </th>
              <th scope="col" className="num">
                Occupancy
              </th>
              <th scope="col" className="num">
                Room revenue
              </th>
              <th scope="col" className="num">
                ADR
              </th>
              <th scope="col" className="num">
                RevPAR
              </th>
            </tr>
          </thead>
          <tbody>
            {report.hotels.map((h) => (
              <tr key={h.hotelId}>
                <th scope="row">{h.hotelName}</th>
                <td className="num">{h.roomNightsAvailable}</td>
                <td className="num">{h.roomNightsSold}</td>
                <td className="num">{formatPercent(h.occupancy)}</td>
                <td className="num">{formatMoney(h.roomRevenue)}</td>
                <td className="num">{h.adr ? formatMoney(h.adr) : '—'}</td>
                <td className="num">{h.revpar ? formatMoney(h.revpar) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.total > report.hotels.length ? (
        <p className="field-hint">
          The first {report.hotels.length} of {report.total} hotels by name; pick a hotel for another one.
        </p>
      ) : null}
    </>
  );
}

function SalesView({ report }: { report: SalesReport }) {
  if (report.days.length === 0) return <p className="empty-state">No sales in this period.</p>;
  const dates = eachDate(report.from, report.to);
  const currencies = [...new Set(report.days.map((d) => d.currency))].sort();
  const types = (['hotel', 'flight', 'car', 'trip'] as const).filter((t) =>
    report.days.some((d) => d.itemType === t),
  );
  return (
    <>
      {currencies.map((currency) => {
        const rows = report.days.filter((d) => d.currency === currency);
        const series = (kind: 'salesAmount' | 'refundsAmount') =>
          types
            .filter((t) => rows.some((d) => d.itemType === t && d[kind].amount > 0))
            .map((t) => ({
              name: TYPE_LABELS[t],
              tone: TYPE_TONES[t],
              values: dates.map((date) =>
                rows
                  .filter((d) => d.date === date && d.itemType === t)
                  .reduce((s, d) => s + d[kind].amount, 0),
              ),
            }));
        const total = (kind: 'salesAmount' | 'refundsAmount') => rows.reduce((s, d) => s + d[kind].amount, 0);
        const sold = series('salesAmount');
        const refunded = series('refundsAmount');
        const fmt = (v: number) => formatMoney(money(v, currency));
        return (
          <div key={currency} className="report-currency">
            {sold.length > 0 ? (
              <BarChart
                title={`Sales by day, ${currency}`}
                summary={`${fmt(total('salesAmount'))} captured in the period, by item type.`}
                categories={dates}
                series={sold}
                stacked
                format={fmt}
              />
            ) : null}
            {refunded.length > 0 ? (
              <BarChart
                title={`Refunds by day, ${currency}`}
                summary={`${fmt(total('refundsAmount'))} refunded in the period, by item type.`}
                categories={dates}
                series={refunded}
                stacked
                format={fmt}
              />
            ) : null}
          </div>
        );
      })}
      <div className="table-wrap">
        <table className="data-table" aria-label="Sales and refunds per item type">
          <thead>
            <tr>
              <th scope="col">Item type</th>
              <th scope="col" className="num">
                Sales
              </th>
              <th scope="col" className="num">
                Amount sold
              </th>
              <th scope="col" className="num">
                Refunds
              </th>
              <th scope="col" className="num">
                Amount refunded
              </th>
            </tr>
          </thead>
          <tbody>
            {report.totals.map((t) => (
              <tr key={`${t.itemType}-${t.currency}`}>
                <th scope="row">
                  {TYPE_LABELS[t.itemType]} ({t.currency})
                </th>
                <td className="num">{t.salesCount}</td>
                <td className="num">{formatMoney(t.salesAmount)}</td>
                <td className="num">{t.refundsCount}</td>
                <td className="num">{formatMoney(t.refundsAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ConversionView({ report }: { report: ConversionReport }) {
  const all = report.all;
  if (all.placed === 0 && report.payments.attempts === 0) {
    return <p className="empty-state">No holds placed in this period.</p>;
  }
  const steps: [string, number][] = [
    ['Holds placed', all.placed],
    ['Paid', all.paid],
    ['Expired', all.expired],
    ['Released', all.released],
    ['Still held', all.held],
    ['Cancelled after paying', all.cancelled],
  ];
  const p = report.payments;
  return (
    <>
      <BarChart
        title="Booking funnel"
        summary={`${all.placed} holds placed: ${all.paid} paid (${formatPercent(all.paidRate)}), ${all.expired} expired, ${all.released} released; ${all.cancelled} cancelled after paying.`}
        categories={steps.map(([label]) => label)}
        series={[{ name: 'Items', values: steps.map(([, n]) => n), tone: 'tone-hotel' }]}
        format={(v) => String(v)}
      />
      <p>
        Pay attempts: {p.attempts}, {p.succeeded} captured, {p.failed} failed ({p.declined} declined by the
        card issuer): payment failure rate {formatPercent(p.failureRate)}.
      </p>
      <div className="table-wrap">
        <table className="data-table" aria-label="Conversion per item type">
          <thead>
            <tr>
              <th scope="col">Item type</th>
              <th scope="col" className="num">
                Placed
              </th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col" className="num">
                Expired
              </th>
              <th scope="col" className="num">
                Released
              </th>
              <th scope="col" className="num">
                Cancelled
              </th>
              <th scope="col" className="num">
                Paid rate
              </th>
              <th scope="col" className="num">
                Cancellation rate
              </th>
            </tr>
          </thead>
          <tbody>
            {[...report.byType, all].map((r) => (
              <tr key={r.itemType}>
                <th scope="row">{r.itemType === 'all' ? 'All' : TYPE_LABELS[r.itemType]}</th>
                <td className="num">{r.placed}</td>
                <td className="num">{r.paid}</td>
                <td className="num">{r.expired}</td>
                <td className="num">{r.released}</td>
                <td className="num">{r.cancelled}</td>
                <td className="num">{formatPercent(r.paidRate)}</td>
                <td className="num">{formatPercent(r.cancellationRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
