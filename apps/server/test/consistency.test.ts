import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  ConsistencyReportListSchema,
  ConsistencyReportSchema,
  type ConsistencyReport,
} from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { addItem, newTrip, pay, startAfterSaleWorld, type AfterSaleWorld } from './after-sale-fixtures.ts';
import { invariantViolations } from './booking-catalog.ts';
import { dialects } from './databases.ts';

/**
 * The consistency checker over real stores and real HTTP: a clean system of sold, cancelled, expired,
 * changed and removed items is ok; then the stores are corrupted directly, one way at a time, and each
 * corruption is found by the check it belongs to, repaired when that is safe (and the store is right
 * afterwards), reported and left alone when it is not.
 */
describe.each(dialects)('the consistency checker on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: AfterSaleWorld;
  /** The sweeper runs hourly in this world: a hold is overdue two sweeps and a minute past its expiry. */
  const EXPIRY_GRACE = 2 * 3600 + 60;
  const HOLD_TTL = 1800;

  const day = (n: number) => addDays(w.firstDay, n);
  const stay = (from: number, nights: number) => ({
    type: 'hotel',
    roomTypeId: w.doubleId,
    checkIn: day(from),
    checkOut: day(from + nights),
    guests: 2,
  });
  const seat = () => ({
    type: 'flight',
    flightId: w.flightId,
    fareClass: 'Y',
    passengers: [{ name: 'Ada' }],
  });
  const car = (from: number, days: number) => ({
    type: 'car',
    locationCode: w.locationCode,
    category: 'economy',
    pickUp: day(from),
    dropOff: day(from + days),
  });
  const k = () => w.server.stores.knex;
  const run = async (body?: unknown): Promise<ConsistencyReport> => {
    const res = await w.admin.post('/api/admin/consistency-checks', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return ConsistencyReportSchema.parse(res.body);
  };
  const check = (r: ConsistencyReport, name: string) => r.checks.find((c) => c.name === name)!;
  const detail = (r: ConsistencyReport, name: string, id: string) =>
    check(r, name).details.find((d) => d.id === id);
  const itemStatus = async (id: string) =>
    ((await k().payments('trip_items').where({ id }).first('status')) as { status: string }).status;
  const holdStatus = async (table: 'hotel_holds' | 'flight_holds' | 'car_holds', id: string) => {
    const store = table === 'car_holds' ? 'cars' : table === 'flight_holds' ? 'flights' : 'hotels';
    const row = (await k()[store](table).where({ id }).first('status')) as { status: string };
    return row.status;
  };

  const trips: Record<string, { tripId: string; ids: string[] }> = {};
  const sell = async (items: Record<string, unknown>[], paid = true) => {
    const tripId = await newTrip(w.agent);
    const ids: string[] = [];
    for (const item of items) ids.push((await addItem(w.agent, tripId, item)).id as string);
    if (paid) await pay(w.agent, tripId);
    return { tripId, ids };
  };

  beforeAll(async () => {
    w = await startAfterSaleWorld(dialect, clock, `cc${dialect}`);
    // Expired: held, ran out, swept.
    trips.expired = await sell([stay(0, 1)], false);
    clock.advance(HOLD_TTL + 60);
    await w.server.app.services.sweeper.sweepOnce(clock.now());
    // Sold: three stores.
    trips.sold = await sell([stay(0, 2), seat(), car(0, 2)]);
    // Sold, then the whole trip cancelled (refunded by its policy).
    trips.cancelled = await sell([stay(3, 2), car(3, 1)]);
    expect(
      (await w.agent.post(`/api/trips/${trips.cancelled.tripId}/cancel`, { reason: 'plans changed' })).status,
    ).toBe(200);
    // Sold, then the stay lengthened by a night (a new hold, a charge, the old booking given back).
    trips.changed = await sell([stay(6, 2)]);
    const changed = await w.agent.post(
      `/api/trips/${trips.changed.tripId}/items/${trips.changed.ids[0]}/change`,
      { type: 'hotel', checkOut: day(9), paymentMethodId: 'pm_card_visa' },
      { 'idempotency-key': `cc-change-${dialect}` },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // Sold, then one item cancelled.
    trips.partly = await sell([stay(10, 1), seat()]);
    const itemCancel = await w.agent.post(
      `/api/trips/${trips.partly.tripId}/items/${trips.partly.ids[1]}/cancel`,
      {
        reason: 'one seat less',
      },
    );
    expect(itemCancel.status, JSON.stringify(itemCancel.body)).toBe(200);
    // Removed from its trip before paying.
    trips.removed = await sell([car(12, 1)], false);
    expect(
      (await w.agent.delete(`/api/trips/${trips.removed.tripId}/items/${trips.removed.ids[0]}`)).status,
    ).toBe(204);
    // Held, still running.
    trips.held = await sell([stay(14, 1)], false);
  });
  afterAll(() => w?.server.stop());

  it('finds a clean system of sold, cancelled, expired, changed and removed items ok', async () => {
    expect(await itemStatus(trips.expired!.ids[0]!)).toBe('expired');
    const r = await run();
    expect(r.trigger).toBe('admin');
    expect(r.repair).toBe(false);
    expect(r.checks.map((c) => [c.name, c.status, c.problems])).toEqual([
      ['inventory_counts', 'ok', 0],
      ['sold_items_paid', 'ok', 0],
      ['payments_match_items', 'ok', 0],
      ['stores_agree', 'ok', 0],
      ['expired_holds_released', 'ok', 0],
    ]);
    expect(r.ok).toBe(true);
    for (const c of r.checks) expect(c.checked, c.name).toBeGreaterThan(0);
    // Four paid trips' ledgers were read.
    expect(check(r, 'payments_match_items').checked).toBe(4);

    const list = ConsistencyReportListSchema.parse((await w.admin.get('/api/admin/consistency-checks')).body);
    expect(list.items[0]).toMatchObject({ id: r.id, trigger: 'admin', ok: true, problems: 0, repaired: 0 });
    const one = await w.admin.get(`/api/admin/consistency-checks/${r.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(r);
  });

  it('recounts drifted counters from their holds under lock, but only when asked to repair', async () => {
    const night = { room_type_id: w.doubleId, night: day(0) };
    const fare = { flight_id: w.flightId, code: 'Y' };
    const carDay = { location_code: w.locationCode, category: 'economy', day: day(0) };
    await k().hotels('room_nights').where(night).increment('held', 2);
    await k().flights('fare_classes').where(fare).increment('booked', 1);
    await k().cars('car_days').where(carDay).increment('held', 1);
    const ids = [`${w.doubleId}/${day(0)}`, `${w.flightId}/Y`, `${w.locationCode}/economy/${day(0)}`];

    const dry = await run({ repair: false });
    expect(check(dry, 'inventory_counts')).toMatchObject({ status: 'problem', problems: 3, repaired: 0 });
    for (const id of ids) expect(detail(dry, 'inventory_counts', id), id).toMatchObject({ repaired: false });
    expect(detail(dry, 'inventory_counts', ids[0]!)!.message).toContain('held 2, but its held holds say 0');
    expect(dry.ok).toBe(false);
    // Nothing was written by a check without repairs.
    expect(await k().hotels('room_nights').where(night).first('held')).toMatchObject({ held: 2 });

    const fixed = await run({ repair: true });
    expect(check(fixed, 'inventory_counts')).toMatchObject({ status: 'repaired', problems: 3, repaired: 3 });
    for (const id of ids) expect(detail(fixed, 'inventory_counts', id), id).toMatchObject({ repaired: true });
    expect(fixed.ok).toBe(true);
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
    expect(check(await run(), 'inventory_counts').status).toBe('ok');
  });

  it('reports a counter its holds would push over capacity, and leaves it', async () => {
    // A bogus booked hold of all four rooms on a night one room is sold: a recount would sell five of four.
    const at = clock.now().toISOString();
    await k()
      .hotels('hotel_holds')
      .insert({
        id: `bogus_${dialect}`,
        room_type_id: w.doubleId,
        hotel_id: w.hotelId,
        check_in: day(0),
        check_out: day(1),
        rooms: 4,
        status: 'booked',
        expires_at: at,
        created_at: at,
        updated_at: at,
      });
    const r = await run({ repair: true });
    const d = detail(r, 'inventory_counts', `${w.doubleId}/${day(0)}`)!;
    expect(d).toMatchObject({ store: 'hotels', entity: 'room_night', repaired: false });
    expect(d.message).toContain('booked 1, but its booked holds say 5');
    expect(d.message).toContain('not repaired');
    expect(check(r, 'inventory_counts').status).toBe('problem');
    expect(
      await k()
        .hotels('room_nights')
        .where({ room_type_id: w.doubleId, night: day(0) })
        .first('held', 'booked'),
    ).toMatchObject({
      held: 0,
      booked: 1,
    });
    await k()
      .hotels('hotel_holds')
      .where({ id: `bogus_${dialect}` })
      .del();
    expect(check(await run(), 'inventory_counts').status).toBe('ok');
  });

  it('finds a hold left held past its expiry (no sweep ran) and releases it through the sweeper', async () => {
    const [itemId] = trips.held!.ids;
    clock.advance(HOLD_TTL + EXPIRY_GRACE + 60);
    const dry = await run();
    const c = check(dry, 'expired_holds_released');
    expect(c.status).toBe('problem');
    expect(c.problems).toBe(2);
    expect(c.details.map((d) => [d.store, d.entity, d.id, d.repaired])).toEqual(
      expect.arrayContaining([
        ['hotels', 'hotel_hold', itemId, false],
        ['payments', 'trip_item', itemId, false],
      ]),
    );
    // Held hold and held item agree: no other check is concerned.
    expect(check(dry, 'stores_agree').status).toBe('ok');
    expect(await holdStatus('hotel_holds', itemId!)).toBe('held');

    const fixed = await run({ repair: true });
    expect(check(fixed, 'expired_holds_released')).toMatchObject({
      status: 'repaired',
      problems: 2,
      repaired: 2,
    });
    expect(await holdStatus('hotel_holds', itemId!)).toBe('expired');
    expect(await itemStatus(itemId!)).toBe('expired');
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('releases the hold of an item flipped to released (the safe direction)', async () => {
    const t = await sell([car(15, 1)], false);
    await k().payments('trip_items').where({ id: t.ids[0] }).update({ status: 'released' });
    const dry = await run();
    const d = detail(dry, 'stores_agree', t.ids[0]!)!;
    expect(d).toMatchObject({ store: 'payments', entity: 'trip_item', repaired: false });
    expect(d.message).toContain('safe to repair');
    expect(await holdStatus('car_holds', t.ids[0]!)).toBe('held');

    const fixed = await run({ repair: true });
    expect(detail(fixed, 'stores_agree', t.ids[0]!)).toMatchObject({ repaired: true });
    expect(check(fixed, 'stores_agree').status).toBe('repaired');
    expect(await holdStatus('car_holds', t.ids[0]!)).toBe('released');
    expect(await invariantViolations(w.server.stores)).toEqual({ hotels: [], flights: [], cars: [] });
  });

  it('reports a sold item flipped to cancelled, and never undoes the sale', async () => {
    const [itemId] = trips.partly!.ids;
    await k().payments('trip_items').where({ id: itemId }).update({ status: 'cancelled' });
    const r = await run({ repair: true });
    expect(detail(r, 'stores_agree', itemId!)!.message).toContain('its units are still booked');
    expect(detail(r, 'stores_agree', itemId!)!.repaired).toBe(false);
    expect(detail(r, 'sold_items_paid', itemId!)!.message).toContain('without a cancellation record');
    expect(detail(r, 'payments_match_items', trips.partly!.tripId)!.message).toContain('items sold 0');
    expect(r.ok).toBe(false);
    expect(await holdStatus('hotel_holds', itemId!)).toBe('booked');
    // Put back as it was.
    await k().payments('trip_items').where({ id: itemId }).update({ status: 'confirmed' });
    expect((await run()).ok).toBe(true);
  });

  it('finishes a pay saga left half-way through the reconciler', async () => {
    const t = await sell([stay(16, 1)]);
    const old = new Date(clock.now().getTime() - 24 * 3600_000).toISOString();
    const later = new Date(clock.now().getTime() + 3600_000).toISOString();
    // As if the process died after the capture, before the items were confirmed.
    await k()
      .payments('pay_sagas')
      .where({ trip_id: t.tripId })
      .update({ step: 'captured', updated_at: old });
    await k()
      .payments('trip_items')
      .where({ trip_id: t.tripId })
      .update({ status: 'held', hold_expires_at: later });

    const dry = await run();
    expect(detail(dry, 'sold_items_paid', t.tripId)!.message).toContain('left at step captured');
    // Held item, booked hold, unfinished saga: work in flight, not a disagreement.
    expect(check(dry, 'stores_agree').status).toBe('ok');

    const fixed = await run({ repair: true });
    expect(detail(fixed, 'sold_items_paid', t.tripId)).toMatchObject({ repaired: true });
    expect(await itemStatus(t.ids[0]!)).toBe('confirmed');
    const saga = (await k().payments('pay_sagas').where({ trip_id: t.tripId }).first('step')) as {
      step: string;
    };
    expect(saga.step).toBe('completed');
    expect((await run()).ok).toBe(true);
  });

  it('reports a deleted payment of a confirmed trip, and writes no money', async () => {
    const { tripId, ids } = trips.sold!;
    await k().payments('pay_sagas').where({ trip_id: tripId }).del();
    await k().payments('payments').where({ trip_id: tripId }).del();
    const r = await run({ repair: true });
    const c = check(r, 'sold_items_paid');
    expect(c.status).toBe('problem');
    for (const id of ids) {
      expect(detail(r, 'sold_items_paid', id), id).toMatchObject({ store: 'payments', repaired: false });
      expect(detail(r, 'sold_items_paid', id)!.message).toContain('no captured payment');
    }
    expect(r.ok).toBe(false);
    expect(await k().payments('payments').where({ trip_id: tripId })).toEqual([]);
    const list = ConsistencyReportListSchema.parse((await w.admin.get('/api/admin/consistency-checks')).body);
    expect(list.items[0]).toMatchObject({ id: r.id, ok: false, problems: 3, repaired: 0, repair: true });
  });

  it('is for admins only, and parses what it is sent', async () => {
    expect((await w.agent.post('/api/admin/consistency-checks', {})).status).toBe(403);
    expect((await w.agent.get('/api/admin/consistency-checks')).status).toBe(403);
    expect((await w.deskA.get('/api/admin/consistency-checks/chk_x')).status).toBe(403);
    expect((await w.admin.get('/api/admin/consistency-checks/chk_missing')).status).toBe(404);
    const bad = await w.admin.post('/api/admin/consistency-checks', { repair: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });
});
