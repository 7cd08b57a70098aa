import type { Knex } from 'knex';
import { STORE_NAMES, type StoreName } from '@tripdesk/shared';
import { createStoreKnex, migrateStore, type StoreLocation } from './knex.ts';
import type { Migration } from './migrations.ts';
import { migrations as usersMigrations } from './users/migrations/index.ts';
import { migrations as hotelsMigrations } from './hotels/migrations/index.ts';
import { migrations as flightsMigrations } from './flights/migrations/index.ts';
import { migrations as carsMigrations } from './cars/migrations/index.ts';
import { migrations as paymentsMigrations } from './payments/migrations/index.ts';
import { UsersRepository } from './users/repository.ts';
import { HotelsRepository } from './hotels/repository.ts';
import { FlightsRepository } from './flights/repository.ts';
import { CarsRepository } from './cars/repository.ts';
import { PaymentsRepository } from './payments/repository.ts';

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
  readonly knex: Readonly<Record<StoreName, Knex>>;
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
  return {
    users: new UsersRepository(knex.users),
    hotels: new HotelsRepository(knex.hotels),
    flights: new FlightsRepository(knex.flights),
    cars: new CarsRepository(knex.cars),
    payments: new PaymentsRepository(knex.payments),
    knex,
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
