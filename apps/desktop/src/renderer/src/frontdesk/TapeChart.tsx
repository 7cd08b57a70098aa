import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent,
} from 'react';
import { addDays, type CalendarDate } from '@tripdesk/shared';
import { dayParts, formatStayDate } from '../ui/formats.ts';
import {
  type TapeRoomType,
  type TapeBooking,
  type TapeOutOfOrder,
  ROW_HEIGHT,
  DAY_WIDTH,
  LABEL_WIDTH,
  HEADER_HEIGHT,
  type ChartRow,
  covers,
  chartRows,
} from './tape-chart-rows.ts';
import { ChartRowView } from './ChartRowView.tsx';
/** Rows rendered beyond each edge of the view, so a fast wheel does not show blank rows. */
const OVERSCAN = 8;

/**
 * The room tape chart: rooms down the side (grouped by room type), dates across, each stay a bar over
 * the nights it covers. Built for a month of a 200-room hotel: rows have one fixed height and only
 * those in view (plus a few either side) are in the DOM, the room column and date header stay put
 * while the rest scrolls, and the whole chart is one keyboard stop (a WAI-ARIA grid whose active cell
 * is `aria-activedescendant`, so no focus has to chase rows in and out of the DOM).
 */
export function TapeChart({
  label,
  roomTypes,
  bookings,
  outOfOrder = [],
  from,
  days,
  today,
  selectedId = null,
  onSelect,
  fallbackHeight = 480,
}: {
  /** The grid's accessible name. */
  label: string;
  roomTypes: readonly TapeRoomType[];
  bookings: readonly TapeBooking[];
  /** Rooms out of order or out of service: a hatched band over their nights. */
  outOfOrder?: readonly TapeOutOfOrder[];
  /** First date shown. */
  from: CalendarDate;
  days: number;
  today: CalendarDate;
  selectedId?: string | null;
  /** Enter, Space or a click on a stay. */
  onSelect?: (booking: TapeBooking) => void;
  /** Height used before the view is measured (and where nothing is laid out, as in jsdom). */
  fallbackHeight?: number;
}) {
  const idBase = useId().replace(/:/g, '');
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(fallbackHeight);
  const [active, setActive] = useState({ row: 0, col: 1 });
  const dates = useMemo(() => Array.from({ length: days }, (_, i) => addDays(from, i)), [from, days]);
  const rows = useMemo(
    () => chartRows(roomTypes, bookings, dates, outOfOrder),
    [roomTypes, bookings, dates, outOfOrder],
  );
  const dayClasses = useMemo(
    () =>
      dates.map(
        (d) => `tape-cell${dayParts(d).weekend ? ' is-weekend' : ''}${d === today ? ' is-today' : ''}`,
      ),
    [dates, today],
  );

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const measure = () => setViewHeight(el.clientHeight > 0 ? el.clientHeight : fallbackHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallbackHeight]);

  const bodyHeight = Math.max(0, viewHeight - HEADER_HEIGHT);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
  const activeRow = Math.min(active.row, Math.max(0, rows.length - 1));
  const activeRendered = activeRow >= first && activeRow < last;

  /** Scrolls just enough that the cell is in view, clear of the sticky header and room column. */
  const reveal = useCallback(
    (row: number, col: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = row * ROW_HEIGHT;
      const view = (el.clientHeight > 0 ? el.clientHeight : fallbackHeight) - HEADER_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
      if (col > 0 && el.clientWidth > 0) {
        const left = LABEL_WIDTH + (col - 1) * DAY_WIDTH;
        if (left - LABEL_WIDTH < el.scrollLeft) el.scrollLeft = left - LABEL_WIDTH;
        else if (left + DAY_WIDTH > el.scrollLeft + el.clientWidth)
          el.scrollLeft = left + DAY_WIDTH - el.clientWidth;
      }
      setScrollTop(el.scrollTop);
    },
    [fallbackHeight],
  );

  const bookingAt = (row: number, col: number): TapeBooking | undefined => {
    const r = rows[row];
    const date = dates[col - 1];
    if (!r || r.kind === 'type' || !date) return undefined;
    return r.bookings.find((b) => covers(b, date));
  };

  const onCell = useCallback(
    (row: number, col: number) => {
      setActive({ row, col });
      scroller.current?.focus({ preventScroll: true });
      const r = rows[row];
      const date = dates[col - 1];
      const booking = r && r.kind !== 'type' && date ? r.bookings.find((b) => covers(b, date)) : undefined;
      if (booking) onSelect?.(booking);
    },
    [rows, dates, onSelect],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const lastRow = rows.length - 1;
    let { row, col } = { row: activeRow, col: active.col };
    switch (event.key) {
      case 'ArrowDown':
        row = Math.min(lastRow, row + 1);
        break;
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'ArrowRight':
        col = Math.min(days, col + 1);
        break;
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        break;
      case 'PageDown':
        row = Math.min(lastRow, row + page);
        break;
      case 'PageUp':
        row = Math.max(0, row - page);
        break;
      case 'Home':
        col = 0;
        if (event.ctrlKey) row = 0;
        break;
      case 'End':
        col = days;
        if (event.ctrlKey) row = lastRow;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const booking = bookingAt(row, col);
        if (booking) onSelect?.(booking);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    setActive({ row, col });
    reveal(row, col);
  };

  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);
  const width = LABEL_WIDTH + days * DAY_WIDTH;
  const rendered: ChartRow[] = rows.slice(first, last);

  return (
    <div
      ref={scroller}
      className="tape-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={days + 1}
      aria-activedescendant={activeRendered ? `${idBase}-${activeRow}-${active.col}` : undefined}
      aria-describedby={`${idBase}-help`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <p id={`${idBase}-help`} className="visually-hidden">
        Arrow keys move between rooms and dates; Page Up and Page Down move a screen; Enter opens the stay.
      </p>
      <div className="tape-grid" style={{ width }}>
        <div role="row" aria-rowindex={1} className="tape-head" style={{ width }}>
          <div role="columnheader" aria-colindex={1} className="tape-corner">
            Room
          </div>
          {dates.map((date, i) => {
            const parts = dayParts(date);
            return (
              <div
                key={date}
                role="columnheader"
                aria-colindex={i + 2}
                aria-label={formatStayDate(date)}
                className={`tape-day${parts.weekend ? ' is-weekend' : ''}${date === today ? ' is-today' : ''}`}
              >
                <span className="tape-month">{parts.day === '1' || i === 0 ? parts.month : ''}</span>
                <span className="tape-weekday">{parts.weekday}</span>
                <span className="tape-date">{parts.day}</span>
              </div>
            );
          })}
        </div>
        <div role="rowgroup" className="tape-body" style={{ height: rows.length * ROW_HEIGHT, width }}>
          {rendered.map((row, i) => (
            <ChartRowView
              key={row.key}
              row={row}
              index={first + i}
              dates={dates}
              dayClasses={dayClasses}
              from={from}
              activeCol={first + i === activeRow ? active.col : -1}
              selectedId={selectedId}
              idBase={idBase}
              onCell={onCell}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
