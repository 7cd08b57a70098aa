import type { Migration } from '../../migrations.ts';

/**
 * Retired locations leave search and take no new hold; a retired car leaves its category's count (like
 * a removed one) but stays on file for the rentals it had (soft delete).
 */
export const migration: Migration = {
  name: '20261205300000_car_retirement',
  async up(knex) {
    await knex.schema.alterTable('car_locations', (t) => {
      t.text('retired_at');
    });
    await knex.schema.alterTable('cars', (t) => {
      t.text('retired_at');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('cars', (t) => {
      t.dropColumn('retired_at');
    });
    await knex.schema.alterTable('car_locations', (t) => {
      t.dropColumn('retired_at');
    });
  },
};
