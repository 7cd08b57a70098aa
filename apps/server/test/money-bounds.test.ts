import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, MAX_PRICE_MINOR, MAX_STAY_NIGHTS, todayIn } from '@tripdesk/shared';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

/**
 * Prices are bounded (MAX_PRICE_MINOR) and so are quantities, so that every total fits: a price past the
 * bound is refused at the edge, the largest stay the bounds allow is priced, held, listed and cancelled
 * exactly, and one record that cannot be shown does not take a list down.
 */
describe.each(dialects)('money bounds on %s', (dialect) => {
  let server: TestServer;
  let admin: ReturnType<typeof client>;
  let hotelId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    hotelId = (await admin.post('/api/hotels', { name: 'Grand', city: 'Lisbon', country: 'PT' })).body.id;
  });
  afterAll(() => server?.stop());

  let floor = 0;
  const roomType = (amount: number, rooms = 1) => {
    floor += 1;
    return {
      name: `Suite ${floor}`,
      maxOccupancy: 2,
      nightlyRate: { amount, currency: 'USD' },
      roomNumbers: Array.from({ length: rooms }, (_, i) => `${floor}${String(i).padStart(2, '0')}`),
    };
  };

  it.each([5e15, MAX_PRICE_MINOR + 1, Number.MAX_SAFE_INTEGER])(
    'refuses a nightly rate of %d minor units at the edge',
    async (amount) => {
      const res = await admin.post(`/api/hotels/${hotelId}/room-types`, roomType(amount));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          path: 'body.nightlyRate.amount',
          message: expect.stringMatching(/at most/),
        }),
      ]);
    },
  );

  it('holds, lists and cancels the dearest stay the bounds allow, with exact totals', async () => {
    const rt = await admin.post(`/api/hotels/${hotelId}/room-types`, roomType(MAX_PRICE_MINOR, 20));
    expect(rt.status).toBe(201);
    const trip = await admin.post('/api/trips', { customer: { name: 'Rich', email: 'rich@example.test' } });
    const checkIn = addDays(todayIn('UTC', new Date()), 10);
    const stay = {
      type: 'hotel',
      roomTypeId: rt.body.id,
      checkIn,
      checkOut: addDays(checkIn, MAX_STAY_NIGHTS),
      rooms: 20,
      guests: 1,
    };
    const item = await admin.post(`/api/trips/${trip.body.id}/items`, stay);
    expect(item.status).toBe(201);
    const expected = MAX_PRICE_MINOR * MAX_STAY_NIGHTS * 20;
    expect(expected).toBeGreaterThan(2 ** 31);
    expect(item.body.price).toEqual({ amount: expected, currency: 'USD' });
    const list = await admin.get('/api/trips');
    expect(list.status).toBe(200);
    expect(list.body.items.find((t: { id: string }) => t.id === trip.body.id).total).toEqual({
      amount: expected,
      currency: 'USD',
    });
    const cancelled = await admin.post(`/api/trips/${trip.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
  });

  it('keeps listing trips when one record cannot be shown', async () => {
    const rt = await admin.post(`/api/hotels/${hotelId}/room-types`, roomType(12_000, 2));
    const good = await admin.post('/api/trips', { customer: { name: 'Good', email: 'good@example.test' } });
    const bad = await admin.post('/api/trips', { customer: { name: 'Bad', email: 'bad@example.test' } });
    const checkIn = addDays(todayIn('UTC', new Date()), 10);
    const item = await admin.post(`/api/trips/${bad.body.id}/items`, {
      type: 'hotel',
      roomTypeId: rt.body.id,
      checkIn,
      checkOut: addDays(checkIn, 1),
      guests: 1,
    });
    expect(item.status).toBe(201);
    // A record no request can write any more (written before the bounds, or by hand): a price past 2^53.
    await server.stores.knex
      .payments('trip_items')
      .where({ id: item.body.id })
      .update({ price_amount: 2 ** 62 });
    const list = await admin.get('/api/trips');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((t: { id: string }) => t.id);
    expect(ids).toContain(good.body.id);
    expect(ids).not.toContain(bad.body.id);
  });
});
