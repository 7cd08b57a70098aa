import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
import { dialectOf } from '../knex.ts';

export interface NewCarLocation {
  readonly code: string;
  readonly name: string;
  readonly city: string;
}

export interface NewCar {
  readonly id: string;
  readonly locationCode: string;
  readonly plate: string;
  /** The desk's word for a class of cars, or an ACRISS code such as `CDMR` (the demo's choice). */
  readonly category: string;
  readonly model: string;
  /** Minor units of `currency`. */
  readonly dailyRateAmount: number;
  readonly currency: string;
  /** `Date#toISOString` form. */
  readonly createdAt: string;
}

/** A catalog written at once (demo data, imports): rental desks and their fleets. */
export interface CarCatalog {
  readonly locations: readonly NewCarLocation[];
  readonly cars: readonly NewCar[];
}

export interface CarCatalogCounts {
  readonly carLocations: number;
  readonly cars: number;
  readonly carDays: number;
}

/** The only code that touches the cars store's database. */
export class CarsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Writes a whole catalog in one transaction of batched multi-row inserts: all of it or none. */
  async insertCatalog(catalog: CarCatalog): Promise<void> {
    await this.knex.transaction((trx) => insertCarCatalog(trx, catalog));
  }

  /**
   * Like `insertCatalog`, into a store without locations only; false, and nothing written, otherwise.
   * On PostgreSQL the check and the inserts hold a lock on `car_locations`, so two servers starting
   * together write the catalog once (SQLite has one writer per data folder).
   */
  async insertCatalogIfEmpty(catalog: CarCatalog): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      if (dialectOf(trx) === 'pg') await trx.raw('lock table car_locations in share row exclusive mode');
      if (await trx('car_locations').first('code')) return false;
      await insertCarCatalog(trx, catalog);
      return true;
    });
  }

  /** Rows per table; `carDays` counts only the days the booking engine has touched. */
  async countCatalog(): Promise<CarCatalogCounts> {
    const row = (await this.knex.first({
      carLocations: this.knex('car_locations').count('*'),
      cars: this.knex('cars').count('*'),
      carDays: this.knex('car_days').count('*'),
    })) as Record<keyof CarCatalogCounts, number | string>;
    // pg returns count(*) as a bigint string.
    return { carLocations: Number(row.carLocations), cars: Number(row.cars), carDays: Number(row.carDays) };
  }
}

async function insertCarCatalog(trx: Knex.Transaction, catalog: CarCatalog): Promise<void> {
  await insertInBatches(
    trx,
    'car_locations',
    catalog.locations.map((l) => ({ code: l.code, name: l.name, city: l.city })),
  );
  await insertInBatches(
    trx,
    'cars',
    catalog.cars.map((c) => ({
      id: c.id,
      location_code: c.locationCode,
      plate: c.plate,
      category: c.category,
      model: c.model,
      daily_rate_amount: c.dailyRateAmount,
      currency: c.currency,
      created_at: c.createdAt,
    })),
  );
}
