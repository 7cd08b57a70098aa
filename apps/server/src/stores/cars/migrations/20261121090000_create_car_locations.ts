import type { Migration } from '../../migrations.ts';

/** Column conventions (ids, ISO instants as text, money, JSON text): see the hotels store's first migration. */
export const migration: Migration = {
  name: '20261121090000_create_car_locations',
  async up(knex) {
    await knex.schema.createTable('car_locations', (t) => {
      // A readable code chosen by the admin, e.g. `JFK-A` for the desk at JFK airport.
      t.text('code').notNullable().primary();
      t.text('name').notNullable();
      t.text('city').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTable('car_locations');
  },
};
