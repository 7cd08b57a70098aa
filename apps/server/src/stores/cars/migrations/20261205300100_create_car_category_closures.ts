import type { Migration } from '../../migrations.ts';

/** Stop-sell: a car category at a location closed to sale on days `from_day` ≤ day < `to_day`. */
export const migration: Migration = {
  name: '20261205300100_create_car_category_closures',
  async up(knex) {
    await knex.schema.createTable('car_category_closures', (t) => {
      t.text('id').notNullable().primary();
      t.text('location_code').notNullable().references('code').inTable('car_locations');
      t.text('category').notNullable();
      t.text('from_day').notNullable();
      t.text('to_day').notNullable();
      t.text('reason');
      t.text('created_at').notNullable();
      t.index(['location_code', 'category', 'from_day'], 'car_category_closures_category_index');
      t.check('to_day > from_day', {}, 'car_category_closures_range');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('car_category_closures');
  },
};
