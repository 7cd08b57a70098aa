import { expect } from 'vitest';
import { addDays, todayIn } from '@tripdesk/shared';
import type { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import {
  LocalPaymentGateway,
  PaymentGatewayUnavailableError,
  type AuthorizeRequest,
  type PaymentGateway,
} from '../src/paying/gateways.ts';
import { startServer } from '../src/server.ts';
import type { Stores } from '../src/stores/index.ts';
import type { Money } from '@tripdesk/shared';
import { createTestDatabase } from './databases.ts';
import { ADMIN, client, login, type TestServer } from './harness.ts';

/**
 * A server and a catalog for the after-sale tests (front desk, cancellation, changes): one hotel in
 * Lisbon with four Doubles (101–104) and a Suite (201), a second hotel, a flight with fare classes J, W
 * and Y, and a car location with economy and SUV cars. Sessions last long, since these tests move the
 * clock by weeks.
 */

export type Api = ReturnType<typeof client>;

export const RATES = {
  double: 12_000,
  suite: 30_000,
  J: 90_000,
  W: 40_000,
  Y: 25_000,
  economy: 4_500,
  suv: 9_000,
} as const;

export const HOTEL_TZ = 'Europe/Lisbon';

/**
 * The local gateway, with a switch that makes refunds fail as an unreachable gateway would: the outcome
 * of an outside service, not of our stores.
 */
export class SwitchableGateway implements PaymentGateway {
  readonly name = 'local';
  inner: PaymentGateway | undefined;
  refundsDown = false;
  authorize(request: AuthorizeRequest) {
    return this.#inner().authorize(request);
  }
  capture(authorizationId: string, key: string) {
    return this.#inner().capture(authorizationId, key);
  }
  void(authorizationId: string, key: string) {
    return this.#inner().void(authorizationId, key);
  }
  refund(authorizationId: string, amount: Money, key: string) {
    if (this.refundsDown) {
      return Promise.reject(new PaymentGatewayUnavailableError('refund', 'test: the gateway is unreachable'));
    }
    return this.#inner().refund(authorizationId, amount, key);
  }
  #inner(): PaymentGateway {
    if (!this.inner) throw new Error('gateway not ready');
    return this.inner;
  }
}

export interface AfterSaleWorld {
  readonly server: TestServer;
  readonly gateway: SwitchableGateway;
  readonly clock: ManualClock;
  readonly admin: Api;
  readonly agent: Api;
  readonly deskA: Api;
  readonly deskB: Api;
  readonly ids: { readonly deskA: string; readonly agent: string };
  readonly hotelId: string;
  readonly doubleId: string;
  readonly suiteId: string;
  readonly otherHotelId: string;
  readonly otherRoomTypeId: string;
  readonly flightId: string;
  readonly departureAt: string;
  readonly locationCode: string;
  /** Stay and rental dates start from here: 20 days after the start of the clock. */
  readonly firstDay: string;
}

export async function startAfterSaleWorld(
  dialect: 'sqlite' | 'pg',
  clock: ManualClock,
  tag: string,
): Promise<AfterSaleWorld> {
  const db = await createTestDatabase(dialect);
  const config = loadConfig({
    ...db.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SWEEP_INTERVAL_SECONDS: '3600',
    RECONCILE_INTERVAL_SECONDS: '3600',
    SESSION_TTL_HOURS: '100000',
    MAX_ACTIVE_HOLDS_PER_USER: '100',
  });
  const gateway = new SwitchableGateway();
  const running = await startServer(config, { clock, payments: { paymentGateway: gateway } });
  gateway.inner = new LocalPaymentGateway(running.stores.gateway, clock);
  const server: TestServer = {
    ...running,
    db,
    async stop() {
      await running.close();
      await db.drop();
    },
  };
  const now = clock.now();
  const createdAt = now.toISOString();
  const hotelId = `htl_${tag}`;
  const otherHotelId = `htl_${tag}b`;
  const doubleId = `rmt_${tag}d`;
  const suiteId = `rmt_${tag}s`;
  const otherRoomTypeId = `rmt_${tag}b`;
  const hotel = (id: string) => ({
    id,
    name: `Hotel ${id}`,
    city: 'Lisbon',
    country: 'PT',
    address: null,
    timezone: HOTEL_TZ,
    stars: 4,
    amenities: [],
    createdAt,
  });
  const roomType = (id: string, hid: string, name: string, rate: number) => ({
    id,
    hotelId: hid,
    name,
    maxOccupancy: 2,
    nightlyRateAmount: rate,
    currency: 'USD',
    amenities: [],
    createdAt,
  });
  await server.stores.hotels.insertCatalog({
    hotels: [hotel(hotelId), hotel(otherHotelId)],
    roomTypes: [
      roomType(doubleId, hotelId, 'Double', RATES.double),
      roomType(suiteId, hotelId, 'Suite', RATES.suite),
      roomType(otherRoomTypeId, otherHotelId, 'Double', RATES.double),
    ],
    rooms: [
      ...['101', '102', '103', '104'].map((n) => ({
        id: `room_${tag}_${n}`,
        hotelId,
        roomTypeId: doubleId,
        number: n,
      })),
      { id: `room_${tag}_201`, hotelId, roomTypeId: suiteId, number: '201' },
      { id: `room_${tag}_b101`, hotelId: otherHotelId, roomTypeId: otherRoomTypeId, number: '101' },
    ],
  });

  const flightId = `flt_${tag}`;
  const departure = new Date(now.getTime() + 30 * 86_400_000);
  const fareClass = (code: 'J' | 'W' | 'Y', name: string, seats: string[]) => ({
    flightId,
    code,
    name,
    priceAmount: RATES[code],
    currency: 'USD',
    capacity: seats.length,
    seats,
  });
  await server.stores.flights.insertCatalog({
    flights: [
      {
        id: flightId,
        flightNumber: 'TD200',
        origin: 'LIS',
        destination: 'JFK',
        departureAt: departure.toISOString(),
        arrivalAt: new Date(departure.getTime() + 8 * 3_600_000).toISOString(),
        createdAt,
      },
    ],
    fareClasses: [
      fareClass('J', 'Business', ['1A', '1B', '1C', '1D']),
      fareClass('W', 'Premium', ['5A', '5B', '5C', '5D']),
      fareClass('Y', 'Economy', ['10A', '10B', '10C', '10D', '11A', '11B']),
    ],
  });

  const locationCode = `L${tag.toUpperCase()}`.slice(0, 20);
  await server.stores.cars.insertCatalog({
    locations: [{ code: locationCode, name: `Desk ${tag}`, city: 'Lisbon' }],
    cars: [
      ...[0, 1, 2].map((i) => ({
        id: `car_${tag}_e${i}`,
        locationCode,
        plate: `${tag.toUpperCase()}-E${i}`,
        category: 'economy',
        model: 'Compact',
        dailyRateAmount: RATES.economy,
        currency: 'USD',
        createdAt,
      })),
      {
        id: `car_${tag}_s0`,
        locationCode,
        plate: `${tag.toUpperCase()}-S0`,
        category: 'suv',
        model: 'Large',
        dailyRateAmount: RATES.suv,
        currency: 'USD',
        createdAt,
      },
    ],
  });

  const admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  const user = async (email: string, role: string, hid?: string) => {
    const res = await admin.post('/api/users', {
      email,
      name: email,
      role,
      password: 'after-sale-password-1',
      ...(hid ? { hotelId: hid } : {}),
    });
    expect(res.status).toBe(201);
    return {
      id: res.body.id as string,
      api: client(server.url, await login(server.url, email, 'after-sale-password-1')),
    };
  };
  const agent = await user(`agent.${tag}@example.test`, 'agent');
  const deskA = await user(`desk.a.${tag}@example.test`, 'frontdesk', hotelId);
  const deskB = await user(`desk.b.${tag}@example.test`, 'frontdesk', otherHotelId);
  return {
    server,
    gateway,
    clock,
    admin,
    agent: agent.api,
    deskA: deskA.api,
    deskB: deskB.api,
    ids: { deskA: deskA.id, agent: agent.id },
    hotelId,
    doubleId,
    suiteId,
    otherHotelId,
    otherRoomTypeId,
    flightId,
    departureAt: departure.toISOString(),
    locationCode,
    firstDay: addDays(todayIn('UTC', now), 20),
  };
}

export const customer = { name: 'Grace Hopper', email: 'grace@example.test' };

export async function newTrip(api: Api, who = customer): Promise<string> {
  const res = await api.post('/api/trips', { customer: who });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function addItem(api: Api, tripId: string, item: Record<string, unknown>): Promise<any> {
  const res = await api.post(`/api/trips/${tripId}/items`, item);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

let payKey = 0;

/** Pays the trip with a good test card through the pay route; the trip comes back confirmed. */
export async function pay(api: Api, tripId: string): Promise<any> {
  const res = await api.post(
    `/api/trips/${tripId}/pay`,
    { paymentMethodId: 'pm_card_visa' },
    { 'idempotency-key': `pay-${tripId}-${++payKey}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe('confirmed');
  return res.body;
}

/** Counters of a room type's nights, straight from the hotels store. */
export async function roomNights(stores: Stores, roomTypeId: string, from: string, to: string) {
  return (await stores.knex
    .hotels('room_nights')
    .where({ room_type_id: roomTypeId })
    .where('night', '>=', from)
    .where('night', '<', to)
    .orderBy('night')
    .select('night', 'held', 'booked')) as { night: string; held: number; booked: number }[];
}

/**
 * Confirms a held trip through the repositories, as the pay saga would, without a payment: for the
 * front desk's tests, which need sold stays and no money.
 */
export async function confirmByHand(stores: Stores, clock: ManualClock, tripId: string): Promise<void> {
  const now = clock.now();
  const record = (await stores.trips.findTrip(tripId))!;
  const held = record.items.filter((i) => i.status === 'held');
  for (const i of held) {
    const repo =
      i.type === 'hotel' ? stores.hotelHolds : i.type === 'flight' ? stores.flightHolds : stores.carHolds;
    expect(await repo.confirmHold(i.id, now)).toBe(true);
  }
  await stores.trips.changeTrip(tripId, now, () => ({
    trip: { status: 'confirmed', hold_expires_at: null },
    itemStatuses: held.map((i) => ({ id: i.id, from: 'held' as const, to: 'confirmed' as const })),
    events: [{ type: 'trip.confirmed', actor: 'test', from: 'held', to: 'confirmed' }],
  }));
}

/**
 * The books: money kept (captured less refunded, of trip payments and of change charges) against what
 * it pays for (the prices of items sold and not cancelled, and the fees the policies kept of cancelled
 * bookings). Zero when no refund is still pending.
 */
export async function ledgerGap(stores: Stores): Promise<number> {
  const kept =
    (await stores.paymentRecords.ledger()).reduce((s, l) => s + l.captured - l.refunded, 0) +
    (await stores.afterSale.supplementLedger()).reduce((s, l) => s + l.charged - l.refunded, 0);
  const sold = (await stores.knex
    .payments('trip_items')
    .whereIn('status', ['confirmed', 'checked_in', 'checked_out'])
    .sum({ n: 'price_amount' })
    .first()) as { n: unknown };
  const fees = (await stores.knex
    .payments('item_cancellations')
    .where({ hold_status: 'booked' })
    .sum({ n: 'fee_amount' })
    .first()) as { n: unknown };
  return kept - Number(sold.n ?? 0) - Number(fees.n ?? 0);
}
