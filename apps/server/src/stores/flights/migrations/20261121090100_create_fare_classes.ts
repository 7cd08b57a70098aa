import type { Migration } from '../../migrations.ts';

/**
 * Counted inventory of a flight, one row per fare class (ARCHITECTURE.md, "Inventory as counted rows"),
 * written with the flight: capacity is the number of seats the class lists in `seats` (JSON text).
 * The CHECKs are the invariant itself: whatever the code does, the database refuses to oversell.
 */
export const migration: Migration = {
  name: '20261121090100_create_fare_classes',
  async up(knex) {
    await knex.schema.createTable('fare_classes', (t) => {
      t.text('flight_id').notNullable().references('id').inTable('flights');
      // Cabin code: Y economy, W premium economy, J business, F first.
      t.text('code').notNullable();
      t.text('name').notNullable();
      t.integer('price_amount').notNullable();
      t.text('currency').notNullable();
      t.integer('capacity').notNullable();
      t.integer('held').notNullable().defaultTo(0);
      t.integer('booked').notNullable().defaultTo(0);
      t.integer('version').notNullable().defaultTo(0);
      t.text('seats').notNullable().defaultTo('[]');
      t.primary(['flight_id', 'code'], 'fare_classes_pkey');
      t.check('price_amount >= 0', {}, 'fare_classes_price_nonnegative');
      t.check('length(currency) = 3', {}, 'fare_classes_currency_iso');
      t.check('capacity >= 0', {}, 'fare_classes_capacity_nonnegative');
      t.check('held >= 0', {}, 'fare_classes_held_nonnegative');
      t.check('booked >= 0', {}, 'fare_classes_booked_nonnegative');
      t.check('held + booked <= capacity', {}, 'fare_classes_within_capacity');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('fare_classes');
  },
};
