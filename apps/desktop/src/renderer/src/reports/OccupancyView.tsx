import { type OccupancyReport } from '@tripdesk/shared';
import { BarChart } from './BarChart.tsx';
import { formatMoney, formatPercent } from '../ui/formats.ts';

export function OccupancyView({ report }: { report: OccupancyReport }) {
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
