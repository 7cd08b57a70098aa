import type { Migration } from '../../migrations.ts';

/**
 * What the trips list finds trips by, kept with each item so a filter is a column test, not a parse of every
 * item's details: its first and last travel dates, where it goes (shown on the list) and, lower-cased,
 * the places and traveller names a search matches. Filled for new and changed items by TripsRepository
 * and the after-sale store; existing items by the next migration.
 */
export const migration: Migration = {
  name: '20261204200000_trip_items_travel',
  async up(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects add a column in place.
    await knex.raw('alter table trip_items add column travel_start varchar(10)');
    await knex.raw('alter table trip_items add column travel_end varchar(10)');
    await knex.raw('alter table trip_items add column destination varchar(200)');
    await knex.raw('alter table trip_items add column place_search varchar(400)');
    await knex.raw('alter table trip_items add column traveller_search varchar(2000)');
    // The travel-dates filter: items starting on or before the end of the range, then their end.
    await knex.raw('create index trip_items_travel_index on trip_items (travel_start, travel_end, trip_id)');
  },
  async down(knex) {
    await knex.raw('drop index trip_items_travel_index');
    for (const c of ['traveller_search', 'place_search', 'destination', 'travel_end', 'travel_start']) {
      await knex.raw(`alter table trip_items drop column ${c}`);
    }
  },
};
