import type { Knex } from 'knex';
import { DatedConsistency } from '../consistency.ts';

/**
 * The consistency checker's reads and repairs in the cars store (consistency/): car_days
 * against car_holds, and car holds by id or past their expiry. The only code the checker runs here.
 */
export class CarsConsistencyRepository extends DatedConsistency {
  constructor(writer: Knex, reader: Knex) {
    super(writer, reader, {
      holds: 'car_holds',
      counted: 'car_days',
      date: 'day',
      unit: ['location_code', 'category'],
      start: 'pick_up',
      end: 'drop_off',
      quantity: 'cars',
    });
  }
}
