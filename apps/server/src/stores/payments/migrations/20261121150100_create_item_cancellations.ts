import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * One row per cancelled item: the refund its cancellation policy gave at that instant (a snapshot, so a
 * retry after a crash refunds what was promised, not what the policy would give later) and how far the
 * cancellation got. Written in the same transaction that marks the item cancelled; then the units go
 * back (`inventory_returned`), then the refund is asked of the gateway (`completed`). A row left before
 * `completed` is finished by the after-sale recovery job; `refund_status` `pending` is a refund the
 * gateway has not confirmed yet, retried with the same idempotency key.
 */
export const migration: Migration = {
  name: '20261121150100_create_item_cancellations',
  async up(knex) {
    await knex.schema.createTable('item_cancellations', (t) => {
      t.string('id', 40).primary();
      t.string('trip_id', 100).notNullable();
      t.string('item_id', 100).notNullable().unique('item_cancellations_item_id_unique');
      t.string('item_type', 10).notNullable();
      // The inventory hold the item gave back (hold_id of trip_items, or the item id).
      t.string('hold_id', 100).notNullable();
      // held: the hold is released; booked: the booking is cancelled.
      t.string('hold_status', 10).notNullable();
      t.string('actor', 100).notNullable();
      t.text('reason').nullable();
      t.bigInteger('refund_amount').notNullable();
      t.bigInteger('fee_amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('status', 20).notNullable();
      t.string('refund_status', 20).notNullable();
      t.integer('refund_attempts').notNullable().defaultTo(0);
      t.text('last_error').nullable();
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.index(['trip_id'], 'item_cancellations_trip_id_index');
      t.index(['status', 'updated_at'], 'item_cancellations_status_updated_at_index');
      t.index(['refund_status', 'updated_at'], 'item_cancellations_refund_status_updated_at_index');
      t.check("item_type in ('hotel', 'flight', 'car')", {}, 'item_cancellations_item_type_known');
      t.check("hold_status in ('held', 'booked')", {}, 'item_cancellations_hold_status_known');
      t.check(
        "status in ('started', 'inventory_returned', 'completed')",
        {},
        'item_cancellations_status_known',
      );
      t.check(
        "refund_status in ('none', 'pending', 'succeeded', 'failed')",
        {},
        'item_cancellations_refund_status_known',
      );
      t.check('refund_amount >= 0 and fee_amount >= 0', {}, 'item_cancellations_amounts_nonnegative');
      t.check("(refund_amount = 0) = (refund_status = 'none')", {}, 'item_cancellations_refund_when_amount');
      t.check('length(currency) = 3', {}, 'item_cancellations_currency_iso');
      t.check(`created_at ${ISO}`, {}, 'item_cancellations_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'item_cancellations_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('item_cancellations');
  },
};
