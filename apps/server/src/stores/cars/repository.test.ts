import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/databases.ts';
import { newId } from '../ids.ts';
import { openStores, type Stores } from '../index.ts';
import type { CarCatalog, NewCar } from './repository.ts';

const CREATED_AT = '2026-11-21T09:00:00.000Z';

function car(plate: string, category: string): NewCar {
  return {
    id: newId('car'),
    locationCode: 'JFK-A',
    plate,
    category,
    model: 'Toyota Corolla',
    dailyRateAmount: 5900,
    currency: 'USD',
    createdAt: CREATED_AT,
  };
}

const catalog: CarCatalog = {
  locations: [
    { code: 'JFK-A', name: 'JFK Airport', city: 'New York' },
    { code: 'LHR-A', name: 'LHR Airport', city: 'London' },
  ],
  cars: [car('ABC-1234', 'CDMR'), car('ABC-1235', 'CDMR'), car('XYZ-0001', 'SFAR')],
};

describe.each(dialects)('cars store on %s', (dialect) => {
  let db: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    stores = await openStores(db.location);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it('writes a catalog in bulk and counts it', async () => {
    expect(await stores.cars.countCatalog()).toEqual({ carLocations: 0, cars: 0, carDays: 0 });
    await stores.cars.insertCatalog(catalog);
    expect(await stores.cars.countCatalog()).toEqual({ carLocations: 2, cars: 3, carDays: 0 });
    expect(await stores.cars.insertCatalogIfEmpty(catalog)).toBe(false);
  });

  it('refuses a plate twice, even at another location', async () => {
    await expect(
      stores.cars.insertCatalog({
        locations: [],
        cars: [{ ...car('ABC-1234', 'ECMR'), locationCode: 'LHR-A' }],
      }),
    ).rejects.toThrow(/UNIQUE constraint failed|cars_plate_unique/);
    // A category is the desk's own word or an ACRISS code.
    await stores.cars.insertCatalog({ locations: [], cars: [car('NEW-0001', 'economy')] });
    expect((await stores.cars.countCatalog()).cars).toBe(4);
  });

  describe('car_days, the counted inventory', () => {
    const day = (date: string, n: Partial<Record<'held' | 'booked' | 'capacity', number>> = {}) => ({
      location_code: 'JFK-A',
      category: 'CDMR',
      day: date,
      capacity: 2,
      ...n,
    });
    const row = (date: string) =>
      stores.knex.cars('car_days').where({ location_code: 'JFK-A', category: 'CDMR', day: date });

    it('refuses held + booked above capacity, on insert and on update', async () => {
      await expect(
        stores.knex.cars('car_days').insert(day('2026-12-24', { held: 1, booked: 2 })),
      ).rejects.toThrow(/car_days_within_capacity/);
      await stores.knex.cars('car_days').insert(day('2026-12-24'));
      await row('2026-12-24').update({ booked: 2 });
      await expect(row('2026-12-24').update({ held: stores.knex.cars.raw('held + 1') })).rejects.toThrow(
        /car_days_within_capacity/,
      );
    });

    it('refuses negative held or booked', async () => {
      await expect(row('2026-12-24').update({ held: -1 })).rejects.toThrow(/car_days_held_nonnegative/);
      await expect(row('2026-12-24').update({ booked: stores.knex.cars.raw('booked - 3') })).rejects.toThrow(
        /car_days_booked_nonnegative/,
      );
      expect(await row('2026-12-24').first('held', 'booked')).toEqual({ held: 0, booked: 2 });
    });

    it('keeps one row per location, category and day, at a known location only', async () => {
      await expect(stores.knex.cars('car_days').insert(day('2026-12-24'))).rejects.toThrow(
        /UNIQUE constraint failed|duplicate key value/,
      );
      await expect(
        stores.knex.cars('car_days').insert({ ...day('2026-12-24'), location_code: 'CDG-A' }),
      ).rejects.toThrow(/FOREIGN KEY constraint failed|car_days_location_code_foreign/);
      expect((await stores.cars.countCatalog()).carDays).toBe(1);
    });
  });
});
