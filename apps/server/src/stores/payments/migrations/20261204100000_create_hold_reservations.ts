import type { Migration } from '../../migrations.ts';

/**
 * The per-user hold cap, counted in units and enforced atomically (TripsRepository.reserveHoldUnits):
 * `hold_quota_users` is one row per user, locked while the user's units are counted, so two instances
 * cannot both let the same user past the cap; `hold_reservations` are the units of holds being placed,
 * counted until their item is recorded (or, after a crash, until `expires_at`).
 */
export const migration: Migration = {
  name: '20261204100000_create_hold_reservations',
  async up(knex) {
    await knex.schema.createTable('hold_quota_users', (t) => {
      t.string('user_id', 64).primary();
    });
    await knex.schema.createTable('hold_reservations', (t) => {
      t.string('item_id', 64).primary();
      t.string('user_id', 64).notNullable();
      t.integer('units').notNullable();
      t.string('created_at', 40).notNullable();
      t.string('expires_at', 40).notNullable();
      t.index(['user_id', 'expires_at'], 'hold_reservations_user_expires_index');
      t.check('units > 0', {}, 'hold_reservations_units_positive');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('hold_reservations');
    await knex.schema.dropTable('hold_quota_users');
  },
};
