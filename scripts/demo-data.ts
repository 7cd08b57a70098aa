// Fills the hotels, flights and cars stores with the demo catalog. `--help` for the options.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  countDemoCatalog,
  DataDirLock,
  DEFAULT_DEMO_SEED,
  demoCatalogSize,
  generateCatalog,
  MAX_DEMO_SCALE,
  openStores,
  seedDemoCatalog,
  type DemoCatalogSeeding,
} from '@tripdesk/server';

const USAGE = `Usage: node scripts/demo-data.ts [options]

Fills the hotels, flights and cars stores with the demo catalog; a store that already has a catalog
is left as it is, so running it twice changes nothing. Demo users are created by the server
(DEMO_DATA=1), not here.

Options:
  --seed N              generator seed, 0 to 4294967295 (default ${DEFAULT_DEMO_SEED}); same seed, same catalog
  --scale N             1 to ${MAX_DEMO_SCALE}: 40 x N hotels, flights on min(365, 61 x N) days (default 1)
  --start YYYY-MM-DD    first day of flights (default: today, UTC)
  --data-dir DIR        SQLite data folder (default: $DATA_DIR, else apps/server/data)
  --database-url URL    use PostgreSQL instead (default: $DATABASE_URL)
  --dry-run             generate the catalog and print its size; write nothing
  -h, --help            show this help`;

class UsageError extends Error {}

interface CliOptions {
  readonly seed: number;
  readonly scale: number;
  readonly startDate: string;
  readonly dryRun: boolean;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

function parseCli(argv: readonly string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        scale: { type: 'string' },
        start: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';

  const seed =
    values.seed === undefined ? DEFAULT_DEMO_SEED : wholeNumber('--seed', values.seed, 0, 0xffffffff);
  const scale = values.scale === undefined ? 1 : wholeNumber('--scale', values.scale, 1, MAX_DEMO_SCALE);
  const startDate = values.start ?? new Date().toISOString().slice(0, 10);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(startDate) ||
    new Date(`${startDate}T00:00:00Z`).toISOString().slice(0, 10) !== startDate
  ) {
    throw new UsageError(`--start must be a calendar date YYYY-MM-DD, got ${JSON.stringify(startDate)}`);
  }
  if (values['data-dir'] !== undefined && values['database-url'] !== undefined) {
    throw new UsageError('give --data-dir (SQLite) or --database-url (PostgreSQL), not both');
  }
  const databaseUrl =
    values['database-url'] ??
    (values['data-dir'] === undefined ? process.env.DATABASE_URL || undefined : undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    throw new UsageError(
      `--database-url must be a postgres:// URL, got ${JSON.stringify(redact(databaseUrl))}`,
    );
  }
  const dataDir = resolve(
    values['data-dir'] ?? (process.env.DATA_DIR || resolve(import.meta.dirname, '../apps/server/data')),
  );
  return { seed, scale, startDate, dryRun: values['dry-run'], dataDir, databaseUrl };
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The URL without its password, for printing. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function printSeeding(result: DemoCatalogSeeding): void {
  const line = (store: string, seeded: boolean, counts: object) =>
    console.log(
      `  ${store.padEnd(8)} ${seeded ? 'seeded      ' : 'left as is  '}` +
        Object.entries(counts)
          .map(([table, n]) => `${table} ${Number(n).toLocaleString('en-US')}`)
          .join(', '),
    );
  line('hotels', result.hotels.seeded, result.hotels.counts);
  line('flights', result.flights.seeded, result.flights.counts);
  line('cars', result.cars.seeded, result.cars.counts);
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const { seed, scale, startDate } = options;
  const size = demoCatalogSize(scale);
  console.log(
    `demo catalog: seed ${seed}, scale ${scale} (${size.hotels} hotels, flights ${startDate} + ${size.flightDays} days)`,
  );

  if (options.dryRun) {
    const started = performance.now();
    const counts = countDemoCatalog(generateCatalog({ seed, scale, startDate }));
    const took = performance.now() - started;
    for (const [table, n] of Object.entries(counts)) {
      console.log(`  ${table.padEnd(13)} ${n.toLocaleString('en-US').padStart(10)}`);
    }
    console.log(`generated in ${seconds(took)}; dry run, nothing written`);
    return;
  }

  // SQLite allows one writer per data folder: refuse, like the server, while one is running there.
  const lock = options.databaseUrl ? undefined : DataDirLock.acquire(options.dataDir);
  try {
    console.log(
      options.databaseUrl
        ? `into PostgreSQL ${redact(options.databaseUrl)}`
        : `into SQLite files in ${options.dataDir}`,
    );
    const started = performance.now();
    const stores = await openStores({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
    try {
      const result = await seedDemoCatalog(stores, { seed, scale, startDate });
      const took = performance.now() - started;
      printSeeding(result);
      console.log(`done in ${seconds(took)}`);
    } finally {
      await stores.close();
    }
  } finally {
    lock?.release();
  }
}

try {
  await main();
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`demo-data: ${err.message}\nRun with --help to see the options.`);
    process.exitCode = 2;
  } else {
    console.error(`demo-data: ${(err as Error).message ?? err}`);
    process.exitCode = 1;
  }
}
