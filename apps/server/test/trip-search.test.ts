import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn, TripListSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { insertSmallCatalog, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

type Client = ReturnType<typeof client>;
const TTL = 1800;

/**
 * Finding trips (`GET /api/trips` filters and paging) over HTTP, at an injected clock: every date below is
 * built from it, so the suite reads the same on any day.
 */
describe.each(dialects)('finding trips over HTTP on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  let c: SmallCatalog;
  let admin: Client;
  let agentA: { id: string; api: Client };
  let agentB: { id: string; api: Client };
  let desk: { id: string; api: Client };
  let keys = 0;
  const t: Record<'stay' | 'flight' | 'car' | 'open' | 'walkIn', string> = {
    stay: '',
    flight: '',
    car: '',
    open: '',
    walkIn: '',
  };
  let invoice = '';
  let carItem = '';
  const today = () => todayIn('UTC', clock.now());

  const user = async (email: string, role: string, hotelId?: string) => {
    const res = await admin.post('/api/users', {
      email,
      name: email,
      role,
      password: 'booking-password-1',
      ...(hotelId ? { hotelId } : {}),
    });
    expect(res.status).toBe(201);
    return {
      id: res.body.id as string,
      api: client(server.url, await login(server.url, email, 'booking-password-1')),
    };
  };
  const newTrip = async (api: Client, customer: Record<string, string>) => {
    // One second apart: the list is newest first, and the order below is the order of creation.
    clock.advance(1);
    const res = await api.post('/api/trips', { customer });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const addItem = async (api: Client, tripId: string, item: Record<string, unknown>) => {
    const res = await api.post(`/api/trips/${tripId}/items`, item);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const pay = async (api: Client, tripId: string) => {
    const res = await api.post(
      `/api/trips/${tripId}/pay`,
      { paymentMethodId: 'pm_card_visa' },
      { 'idempotency-key': `search-${dialect}-${++keys}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.payment.invoiceNumber as string;
  };
  /** The ids a query lists, in order, checked against the answer's schema. */
  const ids = async (api: Client, query: string) => {
    const res = await api.get(`/api/trips?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = TripListSchema.parse(res.body);
    return list.items.map((trip) => trip.id);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { HOLD_TTL_SECONDS: String(TTL), SWEEP_INTERVAL_SECONDS: '3600' },
    });
    c = await insertSmallCatalog(server.stores, {
      tag: `find${dialect}`,
      now: clock.now(),
      rooms: 4,
      cars: 3,
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    agentA = await user(`find-a-${dialect}@example.test`, 'agent');
    agentB = await user(`find-b-${dialect}@example.test`, 'agent');
    desk = await user(`find-desk-${dialect}@example.test`, 'frontdesk', c.hotelId);

    // Sold by A: a paid stay in Lisbon, from firstNight for 2 nights.
    t.stay = await newTrip(agentA.api, {
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      phone: '+44 20 7946 0000',
    });
    await addItem(agentA.api, t.stay, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 2),
      guests: 2,
    });
    invoice = await pay(agentA.api, t.stay);
    // Sold by B: a held flight to JFK (30 days out) for a traveller who is not the customer.
    t.flight = await newTrip(agentB.api, { name: 'Grace Hopper', email: 'grace@navy.test' });
    await addItem(agentB.api, t.flight, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Alan Turing' }],
    });
    // Sold by A: a paid car, 40 to 42 days out.
    t.car = await newTrip(agentA.api, {
      name: 'Linus Pauling',
      email: 'linus@example.test',
      phone: '555-0101',
    });
    carItem = await addItem(agentA.api, t.car, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: addDays(today(), 40),
      dropOff: addDays(today(), 42),
    });
    await pay(agentA.api, t.car);
    // Sold by B: nothing in it yet.
    t.open = await newTrip(agentB.api, { name: 'Open Only', email: 'open@example.test' });
    // The desk's walk-in at its own hotel, five nights after the first stay.
    t.walkIn = await newTrip(desk.api, { name: 'Walk In', email: 'walkin@example.test' });
    await addItem(desk.api, t.walkIn, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: addDays(c.firstNight, 5),
      checkOut: addDays(c.firstNight, 6),
      guests: 1,
    });
  });
  afterAll(() => server?.stop());

  it('lists every trip newest first with a total when no filter or page is given (as before)', async () => {
    const res = await agentA.api.get('/api/trips');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([
      t.walkIn,
      t.open,
      t.car,
      t.flight,
      t.stay,
    ]);
  });

  it('gives each row its travel dates and destination', async () => {
    const res = await agentA.api.get('/api/trips');
    const row = (id: string) => res.body.items.find((x: { id: string }) => x.id === id);
    expect(row(t.stay)).toMatchObject({
      travelStart: c.firstNight,
      travelEnd: addDays(c.firstNight, 2),
      destination: 'Lisbon',
    });
    expect(row(t.flight)).toMatchObject({ destination: 'JFK', travelStart: addDays(today(), 30) });
    expect(row(t.car)).toMatchObject({
      travelStart: addDays(today(), 40),
      travelEnd: addDays(today(), 42),
      destination: c.locationCode,
    });
    expect(row(t.open).travelStart).toBeUndefined();
    expect(row(t.open).destination).toBeUndefined();
  });

  it('filters by one status or several', async () => {
    expect(await ids(agentA.api, 'status=held')).toEqual([t.walkIn, t.flight]);
    expect(await ids(agentA.api, 'status=confirmed,open')).toEqual([t.open, t.car, t.stay]);
    expect(await ids(agentA.api, 'status=confirmed&status=held')).toEqual([
      t.walkIn,
      t.car,
      t.flight,
      t.stay,
    ]);
    expect(await ids(agentA.api, 'status=cancelled')).toEqual([]);
  });

  it('filters by travel dates: trips with an item overlapping the range', async () => {
    expect(
      await ids(agentA.api, `travelFrom=${addDays(c.firstNight, 1)}&travelTo=${addDays(c.firstNight, 1)}`),
    ).toEqual([t.stay]);
    const flightDay = addDays(today(), 30);
    expect(await ids(agentA.api, `travelFrom=${flightDay}&travelTo=${flightDay}`)).toEqual([t.flight]);
    expect(await ids(agentA.api, `travelFrom=${addDays(today(), 41)}`)).toEqual([t.car]);
    expect(await ids(agentA.api, `travelTo=${addDays(c.firstNight, 5)}`)).toEqual([t.walkIn, t.stay]);
  });

  it('filters by destination: a hotel city, an arrival airport, a car location (any case)', async () => {
    expect(await ids(agentA.api, 'destination=lisb')).toEqual([t.walkIn, t.stay]);
    expect(await ids(agentA.api, 'destination=jfk')).toEqual([t.flight]);
    expect(await ids(agentA.api, `destination=${c.locationCode.toLowerCase()}`)).toEqual([t.car]);
    expect(await ids(agentA.api, 'destination=lis%25')).toEqual([]);
  });

  it('filters by who sold it', async () => {
    expect(await ids(agentA.api, `soldBy=${agentB.id}`)).toEqual([t.open, t.flight]);
    expect(await ids(agentA.api, `soldBy=${agentA.id}`)).toEqual([t.car, t.stay]);
  });

  it('searches by invoice number (exact), customer and traveller name, email and phone digits', async () => {
    expect(invoice).toMatch(/^INV-\d{4}-\d+$/);
    expect(await ids(agentA.api, `q=${invoice}`)).toEqual([t.stay]);
    expect(await ids(agentA.api, `q=${invoice.toLowerCase()}`)).toEqual([t.stay]);
    expect(await ids(agentA.api, `q=${invoice.slice(0, -1)}9`)).toEqual([]);
    expect(await ids(agentA.api, 'q=LOVELACE')).toEqual([t.stay]);
    expect(await ids(agentA.api, 'q=alan%20tur')).toEqual([t.flight]);
    expect(await ids(agentA.api, 'q=navy.test')).toEqual([t.flight]);
    expect(await ids(agentA.api, `q=${encodeURIComponent('(20) 7946-0000')}`)).toEqual([t.stay]);
    expect(await ids(agentA.api, 'q=5550101')).toEqual([t.car]);
    expect(await ids(agentA.api, 'q=nobody')).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await ids(agentA.api, 'status=confirmed&destination=lisbon')).toEqual([t.stay]);
    expect(await ids(agentA.api, `status=held&soldBy=${agentB.id}&destination=jfk`)).toEqual([t.flight]);
    expect(await ids(agentA.api, `soldBy=${agentA.id}&travelFrom=${addDays(today(), 30)}`)).toEqual([t.car]);
    expect(await ids(agentA.api, `q=ada&status=held`)).toEqual([]);
  });

  it('pages in a stable order with the total of every page', async () => {
    const seen: string[] = [];
    for (const offset of [0, 2, 4]) {
      const res = await agentA.api.get(`/api/trips?limit=2&offset=${offset}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
    }
    expect(seen).toEqual(await ids(agentA.api, ''));
    const filtered = await agentA.api.get(`/api/trips?limit=1&offset=1&soldBy=${agentA.id}`);
    expect(filtered.body).toMatchObject({ total: 2, items: [{ id: t.stay }] });
    const past = await agentA.api.get('/api/trips?limit=2&offset=10');
    expect(past.body).toMatchObject({ total: 5, items: [] });
  });

  it('keeps a front desk to its scope, whatever the filters', async () => {
    expect(await ids(desk.api, '')).toEqual([t.walkIn, t.stay]);
    expect(await ids(desk.api, `soldBy=${agentA.id}`)).toEqual([t.stay]);
    expect(await ids(desk.api, `soldBy=${agentB.id}`)).toEqual([]);
    expect(await ids(desk.api, 'q=alan')).toEqual([]);
    const res = await desk.api.get('/api/trips?limit=1');
    expect(res.body.total).toBe(2);
  });

  it('follows an item changed, cancelled or removed', async () => {
    // The car moves two days later: the old dates no longer find it, the new ones do.
    const moved = await agentA.api.post(
      `/api/trips/${t.car}/items/${carItem}/change`,
      {
        type: 'car',
        pickUp: addDays(today(), 44),
        dropOff: addDays(today(), 46),
        paymentMethodId: 'pm_card_visa',
      },
      { 'idempotency-key': `search-${dialect}-${++keys}` },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(
      await ids(agentA.api, `travelFrom=${addDays(today(), 40)}&travelTo=${addDays(today(), 42)}`),
    ).toEqual([]);
    expect(await ids(agentA.api, `travelFrom=${addDays(today(), 45)}`)).toEqual([t.car]);

    // An item added to the open trip gives it dates; removed (released), they go again.
    const itemId = await addItem(agentB.api, t.open, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: addDays(today(), 50),
      dropOff: addDays(today(), 51),
    });
    expect(await ids(agentA.api, `travelFrom=${addDays(today(), 50)}`)).toEqual([t.open]);
    expect((await agentB.api.delete(`/api/trips/${t.open}/items/${itemId}`)).status).toBe(204);
    expect(await ids(agentA.api, `travelFrom=${addDays(today(), 50)}`)).toEqual([]);
    const open = (await agentA.api.get(`/api/trips/${t.open}`)).body;
    expect(open.travelStart).toBeUndefined();

    // A cancelled stay keeps its dates (the trip still shows when it was to travel) and its status says so.
    const cancelled = await agentA.api.post(
      `/api/trips/${t.stay}/cancel`,
      {},
      {
        'idempotency-key': `search-${dialect}-${++keys}`,
      },
    );
    expect(cancelled.status).toBe(200);
    expect(await ids(agentA.api, `status=cancelled&destination=lisbon`)).toEqual([t.stay]);
  });

  it('reads a held trip whose holds ran out as expired, in the filter as in the rows', async () => {
    clock.advance(TTL + 60);
    expect(await ids(agentA.api, 'status=expired')).toEqual([t.walkIn, t.flight]);
    expect(await ids(agentA.api, 'status=held')).toEqual([]);
    expect(await ids(agentA.api, 'status=held,expired')).toEqual([t.walkIn, t.flight]);
    const res = await agentA.api.get('/api/trips?status=expired&limit=1');
    expect(res.body).toMatchObject({ total: 2, items: [{ id: t.walkIn, status: 'expired' }] });
  });

  it.each([
    'status=lost',
    'status=held,',
    'limit=0',
    'limit=501',
    'limit=ten',
    'offset=-1',
    'travelFrom=2026-02-30',
    'travelTo=tomorrow',
    'travelFrom=2026-05-02&travelTo=2026-05-01',
    `destination=${'x'.repeat(101)}`,
  ])('refuses %s with a 400 problem', async (query) => {
    const res = await agentA.api.get(`/api/trips?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
  });
});
