import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * Money given back, each refund linked to its payment (and to the item it is for, when one). A refund
 * is written `pending` before the gateway is asked and settled after, so a crash in between leaves a
 * row to retry with the same key, and a Stripe `charge.refunded` arriving in between is not recorded
 * twice. The payment's `refunded_amount` is the sum of its succeeded refunds.
 */
export const migration: Migration = {
  name: '20261121140200_create_refunds',
  async up(knex) {
    await knex.schema.createTable('refunds', (t) => {
      t.string('id', 40).primary();
      t.string('payment_id', 40).notNullable().references('id').inTable('payments');
      t.string('trip_id', 100).notNullable();
      t.string('item_id', 100).nullable();
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.text('reason').nullable();
      t.string('gateway_refund_id', 255).nullable().unique('refunds_gateway_refund_id_unique');
      // The gateway call's key: a retry of one refund is the same refund.
      t.string('idempotency_key', 255).nullable().unique('refunds_idempotency_key_unique');
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.index(['payment_id'], 'refunds_payment_id_index');
      t.index(['trip_id'], 'refunds_trip_id_index');
      t.check('amount > 0', {}, 'refunds_amount_positive');
      t.check('length(currency) = 3', {}, 'refunds_currency_iso');
      t.check("status in ('pending', 'succeeded', 'failed')", {}, 'refunds_status_known');
      t.check(`created_at ${ISO}`, {}, 'refunds_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'refunds_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('refunds');
  },
};
