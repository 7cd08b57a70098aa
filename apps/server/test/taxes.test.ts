import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, taxLines, type TaxRule } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import {
  DAILY_RATE,
  insertSmallCatalog,
  NIGHTLY_RATE,
  Y_PRICE,
  type SmallCatalog,
} from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('tax lines', () => {
  const basis = { itemType: 'hotel' as const, price: usd(24_000), nights: 2, days: 2, rooms: 1, people: 2 };
  it('takes an included percentage out of the price and adds the others, rounding half up', () => {
    const rules: TaxRule[] = [
      { code: 'vat', name: 'VAT 10%', percent: 10, included: true },
      { code: 'service', name: 'Service 7.5%', percent: 7.5 },
      { code: 'city', name: 'City tax', amount: usd(350), per: 'person-night' },
    ];
    expect(taxLines(rules, basis)).toEqual({
      lines: [
        { code: 'vat', name: 'VAT 10%', amount: usd(2182), included: true },
        { code: 'service', name: 'Service 7.5%', amount: usd(1800), included: false },
        { code: 'city', name: 'City tax', amount: usd(1400), included: false },
      ],
      added: 3200,
    });
  });
  it('counts a fixed fee per booking (a room each), person, night, person-night and day', () => {
    const fee = (per: TaxRule['per']) =>
      taxLines([{ code: 'f', name: 'F', amount: usd(100), per }], { ...basis, rooms: 2, people: 4 }).added;
    expect([fee('booking'), fee('person'), fee('night'), fee('person-night'), fee('day')]).toEqual([
      200, 400, 400, 800, 200,
    ]);
    // Another currency is never converted: left out.
    expect(
      taxLines([{ code: 'f', name: 'F', amount: { amount: 1, currency: 'EUR' }, per: 'booking' }], basis),
    ).toEqual({
      lines: [],
      added: 0,
    });
  });
});

/**
 * Taxes and fees per hotel, flight and car location over HTTP: shown in search, added to (or included in)
 * the held price, kept on the item as sold, itemised on the receipt and the invoice.
 */
describe.each(dialects)('taxes and fees on %s', (dialect) => {
  const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let c: SmallCatalog;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    c = await insertSmallCatalog(server.stores, { tag: `tx${dialect}`, now: clock.now(), rooms: 5, cars: 5 });
  });
  afterAll(() => server?.stop());

  it('prices a stay, a flight and a car with their taxes, and itemises them on the receipt', async () => {
    const set = async (path: string, items: unknown[]) => {
      const res = await admin.call('PUT', path, { items });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const hotelRules = [
      { code: 'vat', name: 'VAT 10%', percent: 10, included: true },
      { code: 'city_tax', name: 'City tax', amount: usd(350), per: 'person-night' },
    ];
    expect(await set(`/api/hotels/${c.hotelId}/taxes`, hotelRules)).toEqual({ items: hotelRules });
    await set(`/api/flights/${c.flightId}/taxes`, [
      { code: 'passenger_tax', name: 'Passenger taxes', amount: usd(4_200), per: 'person' },
    ]);
    await set(`/api/car-locations/${c.locationCode}/taxes`, [
      { code: 'location_fee', name: 'Airport location fee', amount: usd(1_500), per: 'booking' },
      { code: 'sales_tax', name: 'Sales tax 8%', percent: 8 },
    ]);

    // Search shows them on the offer before anything is held.
    const search = await admin.get(
      `/api/availability/hotels?city=Lisbon&limit=100&checkIn=${c.firstNight}&checkOut=${addDays(c.firstNight, 2)}&guests=2`,
    );
    const row = search.body.results.find((r: { roomTypeId: string }) => r.roomTypeId === c.roomTypeId);
    expect(row.taxes).toEqual([
      { code: 'vat', name: 'VAT 10%', amount: usd(2182), included: true },
      { code: 'city_tax', name: 'City tax', amount: usd(1400), included: false },
    ]);

    const trip = (
      await admin.post('/api/trips', { customer: { name: 'Tax Payer', email: 'tax@example.test' } })
    ).body.id as string;
    const stay = await admin.post(`/api/trips/${trip}/items`, {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: c.firstNight,
      checkOut: addDays(c.firstNight, 2),
      guests: 2,
    });
    expect(stay.status, JSON.stringify(stay.body)).toBe(201);
    expect(stay.body.price).toEqual(usd(2 * NIGHTLY_RATE + 1400));
    expect(stay.body.taxes).toEqual(row.taxes);

    const flight = await admin.post(`/api/trips/${trip}/items`, {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Tax Payer' }, { name: 'Tax Payer Jr' }],
    });
    expect(flight.status, JSON.stringify(flight.body)).toBe(201);
    expect(flight.body.price).toEqual(usd(2 * Y_PRICE + 2 * 4_200));

    const car = await admin.post(`/api/trips/${trip}/items`, {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: c.firstNight,
      dropOff: addDays(c.firstNight, 3),
    });
    expect(car.status, JSON.stringify(car.body)).toBe(201);
    const rental = 3 * DAILY_RATE;
    expect(car.body.price).toEqual(usd(rental + 1_500 + Math.round(rental * 0.08)));

    // A later change of the rules leaves what was held as it was.
    await set(`/api/hotels/${c.hotelId}/taxes`, []);
    const held = (await admin.get(`/api/trips/${trip}`)).body;
    expect(held.items[0].taxes).toEqual(row.taxes);
    expect(held.total.amount).toBe(stay.body.price.amount + flight.body.price.amount + car.body.price.amount);

    const paid = await admin.post(
      `/api/trips/${trip}/pay`,
      { paymentMethodId: 'pm_card_visa' },
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const receipt = (await admin.get(`/api/trips/${trip}/receipt`)).body;
    expect(receipt.lines[0].taxes).toEqual(row.taxes);
    expect(receipt.taxTotal).toEqual(usd(2182 + 1400 + 2 * 4_200 + 1_500 + Math.round(rental * 0.08)));
    const page = await admin.get(`/api/trips/${trip}/receipt.html`);
    expect(String(page.body)).toContain('City tax: $14.00');
    expect(String(page.body)).toContain('VAT 10% (included): $21.82');
    expect(String(page.body)).toContain('of which taxes and fees');

    // The sales report counts them apart, per item type, as sold.
    const day = clock.now().toISOString().slice(0, 10);
    const report = await admin.get(`/api/reports/sales?from=${day}&to=${addDays(day, 1)}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const taxesOf = (type: string) =>
      report.body.totals.find((t: { itemType: string }) => t.itemType === type)?.taxesAmount;
    expect([taxesOf('hotel'), taxesOf('flight'), taxesOf('car')]).toEqual([
      usd(2182 + 1400),
      usd(2 * 4_200),
      usd(1_500 + Math.round(rental * 0.08)),
    ]);
  });

  it('refuses a bad rule at its field, and lets only admins set them', async () => {
    const path = `/api/hotels/${c.hotelId}/taxes`;
    const bad = [
      [{ code: 'vat', name: 'VAT', percent: 60 }, 'body.items.0.percent'],
      [{ code: 'vat', name: 'VAT', percent: 10, amount: usd(1), per: 'booking' }, 'body.items.0.percent'],
      [{ code: 'fee', name: 'Fee', amount: usd(1) }, 'body.items.0.per'],
      [{ code: 'fee', name: 'Fee', amount: usd(1), per: 'day' }, 'body.items.0.per'],
      [{ code: 'vat', name: 'VAT', percent: 10.123 }, 'body.items.0.percent'],
    ] as const;
    for (const [rule, field] of bad) {
      const res = await admin.call('PUT', path, { items: [rule] });
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    await admin.post('/api/users', {
      email: 'tax-agent@example.test',
      name: 'Agent',
      role: 'agent',
      password: 'long-enough-password',
    });
    const agent = client(
      server.url,
      await login(server.url, 'tax-agent@example.test', 'long-enough-password'),
    );
    expect((await agent.call('PUT', path, { items: [] })).status).toBe(403);
    expect((await agent.get(path)).status).toBe(200);
    expect((await admin.get('/api/flights/flt_missing/taxes')).status).toBe(404);
  });
});
