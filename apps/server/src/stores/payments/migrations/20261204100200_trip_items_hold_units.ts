import type { Migration } from '../../migrations.ts';

/**
 * The units an item holds against the per-user cap (a stay's rooms, a flight's seats, one car), kept with
 * the item so the cap is one indexed sum, not a parse of every held item's details. Filled for new items
 * by TripsRepository; existing held items by the next migration.
 */
export const migration: Migration = {
  name: '20261204100200_trip_items_hold_units',
  async up(knex) {
    await knex.raw('alter table trip_items add column hold_units integer not null default 1');
  },
  async down(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects drop a column in place.
    await knex.raw('alter table trip_items drop column hold_units');
  },
};
