// Benchmark: autocannon against the real server on the --scale demo catalog, next to a plain
// Express hello-world measured in the same run. Writes the figures into BENCHMARKS.md.
//
//   npm run bench -- [--scale 25] [--duration 10] [--connections 20] [--database-url URL]
//                    [--sqlite-synchronous full|normal] [--no-write]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStores } from '@tripdesk/server';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '25' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'database-url': { type: 'string' },
    'sqlite-synchronous': { type: 'string', default: 'full' },
    'no-write': { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const duration = Number(values.duration);
const connections = Number(values.connections);
const databaseUrl = values['database-url'];
const synchronous = values['sqlite-synchronous'];
const admin = { email: 'bench-admin@example.test', password: 'bench-admin-password' };

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never answered`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

interface Row {
  scenario: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  statuses: string;
}

async function run(
  scenario: string,
  opts: Omit<autocannon.Options, 'duration' | 'connections'>,
  conns = connections,
): Promise<Row> {
  log(`${scenario}: ${duration} s, ${conns} connections`);
  const r = await autocannon({ ...opts, duration, connections: conns });
  const stats =
    (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const statuses = Object.entries(stats)
    .map(([code, s]) => `${code}: ${s.count}`)
    .join(', ');
  return {
    scenario,
    reqPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses: r.errors ? `${statuses}, errors: ${r.errors}` : statuses,
  };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// 1. Catalog and servers.
const dataDir = mkdtempSync(join(os.tmpdir(), 'tripdesk-bench-'));
const t0 = Date.now();
const seed = spawnSync(
  process.execPath,
  [
    join(root, 'scripts/demo-data.ts'),
    '--scale',
    String(scale),
    ...(databaseUrl ? ['--database-url', databaseUrl] : ['--data-dir', dataDir]),
  ],
  { stdio: 'inherit' },
);
if (seed.status !== 0) process.exit(seed.status ?? 1);
log(`catalog at scale ${scale} seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'apps/server/src/main.ts')], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    LOG_LEVEL: 'warn',
    SQLITE_SYNCHRONOUS: synchronous,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    MAX_ACTIVE_HOLDS_PER_USER: '1000000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const helloPort = await freePort();
const hello = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import express from 'express'; const app = express(); app.get('/hello', (_q, r) => { r.json({ hello: 'world' }); }); app.listen(${helloPort}, '127.0.0.1');`,
  ],
  { cwd: join(root, 'scripts'), stdio: 'inherit' },
);

const rows: Row[] = [];
try {
  await waitFor(`${base}/api/health`, server);
  await waitFor(`http://127.0.0.1:${helloPort}/hello`, hello);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(base + path, { headers: auth });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  /** One autocannon scenario of randomised requests against the server, signed in as the admin. */
  const scenario = (name: string, method: 'GET' | 'POST', next: () => { path: string; body?: unknown }) =>
    run(name, {
      url: base,
      headers: auth,
      requests: [
        {
          method,
          setupRequest: (req) => {
            const r = next();
            req.path = r.path;
            if (r.body !== undefined) req.body = JSON.stringify(r.body);
            return req;
          },
        },
      ],
    });
  const createTrips = async (n: number, label: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${base}/api/trips`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          customer: {
            name: `${label} ${i}`,
            email: `${label.replace(/\W/g, '').toLowerCase()}${i}@example.test`,
          },
        }),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    return ids;
  };

  // What to search for: the catalog's own cities, routes and car desks.
  const cityNames = new Set<string>();
  for (let offset = 0; offset < 2000; offset += 200) {
    const page = await get<{ items: Array<{ city: string }> }>(`/api/hotels?limit=200&offset=${offset}`);
    page.items.forEach((h) => cityNames.add(h.city));
    if (page.items.length < 200) break;
  }
  const cities = [...cityNames];
  const locations = (await get<{ items: Array<{ code: string }> }>('/api/car-locations')).items.map(
    (l) => l.code,
  );
  const airports = locations.map((c) => c.slice(0, 3));
  const routes: Array<[string, string, string]> = [];
  for (let i = 0; routes.length < 40 && i < 400; i++) {
    const [from, to, date] = [pick(airports), pick(airports), isoDay(1 + Math.floor(Math.random() * 50))];
    if (from === to) continue;
    const r = await get<{ results: unknown[] }>(
      `/api/availability/flights?from=${from}&to=${to}&date=${date}`,
    );
    if (r.results.length > 0) routes.push([from, to, date]);
  }
  log(
    `${cities.length} cities, ${routes.length} flight routes with departures, ${locations.length} car desks`,
  );

  rows.push(await run('Express hello-world (baseline)', { url: `http://127.0.0.1:${helloPort}/hello` }));
  rows.push(
    await scenario('GET /api/availability/hotels (random city, 1-7 nights)', 'GET', () => {
      const start = 1 + Math.floor(Math.random() * 300);
      const nights = 1 + Math.floor(Math.random() * 7);
      return {
        path: `/api/availability/hotels?city=${encodeURIComponent(pick(cities))}&checkIn=${isoDay(start)}&checkOut=${isoDay(start + nights)}&guests=2`,
      };
    }),
  );
  rows.push(
    await scenario('GET /api/availability/flights (random route and day)', 'GET', () => {
      const [from, to, date] = pick(routes);
      return { path: `/api/availability/flights?from=${from}&to=${to}&date=${date}&passengers=1` };
    }),
  );
  rows.push(
    await scenario('GET /api/availability/cars (random desk, 1-10 days)', 'GET', () => {
      const start = 1 + Math.floor(Math.random() * 300);
      const days = 1 + Math.floor(Math.random() * 10);
      return {
        path: `/api/availability/cars?location=${pick(locations)}&pickUp=${isoDay(start)}&dropOff=${isoDay(start + days)}`,
      };
    }),
  );

  // Hold placement spread over the catalog: room types of every city, random nights, mostly sold.
  const spread: string[] = [];
  for (const city of cities) {
    const r = await get<{ results: Array<{ roomTypeId: string }> }>(
      `/api/availability/hotels?city=${encodeURIComponent(city)}&checkIn=${isoDay(40)}&checkOut=${isoDay(41)}&limit=50`,
    );
    spread.push(...r.results.map((x) => x.roomTypeId));
  }
  const spreadTrips = await createTrips(300, 'Spread Guest');
  rows.push(
    await scenario(
      `POST /api/trips/{id}/items (hotel hold, ${spread.length} room types, 1-3 nights)`,
      'POST',
      () => {
        const start = 30 + Math.floor(Math.random() * 200);
        return {
          path: `/api/trips/${pick(spreadTrips)}/items`,
          body: {
            type: 'hotel',
            roomTypeId: pick(spread),
            checkIn: isoDay(start),
            checkOut: isoDay(start + 1 + Math.floor(Math.random() * 3)),
            guests: 1,
          },
        };
      },
    ),
  );

  // Hold placement under contention: many trips competing for the rooms of three room types over
  // five nights, so the run sells them out and the rest are refused with 409 sold_out.
  const hot = await get<{ results: Array<{ roomTypeId: string; available: number }> }>(
    `/api/availability/hotels?city=${encodeURIComponent(cities[0]!)}&checkIn=${isoDay(20)}&checkOut=${isoDay(25)}&limit=3`,
  );
  const roomTypes = hot.results.map((r) => r.roomTypeId);
  const units = hot.results.reduce((n, r) => n + r.available * 5, 0);
  const trips = await createTrips(300, 'Bench Guest');
  log(`contention: ${roomTypes.length} room types x 5 nights = ${units} room-nights, ${trips.length} trips`);
  const holds = await scenario('POST /api/trips/{id}/items (hotel hold, contended)', 'POST', () => {
    const night = Math.floor(Math.random() * 5);
    return {
      path: `/api/trips/${pick(trips)}/items`,
      body: {
        type: 'hotel',
        roomTypeId: pick(roomTypes),
        checkIn: isoDay(20 + night),
        checkOut: isoDay(21 + night),
        guests: 1,
      },
    };
  });
  holds.statuses += ` (of ${units} room-nights)`;
  rows.push(holds);
} finally {
  await stop(server);
  await stop(hello);
}

// The invariant, in the database, after the run.
const stores = await openStores({ dataDir, databaseUrl }, { migrate: false });
const violations = [
  ...(await stores.hotelHolds.checkInvariant()),
  ...(await stores.flightHolds.checkInvariant()),
  ...(await stores.carHolds.checkInvariant()),
];
await stores.close();
if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
log(
  `invariant after the run: ${violations.length === 0 ? 'holds (no violating rows)' : JSON.stringify(violations)}`,
);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = [
  '| scenario | req/s | p50 ms | p99 ms | responses |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.scenario} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.statuses} |`),
].join('\n');
const store = databaseUrl ? 'PostgreSQL' : `SQLite (synchronous=${synchronous})`;
const section = `## ${store}, scale ${scale}

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.release()}; autocannon ${connections} connections × ${duration} s per scenario, server and load generator on the same machine.
Command: \`npm run bench -- --scale ${scale} --duration ${duration} --connections ${connections}${databaseUrl ? ' --database-url <url>' : synchronous === 'full' ? '' : ` --sqlite-synchronous ${synchronous}`}\`

${table}

Inventory invariant checked in the database after the run: ${violations.length === 0 ? 'no violating rows' : `${violations.length} violating rows`}.
`;
console.log(`\n${section}`);

if (!values['no-write']) {
  const file = join(root, 'BENCHMARKS.md');
  const header = `# Benchmarks

Written by \`scripts/bench.ts\` (\`npm run bench\`): the real server (\`apps/server/src/main.ts\`) on the
\`--scale\` demo catalog, driven by autocannon over HTTP, next to a plain Express hello-world measured in
the same run. Figures are from one machine at one time: compare rows within a section, not across
machines. Each section is replaced when the benchmark runs again with the same store.
`;
  let text = header;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    /* first run */
  }
  const title = section.split('\n')[0]!;
  const parts = text.split(/\n(?=## )/);
  const kept = parts.filter((p) => !p.startsWith(title.replace(/, scale \d+/, '')));
  writeFileSync(file, `${[...kept.map((p) => p.trimEnd()), section.trimEnd()].join('\n\n')}\n`);
  log(`written to ${file}`);
}
