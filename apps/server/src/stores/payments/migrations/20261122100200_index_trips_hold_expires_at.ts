import type { Migration } from '../../migrations.ts';

/**
 * The notification worker looks, every few seconds, for held trips whose payment deadline is a few
 * minutes away: an index on (status, hold_expires_at) keeps that a range read however many trips.
 */
export const migration: Migration = {
  name: '20261122100200_index_trips_hold_expires_at',
  async up(knex) {
    await knex.schema.alterTable('trips', (t) => {
      t.index(['status', 'hold_expires_at'], 'trips_status_hold_expires_at_index');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('trips', (t) => {
      t.dropIndex(['status', 'hold_expires_at'], 'trips_status_hold_expires_at_index');
    });
  },
};
