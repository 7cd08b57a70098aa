import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  ConsistencyReportListSchema,
  ConsistencyReportSchema,
  type ConsistencyReport,
} from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { createLogger } from '../src/logger.ts';
import { ConsistencyChecker } from '../src/consistency/checker.ts';
import { insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import {
  customer,
  MANY_SEATS,
  pay,
  startPayServer,
  type Client,
  type PayTestServer,
} from './pay-fixtures.ts';

/** Polls `probe` until it answers something, or fails after `attempts` tries. */
async function eventually<T>(probe: () => Promise<T | undefined>, attempts = 300): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the condition was never met');
}

function checkerOf(
  server: PayTestServer,
  clock: ManualClock,
  opts: { batchSize?: number; keep?: number } = {},
) {
  const s = server.app.services;
  return new ConsistencyChecker(
    server.stores,
    { sweeper: s.sweeper, reconciler: s.reconciler, booking: s.booking },
    { clock, logger: createLogger('silent') },
    opts,
  );
}

const problemsOf = (r: ConsistencyReport) =>
  r.checks.filter((c) => c.status !== 'ok').map((c) => ({ name: c.name, details: c.details }));

describe.each(dialects)('the consistency checker while bookings run on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let api: Client;

  beforeAll(async () => {
    server = await startPayServer(dialect, { clock, env: { SESSION_TTL_HOURS: '1000' } });
    c = await insertSmallCatalog(server.stores, {
      tag: `live${dialect}`,
      now: clock.now(),
      rooms: 40,
      cars: 40,
      ySeats: MANY_SEATS,
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  it('reports no problem that is only a write in flight (parallel HTTP bookings, pays, removals, cancels)', async () => {
    const statuses: number[] = [];
    const worker = async (w: number) => {
      for (let i = 0; i < 5; i++) {
        const trip = await api.post('/api/trips', { customer });
        const tripId = trip.body.id as string;
        const offset = (w * 5 + i) % 12;
        const items: string[] = [];
        for (const body of [
          {
            type: 'hotel',
            roomTypeId: c.roomTypeId,
            checkIn: addDays(c.firstNight, offset),
            checkOut: addDays(c.firstNight, offset + 1 + (i % 2)),
            guests: 2,
          },
          { type: 'flight', flightId: c.flightId, fareClass: 'Y', passengers: [{ name: 'A' }] },
          {
            type: 'car',
            locationCode: c.locationCode,
            category: c.category,
            pickUp: addDays(c.firstNight, offset),
            dropOff: addDays(c.firstNight, offset + 2),
          },
        ]) {
          const res = await api.post(`/api/trips/${tripId}/items`, body);
          statuses.push(res.status);
          if (res.status === 201) items.push(res.body.id as string);
        }
        const action = (w + i) % 5;
        if (action === 1 && items[2])
          statuses.push((await api.delete(`/api/trips/${tripId}/items/${items[2]}`)).status);
        if (action === 3) {
          statuses.push((await pay(api, tripId, randomUUID(), 'pm_card_visa_chargeDeclined')).status);
          continue;
        }
        if (action === 4) continue; // left held
        statuses.push((await pay(api, tripId, randomUUID())).status);
        if (action === 2) {
          const cancel = await api.post(
            `/api/trips/${tripId}/cancel`,
            { reason: 'load' },
            { 'idempotency-key': randomUUID() },
          );
          statuses.push(cancel.status);
        }
        if (action === 0 && items[1]) {
          const cancel = await api.post(
            `/api/trips/${tripId}/items/${items[1]}/cancel`,
            { reason: 'load' },
            { 'idempotency-key': randomUUID() },
          );
          statuses.push(cancel.status);
        }
      }
    };

    let done = false;
    const reports: ConsistencyReport[] = [];
    const small = checkerOf(server, clock, { batchSize: 2 });
    const checks = (async () => {
      while (!done || reports.length < 4) {
        const res = await api.post('/api/admin/consistency-checks', { repair: false });
        expect(res.status).toBe(201);
        reports.push(ConsistencyReportSchema.parse(res.body));
        reports.push(await small.run({ repair: false, trigger: 'admin' }));
      }
    })();
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    done = true;
    await checks;

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (const r of reports) expect(problemsOf(r), r.id).toEqual([]);

    // At rest: the same, and nothing to repair.
    const last = await checkerOf(server, clock).run({ repair: true, trigger: 'admin' });
    expect(problemsOf(last)).toEqual([]);
    expect(last.checks.find((x) => x.name === 'stores_agree')!.checked).toBeGreaterThanOrEqual(60);
    expect(await invariantViolations(server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('keeps the newest reports only', async () => {
    const checker = checkerOf(server, clock, { keep: 3 });
    for (let i = 0; i < 4; i++) await checker.run({ repair: false, trigger: 'admin' });
    const rows = await server.stores.knex.payments('consistency_checks').count({ n: '*' });
    expect(Number(rows[0]!.n)).toBe(3);
  });
});

describe.each(dialects)('the scheduled consistency check on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let admin: Client;

  beforeAll(async () => {
    // An interval of about a second: the first scheduled run comes one interval after start.
    server = await startPayServer(dialect, { clock, env: { CONSISTENCY_CHECK_INTERVAL_HOURS: '0.0003' } });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  it('stores a schedule report, with safe repairs, once per interval', async () => {
    const scheduled = await eventually(async () => {
      const list = ConsistencyReportListSchema.parse((await admin.get('/api/admin/consistency-checks')).body);
      return list.items.find((i) => i.trigger === 'schedule');
    });
    expect(scheduled).toMatchObject({ trigger: 'schedule', repair: true, ok: true });
    const report = ConsistencyReportSchema.parse(
      (await admin.get(`/api/admin/consistency-checks/${scheduled.id}`)).body,
    );
    expect(report.checks).toHaveLength(5);
  });

  it('lets one instance claim a scheduled run of an interval (advisory lock on PostgreSQL)', async () => {
    const repo = server.stores.consistency.payments;
    const startedAt = clock.now().toISOString();
    // The clock stands still: what the server ran just now is within the interval, so nobody claims.
    const notSince = new Date(clock.now().getTime() - 3600_000).toISOString();
    const claims = await Promise.all(
      ['a', 'b', 'c'].map((x) =>
        repo.claimScheduledRun(
          { id: `chk_claim${x}${dialect}`, trigger: 'schedule', repair: true, startedAt },
          notSince,
        ),
      ),
    );
    expect(claims).toEqual([false, false, false]);
    // With the last scheduled run before `notSince`, exactly one of three concurrent claims wins.
    const later = new Date(clock.now().getTime() + 2 * 3600_000).toISOString();
    const wins = await Promise.all(
      ['d', 'e', 'f'].map((x) =>
        repo.claimScheduledRun(
          { id: `chk_claim${x}${dialect}`, trigger: 'schedule', repair: true, startedAt: later },
          clock.now().toISOString(),
        ),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('runs at once on start when the last scheduled report is older than the interval', async () => {
    const other = await startPayServer(dialect, { clock, env: { CONSISTENCY_CHECK_INTERVAL_HOURS: '0' } });
    try {
      const repo = other.stores.consistency.payments;
      const old = new Date(clock.now().getTime() - 48 * 3600_000).toISOString();
      await repo.insertRun({ id: `chk_old${dialect}`, trigger: 'schedule', repair: true, startedAt: old });
      await repo.finishRun(`chk_old${dialect}`, {
        finishedAt: old,
        ok: true,
        problems: 0,
        repaired: 0,
        report: {},
      });
      const checker = checkerOf(other, clock);
      await checker.startSchedule(24);
      const fresh = await eventually(async () =>
        (await checker.list()).find((r) => r.trigger === 'schedule' && r.id !== `chk_old${dialect}`),
      );
      expect(fresh.startedAt).toBe(clock.now().toISOString());
      await checker.stopSchedule();
    } finally {
      await other.stop();
    }
  });
});
