import type { Knex } from 'knex';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import {
  appliedMigrations,
  createStoreKnex,
  createStoreReader,
  migrateStore,
  type StoreLocation,
} from './knex.ts';
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
import { FlightSchedulesRepository } from './flights/schedules.ts';
import { CarsRepository } from './cars/repository.ts';
import { GatewayRepository } from './payments/gateway.ts';
import { HotelHoldsRepository } from './hotels/holds.ts';
import { FlightHoldsRepository } from './flights/holds.ts';
import { CarHoldsRepository } from './cars/holds.ts';
import { TripsRepository } from './payments/trips.ts';
import { PaymentRecordsRepository } from './payments/payments.ts';
import { RoomOccupancyRepository } from './hotels/occupancy.ts';
import { AfterSaleRepository } from './payments/after-sale.ts';
import { StaysRepository } from './payments/stays.ts';
import { HotelsConsistencyRepository } from './hotels/consistency.ts';
import { FlightsConsistencyRepository } from './flights/consistency.ts';
import { CarsConsistencyRepository } from './cars/consistency.ts';
import { PaymentsConsistencyRepository } from './payments/consistency.ts';
import { OutboxRepository, type NotificationPolicy } from './payments/outbox.ts';
import { NotificationsRepository } from './users/notifications.ts';
import { AuditLogRepository } from './users/audit-log.ts';
import { HotelReportsRepository } from './hotels/reports.ts';
import { PaymentReportsRepository } from './payments/reports.ts';
import { ExtrasCatalogRepository } from './extras-catalog.ts';
import { TaxRulesRepository } from './tax-rules.ts';

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
  /** Recurring flight schedules and the flights they make; flights store. */
  readonly flightSchedules: FlightSchedulesRepository;
  readonly cars: CarsRepository;
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
  /** After the sale: cancellations, changes and their refunds; payments store. */
  readonly afterSale: AfterSaleRepository;
  /** A hotel's stays and their guests, for the front desk; payments store. */
  readonly stays: StaysRepository;
  /** The consistency checker's scans and repairs (consistency/), and its stored runs (payments). */
  readonly consistency: {
    readonly hotels: HotelsConsistencyRepository;
    readonly flights: FlightsConsistencyRepository;
    readonly cars: CarsConsistencyRepository;
    readonly payments: PaymentsConsistencyRepository;
  };
  /** Notifications waiting to go out, written with the trip changes that made them; payments store. */
  readonly outbox: OutboxRepository;
  /** Each user's in-app notifications; users store. */
  readonly notifications: NotificationsRepository;
  /** The audit log of admin actions; users store. */
  readonly auditLog: AuditLogRepository;
  /** Reads for reports (reports/reports.ts): hotels store, on its reader. */
  readonly hotelReports: HotelReportsRepository;
  /** Reads for reports: payments store (trips, payments, refunds). */
  readonly paymentReports: PaymentReportsRepository;
  /** The extras catalogue an admin set per hotel, flight and car location, each in its own store. */
  readonly extras: {
    readonly hotels: ExtrasCatalogRepository;
    readonly flights: ExtrasCatalogRepository;
    readonly cars: ExtrasCatalogRepository;
  };
  /** The taxes and fees an admin set per hotel, flight and car location, each in its own store. */
  readonly taxes: {
    readonly hotels: TaxRulesRepository;
    readonly flights: TaxRulesRepository;
    readonly cars: TaxRulesRepository;
  };
  readonly knex: Readonly<Record<StoreName, Knex>>;
  /** Read-only knex per store for searches and catalog reads (SQLite: its own pool; PostgreSQL: `knex`). */
  readonly readers: Readonly<Record<StoreName, Knex>>;
  /** `ok`, or the error each store answers a trivial query with. */
  health(): Promise<Record<StoreName, string>>;
  close(): Promise<void>;
}

/** Per store: the migrations applied already, and those this server would apply now. */
export type MigrationStatus = Record<StoreName, { readonly applied: string[]; readonly pending: string[] }>;

export interface OpenStoresOptions {
  readonly migrate?: boolean;
  /** Tests: other migration lists (an older release's, to test an upgrade). */
  readonly migrations?: Readonly<Record<StoreName, readonly Migration[]>>;
  /**
   * Which trip events notify whom (notifications/notification-policy.ts), recorded with each trip
   * write in its transaction. Without it trip writes notify nobody (tools that only read or seed).
   */
  readonly notificationPolicy?: NotificationPolicy;
  /** Runs before any migration, with the stores open and nothing migrated yet: the pre-upgrade backup. */
  readonly beforeMigrate?: (
    knex: Readonly<Record<StoreName, Knex>>,
    status: MigrationStatus,
  ) => Promise<void>;
}

export async function openStores(location: StoreLocation, opts: OpenStoresOptions = {}): Promise<Stores> {
  const lists = opts.migrations ?? storeMigrations;
  const knex = Object.fromEntries(STORE_NAMES.map((s) => [s, createStoreKnex(location, s)])) as Record<
    StoreName,
    Knex
  >;
  try {
    if (opts.migrate !== false) {
      if (opts.beforeMigrate) {
        const status = {} as MigrationStatus;
        for (const s of STORE_NAMES) {
          const applied = await appliedMigrations(knex[s], s);
          const done = new Set(applied);
          status[s] = { applied, pending: lists[s].filter((m) => !done.has(m.name)).map((m) => m.name) };
        }
        await opts.beforeMigrate(knex, status);
      }
      for (const s of STORE_NAMES) await migrateStore(knex[s], s, lists[s]);
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
    flightSchedules: new FlightSchedulesRepository(knex.flights, readers.flights),
    cars: new CarsRepository(knex.cars, readers.cars),
    gateway: new GatewayRepository(knex.payments),
    idempotency: new IdempotencyRepository(knex.users),
    hotelHolds: new HotelHoldsRepository(knex.hotels),
    flightHolds: new FlightHoldsRepository(knex.flights),
    carHolds: new CarHoldsRepository(knex.cars),
    trips: new TripsRepository(knex.payments, opts.notificationPolicy),
    paymentRecords: new PaymentRecordsRepository(knex.payments),
    occupancy: new RoomOccupancyRepository(knex.hotels),
    afterSale: new AfterSaleRepository(knex.payments, opts.notificationPolicy),
    stays: new StaysRepository(knex.payments),
    consistency: {
      hotels: new HotelsConsistencyRepository(knex.hotels, readers.hotels),
      flights: new FlightsConsistencyRepository(knex.flights, readers.flights),
      cars: new CarsConsistencyRepository(knex.cars, readers.cars),
      payments: new PaymentsConsistencyRepository(knex.payments, readers.payments),
    },
    outbox: new OutboxRepository(knex.payments),
    notifications: new NotificationsRepository(knex.users),
    auditLog: new AuditLogRepository(knex.users),
    hotelReports: new HotelReportsRepository(readers.hotels),
    paymentReports: new PaymentReportsRepository(knex.payments),
    extras: {
      hotels: new ExtrasCatalogRepository(knex.hotels, readers.hotels, {
        table: 'hotels',
        key: 'id',
        priced: { table: 'room_types', owner: 'hotel_id' },
      }),
      flights: new ExtrasCatalogRepository(knex.flights, readers.flights, {
        table: 'flights',
        key: 'id',
        priced: { table: 'fare_classes', owner: 'flight_id' },
      }),
      cars: new ExtrasCatalogRepository(knex.cars, readers.cars, {
        table: 'car_locations',
        key: 'code',
        priced: { table: 'car_fleets', owner: 'location_code' },
      }),
    },
    taxes: {
      hotels: new TaxRulesRepository(knex.hotels, readers.hotels, { table: 'hotels', key: 'id' }),
      flights: new TaxRulesRepository(knex.flights, readers.flights, { table: 'flights', key: 'id' }),
      cars: new TaxRulesRepository(knex.cars, readers.cars, { table: 'car_locations', key: 'code' }),
    },
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
