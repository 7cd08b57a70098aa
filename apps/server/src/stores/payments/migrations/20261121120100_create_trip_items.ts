import type { Migration } from '../../migrations.ts';

/**
 * A trip's items: a stay, seats on a flight or a car. The item id is also the id of its hold in the
 * inventory store. `details` is the JSON of the type's fields as sold (names, dates, passengers, seats),
 * `extras` the priced extras, `cancellation_policy` the terms at sale: snapshots, so a later change of
 * the catalog never changes what was sold.
 */
export const migration: Migration = {
  name: '20261121120100_create_trip_items',
  async up(knex) {
    await knex.schema.createTable('trip_items', (t) => {
      t.text('id').notNullable().primary();
      t.text('trip_id').notNullable().references('id').inTable('trips');
      // Order of the items in their trip, 1, 2, ...: items added in the same instant keep their order.
      t.integer('position').notNullable();
      t.text('type').notNullable();
      t.text('status').notNullable();
      t.integer('price_amount').notNullable();
      t.text('currency').notNullable();
      t.text('hold_expires_at').nullable();
      // The hotel of a stay, for the front desk's scope and its stays; null for flights and cars.
      t.text('hotel_id').nullable();
      // The user who placed the hold: the per-user cap on active holds counts by it.
      t.text('created_by').notNullable();
      t.text('details').notNullable();
      t.text('extras').notNullable().defaultTo('[]');
      t.text('special_requests').nullable();
      t.text('cancellation_policy').nullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      // Also serves every lookup of a trip's items.
      t.unique(['trip_id', 'position'], { indexName: 'trip_items_trip_id_position_unique' });
      t.index(['status', 'hold_expires_at'], 'trip_items_status_hold_expires_at_index');
      t.index(['hotel_id'], 'trip_items_hotel_id_index');
      t.index(['created_by', 'status'], 'trip_items_created_by_status_index');
      t.check("type in ('hotel', 'flight', 'car')", {}, 'trip_items_type_known');
      t.check(
        "status in ('held', 'confirmed', 'checked_in', 'checked_out', 'released', 'expired', 'cancelled')",
        {},
        'trip_items_status_known',
      );
      t.check(
        "type = 'hotel' or status not in ('checked_in', 'checked_out')",
        {},
        'trip_items_stays_check_in',
      );
      t.check("status <> 'held' or hold_expires_at is not null", {}, 'trip_items_hold_expires');
      t.check("(type = 'hotel') = (hotel_id is not null)", {}, 'trip_items_hotel_of_stays');
      t.check('price_amount >= 0', {}, 'trip_items_price_nonnegative');
      t.check('length(currency) = 3', {}, 'trip_items_currency_iso');
      t.check(
        "hold_expires_at is null or hold_expires_at like '____-__-__T__:__:__.___Z'",
        {},
        'trip_items_hold_expires_at_iso',
      );
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'trip_items_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'trip_items_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('trip_items');
  },
};
