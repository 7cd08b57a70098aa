import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * Stripe events by id, so a redelivered webhook changes nothing. A row is claimed before the
 * event is handed on and marked processed after; a claim whose handler crashed is taken over once
 * it is old (stripe-webhook.ts), so a crash never loses an event for good.
 */
export const migration: Migration = {
  name: '20261121130200_create_stripe_webhook_events',
  async up(knex) {
    await knex.schema.createTable('stripe_webhook_events', (t) => {
      t.string('event_id', 255).primary();
      t.string('type', 100).notNullable();
      t.string('received_at', 32).notNullable();
      t.string('claimed_at', 32).notNullable();
      t.string('processed_at', 32).nullable();
      t.check(`received_at ${ISO}`, {}, 'stripe_webhook_events_received_at_iso');
      t.check(`claimed_at ${ISO}`, {}, 'stripe_webhook_events_claimed_at_iso');
      t.check(`processed_at is null or processed_at ${ISO}`, {}, 'stripe_webhook_events_processed_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('stripe_webhook_events');
  },
};
