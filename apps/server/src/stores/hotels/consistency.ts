import type { Knex } from 'knex';
import { DatedConsistency } from '../consistency.ts';

/**
 * The consistency checker's reads and repairs in the hotels store (consistency/): room_nights
 * against hotel_holds, and hotel holds by id or past their expiry. The only code the checker runs here.
 */
export class HotelsConsistencyRepository extends DatedConsistency {
  constructor(writer: Knex, reader: Knex) {
    super(writer, reader, {
      holds: 'hotel_holds',
      counted: 'room_nights',
      date: 'night',
      unit: ['room_type_id'],
      start: 'check_in',
      end: 'check_out',
      quantity: 'rooms',
      allowance: 'allowance',
    });
  }
}
