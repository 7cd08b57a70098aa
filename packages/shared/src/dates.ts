import { z } from 'zod';

/**
 * Hotel nights and car rental days are calendar dates (`YYYY-MM-DD`), not instants: a night of
 * 2026-03-29 is that date at the hotel whatever the server's or the agent's time zone. All the
 * arithmetic here works on a day count in UTC, where no day is 23 or 25 hours long, so daylight
 * saving changes cannot shift a date.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (zod's ISO date format already rejects 2025-02-29 and 2026-04-31). */
export const CalendarDateSchema = z.iso
  .date('must be a real calendar date YYYY-MM-DD')
  .meta({ id: 'CalendarDate', description: 'Calendar date `YYYY-MM-DD`.', examples: ['2026-12-24'] });
export type CalendarDate = z.infer<typeof CalendarDateSchema>;

/** An instant: ISO 8601 timestamp with `Z` or an explicit offset (API.md, Conventions). */
export const InstantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 timestamp with offset' })
  .meta({
    id: 'Instant',
    description: 'ISO 8601 timestamp with offset.',
    examples: ['2026-12-24T15:00:00Z'],
  });
export type Instant = z.infer<typeof InstantSchema>;

/** Days since 1970-01-01, or undefined when `date` is not a real calendar date. */
function dayNumber(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return undefined;
  return at.getTime() / MS_PER_DAY;
}

function requireDay(date: string): number {
  const day = dayNumber(date);
  if (day === undefined) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return day;
}

function fromDayNumber(day: number): CalendarDate {
  const at = new Date(day * MS_PER_DAY);
  const y = at.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError('date out of the range 0000-01-01 to 9999-12-31');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(at.getUTCMonth() + 1, 2)}-${pad(at.getUTCDate(), 2)}`;
}

/** True for a real calendar date in `YYYY-MM-DD` form (no time, no offset). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && dayNumber(value) !== undefined;
}

/** `date` plus `days` (may be negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(requireDay(date) + days);
}

/**
 * Number of days from `from` to `to`, end exclusive: the nights of a stay from check-in to
 * check-out, or the days of a rental from pick-up to drop-off. Negative when `to` is before `from`.
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return requireDay(to) - requireDay(from);
}

/** Every date from `from` up to but not including `toExclusive`: the nights a stay occupies. */
export function eachDate(from: CalendarDate, toExclusive: CalendarDate): CalendarDate[] {
  const start = requireDay(from);
  const end = requireDay(toExclusive);
  const dates: CalendarDate[] = [];
  for (let day = start; day < end; day++) dates.push(fromDayNumber(day));
  return dates;
}

/** -1, 0 or 1, for `Array.prototype.sort` and range checks. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const diff = requireDay(a) - requireDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** True when `timeZone` is an IANA zone (or alias) that this runtime's Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
  .meta({
    id: 'TimeZone',
    description: 'IANA time zone name.',
    examples: ['Europe/Paris', 'America/New_York'],
  });
export type TimeZone = z.infer<typeof TimeZoneSchema>;

/**
 * The calendar date at `now` in `timeZone`: "today" for a hotel's front desk is the hotel's
 * date, not the server's. `now` is passed in so that callers use the injected clock.
 */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-gregory', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes east of Greenwich (ICU's zone data). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * An instant written with the zone's own offset at that moment, to the second:
 * `2026-12-18T16:45:00Z` at America/New_York is `2026-12-18T11:45:00-05:00`. A timetable's form.
 */
export function instantInZone(instant: string | Date, timeZone: string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const offset = utcOffsetMinutes(timeZone, at);
  const wall = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant of a wall-clock time (`HH:MM`) on a local date in a zone. A time that a DST change skips
 * (02:30 on a spring-forward night) is read with the offset before the change, so it lands an hour later.
 */
export function zonedTimeToInstant(date: CalendarDate, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const guess = wall - utcOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  return new Date(wall - utcOffsetMinutes(timeZone, new Date(guess)) * 60_000);
}
