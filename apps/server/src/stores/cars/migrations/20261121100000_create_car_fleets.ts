import type { Migration } from '../../migrations.ts';

/**
 * One row per category offered at a location: `capacity` = its number of cars there, the daily rate =
 * the lowest among them (what a customer pays for the category). The booking engine creates a missing
 * car_days row with this capacity (locking this row FOR SHARE on PostgreSQL) and prices from it; the
 * catalog writes keep it equal to what `cars` says, the next migration fills it for existing cars.
 */
export const migration: Migration = {
  name: '20261121100000_create_car_fleets',
  async up(knex) {
    await knex.schema.createTable('car_fleets', (t) => {
      t.text('location_code').notNullable().references('code').inTable('car_locations');
      t.text('category').notNullable();
      t.integer('capacity').notNullable();
      t.integer('daily_rate_amount').notNullable();
      t.text('currency').notNullable();
      t.primary(['location_code', 'category'], 'car_fleets_pkey');
      t.check('capacity >= 0', {}, 'car_fleets_capacity_nonnegative');
      t.check('daily_rate_amount >= 0', {}, 'car_fleets_daily_rate_nonnegative');
      t.check('length(currency) = 3', {}, 'car_fleets_currency_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('car_fleets');
  },
};
