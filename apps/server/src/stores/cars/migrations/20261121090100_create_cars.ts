import type { Migration } from '../../migrations.ts';

/** The fleet; the capacity of a (location, category) on any day is its number of cars. */
export const migration: Migration = {
  name: '20261121090100_create_cars',
  async up(knex) {
    await knex.schema.createTable('cars', (t) => {
      t.text('id').notNullable().primary();
      t.text('location_code').notNullable().references('code').inTable('car_locations');
      t.text('plate').notNullable();
      // The desk's own word for a class of cars ('economy', 'suv') or an ACRISS code ('CDMR', as the demo
      // uses); the capacity of a (location, category) is counted over it, so it is free text, not a CHECK.
      t.text('category').notNullable();
      t.text('model').notNullable();
      t.integer('daily_rate_amount').notNullable();
      t.text('currency').notNullable();
      t.text('created_at').notNullable();
      // A plate names one car wherever it stands, so it is unique across locations.
      t.unique(['plate'], { indexName: 'cars_plate_unique' });
      t.index(['location_code', 'category'], 'cars_location_category_index');
      t.check('daily_rate_amount >= 0', {}, 'cars_daily_rate_nonnegative');
      t.check('length(currency) = 3', {}, 'cars_currency_iso');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'cars_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('cars');
  },
};
