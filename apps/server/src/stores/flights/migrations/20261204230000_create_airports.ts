import type { Migration } from '../../migrations.ts';

/**
 * Airports the desk flies between, with the IANA time zone their local times are read in. `city_key` and
 * `name_key` are the city and name in lower case without accents, so a lookup by `like` on this small
 * table behaves the same on SQLite and PostgreSQL (no ILIKE, no collations).
 */
export const migration: Migration = {
  name: '20261204230000_create_airports',
  async up(knex) {
    await knex.schema.createTable('airports', (t) => {
      t.text('code').notNullable().primary();
      t.text('name').notNullable();
      t.text('city').notNullable();
      t.text('country').notNullable();
      t.text('time_zone').notNullable();
      t.text('city_key').notNullable();
      t.text('name_key').notNullable();
      t.check('length(code) = 3', {}, 'airports_code_iata');
      t.check('length(country) = 2', {}, 'airports_country_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('airports');
  },
};
