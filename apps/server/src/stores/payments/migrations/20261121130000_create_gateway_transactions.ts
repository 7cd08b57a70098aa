import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * The local gateway's authorizations, one row per authorize call (declines included, so that a
 * retry with the same key gets the same answer). Each step's idempotency key is unique, so two
 * racing retries of a step cannot both apply; the CHECKs keep money sane whatever the code does.
 */
export const migration: Migration = {
  name: '20261121130000_create_gateway_transactions',
  async up(knex) {
    await knex.schema.createTable('gateway_transactions', (t) => {
      t.string('id', 40).primary();
      t.string('idempotency_key', 255).notNullable().unique('gateway_transactions_idempotency_key_unique');
      t.string('trip_id', 100).notNullable();
      t.string('payment_method', 255).notNullable();
      t.text('description').notNullable();
      // bigint: a trip in rupiah or won passes 2^31 minor units quickly.
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.string('decline_code', 60).nullable();
      t.string('decline_message', 300).nullable();
      t.string('card_brand', 20).notNullable();
      t.string('card_last4', 4).notNullable();
      t.bigInteger('captured_amount').notNullable().defaultTo(0);
      t.bigInteger('refunded_amount').notNullable().defaultTo(0);
      t.string('capture_idempotency_key', 255)
        .nullable()
        .unique('gateway_transactions_capture_idempotency_key_unique');
      t.string('void_idempotency_key', 255)
        .nullable()
        .unique('gateway_transactions_void_idempotency_key_unique');
      t.string('created_at', 32).notNullable();
      t.string('captured_at', 32).nullable();
      t.string('voided_at', 32).nullable();
      t.index(['trip_id'], 'gateway_transactions_trip_id_index');
      t.check(
        "status in ('authorized', 'captured', 'voided', 'declined')",
        {},
        'gateway_transactions_status_known',
      );
      t.check('amount > 0', {}, 'gateway_transactions_amount_positive');
      t.check('length(currency) = 3', {}, 'gateway_transactions_currency_iso');
      t.check('length(card_last4) = 4', {}, 'gateway_transactions_card_last4');
      t.check("(status = 'declined') = (decline_code is not null)", {}, 'gateway_transactions_decline_code');
      t.check(
        "captured_amount = case when status = 'captured' then amount else 0 end",
        {},
        'gateway_transactions_captured_amount',
      );
      t.check('refunded_amount >= 0', {}, 'gateway_transactions_refunded_nonnegative');
      t.check('refunded_amount <= captured_amount', {}, 'gateway_transactions_refund_within_capture');
      t.check(`created_at ${ISO}`, {}, 'gateway_transactions_created_at_iso');
      t.check(`captured_at is null or captured_at ${ISO}`, {}, 'gateway_transactions_captured_at_iso');
      t.check(`voided_at is null or voided_at ${ISO}`, {}, 'gateway_transactions_voided_at_iso');
      t.check(
        "(status = 'captured') = (captured_at is not null)",
        {},
        'gateway_transactions_captured_at_when_captured',
      );
      t.check(
        "(status = 'voided') = (voided_at is not null)",
        {},
        'gateway_transactions_voided_at_when_voided',
      );
    });
  },
  async down(knex) {
    await knex.schema.dropTable('gateway_transactions');
  },
};
