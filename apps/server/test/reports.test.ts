import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversionReportSchema, OccupancyReportSchema, SalesReportSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

type Api = ReturnType<typeof client>;

/**
 * Reports against a small world built through the HTTP API, every figure worked out by hand below.
 *
 * Hotel "Alfama" (EUR, UTC): Double 2 rooms at 100.00, Suite 1 room at 250.00 → 3 rooms.
 * Hotel "=Evil Inn" (USD): Single 1 room at 80.00 (its name tries a CSV formula).
 * Flight TD100, fare class Y at 150.00 EUR.
 *
 * Day 1, 2026-11-02 (UTC), the agent:
 *   T1 Double 11-10 → 11-13 (3 nights, 1 room) + breakfast 2 guests × 3 nights, and 1 seat in Y; paid.
 *      Stay price 3 × 10 000 + 6 × 1 600 = 39 600; seat 15 000. Payment 54 600.
 *   T2 Suite 11-29 → 12-02 (3 nights, 2 in November); paid. Price 75 000.
 *   T3 Double 11-20 → 11-22, 2 rooms; paid. Price 2 × 2 × 10 000 = 40 000. Cancelled on day 2.
 *   T5 Double 11-05 → 11-07; pay declined (pm_card_visa_chargeDeclined); then the agent removes it.
 *   T4 Double 11-15 → 11-16; left to expire: the clock moves past its 30-minute hold, the sweeper runs.
 * Day 2, 2026-11-03:
 *   T3 cancelled, free cancellation (more than 24 h before check-in): refund 40 000 EUR.
 *   T6 "=Evil Inn" Single 11-10 → 11-11; paid 8 000 USD.
 */
const DAY1 = '2026-11-02T10:00:00.000Z';
const DAY2 = '2026-11-03T10:00:00.000Z';
const PERIOD = 'from=2026-11-01&to=2026-12-01';

describe.each(dialects)('reports on %s', (dialect) => {
  const clock = new ManualClock(DAY1);
  let server: TestServer;
  let admin: Api;
  let agent: Api;
  let deskA: Api;
  let alfama: string;
  let evil: string;
  let doubleId: string;
  let suiteId: string;
  let singleId: string;
  let flightId: string;

  const post = async (api: Api, path: string, body: unknown, headers?: Record<string, string>) => {
    const res = await api.post(path, body, headers);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  let payKey = 0;
  const pay = (tripId: string, method = 'pm_card_visa') =>
    agent.post(
      `/api/trips/${tripId}/pay`,
      { paymentMethodId: method },
      { 'idempotency-key': `k${++payKey}` },
    );
  const trip = async () =>
    (await post(agent, '/api/trips', { customer: { name: 'Ada', email: 'ada@example.test' } })).id as string;
  const stay = (tripId: string, roomTypeId: string, checkIn: string, checkOut: string, extra = {}) =>
    post(agent, `/api/trips/${tripId}/items`, {
      type: 'hotel',
      roomTypeId,
      checkIn,
      checkOut,
      guests: 2,
      ...extra,
    });

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: {
        SWEEP_INTERVAL_SECONDS: '3600',
        RECONCILE_INTERVAL_SECONDS: '3600',
        SESSION_TTL_HOURS: '100000',
      },
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    const hotel = async (name: string) =>
      (await post(admin, '/api/hotels', { name, city: 'Lisbon', country: 'PT', timezone: 'UTC' }))
        .id as string;
    alfama = await hotel('Alfama');
    evil = await hotel('=Evil Inn');
    const roomType = async (
      hotelId: string,
      name: string,
      amount: number,
      currency: string,
      rooms: string[],
    ) =>
      (
        await post(admin, `/api/hotels/${hotelId}/room-types`, {
          name,
          maxOccupancy: 2,
          nightlyRate: { amount, currency },
          roomNumbers: rooms,
        })
      ).id as string;
    doubleId = await roomType(alfama, 'Double', 10_000, 'EUR', ['101', '102']);
    suiteId = await roomType(alfama, 'Suite', 25_000, 'EUR', ['201']);
    singleId = await roomType(evil, 'Single', 8_000, 'USD', ['1']);
    flightId = (
      await post(admin, '/api/flights', {
        flightNumber: 'TD100',
        from: 'LIS',
        to: 'OPO',
        departureAt: '2026-11-10T08:00:00Z',
        arrivalAt: '2026-11-10T09:00:00Z',
        fareClasses: [
          { code: 'Y', name: 'Economy', price: { amount: 15_000, currency: 'EUR' }, seats: ['1A', '1B'] },
        ],
      })
    ).id as string;
    const user = async (email: string, role: string, hotelId?: string) => {
      await post(admin, '/api/users', {
        email,
        name: email,
        role,
        password: 'reports-password-1',
        ...(hotelId ? { hotelId } : {}),
      });
      return client(server.url, await login(server.url, email, 'reports-password-1'));
    };
    agent = await user('agent@example.test', 'agent');
    deskA = await user('desk.a@example.test', 'frontdesk', alfama);

    // Day 1.
    const t1 = await trip();
    await stay(t1, doubleId, '2026-11-10', '2026-11-13', { extras: [{ code: 'breakfast', quantity: 2 }] });
    await post(agent, `/api/trips/${t1}/items`, {
      type: 'flight',
      flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Ada' }],
    });
    expect((await pay(t1)).status).toBe(200);
    const t2 = await trip();
    await stay(t2, suiteId, '2026-11-29', '2026-12-02');
    expect((await pay(t2)).status).toBe(200);
    const t3 = await trip();
    await stay(t3, doubleId, '2026-11-20', '2026-11-22', { rooms: 2, guests: 2 });
    expect((await pay(t3)).status).toBe(200);
    const t5 = await trip();
    const declinedItem = await stay(t5, doubleId, '2026-11-05', '2026-11-07');
    const declined = await pay(t5, 'pm_card_visa_chargeDeclined');
    expect(declined.status).toBe(402);
    expect((await agent.delete(`/api/trips/${t5}/items/${declinedItem.id}`)).status).toBeLessThan(300);
    const t4 = await trip();
    await stay(t4, doubleId, '2026-11-15', '2026-11-16');
    clock.advance(1800 + 60);
    expect((await server.app.services.sweeper.sweepOnce(clock.now())).items).toBe(1);

    // Day 2.
    clock.set(DAY2);
    const cancelled = await post(agent, `/api/trips/${t3}/cancel`, {});
    expect(cancelled.status).toBe('cancelled');
    const t6 = await trip();
    await stay(t6, singleId, '2026-11-10', '2026-11-11', { guests: 1 });
    expect((await pay(t6)).status).toBe(200);
  });
  afterAll(() => server?.stop());

  it('figures occupancy, ADR and RevPAR per hotel by hand', async () => {
    const res = await admin.get(`/api/reports/occupancy?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(OccupancyReportSchema.safeParse(res.body).error).toBeUndefined();
    // Hotels by name: '=' sorts before 'A'.
    expect(res.body.hotels.map((h: { hotelId: string }) => h.hotelId)).toEqual([evil, alfama]);
    expect(res.body).toMatchObject({ from: '2026-11-01', to: '2026-12-01', total: 2, limit: 50, offset: 0 });
    const [b, a] = res.body.hotels;
    // Alfama: available 3 rooms × 30 nights = 90. Sold: T1 3 nights + T2 2 November nights (29, 30) = 5;
    // T3 was cancelled, T4 expired, T5 released: none counts. Revenue: T1 room price 39 600 − 9 600
    // breakfast = 30 000; T2 75 000 / 3 = 25 000 a night × 2 = 50 000; total 80 000.
    // Occupancy 5 / 90 = 0.05556 → 0.0556; ADR 80 000 / 5 = 16 000; RevPAR 80 000 / 90 = 888.9 → 889.
    expect(a).toEqual({
      hotelId: alfama,
      hotelName: 'Alfama',
      currency: 'EUR',
      roomNightsAvailable: 90,
      roomNightsSold: 5,
      occupancy: 0.0556,
      roomRevenue: { amount: 80_000, currency: 'EUR' },
      adr: { amount: 16_000, currency: 'EUR' },
      revpar: { amount: 889, currency: 'EUR' },
    });
    // Evil Inn: 1 × 30 = 30 available, T6 1 sold; 8 000 revenue; 1/30 = 0.0333; ADR 8 000; 8 000/30 = 266.7 → 267.
    expect(b).toEqual({
      hotelId: evil,
      hotelName: '=Evil Inn',
      currency: 'USD',
      roomNightsAvailable: 30,
      roomNightsSold: 1,
      occupancy: 0.0333,
      roomRevenue: { amount: 8_000, currency: 'USD' },
      adr: { amount: 8_000, currency: 'USD' },
      revpar: { amount: 267, currency: 'USD' },
    });

    // One hotel: night by night too.
    const one = await admin.get(`/api/reports/occupancy?from=2026-11-29&to=2026-12-03&hotelId=${alfama}`);
    expect(one.status).toBe(200);
    // 29, 30 Nov and 1 Dec: the suite (T2); 2 Dec: nothing. 4 nights × 3 rooms = 12 available, 3 sold;
    // revenue 3 × 25 000 = 75 000; ADR 25 000; RevPAR 75 000 / 12 = 6 250.
    expect(one.body.hotels).toHaveLength(1);
    expect(one.body.hotels[0]).toMatchObject({
      roomNightsAvailable: 12,
      roomNightsSold: 3,
      occupancy: 0.25,
      roomRevenue: { amount: 75_000 },
      adr: { amount: 25_000 },
      revpar: { amount: 6_250 },
    });
    expect(one.body.hotels[0].nights).toEqual([
      { date: '2026-11-29', available: 3, sold: 1, occupancy: 0.3333 },
      { date: '2026-11-30', available: 3, sold: 1, occupancy: 0.3333 },
      { date: '2026-12-01', available: 3, sold: 1, occupancy: 0.3333 },
      { date: '2026-12-02', available: 3, sold: 0, occupancy: 0 },
    ]);

    // Paging: by name, one per page.
    const page = await admin.get(`/api/reports/occupancy?${PERIOD}&limit=1&offset=1`);
    expect(page.body.hotels.map((h: { hotelId: string }) => h.hotelId)).toEqual([alfama]);
    expect(page.body.total).toBe(2);
  });

  it('figures sales and refunds by UTC day, item type and currency', async () => {
    const res = await admin.get(`/api/reports/sales?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(SalesReportSchema.safeParse(res.body).error).toBeUndefined();
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    // 11-02 hotel EUR: T1 stay 39 600 + T2 75 000 + T3 40 000 = 154 600, 3 items. Flight: T1 seat 15 000.
    // 11-03 hotel EUR: refund of T3 40 000. Hotel USD: T6 8 000.
    expect(res.body.days).toEqual([
      {
        date: '2026-11-02',
        itemType: 'hotel',
        currency: 'EUR',
        salesCount: 3,
        salesAmount: eur(154_600),
        refundsCount: 0,
        refundsAmount: eur(0),
      },
      {
        date: '2026-11-02',
        itemType: 'flight',
        currency: 'EUR',
        salesCount: 1,
        salesAmount: eur(15_000),
        refundsCount: 0,
        refundsAmount: eur(0),
      },
      {
        date: '2026-11-03',
        itemType: 'hotel',
        currency: 'EUR',
        salesCount: 0,
        salesAmount: eur(0),
        refundsCount: 1,
        refundsAmount: eur(40_000),
      },
      {
        date: '2026-11-03',
        itemType: 'hotel',
        currency: 'USD',
        salesCount: 1,
        salesAmount: usd(8_000),
        refundsCount: 0,
        refundsAmount: usd(0),
      },
    ]);
    expect(res.body.totals).toEqual([
      {
        itemType: 'hotel',
        currency: 'EUR',
        salesCount: 3,
        salesAmount: eur(154_600),
        refundsCount: 1,
        refundsAmount: eur(40_000),
      },
      {
        itemType: 'hotel',
        currency: 'USD',
        salesCount: 1,
        salesAmount: usd(8_000),
        refundsCount: 0,
        refundsAmount: usd(0),
      },
      {
        itemType: 'flight',
        currency: 'EUR',
        salesCount: 1,
        salesAmount: eur(15_000),
        refundsCount: 0,
        refundsAmount: eur(0),
      },
    ]);
    // The sums match the payments: T1 54 600 + T2 75 000 + T3 40 000 = 169 600 EUR = 154 600 + 15 000.

    // A period without the second day has only the first.
    const first = await admin.get('/api/reports/sales?from=2026-11-02&to=2026-11-03');
    expect(first.body.days.map((d: { date: string }) => d.date)).toEqual(['2026-11-02', '2026-11-02']);
  });

  it('figures the booking funnel, the cancellation rate and the payment failure rate', async () => {
    const res = await admin.get(`/api/reports/conversion?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ConversionReportSchema.safeParse(res.body).error).toBeUndefined();
    // Hotel items placed: T1, T2, T3, T4, T5, T6 = 6; paid T1, T2, T3, T6 = 4; expired T4; released T5;
    // cancelled (after paying) T3. Rates: 4/6 = 0.6667, 1/6 = 0.1667, 1/6, cancellation 1/4 = 0.25.
    expect(res.body.byType).toEqual([
      {
        itemType: 'hotel',
        placed: 6,
        paid: 4,
        expired: 1,
        released: 1,
        held: 0,
        cancelled: 1,
        paidRate: 0.6667,
        expiredRate: 0.1667,
        releasedRate: 0.1667,
        cancellationRate: 0.25,
      },
      {
        itemType: 'flight',
        placed: 1,
        paid: 1,
        expired: 0,
        released: 0,
        held: 0,
        cancelled: 0,
        paidRate: 1,
        expiredRate: 0,
        releasedRate: 0,
        cancellationRate: 0,
      },
      // Nothing placed: no rate rather than 0.
      {
        itemType: 'car',
        placed: 0,
        paid: 0,
        expired: 0,
        released: 0,
        held: 0,
        cancelled: 0,
        paidRate: null,
        expiredRate: null,
        releasedRate: null,
        cancellationRate: null,
      },
    ]);
    // All: 7 placed, 5 paid (5/7 = 0.7143), 1 expired and 1 released (1/7 = 0.1429), 1 of 5 paid cancelled = 0.2.
    expect(res.body.all).toEqual({
      itemType: 'all',
      placed: 7,
      paid: 5,
      expired: 1,
      released: 1,
      held: 0,
      cancelled: 1,
      paidRate: 0.7143,
      expiredRate: 0.1429,
      releasedRate: 0.1429,
      cancellationRate: 0.2,
    });
    // Pay attempts T1, T2, T3, T5 (declined), T6 = 5; 4 captured; 1 failed, declined: 1/5 = 0.2.
    expect(res.body.payments).toEqual({
      attempts: 5,
      succeeded: 4,
      failed: 1,
      declined: 1,
      failureRate: 0.2,
      declineRate: 0.2,
    });
  });

  it('scopes the front desk to its own hotel and refuses agents', async () => {
    // The desk's hotel without asking: Alfama only. Its hotel items: T1, T2, T3, T4, T5 = 5 placed, 3 paid;
    // its trips' pay attempts T1, T2, T3, T5 = 4, one declined: 0.25.
    const conv = await deskA.get(`/api/reports/conversion?${PERIOD}`);
    expect(conv.status).toBe(200);
    expect(conv.body.hotelId).toBe(alfama);
    expect(conv.body.all).toMatchObject({ placed: 5, paid: 3, expired: 1, released: 1, cancelled: 1 });
    expect(conv.body.payments).toMatchObject({ attempts: 4, failed: 1, declined: 1, failureRate: 0.25 });
    const occ = await deskA.get(`/api/reports/occupancy?${PERIOD}`);
    expect(occ.body.hotels.map((h: { hotelId: string }) => h.hotelId)).toEqual([alfama]);
    expect(occ.body.hotels[0].roomNightsSold).toBe(5);
    // Stays of Alfama only: no flight, no USD.
    const sales = await deskA.get(`/api/reports/sales?${PERIOD}&hotelId=${alfama}`);
    expect(sales.body.totals).toEqual([
      expect.objectContaining({ itemType: 'hotel', currency: 'EUR', salesCount: 3, refundsCount: 1 }),
    ]);

    for (const report of ['occupancy', 'sales', 'conversion']) {
      const other = await deskA.get(`/api/reports/${report}?${PERIOD}&hotelId=${evil}`);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(other.body.code).toBe('not_found');
      const refused = await agent.get(`/api/reports/${report}?${PERIOD}`);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('forbidden');
    }
    expect((await admin.get(`/api/reports/sales?${PERIOD}&hotelId=htl_nope`)).status).toBe(404);
  });

  it('refuses bad periods with 400 problem+json', async () => {
    for (const q of [
      '',
      'from=2026-11-01',
      'from=2026-11-01&to=2026-11-01',
      'from=2026-12-01&to=2026-11-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-01-01&to=2027-01-03',
      `${PERIOD}&format=xml`,
    ]) {
      const res = await admin.get(`/api/reports/sales?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
    }
    // 366 days is the most.
    expect((await admin.get('/api/reports/sales?from=2027-01-01&to=2028-01-02')).status).toBe(200);
    expect((await admin.get(`/api/reports/occupancy?${PERIOD}&limit=0`)).status).toBe(400);
  });

  it('answers CSV for ?format=csv and for Accept: text/csv', async () => {
    const res = await admin.call('GET', `/api/reports/occupancy?${PERIOD}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="occupancy-2026-11-01-2026-12-01.csv"',
    );
    // The hotel whose name starts with "=" is defused with a leading apostrophe.
    expect(res.body).toBe(
      'hotel_id,hotel_name,currency,room_nights_available,room_nights_sold,occupancy,room_revenue,adr,revpar\r\n' +
        `${evil},'=Evil Inn,USD,30,1,0.0333,80.00,80.00,2.67\r\n` +
        `${alfama},Alfama,EUR,90,5,0.0556,800.00,160.00,8.89\r\n`,
    );

    const sales = await admin.get(`/api/reports/sales?${PERIOD}`, { accept: 'text/csv' });
    expect(sales.headers.get('content-disposition')).toBe(
      'attachment; filename="sales-2026-11-01-2026-12-01.csv"',
    );
    expect(sales.body).toBe(
      'date,item_type,currency,sales_count,sales_amount,refunds_count,refunds_amount,taxes_amount\r\n' +
        '2026-11-02,hotel,EUR,3,1546.00,0,0.00,0.00\r\n' +
        '2026-11-02,flight,EUR,1,150.00,0,0.00,0.00\r\n' +
        '2026-11-03,hotel,EUR,0,0.00,1,400.00,0.00\r\n' +
        '2026-11-03,hotel,USD,1,80.00,0,0.00,0.00\r\n',
    );

    const conv = await admin.get(`/api/reports/conversion?${PERIOD}&format=csv`);
    const lines = (conv.body as string).split('\r\n');
    expect(lines[0]).toBe(
      'item_type,holds_placed,paid,expired,released,held,cancelled,paid_rate,expired_rate,released_rate,' +
        'cancellation_rate,pay_attempts,pay_failed,pay_declined,payment_failure_rate',
    );
    expect(lines[3]).toBe('car,0,0,0,0,0,0,,,,,,,,');
    expect(lines[4]).toBe('all,7,5,1,1,0,1,0.7143,0.1429,0.1429,0.2,5,1,1,0.2');

    // JSON stays the default, also for a browser's Accept.
    const json = await admin.get(`/api/reports/sales?${PERIOD}`, { accept: 'text/html,*/*' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
