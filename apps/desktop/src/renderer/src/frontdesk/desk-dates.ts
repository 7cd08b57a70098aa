import { isCalendarDate, type CalendarDate } from '@tripdesk/shared';

/**
 * How dates read at the desk. Stay dates are calendar dates (the hotel's nights), formatted at UTC
 * midnight so no zone can move them a day; instants show in a named zone, with the zone written out.
 */

const LOCALE = 'en-GB';

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longDayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function atUtcMidnight(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "Sat 21 Nov" */
export function formatStayDate(date: CalendarDate): string {
  return isCalendarDate(date) ? dayFormat.format(atUtcMidnight(date)) : date;
}

/** "Sat 21 Nov 2026" */
export function formatLongDate(date: CalendarDate): string {
  return isCalendarDate(date) ? longDayFormat.format(atUtcMidnight(date)) : date;
}

/** Weekday and day of the month apart, for the tape chart's column heads. */
export function dayParts(date: CalendarDate): {
  weekday: string;
  day: string;
  month: string;
  weekend: boolean;
} {
  const at = atUtcMidnight(date);
  const weekdayNumber = at.getUTCDay();
  return {
    weekday: new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: 'UTC' }).format(at),
    day: String(at.getUTCDate()),
    month: new Intl.DateTimeFormat(LOCALE, { month: 'short', timeZone: 'UTC' }).format(at),
    weekend: weekdayNumber === 0 || weekdayNumber === 6,
  };
}

/** "Sat 21 Nov – Tue 24 Nov, 3 nights" */
export function formatStay(checkIn: CalendarDate, checkOut: CalendarDate, nights: number): string {
  return `${formatStayDate(checkIn)} – ${formatStayDate(checkOut)}, ${nights} ${nights === 1 ? 'night' : 'nights'}`;
}

/** "21 Nov, 14:05 CET": an instant in `timeZone` (the hotel's), with the zone so nobody guesses. */
export function formatInstant(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/** "14:05 CET" */
export function formatTime(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(LOCALE, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/** The zone this desk's computer runs in. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Thu 26 Nov 2026, 03:05 CET": an instant in the desk's own zone, with the zone. */
export function formatLocalInstant(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(LOCALE, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: localTimeZone(),
    timeZoneName: 'short',
  }).format(at);
}
