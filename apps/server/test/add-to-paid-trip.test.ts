import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type Trip } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { DAILY_RATE, insertSmallCatalog, invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login } from './harness.ts';
import { customer, pay, startPayServer, type Client, type PayTestServer } from './pay-fixtures.ts';
import { race } from './race.ts';

const TTL = 1800;
const NONE = { hotels: [], flights: [], cars: [] };

/**
 * An item added to a paid trip: the trip stays confirmed, the item is held with its own deadline, and
 * paying charges that item alone, as a second payment with its own invoice and receipt. A refund of it
 * goes back to that payment; a lapsed add-on gives its units back and leaves the sale as it was.
 */
describe.each(dialects)('adding an item to a paid trip on %s', (dialect) => {
  const clock = new ManualClock(new Date('2026-12-04T10:00:00Z'));
  let server: PayTestServer;
  let c: SmallCatalog;
  let api: Client;
  let offset = 0;

  beforeAll(async () => {
    server = await startPayServer(dialect, { clock, env: { HOLD_TTL_SECONDS: String(TTL) } });
    c = await insertSmallCatalog(server.stores, {
      tag: `addon${dialect}`,
      now: clock.now(),
      rooms: 20,
      cars: 20,
    });
    api = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  const stay = (from: number) => ({
    type: 'hotel',
    roomTypeId: c.roomTypeId,
    checkIn: addDays(c.firstNight, from),
    checkOut: addDays(c.firstNight, from + 2),
    guests: 2,
  });
  const car = (from: number) => ({
    type: 'car',
    locationCode: c.locationCode,
    category: c.category,
    pickUp: addDays(c.firstNight, from),
    dropOff: addDays(c.firstNight, from + 2),
  });

  /** A trip with a stay, paid. */
  async function paidStay(): Promise<{ tripId: string; stayId: string; from: number; sale: Trip }> {
    const from = (offset += 3);
    const tripId = (await api.post('/api/trips', { customer })).body.id as string;
    const held = await api.post(`/api/trips/${tripId}/items`, stay(from));
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const paid = await pay(api, tripId, randomUUID());
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    return { tripId, stayId: held.body.id as string, from, sale: paid.body as Trip };
  }

  it('holds the car on the confirmed trip and charges only the car, as a second invoiced payment', async () => {
    const { tripId, stayId, from, sale } = await paidStay();
    const added = await api.post(`/api/trips/${tripId}/items`, car(from));
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.status).toBe('held');
    const carId = added.body.id as string;
    const carPrice = 2 * DAILY_RATE;

    const before = (await api.get(`/api/trips/${tripId}`)).body as Trip;
    expect(before.status).toBe('confirmed');
    expect(before.amountDue).toEqual({ amount: carPrice, currency: 'USD' });
    expect(before.holdExpiresAt).toBe(added.body.holdExpiresAt);
    expect(before.total.amount).toBe(sale.total.amount + carPrice);
    expect(before.payments).toHaveLength(1);

    const paid = await pay(api, tripId, randomUUID());
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const trip = paid.body as Trip;
    expect(trip.status).toBe('confirmed');
    expect(trip.amountDue).toBeUndefined();
    expect(trip.holdExpiresAt).toBeUndefined();
    expect(trip.items.map((i) => i.status)).toEqual(['confirmed', 'confirmed']);
    // The answer's payment is the one this request made: the car's price alone. The sale's is unchanged.
    expect(trip.payment).toMatchObject({ amount: { amount: carPrice, currency: 'USD' }, status: 'captured' });
    const read = (await api.get(`/api/trips/${tripId}`)).body as Trip;
    expect(read.payment).toEqual(sale.payment);
    expect(read.payments).toEqual(trip.payments);
    expect(trip.payments!.map((p) => [p.amount.amount, p.itemIds])).toEqual([
      [sale.total.amount, [stayId]],
      [carPrice, [carId]],
    ]);
    const [first, second] = trip.payments!;
    expect(second!.invoiceNumber).not.toBe(first!.invoiceNumber);
    expect(trip.events.map((e) => e.type)).toContain('trip.items_paid');

    // One receipt per payment: the sale's by default, the car's by its invoice number.
    const saleReceipt = await api.get(`/api/trips/${tripId}/receipt`);
    expect(saleReceipt.body.lines.map((l: { itemId: string }) => l.itemId)).toEqual([stayId]);
    const carReceipt = await api.get(`/api/trips/${tripId}/receipt?invoice=${second!.invoiceNumber}`);
    expect(carReceipt.status).toBe(200);
    expect(carReceipt.body).toMatchObject({ invoiceNumber: second!.invoiceNumber, total: second!.amount });
    expect(carReceipt.body.lines.map((l: { itemId: string }) => l.itemId)).toEqual([carId]);
    const page = await api.get(`/api/trips/${tripId}/receipt.html?invoice=${second!.invoiceNumber}`);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain(second!.invoiceNumber);
    expect((await api.get(`/api/trips/${tripId}/receipt?invoice=INV-1999-000001`)).status).toBe(404);
    const bad = await api.get(`/api/trips/${tripId}/receipt?invoice=42`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');

    // Nothing more to pay.
    const again = await pay(api, tripId, randomUUID());
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/paid already/);

    // Cancelling the car refunds it from the car's payment, not the sale's.
    const cancelled = await api.post(
      `/api/trips/${tripId}/items/${carId}/cancel`,
      {},
      { 'idempotency-key': randomUUID() },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const refunds = await server.stores.paymentRecords.listRefunds({ tripId });
    const payments = await server.stores.paymentRecords.livePaymentsOfTrip(tripId);
    expect(refunds.map((r) => [r.paymentId, r.amount.amount])).toEqual([[payments[1]!.payment.id, carPrice]]);
    expect(payments.map((p) => p.payment.status)).toEqual(['captured', 'refunded']);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('lets an unpaid add-on lapse: its units go back, the sale stays confirmed and paid', async () => {
    const { tripId, from, sale } = await paidStay();
    const added = await api.post(`/api/trips/${tripId}/items`, car(from));
    expect(added.status).toBe(201);
    clock.advance(TTL + 1);
    await server.app.services.sweeper.sweepOnce(clock.now());
    const trip = (await api.get(`/api/trips/${tripId}`)).body as Trip;
    expect(trip.status).toBe('confirmed');
    expect(trip.items.map((i) => i.status)).toEqual(['confirmed', 'expired']);
    expect(trip.total).toEqual(sale.total);
    expect(trip.amountDue).toBeUndefined();
    const carHold = await server.stores.knex.cars('car_holds').where({ id: added.body.id }).first('status');
    expect(carHold.status).toBe('expired');
    expect((await pay(api, tripId, randomUUID())).status).toBe(409);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('removes a held add-on with the trip still confirmed, and a whole-trip cancel releases it unpaid', async () => {
    const one = await paidStay();
    const added = await api.post(`/api/trips/${one.tripId}/items`, car(one.from));
    const removed = await api.delete(`/api/trips/${one.tripId}/items/${added.body.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect((await api.get(`/api/trips/${one.tripId}`)).body.status).toBe('confirmed');

    const two = await paidStay();
    const held = await api.post(`/api/trips/${two.tripId}/items`, car(two.from));
    const cancelled = await api.post(
      `/api/trips/${two.tripId}/cancel`,
      { reason: 'plans changed' },
      { 'idempotency-key': randomUUID() },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const trip = cancelled.body as Trip;
    expect(trip.status).toBe('cancelled');
    expect(trip.items.find((i) => i.id === held.body.id)!.status).toBe('cancelled');
    // The refund is the stay's (free cancellation): the car was never paid.
    expect(trip.refund!.amount).toEqual(two.sale.total);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });

  it('charges the add-on once when two desks pay it at the same moment', async () => {
    const { tripId, from } = await paidStay();
    const added = await api.post(`/api/trips/${tripId}/items`, stay(from + 1));
    expect(added.status).toBe(201);
    const { answers } = await race(Array.from({ length: 4 }, () => () => pay(api, tripId, randomUUID())));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const payments = await server.stores.paymentRecords.livePaymentsOfTrip(tripId);
    expect(payments.map((p) => p.payment.status)).toEqual(['captured', 'captured']);
    expect(payments[1]!.itemIds).toEqual([added.body.id]);
    expect(await invariantViolations(server.stores)).toEqual(NONE);
  });
});
