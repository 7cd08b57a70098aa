import type { Migration } from '../../migrations.ts';

/**
 * A trip's travellers, entered once and picked by its items (passengers, guests, the driver): a JSON list
 * on the trip, read and written whole, as the API sets it. Null until some are given.
 */
export const migration: Migration = {
  name: '20261204230000_trips_travellers',
  async up(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects add a column in place.
    await knex.raw('alter table trips add column travellers text');
  },
  async down(knex) {
    await knex.raw('alter table trips drop column travellers');
  },
};
