import { addDays, type CalendarDate } from '@tripdesk/shared';

/**
 * What a clerk types into a date field, read as a calendar date (`yyyy-mm-dd`), in the order the
 * desk's locale writes dates (day/month/year for en-GB, month/day/year for en-US, year-month-day
 * for ja or sv), derived from Intl: no locale is written here.
 *
 * Accepted: the date with any separators (`24/12/2026`, `24.12.26`, `24-12-2026`, `24 12 2026`) or
 * none (`24122026`, `241226`: two digits for the day and the month), ISO `2026-12-24` (a four-digit
 * first group is always a year), a day alone (`24`: the next 24th) or a day and month (`24/12`: the
 * next 24 December), `t` or `today`, and `+3` / `-1` for days from today. Two-digit years are
 * 2000 + yy, or for a date in the past (a birth) the last such year up to today's (`84` is 1984).
 * Anything else, and dates that do not exist (31/02), are refused with a sentence.
 */

export type DatePart = 'day' | 'month' | 'year';

export interface DateShape {
  /** The three parts in the locale's order. */
  order: readonly [DatePart, DatePart, DatePart];
  /** What stands before, between and after the parts, e.g. `['', '/', '/', '']`. */
  literals: readonly [string, string, string, string];
  /** The format as a clerk reads it: `dd/mm/yyyy`. */
  pattern: string;
}

const PLACEHOLDER: Record<DatePart, string> = { day: 'dd', month: 'mm', year: 'yyyy' };

/** The locale's date order and separators, from how Intl writes 24 December 2026. */
export function dateShape(locale?: string): DateShape {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
      numberingSystem: 'latn',
    }).formatToParts(Date.UTC(2026, 11, 24));
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 24));
  }
  const order: DatePart[] = [];
  const literals = ['', '', '', ''];
  for (const part of parts) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year') order.push(part.type);
    else if (part.type === 'literal') literals[order.length] += part.value.replace(/[\u200e\u200f]/g, '');
  }
  if (order.length !== 3 || new Set(order).size !== 3) return dateShape('en-US');
  const shape = {
    order: order as unknown as DateShape['order'],
    literals: literals as unknown as DateShape['literals'],
  };
  return { ...shape, pattern: write(shape, PLACEHOLDER) };
}

function write(shape: Pick<DateShape, 'order' | 'literals'>, values: Record<DatePart, string>): string {
  const [a, b, c] = shape.order;
  const [l0, l1, l2, l3] = shape.literals;
  return `${l0}${values[a]}${l1}${values[b]}${l2}${values[c]}${l3}`;
}

/** `2026-12-24` as the locale writes it with digits: `24/12/2026`, `12/24/2026`, `24.12.2026`. */
export function formatDateInput(date: CalendarDate, shape: DateShape): string {
  const [year, month, day] = date.split('-') as [string, string, string];
  return write(shape, { year, month, day });
}

export type DateReading =
  { kind: 'empty' } | { kind: 'date'; value: CalendarDate } | { kind: 'invalid'; message: string };

export interface ReadOptions {
  shape: DateShape;
  /** The desk's today: shortcuts count from it, a day without a year is the next one from it. */
  today: CalendarDate;
  min?: CalendarDate | undefined;
  max?: CalendarDate | undefined;
  /** How a two-digit year reads: 20yy (a trip, an expiry), or the last such year up to today (a birth). */
  twoDigitYears?: 'ahead' | 'past' | undefined;
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

function iso(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

function monthName(month: number): string {
  return MONTH_NAME.format(Date.UTC(2026, month - 1, 1));
}

/** The earliest day a date without a year (or month) may be: today, or `min` when it is later. */
function reference(options: ReadOptions): CalendarDate {
  return options.min && options.min > options.today ? options.min : options.today;
}

function nextDay(day: number, from: CalendarDate): CalendarDate | null {
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 13; i += 1) {
    if (day <= daysInMonth(year, month)) {
      const candidate = iso(year, month, day);
      if (candidate >= from) return candidate;
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return null;
}

function nextDayOfMonth(day: number, month: number, from: CalendarDate): CalendarDate | null {
  const start = Number(from.slice(0, 4));
  for (let year = start; year < start + 9; year += 1) {
    if (day <= daysInMonth(year, month)) {
      const candidate = iso(year, month, day);
      if (candidate >= from) return candidate;
    }
  }
  return null;
}

/** `yy` as a full year: 20yy, or in the past the latest year ending in yy that is not after this one. */
function centuryOf(yy: number, options: ReadOptions): number {
  if (options.twoDigitYears !== 'past') return 2000 + yy;
  const thisYear = Number(options.today.slice(0, 4));
  return thisYear - (((thisYear % 100) - yy + 100) % 100);
}

interface Pieces {
  day: string;
  month?: string;
  year?: string;
}

/** Digits without separators, cut by length: 2 → day, 4 → day and month, 6 or 8 → the whole date. */
function cutDigits(run: string, shape: DateShape): Pieces | null {
  const withoutYear = shape.order.filter((p) => p !== 'year');
  if (run.length <= 2) return { day: run };
  if (run.length === 4) {
    const [first, second] = withoutYear as [DatePart, DatePart];
    return { [first]: run.slice(0, 2), [second]: run.slice(2) } as unknown as Pieces;
  }
  if (run.length !== 6 && run.length !== 8) return null;
  const yearSize = run.length - 4;
  const pieces: Record<string, string> = {};
  let at = 0;
  for (const part of shape.order) {
    const size = part === 'year' ? yearSize : 2;
    pieces[part] = run.slice(at, at + size);
    at += size;
  }
  return pieces as unknown as Pieces;
}

function cutGroups(groups: string[], shape: DateShape): Pieces | null {
  if (groups.length === 1) return { day: groups[0]! };
  if (groups.length === 3 && groups[0]!.length === 4) {
    return { year: groups[0]!, month: groups[1]!, day: groups[2]! };
  }
  const order = groups.length === 2 ? shape.order.filter((p) => p !== 'year') : shape.order;
  if (groups.length !== order.length) return null;
  const pieces: Record<string, string> = {};
  order.forEach((part, i) => (pieces[part] = groups[i]!));
  return pieces as unknown as Pieces;
}

/** Reads what was typed; never guesses a date the clerk did not mean. */
export function readDateInput(text: string, options: ReadOptions): DateReading {
  const typed = text.trim().toLowerCase();
  if (typed === '') return { kind: 'empty' };
  const { shape } = options;
  const askFor = `Type the date as ${shape.pattern}, or t for today, +3 for in 3 days.`;

  let value: CalendarDate | null;
  if (typed === 't' || typed === 'today') value = options.today;
  else if (/^[+-]\s*\d{1,4}$/.test(typed)) {
    value = addDays(options.today, Number(typed.replace(/\s/g, '')));
  } else {
    if (!/^[\d\s./\-,]+$/.test(typed) || !/\d/.test(typed)) return { kind: 'invalid', message: askFor };
    const groups = typed.split(/[\s./\-,]+/).filter(Boolean);
    let pieces =
      groups.length === 1 && /^\d+$/.test(typed) ? cutDigits(groups[0]!, shape) : cutGroups(groups, shape);
    // Eight digits that only make sense year first (20261224 in a day-first locale).
    if (groups.length === 1 && groups[0]!.length === 8 && pieces && !valid(pieces)) {
      const run = groups[0]!;
      pieces = { year: run.slice(0, 4), month: run.slice(4, 6), day: run.slice(6) };
    }
    if (!pieces) return { kind: 'invalid', message: askFor };
    if (pieces.day.length > 2 || (pieces.month?.length ?? 0) > 2) return { kind: 'invalid', message: askFor };
    if (pieces.year !== undefined && pieces.year.length !== 2 && pieces.year.length !== 4) {
      return { kind: 'invalid', message: 'Type the year with 2 or 4 digits.' };
    }
    const day = Number(pieces.day);
    const month = pieces.month === undefined ? undefined : Number(pieces.month);
    if (month !== undefined && (month < 1 || month > 12)) {
      return { kind: 'invalid', message: `There is no month ${month}. ${askFor}` };
    }
    if (day < 1 || day > 31) return { kind: 'invalid', message: `There is no day ${day}. ${askFor}` };
    if (pieces.year !== undefined && month !== undefined) {
      const year = pieces.year.length === 2 ? centuryOf(Number(pieces.year), options) : Number(pieces.year);
      const days = daysInMonth(year, month);
      if (day > days) {
        return { kind: 'invalid', message: `${monthName(month)} ${year} has ${days} days.` };
      }
      value = iso(year, month, day);
    } else if (month !== undefined) {
      value = nextDayOfMonth(day, month, reference(options));
      if (!value) return { kind: 'invalid', message: `${monthName(month)} has no day ${day}.` };
    } else {
      value = nextDay(day, reference(options));
      if (!value) return { kind: 'invalid', message: askFor };
    }
  }
  if (options.min && value < options.min) {
    return { kind: 'invalid', message: `Choose ${formatDateInput(options.min, shape)} or later.` };
  }
  if (options.max && value > options.max) {
    return { kind: 'invalid', message: `Choose ${formatDateInput(options.max, shape)} or earlier.` };
  }
  return { kind: 'date', value };
}

function valid(pieces: Pieces): boolean {
  const month = Number(pieces.month);
  const day = Number(pieces.day);
  const year = Number(pieces.year);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `date` moved by whole months, the day kept or cut to the month's last (31 Jan + 1 month = 28 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso(year, month, Math.min(d, daysInMonth(year, month)));
}

/** `date` kept within `min` and `max`. */
export function clampDate(date: CalendarDate, min?: CalendarDate, max?: CalendarDate): CalendarDate {
  if (min && date < min) return min;
  if (max && date > max) return max;
  return date;
}

/** The first day of the week in the locale (1 = Monday … 7 = Sunday), Monday when Intl cannot say. */
export function firstDayOfWeek(locale?: string): number {
  try {
    const info = new Intl.Locale(
      locale ?? new Intl.DateTimeFormat().resolvedOptions().locale,
    ) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    return info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}
