import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * Where each outbox row stands on each channel (in-app, email): the worker claims the pending ones
 * whose `next_attempt_at` has come, sends, and marks them sent, or counts the attempt and waits longer
 * (exponential backoff). `skipped`: the channel does not apply (no mail server configured).
 */
export const migration: Migration = {
  name: '20261122100100_create_outbox_deliveries',
  async up(knex) {
    await knex.schema.createTable('outbox_deliveries', (t) => {
      t.string('outbox_id', 40).notNullable().references('id').inTable('outbox').onDelete('CASCADE');
      t.string('channel', 10).notNullable();
      t.string('status', 10).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.string('next_attempt_at', 32).notNullable();
      t.text('last_error').nullable();
      t.string('sent_at', 32).nullable();
      t.string('updated_at', 32).notNullable();
      t.primary(['outbox_id', 'channel'], 'outbox_deliveries_pkey');
      t.index(['status', 'next_attempt_at'], 'outbox_deliveries_due_index');
      t.check("channel in ('in_app', 'email')", {}, 'outbox_deliveries_channel_known');
      t.check("status in ('pending', 'sent', 'failed', 'skipped')", {}, 'outbox_deliveries_status_known');
      t.check('attempts >= 0', {}, 'outbox_deliveries_attempts_nonnegative');
      t.check(`next_attempt_at ${ISO}`, {}, 'outbox_deliveries_next_attempt_at_iso');
      t.check(`sent_at is null or sent_at ${ISO}`, {}, 'outbox_deliveries_sent_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'outbox_deliveries_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('outbox_deliveries');
  },
};
