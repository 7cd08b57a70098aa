import type { Knex } from 'knex';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import { createStoreKnex, createStoreReader, migrateStore, type StoreLocation } from './knex.ts';
import type { Migration } from './migrations.ts';
import { migrations as usersMigrations } from './users/migrations/index.ts';
import { migrations as hotelsMigrations } from './hotels/migrations/index.ts';
import { migrations as flightsMigrations } from './flights/migrations/index.ts';
import { migrations as carsMigrations } from './cars/migrations/index.ts';
import { migrations as paymentsMigrations } from './payments/migrations/index.ts';
import { UsersRepository } from './users/repository.ts';
import { IdempotencyRepository } from './users/idempotency.ts';
import { HotelsRepository } from './hotels/repository.ts';
import { FlightsRepository } from './flights/repository.ts';
import { CarsRepository } from './cars/repository.ts';
import { PaymentsRepository } from './payments/repository.ts';
import { GatewayRepository } from './payments/gateway.ts';
import { HotelHoldsRepository } from './hotels/holds.ts';
import { FlightHoldsRepository } from './flights/holds.ts';
import { CarHoldsRepository } from './cars/holds.ts';
import { TripsRepository } from './payments/trips.ts';
import { PaymentRecordsRepository } from './payments/payments.ts';
import { RoomOccupancyRepository } from './hotels/occupancy.ts';
import { AfterSaleRepository } from './payments/after-sale.ts';

export const storeMigrations: Record<StoreName, readonly Migration[]> = {
  users: usersMigrations,
  hotels: hotelsMigrations,
  flights: flightsMigrations,
  cars: carsMigrations,
  payments: paymentsMigrations,
};

/** The five stores, each its own database and repository (ARCHITECTURE.md, "Five stores"). */
export interface Stores {
  readonly users: UsersRepository;
  readonly hotels: HotelsRepository;
  readonly flights: FlightsRepository;
  readonly cars: CarsRepository;
  readonly payments: PaymentsRepository;
  /** The payment gateway's records (local authorizations and refunds, Stripe events seen); payments store. */
  readonly gateway: GatewayRepository;
  /** Idempotency-Key records; in the users store, since keys belong to a user. */
  readonly idempotency: IdempotencyRepository;
  /** The booking engine's holds in each inventory store, and the trips in the payments store. */
  readonly hotelHolds: HotelHoldsRepository;
  readonly flightHolds: FlightHoldsRepository;
  readonly carHolds: CarHoldsRepository;
  readonly trips: TripsRepository;
  /** Payment records: pay attempts and their sagas, refunds, invoice numbers, the ledger; payments store. */
  readonly paymentRecords: PaymentRecordsRepository;
  /** Which room each checked-in stay sleeps in, night by night; hotels store. */
  readonly occupancy: RoomOccupancyRepository;
  /** After the sale: stays, cancellations, changes and their refunds; payments store. */
  readonly afterSale: AfterSaleRepository;
  readonly knex: Readonly<Record<StoreName, Knex>>;
  /** Read-only knex per store for searches and catalog reads (SQLite: its own pool; PostgreSQL: `knex`). */
  readonly readers: Readonly<Record<StoreName, Knex>>;
  /** `ok`, or the error each store answers a trivial query with. */
  health(): Promise<Record<StoreName, string>>;
  close(): Promise<void>;
}

export async function openStores(location: StoreLocation, opts: { migrate?: boolean } = {}): Promise<Stores> {
  const knex = Object.fromEntries(STORE_NAMES.map((s) => [s, createStoreKnex(location, s)])) as Record<
    StoreName,
    Knex
  >;
  try {
    if (opts.migrate !== false) {
      for (const s of STORE_NAMES) await migrateStore(knex[s], s, storeMigrations[s]);
    }
  } catch (err) {
    await Promise.allSettled(STORE_NAMES.map((s) => knex[s].destroy()));
    throw err;
  }
  const readers = Object.fromEntries(
    STORE_NAMES.map((s) => [s, createStoreReader(location, s, knex[s])]),
  ) as Record<StoreName, Knex>;
  return {
    users: new UsersRepository(knex.users),
    hotels: new HotelsRepository(knex.hotels, readers.hotels),
    flights: new FlightsRepository(knex.flights, readers.flights),
    cars: new CarsRepository(knex.cars, readers.cars),
    payments: new PaymentsRepository(knex.payments),
    gateway: new GatewayRepository(knex.payments),
    idempotency: new IdempotencyRepository(knex.users),
    hotelHolds: new HotelHoldsRepository(knex.hotels),
    flightHolds: new FlightHoldsRepository(knex.flights),
    carHolds: new CarHoldsRepository(knex.cars),
    trips: new TripsRepository(knex.payments),
    paymentRecords: new PaymentRecordsRepository(knex.payments),
    occupancy: new RoomOccupancyRepository(knex.hotels),
    afterSale: new AfterSaleRepository(knex.payments),
    knex,
    readers,
    async health() {
      const entries = await Promise.all(
        STORE_NAMES.map(async (s) => {
          try {
            await withTimeout(knex[s].raw('select 1'), 2000);
            return [s, 'ok'] as const;
          } catch (err) {
            return [s, (err as Error).message || 'unavailable'] as const;
          }
        }),
      );
      return Object.fromEntries(entries) as Record<StoreName, string>;
    },
    async close() {
      await Promise.allSettled(
        STORE_NAMES.filter((s) => readers[s] !== knex[s]).map((s) => readers[s].destroy()),
      );
      await Promise.allSettled(STORE_NAMES.map((s) => knex[s].destroy()));
    },
  };
}

function withTimeout<T>(p: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve(p).then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
