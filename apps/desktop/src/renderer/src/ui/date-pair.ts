import { useEffect, useRef } from 'react';
import { addDays, daysBetween, isCalendarDate, type CalendarDate } from '@tripdesk/shared';

/** Two dates that go together: check-in and check-out, pick-up and drop-off, departure and return. */
export interface DatePair {
  readonly start: string;
  readonly end: string;
}

/** Whether both are dates and the end is at least `minGap` days after the start. */
export function pairHolds(pair: DatePair, minGap: number): boolean {
  return (
    isCalendarDate(pair.start) && isCalendarDate(pair.end) && daysBetween(pair.start, pair.end) >= minGap
  );
}

/**
 * The end once the start is set to `start`: kept while it is still `minGap` days after it or more, else
 * moved along so the pair keeps the length it had before (`before`; `minGap` when that did not hold).
 * Check-in moved past check-out keeps the nights; a departure moved past the return keeps the trip's days.
 */
export function endAfterStart(before: DatePair, start: CalendarDate, end: string, minGap: number): string {
  if (pairHolds({ start, end }, minGap)) return end;
  const length = pairHolds(before, minGap) ? daysBetween(before.start, before.end) : minGap;
  return addDays(start, length);
}

/** The first day the end may be: `minGap` days after the start, once the start is a date. */
export function endMin(start: string, minGap: number): CalendarDate | undefined {
  return isCalendarDate(start) ? addDays(start, minGap) : undefined;
}

/**
 * The props of two DateFields that go together. The end's first allowed day follows the start
 * (`minGap` days after it: 1 for nights and rental days, 0 for a return flight), and when the clerk
 * settles the start on or past the end, the end moves along, keeping the pair's length. The length kept
 * is the pair's before the clerk went to the start (typed, or moved it with the arrows or the calendar):
 * `2` on its way to `24/12` moves nothing, and ↑ pressed on check-in keeps the nights it had.
 */
export function useDatePair({
  start,
  end,
  minGap,
  onChange,
}: {
  start: string;
  end: string;
  minGap: number;
  /** The pair after a change of either date or both. */
  onChange: (pair: DatePair) => void;
}) {
  // The pair as it was before the clerk went to work on the start: its length is what is kept.
  const editing = useRef(false);
  const before = useRef<DatePair>({ start, end });
  useEffect(() => {
    if (!editing.current && pairHolds({ start, end }, minGap)) before.current = { start, end };
  }, [start, end, minGap]);

  return {
    start: {
      value: start,
      onChange: (value: string) => {
        editing.current = true;
        onChange({ start: value, end });
      },
      onCommit: (value: CalendarDate, { leaving }: { leaving: boolean }) => {
        const next = { start: value, end: endAfterStart(before.current, value, end, minGap) };
        // Arrows and picks move the start a step at a time: the length kept is the one before the first.
        editing.current = !leaving;
        if (leaving && pairHolds(next, minGap)) before.current = next;
        onChange(next);
      },
    },
    end: {
      value: end,
      min: endMin(start, minGap),
      onChange: (value: string) => onChange({ start, end: value }),
    },
  };
}
