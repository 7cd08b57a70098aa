import type { Migration } from '../../migrations.ts';

/**
 * The trips list's order (newest first, ties by id) read straight from an index, for every trip and for one
 * seller's: a page is the first `limit` entries, with no sort of every match.
 */
export const migration: Migration = {
  name: '20261204200200_index_trips_list_order',
  async up(knex) {
    await knex.schema.alterTable('trips', (t) => {
      t.index(['created_at', 'id'], 'trips_created_at_id_index');
      t.index(['created_by', 'created_at', 'id'], 'trips_created_by_created_at_id_index');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('trips', (t) => {
      t.dropIndex(['created_at', 'id'], 'trips_created_at_id_index');
      t.dropIndex(['created_by', 'created_at', 'id'], 'trips_created_by_created_at_id_index');
    });
  },
};
