import { memo } from 'react';
import { daysBetween, type CalendarDate } from '@tripdesk/shared';
import { formatStayDate } from '../ui/formats.ts';
import {
  ROW_HEIGHT,
  DAY_WIDTH,
  LABEL_WIDTH,
  type ChartRow,
  STATUS_WORDS,
  OUT_OF_ORDER_WORDS,
  outOfOrderWords,
  rowLabel,
  cellLabel,
} from './tape-chart-rows.ts';

export const ChartRowView = memo(function ChartRowView({
  row,
  index,
  dates,
  dayClasses,
  from,
  activeCol,
  selectedId,
  idBase,
  onCell,
}: {
  row: ChartRow;
  index: number;
  dates: readonly CalendarDate[];
  /** Each column's cell classes (weekend, today), worked out once for every row. */
  dayClasses: readonly string[];
  from: CalendarDate;
  /** The active column when the active cell is in this row, else -1 (so other rows do not re-render). */
  activeCol: number;
  selectedId: string | null;
  idBase: string;
  onCell: (row: number, col: number) => void;
}) {
  const days = dates.length;
  const bars =
    row.kind === 'type'
      ? []
      : row.bookings.flatMap((b) => {
          const start = Math.max(0, daysBetween(from, b.checkIn));
          const end = Math.min(days, daysBetween(from, b.checkOut));
          return end > start ? [{ booking: b, start, end }] : [];
        });
  const outBands =
    row.kind === 'room'
      ? row.outOfOrder.flatMap((p) => {
          const start = Math.max(0, daysBetween(from, p.from));
          const end = Math.min(days, daysBetween(from, p.to));
          return end > start ? [{ period: p, start, end }] : [];
        })
      : [];
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`tape-row tape-row-${row.kind}`}
      style={{ top: index * ROW_HEIGHT }}
    >
      <div
        role="rowheader"
        id={`${idBase}-${index}-0`}
        aria-colindex={1}
        aria-label={rowLabel(row)}
        className={`tape-label${activeCol === 0 ? ' is-active' : ''}`}
        onClick={() => onCell(index, 0)}
      >
        {row.kind === 'type' ? (
          <>
            <span className="tape-type-name">{row.type.name}</span>
            <span className="tape-type-count">{row.type.roomNumbers.length}</span>
          </>
        ) : row.kind === 'unassigned' ? (
          <span className="tape-unassigned">{row.lane === 0 ? 'No room yet' : ''}</span>
        ) : (
          row.number
        )}
      </div>
      {dates.map((date, i) => (
        <div
          key={date}
          role="gridcell"
          id={`${idBase}-${index}-${i + 1}`}
          aria-colindex={i + 2}
          aria-label={cellLabel(row, i, date)}
          className={`${dayClasses[i] ?? 'tape-cell'}${activeCol === i + 1 ? ' is-active' : ''}`}
          onClick={() => onCell(index, i + 1)}
        >
          {row.kind === 'type' ? (
            (row.free[i] ?? 0) < 0 ? (
              <span
                className="tape-free tape-over"
                aria-hidden="true"
                title={`Overbooked by ${-row.free[i]!}`}
              >
                +{-row.free[i]!}
              </span>
            ) : (
              <span
                className={(row.free[i] ?? 0) <= 0 ? 'tape-free tape-full' : 'tape-free'}
                aria-hidden="true"
              >
                {row.free[i]}
              </span>
            )
          ) : null}
        </div>
      ))}
      {outBands.map(({ period, start, end }) => (
        <div
          key={period.id}
          aria-hidden="true"
          className={`tape-out tape-out-${period.kind}`}
          style={{ left: LABEL_WIDTH + start * DAY_WIDTH, width: (end - start) * DAY_WIDTH }}
          title={`${outOfOrderWords(period)} · ${formatStayDate(period.from)} – ${formatStayDate(period.to)}`}
          onClick={() => onCell(index, start + 1)}
        >
          {OUT_OF_ORDER_WORDS[period.kind]}
        </div>
      ))}
      {bars.map(({ booking, start, end }) => (
        <div
          key={booking.id}
          aria-hidden="true"
          className={`tape-bar tape-bar-${booking.status}${booking.id === selectedId ? ' is-selected' : ''}${
            daysBetween(from, booking.checkIn) < 0 ? ' starts-before' : ''
          }${daysBetween(from, booking.checkOut) > days ? ' ends-after' : ''}`}
          style={{ left: LABEL_WIDTH + start * DAY_WIDTH + 2, width: (end - start) * DAY_WIDTH - 4 }}
          title={`${booking.guest} · ${formatStayDate(booking.checkIn)} – ${formatStayDate(booking.checkOut)} · ${STATUS_WORDS[booking.status]}`}
          onClick={() => onCell(index, start + 1)}
        >
          {booking.guest}
        </div>
      ))}
    </div>
  );
});
