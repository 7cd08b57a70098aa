import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { routePattern } from '../src/metrics.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer } from './harness.ts';
import {
  MANY_SEATS,
  pay,
  sellTrip,
  startPayServer,
  type Client,
  type PayTestServer,
} from './pay-fixtures.ts';

const TTL = 1800;

/** Prometheus text format → `name{labels}` → value (labels as written, sorted by prom-client). */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe.each(dialects)('GET /metrics on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: PayTestServer;
  let c: SmallCatalog;
  let agent: Client;
  let offset = 0;
  const sell = () => sellTrip(agent, c, { offset: (offset += 4) });

  async function scrape(): Promise<Map<string, number>> {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  }

  beforeAll(async () => {
    server = await startPayServer(dialect, { clock, env: { HOLD_TTL_SECONDS: String(TTL) } });
    c = await insertSmallCatalog(server.stores, {
      tag: `metrics${dialect}`,
      now: clock.now(),
      rooms: 30,
      cars: 30,
      ySeats: MANY_SEATS,
    });
    const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    await admin.post('/api/users', {
      email: 'agent.metrics@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'booking-password-1',
    });
    agent = client(server.url, await login(server.url, 'agent.metrics@example.test', 'booking-password-1'));
  });
  afterAll(() => server?.stop());

  it('counts exactly the holds placed, confirmed, released and expired, payments captured and declined, and sweeps', async () => {
    const before = await scrape();
    const delta = (after: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

    // Paid: three holds placed and confirmed, one capture.
    const paid = await sell();
    expect((await pay(agent, paid.tripId, 'metrics-paid')).status).toBe(200);
    // Declined: three holds placed, one failure, nothing confirmed; then one item removed by the agent.
    const declined = await sell();
    expect(
      (await pay(agent, declined.tripId, 'metrics-declined', 'pm_card_visa_chargeDeclined')).status,
    ).toBe(402);
    expect((await agent.delete(`/api/trips/${declined.tripId}/items/${declined.carItemId}`)).status).toBe(
      204,
    );
    // Left to expire: the sweeper finds the remaining five holds 60 s past their expiry.
    await sell();
    clock.advance(TTL + 60);
    await server.app.services.sweeper.sweepOnce(clock.now());

    const after = await scrape();
    for (const store of ['hotels', 'flights', 'cars']) {
      expect(delta(after, `tripdesk_holds_placed_total{store="${store}"}`), store).toBe(3);
      expect(delta(after, `tripdesk_holds_confirmed_total{store="${store}"}`), store).toBe(1);
      // The declined trip's hotel and flight holds, and the third trip's three holds.
      expect(delta(after, `tripdesk_holds_expired_total{store="${store}"}`), store).toBe(
        store === 'cars' ? 1 : 2,
      );
      expect(delta(after, `tripdesk_holds_released_total{store="${store}"}`), store).toBe(
        store === 'cars' ? 1 : 0,
      );
    }
    expect(delta(after, 'tripdesk_payments_captured_total')).toBe(1);
    expect(delta(after, 'tripdesk_payments_failed_total{reason="declined"}')).toBe(1);
    expect(delta(after, 'tripdesk_sweeper_runs_total')).toBe(1);
    // The oldest hold the sweep met was 60 s past its expiry at least (it was placed a little earlier).
    expect(after.get('tripdesk_sweeper_lag_seconds')).toBeGreaterThanOrEqual(60);
    expect(after.get('tripdesk_sweeper_last_run_age_seconds')).toBe(0);

    // Latency by route pattern, never by raw URL.
    expect(
      after.get(
        'tripdesk_http_request_duration_seconds_count{method="POST",route="/api/trips/:tripId/pay",status_class="2xx"}',
      ),
    ).toBe(1);
    expect(
      after.get(
        'tripdesk_http_request_duration_seconds_count{method="POST",route="/api/trips/:tripId/pay",status_class="4xx"}',
      ),
    ).toBe(1);
    expect([...after.keys()].some((k) => k.includes(paid.tripId))).toBe(false);
    // Default process metrics of this registry.
    expect(after.get('tripdesk_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts the reconciler’s repairs', async () => {
    const before = await scrape();
    await server.app.services.reconciler.reconcileOnce(0);
    const after = await scrape();
    // Nothing was left half-way: no repair, and the counter does not move.
    expect(
      [...after].filter(
        ([k, v]) => k.startsWith('tripdesk_reconciler_repairs_total') && v !== (before.get(k) ?? 0),
      ),
    ).toEqual([]);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789';
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { METRICS_TOKEN: token } });
  });
  afterAll(() => server?.stop());

  it('answers 401 without the bearer token or with another, 200 with it', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0000000000' } }))
        .status,
    ).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('tripdesk_holds_placed_total');
  });

  it('keeps apps apart: each server counts in its own registry', async () => {
    const text = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(parseMetrics(text).get('tripdesk_holds_placed_total{store="hotels"}')).toBe(0);
  });
});

describe('routePattern', () => {
  it('uses the matched pattern, and folds unmatched paths into fixed labels', () => {
    expect(routePattern('', '/api/trips/:tripId', '/api/trips/trp_123')).toBe('/api/trips/:tripId');
    expect(routePattern('', undefined, '/api/no/such/thing/123')).toBe('unmatched');
    expect(routePattern('', undefined, '/assets/index-abc123.js')).toBe('static');
  });
});
