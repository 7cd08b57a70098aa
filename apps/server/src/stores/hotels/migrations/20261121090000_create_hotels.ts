import type { Migration } from '../../migrations.ts';

/**
 * Column conventions of the catalog stores (hotels, flights, cars); the same on SQLite and PostgreSQL:
 * - ids are opaque text (`stores/ids.ts`);
 * - instants are text in exactly the form `Date#toISOString` gives, in UTC (`2026-11-21T09:00:00.000Z`).
 *   SQLite has no timestamp type, and pg would hand a timestamptz back as a Date where SQLite gives a
 *   string; one fixed-width UTC form reads back identically on both and makes text order time order,
 *   so range queries and indexes work on the text. A CHECK keeps every other form out;
 * - calendar dates (hotel nights, car rental days) are `YYYY-MM-DD` text, compared as text too;
 * - money is an integer amount of minor units next to an ISO 4217 currency, never a float;
 * - lists (amenities, seats) are JSON text that the repository parses: a pg json column would come back
 *   parsed and a SQLite one as a string.
 */
export const migration: Migration = {
  name: '20261121090000_create_hotels',
  async up(knex) {
    await knex.schema.createTable('hotels', (t) => {
      t.text('id').notNullable().primary();
      t.text('name').notNullable();
      t.text('city').notNullable();
      t.text('country').notNullable();
      t.text('address').nullable();
      // IANA zone: a stay's nights are the hotel's local calendar dates.
      t.text('timezone').notNullable().defaultTo('UTC');
      t.integer('stars').nullable();
      t.text('amenities').notNullable().defaultTo('[]');
      t.text('created_at').notNullable();
      t.index(['city'], 'hotels_city_index');
      t.check('stars is null or stars between 1 and 5', {}, 'hotels_stars_range');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'hotels_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('hotels');
  },
};
