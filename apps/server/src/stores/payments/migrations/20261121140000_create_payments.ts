import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/** Statuses in which a payment still stands for its trip: at most one such payment per trip. */
const LIVE_PAYMENT_STATUSES = ['authorizing', 'authorized', 'captured', 'partially_refunded', 'refunded'];

/**
 * A trip's payments (the seeds' payment record): one row per pay attempt, from `authorizing` to
 * `captured` (or `failed` / `voided`), then `partially_refunded` / `refunded`. Card data is the brand
 * and last four only. `invoice_number` is given in the transaction that marks the payment captured, so
 * numbers have no gaps; `refunded_amount` is the running total of the succeeded refunds. The partial
 * unique index keeps one live payment per trip whatever the code does: two concurrent pays of one trip
 * cannot both get past their first write.
 */
export const migration: Migration = {
  name: '20261121140000_create_payments',
  async up(knex) {
    await knex.schema.createTable('payments', (t) => {
      t.string('id', 40).primary();
      t.string('trip_id', 100).notNullable();
      t.string('attempt_id', 40).notNullable().unique('payments_attempt_id_unique');
      // The gateway's authorization id (local txn_..., Stripe pi_...): the payment's transaction id.
      t.string('transaction_id', 255).nullable().unique('payments_transaction_id_unique');
      t.string('invoice_number', 20).nullable().unique('payments_invoice_number_unique');
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.string('gateway', 10).notNullable();
      t.string('payer_name', 200).notNullable();
      // The payment method id as sent (pm_...): a replayed authorize must send the same request.
      t.string('payment_method', 255).notNullable();
      t.string('method_brand', 20).nullable();
      t.string('method_last4', 4).nullable();
      t.text('description').notNullable();
      t.string('decline_code', 60).nullable();
      // The pay request's Idempotency-Key: a retry of the same request resumes the same attempt.
      t.string('idempotency_key', 255).notNullable();
      t.bigInteger('refunded_amount').notNullable().defaultTo(0);
      t.string('paid_at', 32).nullable();
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.unique(['trip_id', 'idempotency_key'], { indexName: 'payments_trip_id_idempotency_key_unique' });
      t.index(['status', 'paid_at'], 'payments_status_paid_at_index');
      t.check(
        "status in ('authorizing', 'authorized', 'captured', 'voided', 'failed', 'partially_refunded', 'refunded')",
        {},
        'payments_status_known',
      );
      t.check("gateway in ('local', 'stripe')", {}, 'payments_gateway_known');
      t.check('amount > 0', {}, 'payments_amount_positive');
      t.check('length(currency) = 3', {}, 'payments_currency_iso');
      t.check('method_last4 is null or length(method_last4) = 4', {}, 'payments_method_last4');
      t.check(
        "status in ('authorizing', 'failed', 'voided') or transaction_id is not null",
        {},
        'payments_authorized_has_transaction',
      );
      t.check(
        "(status in ('captured', 'partially_refunded', 'refunded')) = (invoice_number is not null)",
        {},
        'payments_invoice_when_captured',
      );
      t.check(
        "(status in ('captured', 'partially_refunded', 'refunded')) = (paid_at is not null)",
        {},
        'payments_paid_at_when_captured',
      );
      t.check("status = 'failed' or decline_code is null", {}, 'payments_decline_only_when_failed');
      t.check(
        "case status when 'refunded' then refunded_amount = amount " +
          "when 'partially_refunded' then refunded_amount > 0 and refunded_amount < amount " +
          'else refunded_amount = 0 end',
        {},
        'payments_refunded_amount_matches_status',
      );
      t.check(`paid_at is null or paid_at ${ISO}`, {}, 'payments_paid_at_iso');
      t.check(`created_at ${ISO}`, {}, 'payments_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'payments_updated_at_iso');
    });
    // A partial unique index: knex's schema builder has no portable form, the SQL is the same on both.
    await knex.raw(
      `create unique index payments_one_live_per_trip on payments (trip_id) where status in (${LIVE_PAYMENT_STATUSES.map(
        (s) => `'${s}'`,
      ).join(', ')})`,
    );
  },
  async down(knex) {
    await knex.schema.dropTable('payments');
  },
};
