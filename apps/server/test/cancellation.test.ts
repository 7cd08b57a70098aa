import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  CancellationQuoteSchema,
  money,
  policyAtPrice,
  TripSchema,
  type FlightAvailabilityRow,
  type Money,
} from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { zonedInstant } from '../src/after-sale/cancellation-policy.ts';
import {
  addItem,
  HOTEL_TZ,
  ledgerGap,
  newTrip,
  pay,
  RATES,
  roomNights,
  startAfterSaleWorld,
  type AfterSaleWorld,
} from './after-sale-fixtures.ts';
import { invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';

describe.each(dialects)('cancellation and refunds on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  const saleTime = clock.now();
  let w: AfterSaleWorld;

  const day = (n: number) => addDays(w.firstDay, n);
  const stay = (from: number, nights: number, extra: Record<string, unknown> = {}) => ({
    type: 'hotel',
    roomTypeId: w.doubleId,
    checkIn: day(from),
    checkOut: day(from + nights),
    guests: 2,
    ...extra,
  });
  const flight = (fareClass: string, passengers = 1) => ({
    type: 'flight',
    flightId: w.flightId,
    fareClass,
    passengers: Array.from({ length: passengers }, (_, i) => ({ name: `Passenger ${i + 1}` })),
  });
  const car = (from: number, days: number, category = 'economy') => ({
    type: 'car',
    locationCode: w.locationCode,
    category,
    pickUp: day(from),
    dropOff: day(from + days),
  });
  /** A trip of these items, sold and paid at sale time: its id and its items' ids in order. */
  const sold = async (items: Record<string, unknown>[]) => {
    clock.set(saleTime);
    const tripId = await newTrip(w.agent);
    const ids: string[] = [];
    for (const item of items) ids.push((await addItem(w.agent, tripId, item)).id as string);
    const trip = await pay(w.agent, tripId);
    return { tripId, ids, trip };
  };
  const cancel = (tripId: string, body?: unknown) => w.agent.post(`/api/trips/${tripId}/cancel`, body);
  const quote = async (tripId: string) => {
    const res = await w.agent.get(`/api/trips/${tripId}/cancel-quote`);
    expect(res.status).toBe(200);
    expect(CancellationQuoteSchema.safeParse(res.body).error).toBeUndefined();
    return res.body;
  };
  const fareClassCounts = async (code: string) =>
    (await w.server.stores.knex
      .flights('fare_classes')
      .where({ flight_id: w.flightId, code })
      .first('held', 'booked')) as { held: number; booked: number };
  const carDays = async (category: string, from: number, days: number) =>
    (await w.server.stores.knex
      .cars('car_days')
      .where({ location_code: w.locationCode, category })
      .where('day', '>=', day(from))
      .where('day', '<', day(from + days))
      .orderBy('day')
      .select('held', 'booked')) as { held: number; booked: number }[];
  const refundsOf = (tripId: string) => w.server.stores.paymentRecords.listRefunds({ tripId });
  const paymentOf = async (tripId: string) => (await w.server.stores.paymentRecords.findLivePayment(tripId))!;
  const gatewayRefunds = async (transactionId: string) =>
    (
      (await w.server.stores.knex
        .payments('gateway_refunds')
        .where({ transaction_id: transactionId })
        .select('amount', 'status', 'idempotency_key')) as {
        amount: unknown;
        status: string;
        idempotency_key: string;
      }[]
    ).map((r) => ({ ...r, amount: Number(r.amount) }));
  /** The refund a cancel at this instant gives: the quote first, then the cancel, compared. */
  const cancelAsQuoted = async (tripId: string, expected: number) => {
    const q = await quote(tripId);
    expect(q.cancellable).toBe(true);
    expect(q.refund.amount).toBe(expected);
    const res = await cancel(tripId, { reason: 'Customer changed plans' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(TripSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.status).toBe('cancelled');
    expect(res.body.refund).toMatchObject({ amount: { amount: expected, currency: 'USD' } });
    expect(res.body.refund.amount).toEqual(q.refund);
    // A later read of the trip, alone and in the list, shows the same refund (API.md `refund`).
    const read = await w.agent.get(`/api/trips/${tripId}`);
    expect(read.body.refund).toEqual(res.body.refund);
    const listed = await w.agent.get(`/api/trips?status=cancelled`);
    expect(listed.body.items.find((t: { id: string }) => t.id === tripId)?.refund).toEqual(res.body.refund);
    return res.body;
  };

  beforeAll(async () => {
    w = await startAfterSaleWorld(dialect, clock, `cx${dialect}`);
  });
  afterAll(() => w?.server.stop());

  it('cancels a held trip: every hold released at once, nothing to refund', async () => {
    clock.set(saleTime);
    const tripId = await newTrip(w.agent);
    const hotel = await addItem(w.agent, tripId, stay(0, 2));
    const seats = await addItem(w.agent, tripId, flight('Y', 2));
    const rental = await addItem(w.agent, tripId, car(0, 3));
    expect((await roomNights(w.server.stores, w.doubleId, day(0), day(2))).map((n) => n.held)).toEqual([
      1, 1,
    ]);

    const q = await quote(tripId);
    expect(q).toMatchObject({ cancellable: true, refund: { amount: 0 }, fee: { amount: 0 } });
    const res = await cancel(tripId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      refund: { amount: { amount: 0, currency: 'USD' }, status: 'succeeded' },
    });
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(res.body.payment).toBeUndefined();
    expect(res.body.events.at(-1)).toMatchObject({ type: 'trip.cancelled', from: 'held', to: 'cancelled' });

    // The counters in the stores: nothing held any more, the holds ended as cancelled.
    expect(await roomNights(w.server.stores, w.doubleId, day(0), day(2))).toEqual([
      { night: day(0), held: 0, booked: 0 },
      { night: day(1), held: 0, booked: 0 },
    ]);
    expect(await fareClassCounts('Y')).toEqual({ held: 0, booked: 0 });
    expect(await carDays('economy', 0, 3)).toEqual([0, 1, 2].map(() => ({ held: 0, booked: 0 })));
    expect((await w.server.stores.hotelHolds.findHold(hotel.id))?.status).toBe('cancelled');
    expect((await w.server.stores.flightHolds.findHold(seats.id))?.status).toBe('cancelled');
    expect((await w.server.stores.carHolds.findHold(rental.id))?.status).toBe('cancelled');
    expect(await w.server.stores.knex.flights('seat_assignments').where({ item_id: seats.id })).toEqual([]);
    expect(await refundsOf(tripId)).toEqual([]);

    // Cancelled is final.
    const again = await cancel(tripId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('refunds a stay in full before the hotel’s cut-off, and keeps the first night after it', async () => {
    const price = 2 * RATES.double;
    const freeUntil = zonedInstant(day(4), 15, 0, HOTEL_TZ).getTime() - 48 * 3_600_000;

    const early = await sold([stay(4, 2)]);
    expect(early.trip.payment).toMatchObject({ status: 'captured', amount: { amount: price } });
    expect((await roomNights(w.server.stores, w.doubleId, day(4), day(6))).map((n) => n.booked)).toEqual([
      1, 1,
    ]);
    clock.set(new Date(freeUntil - 60_000));
    const body = await cancelAsQuoted(early.tripId, price);
    expect(body.refund.status).toBe('succeeded');
    expect(body.payment).toMatchObject({ status: 'refunded' });
    const [refund] = await refundsOf(early.tripId);
    const payment = await paymentOf(early.tripId);
    expect(refund).toMatchObject({
      paymentId: payment.id,
      itemId: early.ids[0],
      amount: { amount: price, currency: 'USD' },
      status: 'succeeded',
      gatewayRefundId: expect.any(String),
    });
    expect(payment).toMatchObject({ status: 'refunded', refundedAmount: price });
    // The gateway's own record, under the key derived from the trip and the item.
    expect(await gatewayRefunds(payment.transactionId!)).toEqual([
      {
        amount: price,
        status: 'succeeded',
        idempotency_key: `refund:${early.tripId}:${early.ids[0]}:cancel:pay`,
      },
    ]);
    expect(await roomNights(w.server.stores, w.doubleId, day(4), day(6))).toEqual([
      { night: day(4), held: 0, booked: 0 },
      { night: day(5), held: 0, booked: 0 },
    ]);
    expect((await w.server.stores.hotelHolds.findHold(early.ids[0]!))?.status).toBe('cancelled');

    const late = await sold([stay(4, 2)]);
    clock.set(new Date(freeUntil + 60_000));
    const lateBody = await cancelAsQuoted(late.tripId, price - RATES.double);
    expect(lateBody.payment).toMatchObject({ status: 'partially_refunded' });
    expect(await paymentOf(late.tripId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: price - RATES.double,
    });
    expect((await roomNights(w.server.stores, w.doubleId, day(4), day(6))).map((n) => n.booked)).toEqual([
      0, 0,
    ]);
    const events = lateBody.events.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['item.cancelled', 'trip.cancelled', 'refund.succeeded']));
  });

  it('refunds flights by fare class: J in full until departure, W half, Y nothing', async () => {
    const departure = Date.parse(w.departureAt);
    const j = await sold([flight('J')]);
    expect(await fareClassCounts('J')).toEqual({ held: 0, booked: 1 });
    clock.set(new Date(departure - 3_600_000));
    await cancelAsQuoted(j.tripId, RATES.J);
    expect(await fareClassCounts('J')).toEqual({ held: 0, booked: 0 });
    expect(await w.server.stores.knex.flights('seat_assignments').where({ item_id: j.ids[0] })).toEqual([]);

    const jFlown = await sold([flight('J')]);
    clock.set(new Date(departure + 3_600_000));
    const flown = await cancelAsQuoted(jFlown.tripId, 0);
    expect(flown.payment).toMatchObject({ status: 'captured' });
    expect(await refundsOf(jFlown.tripId)).toEqual([]);

    // W: half of the price of both passengers, before or after departure.
    const wTrip = await sold([flight('W', 2)]);
    expect(await fareClassCounts('W')).toEqual({ held: 0, booked: 2 });
    clock.set(new Date(departure - 86_400_000));
    await cancelAsQuoted(wTrip.tripId, RATES.W);
    expect(await paymentOf(wTrip.tripId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: RATES.W,
    });
    expect(await fareClassCounts('W')).toEqual({ held: 0, booked: 0 });

    const y = await sold([flight('Y')]);
    clock.set(new Date(saleTime.getTime() + 60_000));
    const yBody = await cancelAsQuoted(y.tripId, 0);
    expect(yBody.refund.status).toBe('succeeded');
    expect(await paymentOf(y.tripId)).toMatchObject({ status: 'captured', refundedAmount: 0 });
    expect(await fareClassCounts('Y')).toEqual({ held: 0, booked: 0 });
  });

  it('keeps on a W fare with extras the fee the search quoted at the price with those extras', async () => {
    clock.set(saleTime);
    const date = w.departureAt.slice(0, 10);
    const search = await w.agent.get(`/api/availability/flights?from=LIS&to=JFK&date=${date}&passengers=2`);
    expect(search.status).toBe(200);
    const offer = (search.body.results as FlightAvailabilityRow[]).find((r) => r.fareClass === 'W')!;
    const bag = offer.extras!.find((e) => e.code === 'extra_bag')!;
    // The hold dialog's quote: the two seats and two bags.
    const quoted = policyAtPrice(
      offer.cancellationPolicy!,
      money(offer.totalPrice!.amount + 2 * bag.price.amount, 'USD'),
    );
    expect(quoted.fee).toEqual(money((2 * RATES.W + 2 * bag.price.amount) / 2, 'USD'));

    const tripId = await newTrip(w.agent);
    const item = await addItem(w.agent, tripId, {
      ...flight('W', 2),
      extras: [{ code: 'extra_bag', quantity: 2 }],
    });
    expect(item.cancellationPolicy).toEqual(quoted);
    await pay(w.agent, tripId);
    clock.set(new Date(Date.parse(w.departureAt) - 86_400_000));
    const body = await cancelAsQuoted(tripId, (item.price as Money).amount - quoted.fee!.amount);
    expect(body.refund.amount.amount + quoted.fee!.amount).toBe((item.price as Money).amount);
  });

  it('refunds a car in full until pick-up and nothing after', async () => {
    const price = 3 * RATES.economy;
    const before = await sold([car(8, 3)]);
    expect((await carDays('economy', 8, 3)).map((d) => d.booked)).toEqual([1, 1, 1]);
    clock.set(new Date(Date.parse(`${day(8)}T00:00:00.000Z`) - 60_000));
    await cancelAsQuoted(before.tripId, price);
    expect(await paymentOf(before.tripId)).toMatchObject({ status: 'refunded', refundedAmount: price });
    expect((await carDays('economy', 8, 3)).map((d) => d.booked)).toEqual([0, 0, 0]);

    const after = await sold([car(8, 3)]);
    clock.set(new Date(`${day(8)}T01:00:00.000Z`));
    await cancelAsQuoted(after.tripId, 0);
    expect(await paymentOf(after.tripId)).toMatchObject({ status: 'captured', refundedAmount: 0 });
    // The rental is still paid for, but the car goes back to the fleet at once.
    expect((await carDays('economy', 8, 3)).map((d) => d.booked)).toEqual([0, 0, 0]);
  });

  it('cancels one item: the trip stays confirmed until its last item goes', async () => {
    const t = await sold([stay(12, 1), car(12, 2)]);
    clock.set(new Date(saleTime.getTime() + 3_600_000));
    const itemQuote = await w.agent.get(`/api/trips/${t.tripId}/items/${t.ids[1]}/cancel-quote`);
    expect(itemQuote.status).toBe(200);
    expect(itemQuote.body).toMatchObject({ cancellable: true, refund: { amount: 2 * RATES.economy } });
    expect(itemQuote.body.items).toHaveLength(1);

    const first = await w.agent.post(`/api/trips/${t.tripId}/items/${t.ids[1]}/cancel`, {
      reason: 'No car needed',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toBe('confirmed');
    expect(first.body.items.map((i: { status: string }) => i.status)).toEqual(['confirmed', 'cancelled']);
    expect(first.body.refund).toMatchObject({ amount: { amount: 2 * RATES.economy }, status: 'succeeded' });
    expect(first.body.payment).toMatchObject({ status: 'partially_refunded' });
    expect((await carDays('economy', 12, 2)).map((d) => d.booked)).toEqual([0, 0]);
    expect((await roomNights(w.server.stores, w.doubleId, day(12), day(13))).map((n) => n.booked)).toEqual([
      1,
    ]);
    expect((await refundsOf(t.tripId)).map((r) => [r.itemId, r.amount.amount])).toEqual([
      [t.ids[1], 2 * RATES.economy],
    ]);

    // The same item twice: it is cancelled already.
    const twice = await w.agent.post(`/api/trips/${t.tripId}/items/${t.ids[1]}/cancel`);
    expect(twice.status).toBe(409);

    const last = await w.agent.post(`/api/trips/${t.tripId}/items/${t.ids[0]}/cancel`);
    expect(last.status).toBe(200);
    expect(last.body.status).toBe('cancelled');
    expect(last.body.refund).toMatchObject({ amount: { amount: 2 * RATES.economy + RATES.double } });
    expect(last.body.payment).toMatchObject({ status: 'refunded' });
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('does not cancel a stay in the house, nor a held item one by one', async () => {
    const t = await sold([stay(14, 2), flight('Y')]);
    clock.set(zonedInstant(day(14), 16, 0, HOTEL_TZ));
    expect((await w.deskA.post(`/api/trips/${t.tripId}/items/${t.ids[0]}/check-in`)).status).toBe(200);
    const trip = await cancel(t.tripId);
    expect(trip.status).toBe(409);
    expect(trip.body).toMatchObject({ code: 'invalid_transition' });
    expect(trip.body.detail).toContain('checked in');
    const item = await w.agent.post(`/api/trips/${t.tripId}/items/${t.ids[0]}/cancel`);
    expect(item.status).toBe(409);
    expect((await quote(t.tripId)).cancellable).toBe(false);
    // Nothing moved: the stay is in the house, its nights still booked.
    expect((await roomNights(w.server.stores, w.doubleId, day(14), day(16))).map((n) => n.booked)).toEqual([
      1, 1,
    ]);
    expect(await refundsOf(t.tripId)).toEqual([]);
    // Its other items can still be cancelled one by one.
    expect((await w.agent.post(`/api/trips/${t.tripId}/items/${t.ids[1]}/cancel`)).status).toBe(200);

    clock.set(saleTime);
    const heldTrip = await newTrip(w.agent);
    const held = await addItem(w.agent, heldTrip, stay(16, 1));
    const one = await w.agent.post(`/api/trips/${heldTrip}/items/${held.id}/cancel`);
    expect(one.status).toBe(409);
    expect(one.body.detail).toContain('removed');
  });

  it('keeps a front desk to its own hotel’s trips', async () => {
    const t = await sold([stay(18, 1)]);
    expect((await w.deskB.post(`/api/trips/${t.tripId}/cancel`)).status).toBe(404);
    expect((await w.deskB.get(`/api/trips/${t.tripId}/cancel-quote`)).status).toBe(404);
    const mixed = await sold([stay(18, 1), car(18, 1)]);
    expect((await w.deskA.post(`/api/trips/${mixed.tripId}/cancel`)).status).toBe(403);
    // Its own hotel's stay of that trip it may cancel; the car it may not see.
    expect((await w.deskA.post(`/api/trips/${mixed.tripId}/items/${mixed.ids[1]}/cancel`)).status).toBe(404);
    expect((await w.deskA.post(`/api/trips/${mixed.tripId}/items/${mixed.ids[0]}/cancel`)).status).toBe(200);
    expect((await w.deskA.post(`/api/trips/${t.tripId}/cancel`)).status).toBe(200);
  });

  it('keeps a refund the gateway could not make pending, and the recovery job makes it once', async () => {
    const t = await sold([stay(20, 2)]);
    clock.set(new Date(saleTime.getTime() + 3_600_000));
    w.gateway.refundsDown = true;
    try {
      const res = await cancel(t.tripId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'cancelled',
        refund: { amount: { amount: 2 * RATES.double }, status: 'pending' },
      });
      // The units are back at once; the money is owed.
      expect((await roomNights(w.server.stores, w.doubleId, day(20), day(22))).map((n) => n.booked)).toEqual([
        0, 0,
      ]);
      expect(await refundsOf(t.tripId)).toMatchObject([
        { status: 'pending', amount: { amount: 2 * RATES.double } },
      ]);
      expect(await paymentOf(t.tripId)).toMatchObject({ status: 'captured', refundedAmount: 0 });
      // Still down: the job tries and leaves it pending.
      await w.server.app.services.afterSaleRecovery.recoverOnce(0);
      expect((await refundsOf(t.tripId))[0]!.status).toBe('pending');
    } finally {
      w.gateway.refundsDown = false;
    }
    const counts = await w.server.app.services.afterSaleRecovery.recoverOnce(0);
    expect(counts.cancellations).toBeGreaterThanOrEqual(1);
    expect(await refundsOf(t.tripId)).toMatchObject([{ status: 'succeeded' }]);
    const payment = await paymentOf(t.tripId);
    expect(payment).toMatchObject({ status: 'refunded', refundedAmount: 2 * RATES.double });
    expect(await gatewayRefunds(payment.transactionId!)).toHaveLength(1);
    expect((await w.agent.get(`/api/trips/${t.tripId}`)).body.status).toBe('cancelled');
    expect(await w.server.stores.afterSale.findCancellation(t.ids[0]!)).toMatchObject({
      status: 'completed',
      refundStatus: 'succeeded',
    });
    // Another pass changes nothing: the refund is made once.
    await w.server.app.services.afterSaleRecovery.recoverOnce(0);
    expect(await gatewayRefunds(payment.transactionId!)).toHaveLength(1);
  });

  it('finishes a cancellation a crash left right after it was recorded', async () => {
    const t = await sold([stay(24, 1), flight('W')]);
    clock.set(new Date(saleTime.getTime() + 3_600_000));
    // What the cancel's first write leaves: items cancelled with their cancellation records, nothing
    // else (the process died before the units went back and the gateway was asked).
    const now = clock.now();
    await w.server.stores.afterSale.changeItems(t.tripId, now, ({ items }) => ({
      trip: { status: 'cancelled' },
      items: items.map((i) => ({ id: i.id, from: 'confirmed' as const, status: 'cancelled' as const })),
      cancellations: items.map((i, n) => ({
        id: `cnl_crash_${dialect}_${n}`,
        tripId: t.tripId,
        itemId: i.id,
        itemType: i.type,
        holdId: i.id,
        holdStatus: 'booked' as const,
        actor: 'test',
        reason: null,
        refund: { amount: i.type === 'hotel' ? RATES.double : RATES.W / 2, currency: 'USD' },
        fee: { amount: i.type === 'hotel' ? 0 : RATES.W / 2, currency: 'USD' },
      })),
      events: [],
    }));
    expect((await roomNights(w.server.stores, w.doubleId, day(24), day(25))).map((n) => n.booked)).toEqual([
      1,
    ]);
    expect((await fareClassCounts('W')).booked).toBe(1);

    await w.server.app.services.afterSaleRecovery.recoverOnce(0);
    expect((await roomNights(w.server.stores, w.doubleId, day(24), day(25))).map((n) => n.booked)).toEqual([
      0,
    ]);
    expect((await fareClassCounts('W')).booked).toBe(0);
    expect((await refundsOf(t.tripId)).map((r) => [r.amount.amount, r.status]).sort()).toEqual(
      [
        [RATES.double, 'succeeded'],
        [RATES.W / 2, 'succeeded'],
      ].sort(),
    );
    const view = (await w.agent.post(`/api/trips/${t.tripId}/cancel`)).body;
    expect(view.code).toBe('invalid_transition');
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('balances the books: money kept equals what is sold plus the fees kept', async () => {
    // Every sale, change, cancellation and refund of the tests above, across all trips of this store.
    expect(await ledgerGap(w.server.stores)).toBe(0);
  });
});
