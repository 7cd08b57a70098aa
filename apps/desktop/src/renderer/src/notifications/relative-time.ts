const words = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
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
  for (const [u, s] of STEPS) {
    if (seconds >= s * 0.9) {
      unit = u;
      size = s;
    }
  }
  return words.format(-Math.max(1, Math.round(seconds / size)), unit);
}
