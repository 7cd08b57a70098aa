import type { Migration } from '../../migrations.ts';

/**
 * Stop-sell: a fare class of a flight number closed to sale on the flights departing (origin's calendar)
 * `from_date` ≤ date < `to_date`.
 */
export const migration: Migration = {
  name: '20261205300100_create_fare_class_closures',
  async up(knex) {
    await knex.schema.createTable('fare_class_closures', (t) => {
      t.text('id').notNullable().primary();
      t.text('flight_number').notNullable();
      t.text('fare_class').notNullable();
      t.text('from_date').notNullable();
      t.text('to_date').notNullable();
      t.text('reason');
      t.text('created_at').notNullable();
      t.index(['flight_number', 'fare_class', 'from_date'], 'fare_class_closures_flight_number_index');
      t.check('to_date > from_date', {}, 'fare_class_closures_range');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('fare_class_closures');
  },
};
