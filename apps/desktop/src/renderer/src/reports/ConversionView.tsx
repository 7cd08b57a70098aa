import { type ConversionReport } from '@tripdesk/shared';
import { BarChart } from './BarChart.tsx';
import { formatPercent } from '../ui/formats.ts';
import { TYPE_LABELS } from './SalesView.tsx';

export function ConversionView({ report }: { report: ConversionReport }) {
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
