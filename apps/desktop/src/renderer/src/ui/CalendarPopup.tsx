import { addDays, type CalendarDate } from '@tripdesk/shared';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { addMonths, clampDate, daysInMonth, firstDayOfWeek } from './date-input.ts';

const locale = () =>
  typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;

function utc(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** 1 = Monday … 7 = Sunday, as Intl's week info counts. */
function weekday(date: CalendarDate): number {
  return new Date(utc(date)).getUTCDay() || 7;
}

/**
 * The month grid under a DateField: a table of day buttons (role grid). Arrows move a day or a
 * week, PageUp/PageDown a month (with Shift a year), Home/End the week's ends, Enter or a click
 * picks (Escape is the field's); days outside min/max are shown but cannot be picked. It is fixed to the
 * viewport under (or above) its field, so a dialog's scrolling body does not clip it.
 */
export function CalendarPopup(props: {
  label: string;
  anchor: RefObject<HTMLElement | null>;
  selected: CalendarDate | null;
  today: CalendarDate;
  min?: CalendarDate | undefined;
  max?: CalendarDate | undefined;
  onPick: (date: CalendarDate) => void;
  onClose: () => void;
}) {
  const { min, max } = props;
  const [focus, setFocus] = useState<CalendarDate>(() => clampDate(props.selected ?? props.today, min, max));
  const grid = useRef<HTMLTableElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);

  const names = new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const monthTitle = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const shortDay = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'short' });
  const longDay = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'long' });

  // Placed against the viewport, below the field, or above it when the window has no room below.
  useLayoutEffect(() => {
    const position = () => {
      const box = props.anchor.current?.getBoundingClientRect();
      const height = popup.current?.offsetHeight ?? 0;
      const width = popup.current?.offsetWidth ?? 0;
      if (!box) return;
      const below = box.bottom + 4;
      const top =
        below + height > window.innerHeight && box.top - height - 4 > 0 ? box.top - height - 4 : below;
      const left = Math.max(4, Math.min(box.left, window.innerWidth - width - 4));
      setPlace({ top, left });
    };
    position();
    window.addEventListener('resize', position);
    window.addEventListener('scroll', position, true);
    return () => {
      window.removeEventListener('resize', position);
      window.removeEventListener('scroll', position, true);
    };
  }, [props.anchor]);

  // Focus follows the day the keyboard is on (once the popup is placed: a hidden one takes no focus).
  const placed = place !== null;
  useEffect(() => {
    if (placed) grid.current?.querySelector<HTMLElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus, placed]);

  const start = firstDayOfWeek(locale());
  const disabled = (date: CalendarDate) => Boolean((min && date < min) || (max && date > max));
  const move = (date: CalendarDate) => setFocus(clampDate(date, min, max));

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    const keys: Record<string, () => CalendarDate> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focus, event.shiftKey ? 12 : 1),
      Home: () => addDays(focus, -((weekday(focus) - start + 7) % 7)),
      End: () => addDays(focus, 6 - ((weekday(focus) - start + 7) % 7)),
    };
    const to = keys[event.key];
    if (to) {
      event.preventDefault();
      move(to());
    }
  };

  // The weeks of the focused month, from the locale's first day of the week.
  const first = `${focus.slice(0, 8)}01` as CalendarDate;
  const gridStart = addDays(first, -((weekday(first) - start + 7) % 7));
  const [year, month] = focus.split('-').map(Number) as [number, number];
  const weeks = Math.ceil((((weekday(first) - start + 7) % 7) + daysInMonth(year, month)) / 7);
  const rows = Array.from({ length: weeks }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => addDays(gridStart, w * 7 + d)),
  );
  const title = monthTitle.format(utc(first));

  return (
    <div
      ref={popup}
      className="calendar-popup"
      role="dialog"
      aria-label={`${props.label}: calendar`}
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
    >
      <div className="calendar-head">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label="Previous month"
          onClick={() => move(addMonths(focus, -1))}
        >
          ‹
        </button>
        <span className="calendar-title" aria-live="polite">
          {title}
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label="Next month"
          onClick={() => move(addMonths(focus, 1))}
        >
          ›
        </button>
      </div>
      <table ref={grid} role="grid" aria-label={title} className="calendar-grid" onKeyDown={onGridKey}>
        <thead>
          <tr>
            {rows[0]!.map((date) => (
              <th key={date} scope="col" abbr={longDay.format(utc(date))}>
                {shortDay.format(utc(date)).slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const off = disabled(date);
                const outside = date.slice(0, 7) !== focus.slice(0, 7);
                const classes = [
                  'calendar-day',
                  outside ? 'calendar-outside' : '',
                  date === props.today ? 'calendar-today' : '',
                ].filter(Boolean);
                return (
                  <td key={date} role="gridcell" aria-selected={date === props.selected}>
                    <button
                      type="button"
                      className={classes.join(' ')}
                      data-date={date}
                      tabIndex={date === focus ? 0 : -1}
                      aria-label={names.format(utc(date))}
                      aria-disabled={off || undefined}
                      aria-current={date === props.today ? 'date' : undefined}
                      onClick={() => (off ? undefined : props.onPick(date))}
                      onFocus={() => (date !== focus ? setFocus(date) : undefined)}
                    >
                      {Number(date.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="calendar-foot">
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={disabled(props.today)}
          onClick={() => props.onPick(props.today)}
        >
          Today
        </button>
      </div>
    </div>
  );
}
