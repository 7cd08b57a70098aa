import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * Money given back from a change's own charge (item_changes.charge_*), as `refunds` does for the trip's
 * payment: written `pending` before the gateway is asked, settled after, retried with the same key.
 * A succeeded one adds to item_changes.charge_refunded_amount.
 */
export const migration: Migration = {
  name: '20261121150300_create_supplement_refunds',
  async up(knex) {
    await knex.schema.createTable('supplement_refunds', (t) => {
      t.string('id', 40).primary();
      t.string('change_id', 40).notNullable().references('id').inTable('item_changes');
      t.string('trip_id', 100).notNullable();
      t.string('item_id', 100).notNullable();
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.text('reason').nullable();
      t.string('gateway_refund_id', 255).nullable().unique('supplement_refunds_gateway_refund_id_unique');
      t.string('idempotency_key', 255).notNullable().unique('supplement_refunds_idempotency_key_unique');
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.index(['change_id'], 'supplement_refunds_change_id_index');
      t.index(['trip_id'], 'supplement_refunds_trip_id_index');
      t.check('amount > 0', {}, 'supplement_refunds_amount_positive');
      t.check('length(currency) = 3', {}, 'supplement_refunds_currency_iso');
      t.check("status in ('pending', 'succeeded', 'failed')", {}, 'supplement_refunds_status_known');
      t.check(`created_at ${ISO}`, {}, 'supplement_refunds_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'supplement_refunds_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('supplement_refunds');
  },
};
