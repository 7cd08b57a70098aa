import type { Knex } from 'knex';
import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * In-app notifications, one list per user. `outbox_id` (the payments store's outbox row it came from;
 * no foreign key across stores) is unique, so a delivery retried after a crash never shows twice.
 */
export const createNotifications: Migration = {
  name: '20261122100000_create_notifications',
  async up(knex: Knex) {
    await knex.schema.createTable('notifications', (t) => {
      t.string('id', 40).primary();
      t.string('user_id', 40).notNullable().references('id').inTable('users').onDelete('CASCADE');
      t.string('outbox_id', 40).notNullable().unique('notifications_outbox_id_unique');
      t.string('kind', 40).notNullable();
      t.text('trip_id').notNullable();
      t.text('title').notNullable();
      t.text('body').notNullable();
      t.string('created_at', 32).notNullable();
      t.string('read_at', 32).nullable();
      t.index(['user_id', 'created_at'], 'notifications_user_created_at_index');
      t.check(`created_at ${ISO}`, {}, 'notifications_created_at_iso');
      t.check(`read_at is null or read_at ${ISO}`, {}, 'notifications_read_at_iso');
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('notifications');
  },
};
