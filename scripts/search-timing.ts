// Times the three availability searches against a catalog (e.g. the --scale 25 demo). `--help` for the options.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, daysBetween } from '@tripdesk/shared';
import { AvailabilityService, DataDirLock, openStores, type Stores } from '@tripdesk/server';

const USAGE = `Usage: node scripts/search-timing.ts [options]

Runs availability searches one after another, in process, through the same service and read-only
connections the server uses, with random cities, routes, locations and dates drawn from the catalog,
and prints p50 / p99 per kind of search.

Options:
  --data-dir DIR        SQLite data folder (default: $DATA_DIR, else apps/server/data)
  --database-url URL    use PostgreSQL instead (default: $DATABASE_URL)
  --runs N              searches per kind (default 200)
  --seed N              seed of the random choices (default 1)
  --fill PERCENT        first write counted rows (held/booked) for PERCENT of room types, car fleets
                        and fare classes over the searched dates, so the searches meet counters too;
                        a benchmark fixture: never on data you care about (default 0)
  -h, --help            show this help`;

interface Options {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly runs: number;
  readonly seed: number;
  readonly fill: number;
}

function parseCli(): Options | 'help' {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      runs: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      fill: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const whole = (flag: string, raw: string, max: number) => {
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0 || n > max)
      throw new Error(`${flag} must be 0 to ${max}, got ${raw}`);
    return n;
  };
  const databaseUrl =
    values['database-url'] ??
    (values['data-dir'] === undefined ? process.env.DATABASE_URL || undefined : undefined);
  return {
    dataDir: resolve(
      values['data-dir'] ?? (process.env.DATA_DIR || resolve(import.meta.dirname, '../apps/server/data')),
    ),
    databaseUrl,
    runs: Math.max(1, whole('--runs', values.runs, 100_000)),
    seed: whole('--seed', values.seed, 0xffffffff),
    fill: whole('--fill', values.fill, 100),
  };
}

/** mulberry32: a small seeded generator, so two runs draw the same searches. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { next, int, pick };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, runs: number, search: () => Promise<number>): Promise<void> {
  for (let i = 0; i < Math.min(10, runs); i++) await search(); // warm the caches and the pool
  const took: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows += await search();
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(10);
  console.log(
    `  ${label.padEnd(8)} p50 ${ms(percentile(took, 50))}  p99 ${ms(percentile(took, 99))}  ` +
      `max ${ms(took.at(-1)!)}  mean ${ms(took.reduce((a, b) => a + b, 0) / runs)}  ` +
      `rows/search ${(rows / runs).toFixed(1)}`,
  );
}

/**
 * Benchmark fixture: counted rows as bookings would leave them. Written straight into the stores'
 * tables, as tests do, because no API books in bulk; it respects every CHECK (held + booked <= capacity).
 */
async function fillCounters(stores: Stores, percent: number, first: string, days: number, seed: number) {
  const random = generator(seed ^ 0x5eed);
  const dates = Array.from({ length: days }, (_, i) => addDays(first, i));
  const hotels = stores.knex.hotels;
  const types = (await hotels('room_types').select('id', 'capacity')) as { id: string; capacity: number }[];
  const nights = types
    .filter(() => random.int(1, 100) <= percent)
    .flatMap((t) =>
      dates.map((night) => {
        const booked = random.int(0, Number(t.capacity));
        return {
          room_type_id: t.id,
          night,
          capacity: t.capacity,
          booked,
          held: random.int(0, t.capacity - booked),
        };
      }),
    );
  await hotels.transaction(async (trx) => {
    // 400 rows: SQLite writes a multi-row insert as a compound SELECT of at most 500 terms.
    for (let i = 0; i < nights.length; i += 400) {
      await trx('room_nights')
        .insert(nights.slice(i, i + 400))
        .onConflict(['room_type_id', 'night'])
        .ignore();
    }
  });
  const cars = stores.knex.cars;
  const fleets = (await cars('car_fleets').select('location_code', 'category', 'capacity')) as {
    location_code: string;
    category: string;
    capacity: number;
  }[];
  const carDays = fleets
    .filter(() => random.int(1, 100) <= percent)
    .flatMap((f) =>
      dates.map((day) => {
        const booked = random.int(0, Number(f.capacity));
        return { ...f, day, booked, held: random.int(0, f.capacity - booked) };
      }),
    );
  await cars.transaction(async (trx) => {
    for (let i = 0; i < carDays.length; i += 400) {
      await trx('car_days')
        .insert(carDays.slice(i, i + 400))
        .onConflict(['location_code', 'category', 'day'])
        .ignore();
    }
  });
  // Fare classes are counted per flight already: give a share of them bookings.
  const flights = stores.knex.flights;
  const classes = (await flights('fare_classes').select('flight_id', 'code', 'capacity')) as {
    flight_id: string;
    code: string;
    capacity: number;
  }[];
  await flights.transaction(async (trx) => {
    for (const c of classes) {
      if (random.int(1, 100) > percent) continue;
      const booked = random.int(0, c.capacity);
      await trx('fare_classes')
        .where({ flight_id: c.flight_id, code: c.code })
        .update({ booked, held: random.int(0, c.capacity - booked) });
    }
  });
  console.log(
    `  filled ${nights.length.toLocaleString('en-US')} room nights, ${carDays.length.toLocaleString('en-US')} car days`,
  );
}

async function main(): Promise<void> {
  const options = parseCli();
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const lock = options.databaseUrl ? undefined : DataDirLock.acquire(options.dataDir);
  const stores = await openStores({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    const search = new AvailabilityService(stores);
    const random = generator(options.seed);

    // What there is to search for, read through the repositories.
    const cities = new Set<string>();
    for (let offset = 0; ; offset += 200) {
      const page = await stores.hotels.listHotels({ limit: 200, offset });
      for (const h of page.items) cities.add(h.city);
      if (offset + 200 >= page.total) break;
    }
    const routes = await stores.flights.routes();
    const locations = (await stores.cars.listLocations()).map((l) => l.code);
    if (cities.size === 0 || routes.length === 0 || locations.length === 0) {
      throw new Error('the catalog is empty: run scripts/demo-data.ts first');
    }
    const first = routes.reduce((d, r) => (r.firstDate < d ? r.firstDate : d), routes[0]!.firstDate);
    const last = routes.reduce((d, r) => (r.lastDate > d ? r.lastDate : d), routes[0]!.lastDate);
    const span = Math.max(1, daysBetween(first, last));
    const day = () => addDays(first, random.int(0, span - 1));
    console.log(
      `${options.databaseUrl ? 'PostgreSQL' : `SQLite ${options.dataDir}`}: ${cities.size} cities, ` +
        `${routes.length} routes, ${locations.length} car locations, dates ${first} to ${last}`,
    );
    if (options.fill > 0) await fillCounters(stores, options.fill, first, span + 14, options.seed);

    console.log(`${options.runs} sequential searches each:`);
    const cityList = [...cities];
    await time('hotels', options.runs, async () => {
      const checkIn = day();
      const result = await search.hotels({
        city: cityList[random.int(0, cityList.length - 1)]!,
        checkIn,
        checkOut: addDays(checkIn, random.int(1, 7)),
        guests: random.int(1, 3),
        rooms: random.int(1, 2),
        limit: 50,
        offset: 0,
        hotelId: undefined,
        sort: undefined,
      });
      return result.results.length;
    });
    await time('flights', options.runs, async () => {
      const route = random.pick(routes);
      const result = await search.flights({
        from: route.origin,
        to: route.destination,
        date: addDays(
          route.firstDate,
          random.int(0, Math.max(0, daysBetween(route.firstDate, route.lastDate))),
        ),
        passengers: random.int(1, 4),
        limit: 50,
        offset: 0,
        sort: undefined,
      });
      return result.results.length;
    });
    await time('cars', options.runs, async () => {
      const pickUp = day();
      const result = await search.cars({
        location: random.pick(locations),
        pickUp,
        dropOff: addDays(pickUp, random.int(1, 10)),
        category: undefined,
        limit: 50,
        offset: 0,
        sort: undefined,
      });
      return result.results.length;
    });
  } finally {
    await stores.close();
    lock?.release();
  }
}

main().catch((err: unknown) => {
  // A failed statement's message holds the whole SQL: the head says enough.
  console.error(err instanceof Error ? err.message.slice(0, 500) : err);
  process.exitCode = 1;
});
