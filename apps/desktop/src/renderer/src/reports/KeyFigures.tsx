import { money, perUnit, ratio, type ConversionReport, type OccupancyReport } from '@tripdesk/shared';
import { formatMoney, formatPercent } from '../ui/formats.ts';

/** The period in five numbers: occupancy, ADR, RevPAR, cancellation rate, payment failure rate. */
export function KeyFigures({
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
