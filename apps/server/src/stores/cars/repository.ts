import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
import {
  CapacityInUseError,
  isCheckViolation,
  isUniqueViolation,
  violatedConstraint,
} from '../constraint-violations.ts';
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

export interface CarRecord {
  readonly id: string;
  readonly locationCode: string;
  readonly plate: string;
  readonly category: string;
  readonly model: string;
  readonly dailyRateAmount: number;
  readonly currency: string;
  readonly retiredAt: string | null;
}

/** What a car edit changes; `retiredAt` null reinstates. */
export interface CarChange {
  readonly plate?: string;
  readonly model?: string;
  readonly dailyRateAmount?: number;
  readonly currency?: string;
  readonly retiredAt?: string | null;
}

/** A car category at a location closed to sale over days `from` ≤ day < `to`. */
export interface CarClosureRecord {
  readonly id: string;
  readonly locationCode: string;
  readonly category: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string | null;
  readonly createdAt: string;
}

/** A category offered at a location: its number of cars and its cheapest car's rate. */
export interface CarFleetRecord {
  readonly locationCode: string;
  readonly category: string;
  readonly capacity: number;
  readonly dailyRateAmount: number;
  readonly currency: string;
}

export interface CarLocationRecord extends NewCarLocation {
  readonly retiredAt: string | null;
  /** Categories with at least one car, by category. */
  readonly fleets: readonly CarFleetRecord[];
}

export interface FleetSearch {
  readonly locationCode: string;
  readonly category?: string | undefined;
  readonly pickUp: string;
  /** Exclusive. */
  readonly dropOff: string;
  readonly order: 'price' | 'name';
  readonly limit: number;
  readonly offset: number;
}

export interface FleetAvailability {
  readonly locationCode: string;
  readonly category: string;
  readonly dailyRateAmount: number;
  readonly currency: string;
  /** Fewest free cars over the days. */
  readonly available: number;
}

export class DuplicateLocationCodeError extends Error {}
export class DuplicatePlateError extends Error {}

/** A car whose rate is in another currency than the rest of its category at the location. */
export class FleetCurrencyError extends Error {
  readonly currency: string;
  constructor(currency: string) {
    super(`the category is priced in ${currency}`);
    this.name = 'FleetCurrencyError';
    this.currency = currency;
  }
}

/** The only code that touches the cars store's database. */
export class CarsRepository {
  readonly knex: Knex;
  /** Read-only connections for searches and catalog reads (stores/knex.ts, createStoreReader). */
  readonly reader: Knex;
  constructor(knex: Knex, reader: Knex = knex) {
    this.knex = knex;
    this.reader = reader;
  }

  async insertLocation(location: NewCarLocation): Promise<void> {
    try {
      await this.knex('car_locations').insert({
        code: location.code,
        name: location.name,
        city: location.city,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateLocationCodeError(location.code);
      throw err;
    }
  }

  async locationExists(code: string): Promise<boolean> {
    return (await this.reader('car_locations').first('code').where({ code })) !== undefined;
  }

  /** Renames or retires a location; undefined when there is none. */
  async updateLocation(
    code: string,
    change: { name?: string; city?: string; retiredAt?: string | null },
  ): Promise<CarLocationRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const set: Record<string, unknown> = {};
      if (change.name !== undefined) set.name = change.name;
      if (change.city !== undefined) set.city = change.city;
      if (change.retiredAt !== undefined) set.retired_at = change.retiredAt;
      if ((await trx('car_locations').where({ code }).update(set)) === 0) return undefined;
      const l = (await trx('car_locations').where({ code }).first()) as LocationRow;
      return { code: l.code, name: l.name, city: l.city, retiredAt: l.retired_at ?? null, fleets: [] };
    });
  }

  /** Locations by code, each with its fleets; retired ones only when asked. */
  async listLocations(
    filter: { city?: string | undefined; includeRetired?: boolean } = {},
  ): Promise<CarLocationRecord[]> {
    const locations = (await this.reader('car_locations')
      .modify((q) => {
        if (filter.city !== undefined) q.whereRaw('lower(city) = lower(?)', [filter.city]);
        if (!filter.includeRetired) q.whereNull('retired_at');
      })
      .orderBy('code')) as LocationRow[];
    const fleets = (await this.reader('car_fleets as f')
      .join('car_locations as l', 'l.code', 'f.location_code')
      .modify((q) => {
        if (filter.city !== undefined) q.whereRaw('lower(l.city) = lower(?)', [filter.city]);
      })
      .where('f.capacity', '>', 0)
      .select('f.*')
      .orderBy([{ column: 'f.location_code' }, { column: 'f.category' }])) as FleetRow[];
    const byLocation = new Map<string, CarFleetRecord[]>();
    for (const f of fleets) {
      const list = byLocation.get(f.location_code) ?? [];
      list.push(toFleet(f));
      byLocation.set(f.location_code, list);
    }
    return locations.map((l) => ({
      code: l.code,
      name: l.name,
      city: l.city,
      retiredAt: l.retired_at ?? null,
      fleets: byLocation.get(l.code) ?? [],
    }));
  }

  /** The cars of a location by category, then plate. */
  async carsAt(locationCode: string): Promise<CarRecord[]> {
    const rows = (await this.reader('cars')
      .where({ location_code: locationCode })
      .orderBy([{ column: 'category' }, { column: 'plate' }, { column: 'id' }])) as CarRow[];
    return rows.map(toCar);
  }

  async findFleet(locationCode: string, category: string): Promise<CarFleetRecord | undefined> {
    const row = (await this.reader('car_fleets').where({ location_code: locationCode, category }).first()) as
      FleetRow | undefined;
    return row && toFleet(row);
  }

  /**
   * Adds a car and, in the same transaction, its category's fleet row (capacity +1, the lowest rate)
   * and the capacity of that category's car_days rows from `fromDay` on. The fleet row is locked first
   * (PostgreSQL: FOR UPDATE, which a hold's FOR SHARE waits for), created if the category is new here.
   */
  async addCar(car: NewCar, fromDay: string): Promise<{ car: CarRecord; fleet: CarFleetRecord }> {
    try {
      return await this.knex.transaction(async (trx) => {
        await trx('car_fleets')
          .insert({
            location_code: car.locationCode,
            category: car.category,
            capacity: 0,
            daily_rate_amount: car.dailyRateAmount,
            currency: car.currency,
          })
          .onConflict(['location_code', 'category'])
          .ignore();
        const fleet = await lockFleet(trx, car.locationCode, car.category);
        if (fleet.capacity > 0 && fleet.currency !== car.currency)
          throw new FleetCurrencyError(fleet.currency);
        await trx('cars').insert(carRow(car));
        const updated = await refreshFleet(trx, car.locationCode, car.category, fromDay);
        return { car: toCar(carRow(car)), fleet: updated };
      });
    } catch (err) {
      if (isUniqueViolation(err) && /plate/.test(violatedConstraint(err)))
        throw new DuplicatePlateError(car.plate);
      throw err;
    }
  }

  /**
   * Removes a car; undefined when the location has no such car. Its category loses one unit of
   * capacity from `fromDay` on, in one transaction that locks the fleet row first; a day with more cars
   * held or booked than would remain is a CapacityInUseError and nothing changes. Earlier days are
   * history and keep the capacity they were rented against.
   */
  async removeCar(
    locationCode: string,
    carId: string,
    fromDay: string,
  ): Promise<{ car: CarRecord; fleet: CarFleetRecord } | undefined> {
    try {
      return await this.knex.transaction(async (trx) => {
        const row = (await trx('cars').where({ id: carId, location_code: locationCode }).first()) as
          CarRow | undefined;
        if (!row) return undefined;
        const fleet = await lockFleet(trx, locationCode, row.category);
        // A retired car is already out of the count.
        if (row.retired_at == null)
          await refuseBelowInUse(trx, locationCode, row.category, fleet.capacity - 1, fromDay);
        await trx('cars').where({ id: carId }).delete();
        const updated = await refreshFleet(trx, locationCode, row.category, fromDay);
        return { car: toCar(row), fleet: updated };
      });
    } catch (err) {
      if (isCheckViolation(err)) throw new CapacityInUseError();
      throw err;
    }
  }

  /**
   * Edits a car; undefined when the location has no such car. Retiring takes it out of its category's
   * count from `fromDay` on and reinstating puts it back, in one transaction that locks the fleet row
   * first, like removeCar: a day with more cars held or booked than would remain is a CapacityInUseError.
   * A rate in another currency than the category's other cars is a FleetCurrencyError.
   */
  async updateCar(
    locationCode: string,
    carId: string,
    change: CarChange,
    fromDay: string,
  ): Promise<CarRecord | undefined> {
    try {
      return await this.knex.transaction(async (trx) => {
        const row = (await trx('cars').where({ id: carId, location_code: locationCode }).first()) as
          CarRow | undefined;
        if (!row) return undefined;
        const fleet = await lockFleet(trx, locationCode, row.category);
        if (change.currency !== undefined && change.currency !== fleet.currency) {
          const others = (await trx('cars')
            .where({ location_code: locationCode, category: row.category })
            .whereNot('id', carId)
            .whereNull('retired_at')
            .first('id')) as { id: string } | undefined;
          if (others) throw new FleetCurrencyError(fleet.currency);
        }
        const wasRetired = row.retired_at != null;
        if (change.retiredAt != null && !wasRetired) {
          await refuseBelowInUse(trx, locationCode, row.category, fleet.capacity - 1, fromDay);
        }
        const set: Record<string, unknown> = {};
        if (change.plate !== undefined) set.plate = change.plate;
        if (change.model !== undefined) set.model = change.model;
        if (change.dailyRateAmount !== undefined) set.daily_rate_amount = change.dailyRateAmount;
        if (change.currency !== undefined) set.currency = change.currency;
        // Retiring a retired car keeps its first date.
        if (change.retiredAt !== undefined && (change.retiredAt === null || !wasRetired))
          set.retired_at = change.retiredAt;
        if (Object.keys(set).length > 0) await trx('cars').where({ id: carId }).update(set);
        await refreshFleet(trx, locationCode, row.category, fromDay);
        return toCar((await trx('cars').where({ id: carId }).first()) as CarRow);
      });
    } catch (err) {
      if (isUniqueViolation(err) && /plate/.test(violatedConstraint(err)))
        throw new DuplicatePlateError(change.plate ?? '');
      if (isCheckViolation(err)) throw new CapacityInUseError();
      throw err;
    }
  }

  async closures(locationCode: string, from?: string, to?: string): Promise<CarClosureRecord[]> {
    const rows = (await this.reader('car_category_closures')
      .where({ location_code: locationCode })
      .modify((q) => {
        if (to !== undefined) q.where('from_day', '<', to);
        if (from !== undefined) q.where('to_day', '>', from);
      })
      .orderBy([{ column: 'from_day' }, { column: 'category' }, { column: 'id' }])) as ClosureRow[];
    return rows.map(toClosure);
  }

  async insertClosure(c: CarClosureRecord): Promise<void> {
    await this.knex('car_category_closures').insert({
      id: c.id,
      location_code: c.locationCode,
      category: c.category,
      from_day: c.from,
      to_day: c.to,
      reason: c.reason,
      created_at: c.createdAt,
    });
  }

  async deleteClosure(locationCode: string, closureId: string): Promise<CarClosureRecord | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = (await trx('car_category_closures')
        .where({ id: closureId, location_code: locationCode })
        .first()) as ClosureRow | undefined;
      if (!row) return undefined;
      await trx('car_category_closures').where({ id: closureId }).delete();
      return toClosure(row);
    });
  }

  /**
   * Categories of a location with at least one car free on every day of [pickUp, dropOff), one page of
   * them and how many match. Free on a day = its car_days row's capacity − held − booked, or the fleet's
   * capacity where no row exists yet; the answer is the smallest, never more than the fleet's cars.
   */
  async searchFleets(search: FleetSearch): Promise<{ rows: FleetAvailability[]; total: number }> {
    const r = this.reader;
    const least = dialectOf(r) === 'pg' ? 'least' : 'min';
    const perFleet = r('car_fleets as f')
      .leftJoin('car_days as d', (on) => {
        on.on('d.location_code', '=', 'f.location_code')
          .andOn('d.category', '=', 'f.category')
          .andOnVal('d.day', '>=', search.pickUp)
          .andOnVal('d.day', '<', search.dropOff);
      })
      .where('f.location_code', search.locationCode)
      .whereNotExists(
        r('car_locations as l')
          .select(r.raw('1'))
          .whereRaw('l.code = f.location_code')
          .whereNotNull('l.retired_at'),
      )
      // Stop-sell: a category closed on any day of the rental is not offered for it.
      .whereNotExists(
        r('car_category_closures as c')
          .select(r.raw('1'))
          .whereRaw('c.location_code = f.location_code and c.category = f.category')
          .where('c.from_day', '<', search.dropOff)
          .where('c.to_day', '>', search.pickUp),
      )
      .modify((q) => {
        if (search.category !== undefined) q.where('f.category', search.category);
      })
      .groupBy('f.location_code', 'f.category')
      .select(
        'f.location_code as location_code',
        'f.category as category',
        'f.daily_rate_amount as daily_rate_amount',
        'f.currency as currency',
        r.raw(`${least}(f.capacity, coalesce(min(d.capacity - d.held - d.booked), f.capacity)) as available`),
      );
    const order = search.order === 'price' ? ['daily_rate_amount', 'currency', 'category'] : ['category'];
    const rows = (await r
      .from(perFleet.as('a'))
      .where('available', '>=', 1)
      .select('*', r.raw('count(*) over () as total'))
      .orderBy(order.map((column) => ({ column })))
      .limit(search.limit)
      .offset(search.offset)) as {
      location_code: string;
      category: string;
      daily_rate_amount: number;
      currency: string;
      available: number | string;
      total: number | string;
    }[];
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && search.offset > 0) {
      const row = (await r.from(perFleet.as('a')).where('available', '>=', 1).count({ n: '*' }).first()) as {
        n: number | string;
      };
      total = Number(row.n);
    }
    return {
      rows: rows.map((row) => ({
        locationCode: row.location_code,
        category: row.category,
        dailyRateAmount: Number(row.daily_rate_amount),
        currency: row.currency,
        available: Number(row.available),
      })),
      total,
    };
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

type CarRow = {
  id: string;
  location_code: string;
  plate: string;
  category: string;
  model: string;
  daily_rate_amount: number;
  currency: string;
  created_at: string;
  retired_at?: string | null;
};

type LocationRow = { code: string; name: string; city: string; retired_at?: string | null };

type ClosureRow = {
  id: string;
  location_code: string;
  category: string;
  from_day: string;
  to_day: string;
  reason: string | null;
  created_at: string;
};

function toClosure(r: ClosureRow): CarClosureRecord {
  return {
    id: r.id,
    locationCode: r.location_code,
    category: r.category,
    from: r.from_day,
    to: r.to_day,
    reason: r.reason,
    createdAt: r.created_at,
  };
}

/** A CapacityInUseError naming the first day from `fromDay` with more cars in use than `capacity`. */
async function refuseBelowInUse(
  trx: Knex.Transaction,
  locationCode: string,
  category: string,
  capacity: number,
  fromDay: string,
): Promise<void> {
  const blocking = (await trx('car_days')
    .where({ location_code: locationCode, category })
    .where('day', '>=', fromDay)
    .whereRaw('held + booked > ?', [capacity])
    .orderBy('day')
    .first('day', 'held', 'booked')) as { day: string; held: number; booked: number } | undefined;
  if (blocking) throw new CapacityInUseError(blocking.day, blocking.held + blocking.booked, capacity);
}

type FleetRow = {
  location_code: string;
  category: string;
  capacity: number;
  daily_rate_amount: number;
  currency: string;
};

function carRow(c: NewCar): CarRow {
  return {
    id: c.id,
    location_code: c.locationCode,
    plate: c.plate,
    category: c.category,
    model: c.model,
    daily_rate_amount: c.dailyRateAmount,
    currency: c.currency,
    created_at: c.createdAt,
  };
}

function toCar(row: CarRow): CarRecord {
  return {
    id: row.id,
    locationCode: row.location_code,
    plate: row.plate,
    category: row.category,
    model: row.model,
    dailyRateAmount: Number(row.daily_rate_amount),
    currency: row.currency,
    retiredAt: row.retired_at ?? null,
  };
}

function toFleet(row: FleetRow): CarFleetRecord {
  return {
    locationCode: row.location_code,
    category: row.category,
    capacity: Number(row.capacity),
    dailyRateAmount: Number(row.daily_rate_amount),
    currency: row.currency,
  };
}

/** The fleet row, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
async function lockFleet(trx: Knex.Transaction, locationCode: string, category: string): Promise<FleetRow> {
  const q = trx('car_fleets').where({ location_code: locationCode, category }).first();
  const row = (await (dialectOf(trx) === 'pg' ? q.forUpdate() : q)) as FleetRow | undefined;
  if (!row) throw new Error(`no car_fleets row for ${locationCode}/${category}`);
  return row;
}

/**
 * Sets the fleet row from its cars (count; rate and currency of the cheapest, ties by id) and the
 * capacity of its car_days rows from `fromDay` on. A fleet whose last car went keeps its row with
 * capacity 0 and its last rate, so a hold that locks it finds it and sells nothing.
 */
async function refreshFleet(
  trx: Knex.Transaction,
  locationCode: string,
  category: string,
  fromDay: string,
): Promise<CarFleetRecord> {
  const cars = trx('cars').where({ location_code: locationCode, category }).whereNull('retired_at');
  const counted = (await cars.clone().count({ n: '*' }).first()) as { n: number | string };
  const cheapest = (await cars
    .clone()
    .orderBy([{ column: 'daily_rate_amount' }, { column: 'id' }])
    .first('daily_rate_amount', 'currency')) as { daily_rate_amount: number; currency: string } | undefined;
  const capacity = Number(counted.n);
  await trx('car_fleets')
    .where({ location_code: locationCode, category })
    .update({
      capacity,
      ...(cheapest ? { daily_rate_amount: cheapest.daily_rate_amount, currency: cheapest.currency } : {}),
    });
  await trx('car_days')
    .where({ location_code: locationCode, category })
    .where('day', '>=', fromDay)
    .whereNot('capacity', capacity)
    .update({ capacity, version: trx.raw('version + 1') });
  return toFleet(
    (await trx('car_fleets').where({ location_code: locationCode, category }).first()) as FleetRow,
  );
}

async function insertCarCatalog(trx: Knex.Transaction, catalog: CarCatalog): Promise<void> {
  await insertInBatches(
    trx,
    'car_locations',
    catalog.locations.map((l) => ({ code: l.code, name: l.name, city: l.city })),
  );
  await insertInBatches(trx, 'cars', catalog.cars.map(carRow));
  await refreshFleetsAt(trx, [...new Set(catalog.cars.map((c) => c.locationCode))]);
}

/**
 * Sets the fleet rows of these locations from their cars, set-based (catalog writes): capacity = the
 * count, rate and currency = the cheapest car's (ties by id), and the capacity of their car_days rows.
 * A catalog only adds cars, so no capacity goes down here.
 */
async function refreshFleetsAt(trx: Knex.Transaction, locationCodes: readonly string[]): Promise<void> {
  for (let i = 0; i < locationCodes.length; i += 500) {
    const codes = locationCodes.slice(i, i + 500);
    const list = codes.map(() => '?').join(', ');
    await trx.raw(
      `insert into car_fleets (location_code, category, capacity, daily_rate_amount, currency)
       select location_code, category, capacity, daily_rate_amount, currency from (
         select location_code, category, daily_rate_amount, currency,
           count(*) over (partition by location_code, category) as capacity,
           row_number() over (partition by location_code, category order by daily_rate_amount, id) as cheapest_first
         from cars where location_code in (${list}) and retired_at is null
       ) ranked
       where cheapest_first = 1
       on conflict (location_code, category) do update set
         capacity = excluded.capacity, daily_rate_amount = excluded.daily_rate_amount, currency = excluded.currency`,
      codes,
    );
    await trx.raw(
      `update car_days set capacity = (
         select f.capacity from car_fleets f
         where f.location_code = car_days.location_code and f.category = car_days.category
       ), version = version + 1
       where location_code in (${list})`,
      codes,
    );
  }
}
