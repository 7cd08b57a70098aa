import type { Migration } from '../../migrations.ts';

/**
 * The inventory hold that carries a sold item. Null: the hold whose id is the item's own (every item
 * until it is changed). Changing a sold item (new dates, seats, category) places a new hold first and
 * only then gives up the old one, so for a while the item has two holds; once the change is written the
 * item points at the new one here.
 */
export const migration: Migration = {
  name: '20261121150000_trip_items_hold_id',
  async up(knex) {
    await knex.raw('alter table trip_items add column hold_id text null');
  },
  async down(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects drop a column in place.
    await knex.raw('alter table trip_items drop column hold_id');
  },
};
