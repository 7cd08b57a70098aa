import { addDays } from '@tripdesk/shared';
import { expect } from 'vitest';
import { ManualClock, type Clock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../src/server.ts';
import type { HoldStatus } from '../src/stores/holds.ts';
import type { Stores } from '../src/stores/index.ts';
import { invariantViolations, type SmallCatalog } from './booking-catalog.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { ADMIN, type client } from './harness.ts';

/** What the pay tests share: a server with payment options, a trip of three stores, and store checks. */

export type Client = ReturnType<typeof client>;

export interface PayTestServer extends RunningServer {
  readonly db: TestDatabase;
  stop(): Promise<void>;
}

/** `startTestServer`, plus the pay saga's test hooks (a gateway, how to die at the fault). */
export async function startPayServer(
  dialect: 'sqlite' | 'pg',
  opts: { env?: Record<string, string>; clock?: Clock; payments?: StartOptions['payments'] } = {},
): Promise<PayTestServer> {
  const db = await createTestDatabase(dialect);
  const config = loadConfig({
    ...db.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SWEEP_INTERVAL_SECONDS: '3600',
    RECONCILE_INTERVAL_SECONDS: '3600',
    MAX_ACTIVE_HOLDS_PER_USER: '1000',
    ...opts.env,
  });
  const server = await startServer(config, {
    clock: opts.clock ?? new ManualClock(new Date()),
    ...(opts.payments ? { payments: opts.payments } : {}),
  });
  return {
    ...server,
    db,
    async stop() {
      await server.close();
      await db.drop();
    },
  };
}

/** Economy seats enough for many two-passenger trips on the catalog's one flight. */
export const MANY_SEATS: readonly string[] = Array.from(
  { length: 60 },
  (_, i) => `${10 + Math.floor(i / 6)}${'ABCDEF'[i % 6]}`,
);

export const customer = { name: 'Grace Hopper', email: 'grace@example.test', phone: '+1 212 555 0100' };

export interface SoldTrip {
  readonly tripId: string;
  readonly hotelItemId: string;
  readonly flightItemId: string;
  readonly carItemId: string;
  readonly itemIds: readonly string[];
  /** Sum of the three items' prices, minor units. */
  readonly total: number;
}

/**
 * A trip holding a stay (2 nights from `firstNight + offset`), two economy seats and a car (3 days),
 * the three in three stores. `order` picks which item is added first (its hold runs out first).
 */
export async function sellTrip(
  api: Client,
  c: SmallCatalog,
  opts: { offset?: number; order?: readonly ('hotel' | 'flight' | 'car')[]; advance?: () => void } = {},
): Promise<SoldTrip> {
  const offset = opts.offset ?? 0;
  const trip = await api.post('/api/trips', { customer });
  expect(trip.status).toBe(201);
  const tripId = trip.body.id as string;
  const bodies = {
    hotel: {
      type: 'hotel',
      roomTypeId: c.roomTypeId,
      checkIn: addDays(c.firstNight, offset),
      checkOut: addDays(c.firstNight, offset + 2),
      guests: 2,
      extras: [{ code: 'breakfast', quantity: 2 }],
    },
    flight: {
      type: 'flight',
      flightId: c.flightId,
      fareClass: 'Y',
      passengers: [{ name: 'Grace Hopper' }, { name: 'Howard Aiken' }],
    },
    car: {
      type: 'car',
      locationCode: c.locationCode,
      category: c.category,
      pickUp: addDays(c.firstNight, offset),
      dropOff: addDays(c.firstNight, offset + 3),
    },
  } as const;
  const ids: Record<string, string> = {};
  let total = 0;
  for (const type of opts.order ?? (['hotel', 'flight', 'car'] as const)) {
    const res = await api.post(`/api/trips/${tripId}/items`, bodies[type]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[type] = res.body.id;
    total += res.body.price.amount as number;
    opts.advance?.();
  }
  return {
    tripId,
    hotelItemId: ids.hotel!,
    flightItemId: ids.flight!,
    carItemId: ids.car!,
    itemIds: [ids.hotel!, ids.flight!, ids.car!],
    total,
  };
}

/** `POST /api/trips/{tripId}/pay` with `key` as the Idempotency-Key. */
export function pay(api: Client, tripId: string, key: string, paymentMethodId = 'pm_card_visa') {
  return api.post(`/api/trips/${tripId}/pay`, { paymentMethodId }, { 'idempotency-key': key });
}

/** What the gateway holds for a trip: each authorization and where it stands. */
export interface GatewayView {
  readonly id: string;
  readonly status: 'authorized' | 'captured' | 'voided' | 'declined';
}
export type GatewayLookup = (tripId: string) => Promise<readonly GatewayView[]>;

/** The local gateway's own records. */
export const localGateway =
  (stores: Stores): GatewayLookup =>
  (tripId) =>
    stores.gateway.listTransactionsOfTrip(tripId);

/** Every store's view of one trip: trip items, holds in the three inventory stores, payments, gateway. */
export async function tripState(stores: Stores, t: SoldTrip, gateway: GatewayLookup = localGateway(stores)) {
  const record = (await stores.trips.findTrip(t.tripId))!;
  const holds: Record<string, HoldStatus | undefined> = {
    [t.hotelItemId]: (await stores.hotelHolds.findHold(t.hotelItemId))?.status,
    [t.flightItemId]: (await stores.flightHolds.findHold(t.flightItemId))?.status,
    [t.carItemId]: (await stores.carHolds.findHold(t.carItemId))?.status,
  };
  return {
    tripStatus: record.trip.status,
    items: Object.fromEntries(record.items.map((i) => [i.id, i.status])),
    holds,
    payments: await stores.paymentRecords.listPayments(t.tripId),
    gateway: await gateway(t.tripId),
    events: record.events,
  };
}

/**
 * The five stores agree about one trip: either it is paid (one captured payment with an invoice, the
 * gateway captured exactly it, every item confirmed and every hold booked) or it is not (nothing captured
 * at the gateway or in the records, no authorization left standing, no hold booked, no item confirmed).
 * Never a mix. And every inventory store's counters match its holds. Answers which.
 */
export async function expectStoresAgree(
  stores: Stores,
  t: SoldTrip,
  gateway: GatewayLookup = localGateway(stores),
): Promise<'paid' | 'unpaid'> {
  const s = await tripState(stores, t, gateway);
  expect(await invariantViolations(stores)).toEqual({ hotels: [], flights: [], cars: [] });
  const captured = s.payments.filter((p) => p.status === 'captured');
  const gatewayCaptured = s.gateway.filter((g) => g.status === 'captured');
  const standing = s.gateway.filter((g) => g.status === 'authorized');
  const livePayments = s.payments.filter((p) => ['authorizing', 'authorized'].includes(p.status));
  const context = JSON.stringify({ ...s, events: undefined });
  expect(livePayments, context).toEqual([]);
  expect(standing, context).toEqual([]);
  if (captured.length > 0) {
    expect(captured, context).toHaveLength(1);
    expect(captured[0]!.invoiceNumber, context).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(captured[0]!.amount.amount, context).toBe(t.total);
    expect(
      gatewayCaptured.map((g) => g.id),
      context,
    ).toEqual([captured[0]!.transactionId]);
    expect(s.tripStatus, context).toBe('confirmed');
    for (const id of t.itemIds) {
      expect(s.items[id], context).toBe('confirmed');
      expect(s.holds[id], context).toBe('booked');
    }
    return 'paid';
  }
  expect(gatewayCaptured, context).toEqual([]);
  expect(s.tripStatus, context).not.toBe('confirmed');
  for (const id of t.itemIds) {
    expect(s.items[id], context).not.toBe('confirmed');
    expect(s.holds[id], context).not.toBe('booked');
    expect(['held', 'released', 'expired', 'cancelled'], context).toContain(s.holds[id]);
  }
  return 'unpaid';
}

/** Booked and held units of the catalog's three units over the trip's dates, per store. */
export async function counters(stores: Stores, c: SmallCatalog, offset = 0) {
  const nights = (await stores.knex
    .hotels('room_nights')
    .where({ room_type_id: c.roomTypeId })
    .whereIn('night', [addDays(c.firstNight, offset), addDays(c.firstNight, offset + 1)])
    .orderBy('night')
    .select('held', 'booked')) as { held: unknown; booked: unknown }[];
  const seats = (await stores.knex
    .flights('fare_classes')
    .where({ flight_id: c.flightId, code: 'Y' })
    .first('held', 'booked')) as { held: unknown; booked: unknown };
  const days = (await stores.knex
    .cars('car_days')
    .where({ location_code: c.locationCode, category: c.category })
    .whereIn(
      'day',
      [0, 1, 2].map((d) => addDays(c.firstNight, offset + d)),
    )
    .orderBy('day')
    .select('held', 'booked')) as { held: unknown; booked: unknown }[];
  const n = (r: { held: unknown; booked: unknown }) => ({ held: Number(r.held), booked: Number(r.booked) });
  return { nights: nights.map(n), seats: n(seats), days: days.map(n) };
}
