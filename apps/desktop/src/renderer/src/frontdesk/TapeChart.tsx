import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent,
} from 'react';
import { addDays, daysBetween, type CalendarDate } from '@tripdesk/shared';
import { dayParts, formatStayDate } from '../ui/formats.ts';

/**
 * The room tape chart: rooms down the side (grouped by room type), dates across, each stay a bar over
 * the nights it covers. Built for a month of a 200-room hotel: rows have one fixed height and only
 * those in view (plus a few either side) are in the DOM, the room column and date header stay put
 * while the rest scrolls, and the whole chart is one keyboard stop (a WAI-ARIA grid whose active cell
 * is `aria-activedescendant`, so no focus has to chase rows in and out of the DOM).
 */

export interface TapeRoomType {
  readonly id: string;
  readonly name: string;
  readonly roomNumbers: readonly string[];
}

export type TapeStatus = 'confirmed' | 'checked_in' | 'checked_out';

export interface TapeBooking {
  /** The stay (trip item) id. */
  readonly id: string;
  readonly tripId: string;
  readonly guest: string;
  readonly roomTypeId: string;
  /** Rooms given at check-in; empty while the stay waits for its room. */
  readonly roomNumbers: readonly string[];
  /** Rooms booked: what an unassigned stay takes from the type's count. */
  readonly rooms: number;
  readonly checkIn: CalendarDate;
  /** Exclusive: the morning the guest leaves. */
  readonly checkOut: CalendarDate;
  readonly status: TapeStatus;
}

export const ROW_HEIGHT = 28;
export const DAY_WIDTH = 44;
export const LABEL_WIDTH = 150;
const HEADER_HEIGHT = 52;
/** Rows rendered beyond each edge of the view, so a fast wheel does not show blank rows. */
const OVERSCAN = 8;

type ChartRow =
  | {
      readonly kind: 'type';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly free: readonly number[];
    }
  | {
      readonly kind: 'unassigned';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly lane: number;
      readonly bookings: readonly TapeBooking[];
    }
  | {
      readonly kind: 'room';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly number: string;
      readonly bookings: readonly TapeBooking[];
    };

/** How a stay's status reads in labels and titles. */
export const STATUS_WORDS: Readonly<Record<TapeStatus, string>> = {
  confirmed: 'expected',
  checked_in: 'in house',
  checked_out: 'checked out',
};

const covers = (b: TapeBooking, date: CalendarDate) => b.checkIn <= date && date < b.checkOut;

/** Packs stays without a room into as few lanes as possible, none overlapping in a lane. */
function lanes(bookings: readonly TapeBooking[]): TapeBooking[][] {
  const sorted = [...bookings].sort((a, b) => (a.checkIn < b.checkIn ? -1 : a.checkIn > b.checkIn ? 1 : 0));
  const result: TapeBooking[][] = [];
  for (const booking of sorted) {
    const lane = result.find((l) =>
      l.every((b) => b.checkOut <= booking.checkIn || booking.checkOut <= b.checkIn),
    );
    if (lane) lane.push(booking);
    else result.push([booking]);
  }
  return result;
}

export function chartRows(
  roomTypes: readonly TapeRoomType[],
  bookings: readonly TapeBooking[],
  dates: readonly CalendarDate[],
): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const type of roomTypes) {
    const ofType = bookings.filter((b) => b.roomTypeId === type.id);
    const live = ofType.filter((b) => b.status !== 'checked_out');
    const free = dates.map(
      (d) =>
        type.roomNumbers.length -
        live.filter((b) => covers(b, d)).reduce((n, b) => n + Math.max(b.rooms, b.roomNumbers.length), 0),
    );
    rows.push({ kind: 'type', key: `type:${type.id}`, type, free });
    lanes(ofType.filter((b) => b.roomNumbers.length === 0)).forEach((lane, i) =>
      rows.push({ kind: 'unassigned', key: `lane:${type.id}:${i}`, type, lane: i, bookings: lane }),
    );
    const byRoom = new Map<string, TapeBooking[]>();
    for (const b of ofType) for (const n of b.roomNumbers) byRoom.set(n, [...(byRoom.get(n) ?? []), b]);
    for (const number of type.roomNumbers) {
      rows.push({ kind: 'room', key: `room:${number}`, type, number, bookings: byRoom.get(number) ?? [] });
    }
  }
  return rows;
}

function rowLabel(row: ChartRow): string {
  if (row.kind === 'type') return `${row.type.name}, ${row.type.roomNumbers.length} rooms`;
  if (row.kind === 'unassigned') return `${row.type.name}, no room yet`;
  return `Room ${row.number}`;
}

function cellLabel(row: ChartRow, col: number, date: CalendarDate): string {
  const day = formatStayDate(date);
  if (row.kind === 'type') {
    const free = row.free[col] ?? 0;
    return `${row.type.name}, ${day}: ${free} of ${row.type.roomNumbers.length} free`;
  }
  const booking = row.bookings.find((b) => covers(b, date));
  const where = row.kind === 'room' ? `Room ${row.number}` : `${row.type.name}, no room yet`;
  if (!booking) return `${where}, ${day}: ${row.kind === 'room' ? 'free' : 'nothing'}`;
  return `${where}, ${day}: ${booking.guest}, ${STATUS_WORDS[booking.status]}, ${formatStayDate(booking.checkIn)} to ${formatStayDate(booking.checkOut)}`;
}

const ChartRowView = memo(function ChartRowView({
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
            <span
              className={(row.free[i] ?? 0) <= 0 ? 'tape-free tape-full' : 'tape-free'}
              aria-hidden="true"
            >
              {row.free[i]}
            </span>
          ) : null}
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

export function TapeChart({
  label,
  roomTypes,
  bookings,
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
  const rows = useMemo(() => chartRows(roomTypes, bookings, dates), [roomTypes, bookings, dates]);
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
