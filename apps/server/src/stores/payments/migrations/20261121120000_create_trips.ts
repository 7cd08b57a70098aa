import type { Migration } from '../../migrations.ts';

/**
 * Trips, the unit of sale and of payment (API.md, "Trips"). Column conventions as in the catalog stores
 * (see the hotels store's first migration): ids are text, instants `Date#toISOString` text, money an
 * integer of minor units next to its currency. `status` is the stored state; a read also treats a held
 * item past its expiry as expired before the sweeper has run. `version` grows with every change.
 */
export const migration: Migration = {
  name: '20261121120000_create_trips',
  async up(knex) {
    await knex.schema.createTable('trips', (t) => {
      t.text('id').notNullable().primary();
      t.text('status').notNullable();
      t.text('customer_name').notNullable();
      t.text('customer_email').notNullable();
      t.text('customer_phone').nullable();
      // Set by the items: a trip is sold in one currency; null while nothing counts in its total.
      t.text('currency').nullable();
      t.integer('total_amount').notNullable().defaultTo(0);
      // The earliest expiry among the held items: the payment deadline.
      t.text('hold_expires_at').nullable();
      // The user who opened the trip (users store; no foreign key across stores).
      t.text('created_by').notNullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      t.integer('version').notNullable().defaultTo(0);
      t.index(['status', 'created_at'], 'trips_status_created_at_index');
      t.index(['created_at'], 'trips_created_at_index');
      t.index(['created_by'], 'trips_created_by_index');
      t.check(
        "status in ('open', 'held', 'confirmed', 'completed', 'expired', 'cancelled')",
        {},
        'trips_status_known',
      );
      t.check('currency is null or length(currency) = 3', {}, 'trips_currency_iso');
      t.check('total_amount >= 0', {}, 'trips_total_nonnegative');
      t.check(
        "hold_expires_at is null or hold_expires_at like '____-__-__T__:__:__.___Z'",
        {},
        'trips_hold_expires_at_iso',
      );
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'trips_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'trips_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('trips');
  },
};
