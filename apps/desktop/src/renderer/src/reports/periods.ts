import { addDays, type CalendarDate } from '@tripdesk/shared';

/** The period presets of the reports: this month, last month, the last 30 days, or any dates. */
export type PeriodPreset = 'this-month' | 'last-month' | 'last-30-days' | 'custom';

export const PRESET_LABELS: Readonly<Record<PeriodPreset, string>> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'last-30-days': 'Last 30 days',
  custom: 'Custom dates',
};

const firstOfMonth = (date: CalendarDate) => `${date.slice(0, 7)}-01`;

function nextMonth(first: CalendarDate): CalendarDate {
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** [from, to) of a preset on `today` (the desk's calendar date); `to` is exclusive. */
export function presetPeriod(
  preset: Exclude<PeriodPreset, 'custom'>,
  today: CalendarDate,
): { from: CalendarDate; to: CalendarDate } {
  const first = firstOfMonth(today);
  switch (preset) {
    case 'this-month':
      return { from: first, to: nextMonth(first) };
    case 'last-month':
      return { from: firstOfMonth(addDays(first, -1)), to: first };
    case 'last-30-days':
      // The 30 days up to and including today.
      return { from: addDays(today, -29), to: addDays(today, 1) };
  }
}

/** Today on this computer's calendar. */
export function localToday(now = new Date()): CalendarDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
