import { eachDate, money, type SalesReport } from '@tripdesk/shared';
import { BarChart } from './BarChart.tsx';
import { formatMoney } from '../ui/formats.ts';

export const TYPE_LABELS = { hotel: 'Hotels', flight: 'Flights', car: 'Cars', trip: 'Whole trips' } as const;
const TYPE_TONES = {
  hotel: 'tone-hotel',
  flight: 'tone-flight',
  car: 'tone-car',
  trip: 'tone-trip',
} as const;

export function SalesView({ report }: { report: SalesReport }) {
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
                of which taxes and fees
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
                <td className="num">{t.taxesAmount ? formatMoney(t.taxesAmount) : '—'}</td>
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
