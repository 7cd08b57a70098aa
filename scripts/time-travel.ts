// The unit suites again, with the clock moved: a test that passes today must pass on any day and in any
// time zone (ARCHITECTURE.md, "Tests"). libfaketime (Debian's `faketime` package) moves the clock of every
// process of the run, the servers the tests start included; PostgreSQL keeps the real clock, so these runs
// are SQLite only (TEST_DIALECTS=sqlite).
//
//   node scripts/time-travel.ts                  every shift below
//   node scripts/time-travel.ts --shift=+400d    one shift (libfaketime's syntax: +400d, -36h, +5400s, …)
//   node scripts/time-travel.ts --at 2027-04-03T13:58:00Z --tz Pacific/Auckland
//
// Without libfaketime the run says it is skipped and exits 0, unless REQUIRE_TIME_TRAVEL=1 (CI sets it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Shift {
  readonly name: string;
  /** libfaketime's FAKETIME: a relative offset, so the moved clock still ticks. */
  readonly faketime: string;
  readonly tz?: string;
}

const LIBRARIES = [
  process.env.FAKETIME_LIB,
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
].filter((p): p is string => Boolean(p));

/** FAKETIME for "the clock reads `at` now", as an offset in seconds from the real clock. */
function offsetTo(at: Date): string {
  const seconds = Math.round((at.getTime() - Date.now()) / 1000);
  return `${seconds >= 0 ? '+' : ''}${seconds}s`;
}

/**
 * The shifts CI runs. A year and a month ahead, past every fixture written "for the next weeks"; and the
 * end of daylight saving in New Zealand (03:00 NZDT → 02:00 NZST on 4 April 2027, 14:00 UTC the day
 * before), starting two minutes before it, so the run crosses the change in a zone 13 hours from UTC
 * where the local date is already tomorrow.
 */
function defaultShifts(): Shift[] {
  return [
    { name: '400 days ahead', faketime: '+400d' },
    {
      name: 'Pacific/Auckland, across the end of daylight saving',
      faketime: offsetTo(new Date('2027-04-03T13:58:00Z')),
      tz: 'Pacific/Auckland',
    },
  ];
}

const { values } = parseArgs({
  options: {
    shift: { type: 'string' },
    at: { type: 'string' },
    tz: { type: 'string' },
  },
});

let shifts: Shift[];
if (values.shift || values.at) {
  const at = values.at ? new Date(values.at) : undefined;
  if (at && Number.isNaN(at.getTime())) {
    console.error(`[time-travel] --at ${values.at} is not a date`);
    process.exit(2);
  }
  const faketime = at ? offsetTo(at) : values.shift!;
  shifts = [{ name: values.at ?? values.shift!, faketime, ...(values.tz ? { tz: values.tz } : {}) }];
} else {
  shifts = defaultShifts();
}

const library = LIBRARIES.find((p) => existsSync(p));
if (!library) {
  const message = 'libfaketime is not installed (apt-get install faketime)';
  if (process.env.REQUIRE_TIME_TRAVEL === '1') {
    console.error(`[time-travel] REQUIRE_TIME_TRAVEL=1 but ${message}`);
    process.exit(1);
  }
  console.warn(`[time-travel] ${message}: the time-shifted runs are SKIPPED`);
  process.exit(0);
}

for (const shift of shifts) {
  console.log(
    `\n[time-travel] unit suites, ${shift.name} (FAKETIME=${shift.faketime}, TZ=${shift.tz ?? 'as set'})`,
  );
  const run = spawnSync('pnpm', ['-r', '--workspace-concurrency', '1', 'run', 'test'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(' '),
      FAKETIME: shift.faketime,
      // Child processes keep the offset instead of starting their own.
      FAKETIME_DONT_RESET: '1',
      ...(shift.tz ? { TZ: shift.tz } : {}),
      TEST_DIALECTS: 'sqlite',
      REQUIRE_PG: '',
    },
  });
  if (run.status !== 0) {
    console.error(`[time-travel] the unit suites failed ${shift.name}`);
    process.exit(run.status ?? 1);
  }
}
console.log(
  `\n[time-travel] the unit suites passed with the clock moved (${shifts.map((s) => s.name).join('; ')})`,
);
