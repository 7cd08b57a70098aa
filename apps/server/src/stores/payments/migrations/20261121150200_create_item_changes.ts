import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * Changes of sold items (new stay dates, other seats, another car category), one row per change, written
 * before anything moves so that a crash never loses the original booking:
 * `started` → `held` (the new hold is placed) → `charged` (a higher price's difference is captured) →
 * `confirmed` (the new hold is booked) → `swapped` (the item points at the new hold, new details and
 * price: the commit point) → `completed` (the old booking gave its units back; a lower price's
 * difference is refunded). Before `swapped`, a failure compensates (`compensating` → `compensated`: the
 * new hold goes back, the charge is voided or refunded); from `swapped` on, recovery finishes the change.
 *
 * A change that costs more takes the difference as its own charge at the gateway (`charge_*`): the trip's
 * payment is captured and cannot grow. `charge_refunded_amount` is what later refunds (a cancellation,
 * a cheaper change) gave back of that charge, through supplement_refunds.
 */
export const migration: Migration = {
  name: '20261121150200_create_item_changes',
  async up(knex) {
    await knex.schema.createTable('item_changes', (t) => {
      t.string('id', 40).primary();
      t.string('trip_id', 100).notNullable();
      t.string('item_id', 100).notNullable();
      t.string('item_type', 10).notNullable();
      t.string('old_hold_id', 100).notNullable();
      t.string('new_hold_id', 100).notNullable().unique('item_changes_new_hold_id_unique');
      // The item as it was and as it becomes (JSON): details, price, extras, cancellation policy.
      t.text('old_item').notNullable();
      t.text('new_item').notNullable();
      t.bigInteger('old_price').notNullable();
      t.bigInteger('new_price').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.string('payment_method', 255).nullable();
      t.string('charge_transaction_id', 255).nullable().unique('item_changes_charge_transaction_id_unique');
      t.string('charge_status', 20).nullable();
      t.bigInteger('charged_amount').notNullable().defaultTo(0);
      t.bigInteger('charge_refunded_amount').notNullable().defaultTo(0);
      t.string('method_brand', 20).nullable();
      t.string('method_last4', 4).nullable();
      t.string('refund_status', 20).notNullable().defaultTo('none');
      // The change request's Idempotency-Key: the charge's gateway key derives from it.
      t.string('idempotency_key', 255).nullable();
      t.string('actor', 100).notNullable();
      t.text('error').nullable();
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.index(['trip_id'], 'item_changes_trip_id_index');
      t.index(['item_id'], 'item_changes_item_id_index');
      t.index(['status', 'updated_at'], 'item_changes_status_updated_at_index');
      t.check("item_type in ('hotel', 'flight', 'car')", {}, 'item_changes_item_type_known');
      t.check(
        "status in ('started', 'held', 'charged', 'confirmed', 'swapped', 'completed', 'failed', " +
          "'compensating', 'compensated')",
        {},
        'item_changes_status_known',
      );
      t.check(
        "charge_status is null or charge_status in ('authorizing', 'authorized', 'captured', 'voided', 'declined')",
        {},
        'item_changes_charge_status_known',
      );
      t.check(
        "refund_status in ('none', 'pending', 'succeeded', 'failed')",
        {},
        'item_changes_refund_status_known',
      );
      t.check('old_price >= 0 and new_price >= 0', {}, 'item_changes_prices_nonnegative');
      t.check(
        "charged_amount = case when charge_status = 'captured' then new_price - old_price else 0 end",
        {},
        'item_changes_charged_amount',
      );
      t.check(
        'charge_refunded_amount >= 0 and charge_refunded_amount <= charged_amount',
        {},
        'item_changes_charge_refund_within_charge',
      );
      t.check('length(currency) = 3', {}, 'item_changes_currency_iso');
      t.check(`created_at ${ISO}`, {}, 'item_changes_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'item_changes_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('item_changes');
  },
};
