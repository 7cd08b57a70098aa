import {
  addDays,
  daysBetween,
  instantInZone,
  isCalendarDate,
  todayIn,
  type CalendarDate,
} from '@tripdesk/shared';

/**
 * How money, dates and times read in the app: the one place that formats them.
 *
 * Selling screens (search, trips): Hotel nights and rental days are calendar dates: shown as the
 * date they are, never shifted by the desk's time zone. Instants (holds, payments, history) are shown
 * in the desk's own time, with its zone, since that is the clock on the clerk's wall.
 */

/** Money reads the same everywhere: the shared formatter, re-exported so screens import formats from here. */
export { formatMoney } from '@tripdesk/shared';

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

const airportDay = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});

/** A flight's times on each airport's own clock, as a timetable prints them. */
export interface FlightTimes {
  /** `22:30`, 24-hour, at the origin. */
  readonly departs: string;
  /** `Fri, Dec 18`: the local departure day. */
  readonly departsOn: string;
  /** `10:30` at the destination. */
  readonly arrives: string;
  readonly arrivesOn: string;
  /** `+1` when it lands the next local day, `+2`, `-1` (across the date line); empty on the same day. */
  readonly dayShift: string;
  /** True when the times are UTC because the airports' zones are unknown (older items). */
  readonly utc: boolean;
}

function wallClock(at: string, zone: string | undefined): { date: CalendarDate; time: string; utc: boolean } {
  // The server writes each instant with its airport's own offset: the wall clock is the text itself.
  const local = zone ? instantInZone(at, zone) : at;
  // `Z` (not `+00:00`) is how instants without an airport are kept: say it is UTC.
  return { date: local.slice(0, 10), time: local.slice(11, 16), utc: !zone && at.endsWith('Z') };
}

/**
 * Departure and arrival as the airports' clocks show them, with `+1` on an arrival the next local day:
 * `departureAt` / `arrivalAt` carry each airport's offset; `zones` reads instants kept in UTC instead.
 */
export function formatFlightTimes(
  departureAt: string,
  arrivalAt: string,
  zones: { from?: string | undefined; to?: string | undefined } = {},
): FlightTimes {
  const dep = wallClock(departureAt, zones.from);
  const arr = wallClock(arrivalAt, zones.to);
  const shift = daysBetween(dep.date, arr.date);
  return {
    departs: dep.time,
    departsOn: airportDay.format(utcMidnight(dep.date)),
    arrives: arr.time,
    arrivesOn: airportDay.format(utcMidnight(arr.date)),
    dayShift: shift === 0 ? '' : shift > 0 ? `+${shift}` : `${shift}`,
    utc: dep.utc || arr.utc,
  };
}

/** One line: `Fri, Dec 18 22:30 JFK → 10:30+1 LHR` (local times at each airport). */
export function formatFlightLine(t: FlightTimes, from: string | undefined, to: string | undefined): string {
  const zone = t.utc ? ' UTC' : '';
  return `${t.departsOn} ${t.departs}${zone}${from ? ` ${from}` : ''} → ${t.arrives}${t.dayShift}${zone}${to ? ` ${to}` : ''}`;
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
  return addDays(todayIn(localTimeZone(), new Date(now)), plusDays);
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

/** A ratio as a percentage with one decimal, `—` when there is none: `83.3 %`. */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

/** `0.4 s`, `12 s`, `3 min`: how long something took between two instants. */
export function formatElapsed(startedAt: string, finishedAt: string): string {
  const ms = Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** `532 KB`, `12.4 MB`: archive sizes as a person reads them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The day of an instant, written out in the system's words: `December 5, 2026` (certificate expiry). */
export function formatLongDateOfInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(date);
}

/** An instant as the system writes it in full, for a tooltip. */
export function formatInstantInFull(at: string): string {
  return new Date(at).toLocaleString();
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['week', 7 * 86_400],
];

/** How long ago `at` was at `now`, in words: `just now`, `5 minutes ago`, `yesterday`, `3 weeks ago`. */
export function relativeTime(at: string, now: number): string {
  const seconds = Math.round((now - Date.parse(at)) / 1000);
  if (seconds < 45) return 'just now';
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60;
  for (const [u, s] of RELATIVE_STEPS) {
    if (seconds >= s * 0.9) {
      unit = u;
      size = s;
    }
  }
  return relative.format(-Math.max(1, Math.round(seconds / size)), unit);
}

/*
 * The front desk's formats (en-GB, as hotels write them). Stay dates are calendar dates (the hotel's
 * nights), formatted at UTC midnight so no zone can move them a day; instants show in a named zone,
 * with the zone written out.
 */

const DESK_LOCALE = 'en-GB';

const dayFormat = new Intl.DateTimeFormat(DESK_LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longDayFormat = new Intl.DateTimeFormat(DESK_LOCALE, {
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
    weekday: new Intl.DateTimeFormat(DESK_LOCALE, { weekday: 'short', timeZone: 'UTC' }).format(at),
    day: String(at.getUTCDate()),
    month: new Intl.DateTimeFormat(DESK_LOCALE, { month: 'short', timeZone: 'UTC' }).format(at),
    weekend: weekdayNumber === 0 || weekdayNumber === 6,
  };
}

/** "Sat 21 Nov – Tue 24 Nov, 3 nights" */
export function formatNights(checkIn: CalendarDate, checkOut: CalendarDate, nights: number): string {
  return `${formatStayDate(checkIn)} – ${formatStayDate(checkOut)}, ${nights} ${nights === 1 ? 'night' : 'nights'}`;
}

/** "21 Nov, 14:05 CET": an instant in `timeZone` (the hotel's), with the zone so nobody guesses. */
export function formatInstantIn(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(DESK_LOCALE, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/** "14:05 CET" */
export function formatTimeIn(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(DESK_LOCALE, {
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
  return new Intl.DateTimeFormat(DESK_LOCALE, {
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

const dateRange = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A trip's travel dates, short: `Dec 5 – 8, 2026`, `Dec 30, 2026 – Jan 2, 2027`, or one date. */
export function formatTravelDates(start: CalendarDate, end: CalendarDate | undefined): string {
  if (!end || end === start) return dateRange.format(utcMidnight(start));
  return dateRange.formatRange(utcMidnight(start), utcMidnight(end));
}

const wholeCount = new Intl.NumberFormat('en-US');

/** A page of a list: `1–50 of 312`. */
export function formatPageRange(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${wholeCount.format(total)}`;
  return `${wholeCount.format(offset + 1)}–${wholeCount.format(offset + shown)} of ${wholeCount.format(total)}`;
}

/** "CET", "GMT-5": the short name of `timeZone` at that instant. */
export function zoneNameAt(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return timeZone;
  const part = new Intl.DateTimeFormat(DESK_LOCALE, { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Sun 13 Dec, 15:00": an instant's day and time on the wall clock of `timeZone`, without the zone's name. */
export function formatDayTimeIn(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const parts = new Intl.DateTimeFormat(DESK_LOCALE, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')}`;
}
