import type { Migration } from '../../migrations.ts';

/**
 * Counted inventory, one row per location, category and rental day (ARCHITECTURE.md, "Inventory as
 * counted rows"). Created lazily like room_nights: the booking engine inserts a missing row with
 * capacity = that category's number of cars at the location, then runs its conditional update. The
 * CHECKs are the invariant itself: whatever the code does, the database refuses to oversell.
 */
export const migration: Migration = {
  name: '20261121090200_create_car_days',
  async up(knex) {
    await knex.schema.createTable('car_days', (t) => {
      t.text('location_code').notNullable().references('code').inTable('car_locations');
      t.text('category').notNullable();
      t.text('day').notNullable();
      t.integer('capacity').notNullable();
      t.integer('held').notNullable().defaultTo(0);
      t.integer('booked').notNullable().defaultTo(0);
      t.integer('version').notNullable().defaultTo(0);
      t.primary(['location_code', 'category', 'day'], 'car_days_pkey');
      t.check("day like '____-__-__'", {}, 'car_days_day_date');
      t.check('capacity >= 0', {}, 'car_days_capacity_nonnegative');
      t.check('held >= 0', {}, 'car_days_held_nonnegative');
      t.check('booked >= 0', {}, 'car_days_booked_nonnegative');
      t.check('held + booked <= capacity', {}, 'car_days_within_capacity');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('car_days');
  },
};
