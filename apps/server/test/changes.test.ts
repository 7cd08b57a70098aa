import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, ItemChangeResultSchema } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import {
  addItem,
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

describe.each(dialects)('changing a sold item on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  const saleTime = clock.now();
  let w: AfterSaleWorld;
  let keys = 0;

  const day = (n: number) => addDays(w.firstDay, n);
  const stay = (from: number, nights: number, roomTypeId?: string) => ({
    type: 'hotel',
    roomTypeId: roomTypeId ?? w.doubleId,
    checkIn: day(from),
    checkOut: day(from + nights),
    guests: 2,
  });
  const sold = async (items: Record<string, unknown>[]) => {
    clock.set(saleTime);
    const tripId = await newTrip(w.agent);
    const ids: string[] = [];
    for (const item of items) ids.push((await addItem(w.agent, tripId, item)).id as string);
    await pay(w.agent, tripId);
    // Changes are made a little later than the sale.
    clock.set(new Date(saleTime.getTime() + 3_600_000));
    return { tripId, itemId: ids[0]!, ids };
  };
  const change = (
    t: { tripId: string; itemId: string },
    body: unknown,
    key = `change-${dialect}-${++keys}`,
  ) => w.agent.post(`/api/trips/${t.tripId}/items/${t.itemId}/change`, body, { 'idempotency-key': key });
  const itemRow = async (tripId: string, itemId: string) =>
    (await w.server.stores.trips.findTrip(tripId))!.items.find((i) => i.id === itemId)!;
  const changesOf = (tripId: string) => w.server.stores.afterSale.changesOfTrip(tripId);
  const chargesOf = async (tripId: string) =>
    (
      (await w.server.stores.knex
        .payments('gateway_transactions')
        .where({ trip_id: tripId })
        .orderBy('created_at')
        .select('amount', 'status')) as { amount: unknown; status: string }[]
    ).map((t) => ({ amount: Number(t.amount), status: t.status }));
  const fareClass = async (code: string) =>
    (await w.server.stores.knex
      .flights('fare_classes')
      .where({ flight_id: w.flightId, code })
      .first('held', 'booked')) as { held: number; booked: number };
  const carDays = async (category: string, from: number, days: number) =>
    (
      (await w.server.stores.knex
        .cars('car_days')
        .where({ location_code: w.locationCode, category })
        .where('day', '>=', day(from))
        .where('day', '<', day(from + days))
        .orderBy('day')
        .select('booked')) as { booked: number }[]
    ).map((d) => d.booked);
  const booked = async (roomTypeId: string, from: number, to: number) =>
    (await roomNights(w.server.stores, roomTypeId, day(from), day(to))).map((n) => [n.held, n.booked]);

  beforeAll(async () => {
    w = await startAfterSaleWorld(dialect, clock, `ch${dialect}`);
  });
  afterAll(() => w?.server.stop());

  it('lengthens a stay: holds the new nights, charges the difference, then gives the old booking back', async () => {
    const t = await sold([stay(0, 2)]);
    const body = { type: 'hotel', checkOut: day(4), paymentMethodId: 'pm_card_visa' };

    // A dearer change needs a card, and any change an Idempotency-Key.
    const noCard = await change(t, { type: 'hotel', checkOut: day(4) });
    expect(noCard.status).toBe(400);
    expect(noCard.body.errors).toEqual([expect.objectContaining({ path: 'body.paymentMethodId' })]);
    const noKey = await w.agent.post(`/api/trips/${t.tripId}/items/${t.itemId}/change`, body);
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('idempotency_key_missing');
    const wrongType = await change(t, { type: 'car', category: 'suv' });
    expect(wrongType.status).toBe(400);

    const key = `lengthen-${dialect}`;
    const res = await change(t, body, key);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ItemChangeResultSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      item: {
        id: t.itemId,
        status: 'confirmed',
        checkIn: day(0),
        checkOut: day(4),
        price: { amount: 4 * RATES.double },
      },
      previousPrice: { amount: 2 * RATES.double },
      charged: { amount: 2 * RATES.double, currency: 'USD' },
      trip: { status: 'confirmed', total: { amount: 4 * RATES.double } },
    });
    expect(res.body.trip.events.at(-1)).toMatchObject({ type: 'item.changed', itemId: t.itemId });
    // Every night of the new stay booked once; nothing left held; the old hold cancelled.
    expect(await booked(w.doubleId, 0, 4)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const [c] = await changesOf(t.tripId);
    expect(c).toMatchObject({
      status: 'completed',
      chargeStatus: 'captured',
      chargedAmount: 2 * RATES.double,
      oldHoldId: t.itemId,
    });
    expect((await w.server.stores.hotelHolds.findHold(t.itemId))?.status).toBe('cancelled');
    expect(await w.server.stores.hotelHolds.findHold(c!.newHoldId)).toMatchObject({
      status: 'booked',
      checkIn: day(0),
      checkOut: day(4),
    });
    expect(await chargesOf(t.tripId)).toEqual([
      { amount: 2 * RATES.double, status: 'captured' },
      { amount: 2 * RATES.double, status: 'captured' },
    ]);
    // The new terms: the first night is the fee after the cut-off, as for any stay.
    expect((await itemRow(t.tripId, t.itemId)).cancellation_policy).toMatchObject({
      fee: { amount: RATES.double },
    });

    // The same request again is answered as before, and charges nothing more.
    const replay = await change(t, body, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await chargesOf(t.tripId)).toHaveLength(2);
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('shortens a stay: the units come back and the difference is refunded against the payment', async () => {
    const t = await sold([stay(6, 3)]);
    const res = await change(t, { type: 'hotel', checkOut: day(7) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      item: { checkOut: day(7), price: { amount: RATES.double } },
      refund: { amount: { amount: 2 * RATES.double }, status: 'succeeded' },
    });
    expect(res.body.charged).toBeUndefined();
    expect(await booked(w.doubleId, 6, 9)).toEqual([
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
    const payment = (await w.server.stores.paymentRecords.findLivePayment(t.tripId))!;
    expect(payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 2 * RATES.double });
    const [refund] = await w.server.stores.paymentRecords.listRefunds({ tripId: t.tripId });
    const [c] = await changesOf(t.tripId);
    expect(refund).toMatchObject({
      paymentId: payment.id,
      itemId: t.itemId,
      status: 'succeeded',
      amount: { amount: 2 * RATES.double },
      idempotencyKey: `refund:${t.tripId}:${t.itemId}:change:${c!.id}:pay`,
    });
    expect(c).toMatchObject({ status: 'completed', refundStatus: 'succeeded', chargeStatus: null });
  });

  it('leaves the original untouched when the new units are sold out or the card is declined', async () => {
    // The one Suite is sold to someone else on day 10.
    await sold([stay(10, 1, w.suiteId)]);
    const t = await sold([stay(10, 1)]);
    const before = await itemRow(t.tripId, t.itemId);
    const full = await change(t, { type: 'hotel', roomTypeId: w.suiteId, paymentMethodId: 'pm_card_visa' });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'sold_out', date: day(10) });
    const after = await itemRow(t.tripId, t.itemId);
    expect(after).toEqual(before);
    expect((await w.server.stores.hotelHolds.findHold(t.itemId))?.status).toBe('booked');
    expect(await booked(w.doubleId, 10, 11)).toEqual([[0, 1]]);
    expect(await booked(w.suiteId, 10, 11)).toEqual([[0, 1]]);
    const [failed] = await changesOf(t.tripId);
    expect(failed).toMatchObject({ status: 'failed', chargeStatus: null });
    expect(await w.server.stores.hotelHolds.findHold(failed!.newHoldId)).toBeUndefined();
    expect(await chargesOf(t.tripId)).toEqual([{ amount: RATES.double, status: 'captured' }]);

    // A free Suite on other nights, but the card is declined: the new hold goes back, nothing changes.
    const declined = await change(t, {
      type: 'hotel',
      roomTypeId: w.suiteId,
      checkIn: day(11),
      checkOut: day(12),
      paymentMethodId: 'pm_card_visa_chargeDeclined',
    });
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ code: 'payment_declined', declineCode: 'generic_decline' });
    expect(await itemRow(t.tripId, t.itemId)).toEqual(before);
    expect(await booked(w.suiteId, 11, 12)).toEqual([[0, 0]]);
    const undone = (await changesOf(t.tripId)).find((c) => c.id !== failed!.id)!;
    expect(undone).toMatchObject({ status: 'compensated', chargeStatus: 'declined' });
    expect((await w.server.stores.hotelHolds.findHold(undone.newHoldId))?.status).toBe('released');
    expect(await booked(w.doubleId, 10, 11)).toEqual([[0, 1]]);
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('moves passengers to other seats of their class, or to another fare class', async () => {
    const t = await sold([
      { type: 'flight', flightId: w.flightId, fareClass: 'Y', passengers: [{ name: 'A', seat: '10A' }] },
    ]);
    // Another customer's seat.
    await sold([
      { type: 'flight', flightId: w.flightId, fareClass: 'Y', passengers: [{ name: 'B', seat: '10C' }] },
    ]);
    const taken = await change(t, { type: 'flight', seats: ['10C'] });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'seat_taken', seats: ['10C'] });
    expect((await itemRow(t.tripId, t.itemId)).details).toMatchObject({ seats: ['10A'] });

    const res = await change(t, { type: 'flight', seats: ['11B'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.item).toMatchObject({
      seats: ['11B'],
      passengers: [{ name: 'A', seat: '11B' }],
      price: { amount: RATES.Y },
    });
    expect(res.body.charged).toBeUndefined();
    expect(res.body.refund).toBeUndefined();
    const seats = (await w.server.stores.knex
      .flights('seat_assignments')
      .where({ flight_id: w.flightId })
      .whereIn('seat', ['10A', '11B'])
      .select('seat', 'status')) as { seat: string; status: string }[];
    expect(seats).toEqual([{ seat: '11B', status: 'booked' }]);
    expect(await fareClass('Y')).toEqual({ held: 0, booked: 2 });

    // Up to business: the difference is charged; the economy seat goes back.
    const up = await change(t, { type: 'flight', fareClass: 'J', paymentMethodId: 'pm_card_mastercard' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({
      item: { fareClass: 'J', seats: ['1A'], price: { amount: RATES.J } },
      charged: { amount: RATES.J - RATES.Y },
    });
    expect(await fareClass('Y')).toEqual({ held: 0, booked: 1 });
    expect(await fareClass('J')).toEqual({ held: 0, booked: 1 });
    expect((await itemRow(t.tripId, t.itemId)).cancellation_policy).toMatchObject({ refundable: true });
  });

  it('moves passengers to another flight on the same route, and corrects their names without a charge', async () => {
    const departure = Date.parse(w.departureAt) + 86_400_000;
    const flight = (id: string, destination: string, seats: string[]) => ({
      flight: {
        id,
        flightNumber: `TD${id.length}`,
        origin: 'LIS',
        destination,
        departureAt: new Date(departure).toISOString(),
        arrivalAt: new Date(departure + 8 * 3_600_000).toISOString(),
        createdAt: saleTime.toISOString(),
      },
      fareClass: {
        flightId: id,
        code: 'Y',
        name: 'Economy',
        priceAmount: 20_000,
        currency: 'USD',
        capacity: seats.length,
        seats,
      },
    });
    const later = flight(`flt_${dialect}_later`, 'JFK', ['20A', '20B']);
    const madrid = flight(`flt_${dialect}_mad`, 'MAD', ['30A']);
    await w.server.stores.flights.insertCatalog({
      flights: [later.flight, madrid.flight],
      fareClasses: [later.fareClass, madrid.fareClass],
    });
    const t = await sold([
      {
        type: 'flight',
        flightId: w.flightId,
        fareClass: 'Y',
        passengers: [
          { name: 'Ada Kng', seat: '11A' },
          { name: 'Alan Turing', seat: '11B' },
        ],
      },
    ]);
    const bookedBefore = (await fareClass('Y')).booked;

    const elsewhere = await change(t, { type: 'flight', flightId: madrid.flight.id });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([{ path: 'body.flightId', message: 'flies LIS → MAD' }]);

    const moved = await change(t, { type: 'flight', flightId: later.flight.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.item).toMatchObject({
      flightId: later.flight.id,
      fareClass: 'Y',
      seats: ['20A', '20B'],
      passengers: [
        { name: 'Ada Kng', seat: '20A' },
        { name: 'Alan Turing', seat: '20B' },
      ],
      price: { amount: 40_000 },
    });
    expect(moved.body.refund).toMatchObject({ amount: { amount: 2 * RATES.Y - 40_000 } });
    expect(moved.body.charged).toBeUndefined();
    expect(await fareClass('Y')).toEqual({ held: 0, booked: bookedBefore - 2 });
    const laterY = await w.server.stores.knex
      .flights('fare_classes')
      .where({ flight_id: later.flight.id, code: 'Y' })
      .first('held', 'booked');
    expect(laterY).toEqual({ held: 0, booked: 2 });
    const changed = moved.body.trip.events.filter((e: { type: string }) => e.type === 'item.changed');
    expect(JSON.parse(changed.at(-1).detail)).toMatchObject({
      from: { flightId: w.flightId, seats: ['11A', '11B'] },
      to: { flightId: later.flight.id, seats: ['20A', '20B'] },
    });

    // Names: one per passenger, and nothing moves or is charged.
    const short = await change(t, { type: 'flight', passengerNames: ['Ada King'] });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: 'body.passengerNames', message: 'must list 2 names' }]);
    const charges = await chargesOf(t.tripId);
    const renamed = await change(t, { type: 'flight', passengerNames: [' Ada King ', 'Alan Turing'] });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(ItemChangeResultSchema.parse(renamed.body)).toBeTruthy();
    expect(renamed.body.item).toMatchObject({
      flightId: later.flight.id,
      seats: ['20A', '20B'],
      passengers: [
        { name: 'Ada King', seat: '20A' },
        { name: 'Alan Turing', seat: '20B' },
      ],
      price: { amount: 40_000 },
    });
    expect(renamed.body.charged).toBeUndefined();
    expect(renamed.body.refund).toBeUndefined();
    expect(await chargesOf(t.tripId)).toEqual(charges);
    expect(renamed.body.trip.events.at(-1)).toMatchObject({ type: 'item.changed', itemId: t.itemId });
    expect(JSON.parse(renamed.body.trip.events.at(-1).detail)).toMatchObject({
      from: { passengers: ['Ada Kng', 'Alan Turing'] },
      to: { passengers: ['Ada King', 'Alan Turing'] },
    });
    // The trips list finds the trip by the corrected name.
    const found = await w.agent.get(`/api/trips?q=${encodeURIComponent('Ada King')}`);
    expect(found.body.items.map((x: { id: string }) => x.id)).toContain(t.tripId);
    const same = await change(t, { type: 'flight', passengerNames: ['Ada King', 'Alan Turing'] });
    expect(same.status).toBe(400);
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
    expect(await ledgerGap(w.server.stores)).toBe(0);
  });

  it('changes a car to another category: the old category’s cars come back', async () => {
    const t = await sold([
      { type: 'car', locationCode: w.locationCode, category: 'economy', pickUp: day(14), dropOff: day(16) },
    ]);
    expect(await carDays('economy', 14, 2)).toEqual([1, 1]);
    const res = await change(t, { type: 'car', category: 'suv', paymentMethodId: 'pm_card_visa' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      item: { category: 'suv', price: { amount: 2 * RATES.suv } },
      charged: { amount: 2 * (RATES.suv - RATES.economy) },
    });
    expect(await carDays('economy', 14, 2)).toEqual([0, 0]);
    expect(await carDays('suv', 14, 2)).toEqual([1, 1]);
    // The one SUV is taken now: changing another car to it is sold out.
    const second = await sold([
      { type: 'car', locationCode: w.locationCode, category: 'economy', pickUp: day(15), dropOff: day(16) },
    ]);
    const full = await change(second, { type: 'car', category: 'suv', paymentMethodId: 'pm_card_visa' });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('sold_out');
    expect(await carDays('economy', 15, 1)).toEqual([1]);
  });

  it('refunds a changed item on cancellation from its change charge first, then from the payment', async () => {
    const t = await sold([stay(20, 1)]);
    expect(
      (await change(t, { type: 'hotel', checkOut: day(22), paymentMethodId: 'pm_card_visa' })).status,
    ).toBe(200);
    const cancelled = await w.agent.post(`/api/trips/${t.tripId}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.refund).toMatchObject({
      amount: { amount: 2 * RATES.double },
      status: 'succeeded',
    });
    const [c] = await changesOf(t.tripId);
    expect(c).toMatchObject({ chargedAmount: RATES.double, chargeRefundedAmount: RATES.double });
    expect(await w.server.stores.afterSale.supplementRefundsOfTrip(t.tripId)).toMatchObject([
      { amount: { amount: RATES.double }, status: 'succeeded', changeId: c!.id },
    ]);
    expect(await w.server.stores.paymentRecords.findLivePayment(t.tripId)).toMatchObject({
      status: 'refunded',
      refundedAmount: RATES.double,
    });
    expect(await booked(w.doubleId, 20, 22)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // The money: captured and charged less refunded, for this trip, is nothing (free cancellation).
    const [ledger] = await w.server.stores.paymentRecords.tripLedger(t.tripId);
    const [changes] = await w.server.stores.afterSale.supplementLedger(t.tripId);
    expect(ledger!.captured - ledger!.refunded + changes!.charged - changes!.refunded).toBe(0);
  });

  it('undoes a change a crash left before its commit point, and finishes one left after it', async () => {
    const t = await sold([stay(24, 1)]);
    const item = await itemRow(t.tripId, t.itemId);
    const now = clock.now();
    // Before the commit point: the change recorded and its new hold placed, then the process died.
    const left = await w.server.stores.afterSale.createChange({
      id: `chg_crash_${dialect}`,
      tripId: t.tripId,
      itemId: t.itemId,
      itemType: 'hotel',
      oldHoldId: t.itemId,
      newHoldId: `hld_crash_${dialect}`,
      oldItem: {
        details: item.details,
        priceAmount: item.price_amount,
        extras: [],
        cancellationPolicy: null,
      },
      newItem: {
        details: { ...item.details, checkOut: day(26) },
        priceAmount: 2 * RATES.double,
        extras: [],
        cancellationPolicy: null,
      },
      currency: 'USD',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: 'crash',
      actor: 'test',
      now,
    });
    await w.server.stores.hotelHolds.placeHold({
      id: left.newHoldId,
      roomTypeId: w.doubleId,
      checkIn: day(24),
      checkOut: day(26),
      rooms: 1,
      expiresAt: new Date(now.getTime() + 1_800_000),
      now,
      actor: 'test',
    });
    await w.server.stores.afterSale.advanceChange(left.id, ['started'], 'held', now);
    expect(await booked(w.doubleId, 24, 26)).toEqual([
      [1, 1],
      [1, 0],
    ]);
    // A change in flight blocks another one of the same item.
    const busy = await change(t, { type: 'hotel', checkOut: day(25), checkIn: day(23) });
    expect(busy.status).toBe(409);

    await w.server.app.services.afterSaleRecovery.recoverOnce(0);
    expect(await w.server.stores.afterSale.findChange(left.id)).toMatchObject({ status: 'compensated' });
    expect(await booked(w.doubleId, 24, 26)).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(await itemRow(t.tripId, t.itemId)).toEqual(item);

    // After the commit point: the item already took the new hold (booked), the old booking is still there.
    const after = await w.server.stores.afterSale.createChange({
      id: `chg_swapped_${dialect}`,
      tripId: t.tripId,
      itemId: t.itemId,
      itemType: 'hotel',
      oldHoldId: t.itemId,
      newHoldId: `hld_swapped_${dialect}`,
      oldItem: {
        details: item.details,
        priceAmount: item.price_amount,
        extras: [],
        cancellationPolicy: null,
      },
      newItem: {
        details: { ...item.details, checkIn: day(25), checkOut: day(26) },
        priceAmount: RATES.double,
        extras: [],
        cancellationPolicy: null,
      },
      currency: 'USD',
      paymentMethod: null,
      idempotencyKey: 'crash-2',
      actor: 'test',
      now,
    });
    await w.server.stores.hotelHolds.placeHold({
      id: after.newHoldId,
      roomTypeId: w.doubleId,
      checkIn: day(25),
      checkOut: day(26),
      rooms: 1,
      expiresAt: new Date(now.getTime() + 1_800_000),
      now,
      actor: 'test',
    });
    expect(await w.server.stores.hotelHolds.confirmHold(after.newHoldId, now)).toBe(true);
    for (const [from, to] of [
      ['started', 'held'],
      ['held', 'charged'],
      ['charged', 'confirmed'],
    ] as const) {
      await w.server.stores.afterSale.advanceChange(after.id, [from], to, now);
    }
    await w.server.stores.afterSale.changeItems(t.tripId, now, () => ({
      items: [{ id: t.itemId, from: 'confirmed', details: after.newItem.details, holdId: after.newHoldId }],
      itemChange: { id: after.id, from: 'confirmed', to: 'swapped' },
      events: [],
    }));
    expect(await booked(w.doubleId, 24, 26)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    await w.server.app.services.afterSaleRecovery.recoverOnce(0);
    expect(await w.server.stores.afterSale.findChange(after.id)).toMatchObject({ status: 'completed' });
    expect((await w.server.stores.hotelHolds.findHold(t.itemId))?.status).toBe('cancelled');
    expect(await booked(w.doubleId, 24, 26)).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect((await itemRow(t.tripId, t.itemId)).details).toMatchObject({
      checkIn: day(25),
      checkOut: day(26),
    });
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('balances the books: money kept equals what is sold plus the fees kept', async () => {
    // Every sale, change, cancellation and refund of the tests above, across all trips of this store.
    expect(await ledgerGap(w.server.stores)).toBe(0);
  });
});
