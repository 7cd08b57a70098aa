import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isCalendarDate, daysBetween, MAX_REPORT_DAYS, type User } from '@tripdesk/shared';
import { HotelPicker } from '../inventory/HotelPicker.tsx';
import { localToday, presetPeriod, PRESET_LABELS, type PeriodPreset } from './periods.ts';
import { reportQuery, type ReportPeriod } from './report-queries.ts';
import { reportKeys } from '../api/query-keys.ts';
import { ReportPanel } from './ReportPanel.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { OccupancyView } from './OccupancyView.tsx';
import { SalesView } from './SalesView.tsx';
import { ConversionView } from './ConversionView.tsx';
import './reports.css';
import { call } from '../api/call.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';

/**
 * Reports for admins (every hotel, or one) and the front desk (its own hotel): occupancy with ADR and
 * RevPAR, sales and refunds by day, the booking funnel, with key figures on top and a CSV per report.
 */
export function ReportsSection({ user, today = localToday() }: { user: User; today?: string }) {
  const ids = useId();
  const [preset, setPreset] = useState<PeriodPreset>('this-month');
  const [custom, setCustom] = useState(() => presetPeriod('this-month', today));
  const [hotelId, setHotelId] = useState('');
  const customDates = useDatePair({
    start: custom.from,
    end: custom.to,
    minGap: 1,
    onChange: ({ start, end }) => setCustom({ from: start, to: end }),
  });
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
    queryFn: () => call('getOccupancyReport', { query: reportQuery(period) }),
    enabled,
  });
  const sales = useQuery({
    queryKey: reportKeys.report('sales', period),
    queryFn: () => call('getSalesReport', { query: reportQuery(period) }),
    enabled,
  });
  const conversion = useQuery({
    queryKey: reportKeys.report('conversion', period),
    queryFn: () => call('getConversionReport', { query: reportQuery(period) }),
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
            <DateField id={`${ids}-from`} label="From" className="field-inline" {...customDates.start} />
            <DateField
              id={`${ids}-to`}
              label="To (not included)"
              className="field-inline"
              {...customDates.end}
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
