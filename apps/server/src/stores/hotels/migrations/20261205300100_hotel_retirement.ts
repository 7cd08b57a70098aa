import type { Migration } from '../../migrations.ts';

/**
 * Retiring is a soft delete: a hotel or room type with `retired_at` set leaves search and takes no new
 * hold, while the holds and sales it has, and the trips that show it, stay as they are.
 */
export const migration: Migration = {
  name: '20261205300100_hotel_retirement',
  async up(knex) {
    await knex.schema.alterTable('hotels', (t) => {
      t.text('retired_at');
    });
    await knex.schema.alterTable('room_types', (t) => {
      t.text('retired_at');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('room_types', (t) => {
      t.dropColumn('retired_at');
    });
    await knex.schema.alterTable('hotels', (t) => {
      t.dropColumn('retired_at');
    });
  },
};
