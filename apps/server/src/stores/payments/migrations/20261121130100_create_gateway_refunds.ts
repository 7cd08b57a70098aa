import type { Migration } from '../../migrations.ts';

/**
 * Refunds of the local gateway, each linked to the captured authorization it gives money back
 * from. The transaction's `refunded_amount` is the running total the CHECK there bounds.
 */
export const migration: Migration = {
  name: '20261121130100_create_gateway_refunds',
  async up(knex) {
    await knex.schema.createTable('gateway_refunds', (t) => {
      t.string('id', 40).primary();
      t.string('transaction_id', 40).notNullable().references('id').inTable('gateway_transactions');
      t.string('idempotency_key', 255).notNullable().unique('gateway_refunds_idempotency_key_unique');
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.string('created_at', 32).notNullable();
      t.index(['transaction_id'], 'gateway_refunds_transaction_id_index');
      t.check('amount > 0', {}, 'gateway_refunds_amount_positive');
      t.check('length(currency) = 3', {}, 'gateway_refunds_currency_iso');
      t.check("status in ('pending', 'succeeded', 'failed')", {}, 'gateway_refunds_status_known');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'gateway_refunds_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('gateway_refunds');
  },
};
