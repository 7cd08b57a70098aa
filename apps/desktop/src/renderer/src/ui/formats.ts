import { addDays, daysBetween, todayIn, type CalendarDate } from '@tripdesk/shared';

/**
 * How dates and times read at the desk. Hotel nights and rental days are calendar dates: shown as the
 * date they are, never shifted by the desk's time zone. Instants (holds, payments, history) are shown
 * in the desk's own time, with its zone, since that is the clock on the clerk's wall.
 */

const calendarDate = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const instant = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

function utcMidnight(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  return at.getTime();
}

/** `2026-12-05` → `Sat, Dec 5, 2026`. */
export function formatCalendarDate(date: CalendarDate): string {
  return calendarDate.format(utcMidnight(date));
}

/** An instant in the desk's time zone, e.g. `Dec 5, 2026, 11:45 AM GMT+1`. */
export function formatInstant(at: string | number): string {
  return instant.format(typeof at === 'string' ? Date.parse(at) : at);
}

const dayOfInstant = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });

/** The day of an instant in the desk's zone, e.g. `Sat, Dec 5`. */
export function formatDayOfInstant(at: string | number): string {
  return dayOfInstant.format(typeof at === 'string' ? Date.parse(at) : at);
}

/** The time of day of an instant in the desk's zone, e.g. `11:45 AM GMT+1`. */
export function formatTimeOfDay(at: string | number): string {
  return timeOfDay.format(typeof at === 'string' ? Date.parse(at) : at);
}

const wholeNumber = new Intl.NumberFormat('en-US');

/** `1 night`, `3 nights`, `13,876 records`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${wholeNumber.format(count)} ${count === 1 ? one : many}`;
}

/** `Sat, Dec 5, 2026 → Tue, Dec 8, 2026 · 3 nights` (end exclusive). */
export function formatStay(from: CalendarDate, to: CalendarDate, unit: 'night' | 'day'): string {
  return `${formatCalendarDate(from)} → ${formatCalendarDate(to)} · ${plural(daysBetween(from, to), unit)}`;
}

/** The desk's calendar date (its own time zone) at `now`, and days after it. */
export function deskDate(now: number, plusDays = 0): CalendarDate {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return addDays(todayIn(zone, new Date(now)), plusDays);
}

/** `m:ss` or `h:mm:ss` of a whole number of seconds. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Spoken form of a duration for screen readers: `29 minutes 5 seconds`. */
export function durationInWords(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const parts = [
    hours > 0 ? plural(hours, 'hour') : '',
    minutes > 0 ? plural(minutes, 'minute') : '',
    seconds > 0 || s === 0 ? plural(seconds, 'second') : '',
  ];
  return parts.filter(Boolean).join(' ');
}
