import type { Migration } from '../../migrations.ts';

/**
 * One row per hold of seats of one fare class (ARCHITECTURE.md, "Inventory as counted rows"): `id` is
 * the trip item's id (payments store; no foreign key across stores). While `held`, its passengers are
 * counted in fare_classes.held and its seats are seat_assignments rows `held`; once `booked`, in
 * fare_classes.booked and `booked` rows. The other statuses are final: no count, no seat rows.
 */
export const migration: Migration = {
  name: '20261121120000_create_flight_holds',
  async up(knex) {
    await knex.schema.createTable('flight_holds', (t) => {
      t.text('id').notNullable().primary();
      t.text('flight_id').notNullable();
      t.text('fare_class').notNullable();
      t.integer('passengers').notNullable();
      // JSON list of the seats, one per passenger, in passenger order.
      t.text('seats').notNullable().defaultTo('[]');
      t.text('status').notNullable();
      t.text('expires_at').notNullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      t.foreign(['flight_id', 'fare_class'], 'flight_holds_fare_class_foreign')
        .references(['flight_id', 'code'])
        .inTable('fare_classes');
      // The sweeper's query: held holds by expiry.
      t.index(['status', 'expires_at'], 'flight_holds_status_expires_at_index');
      // A placement's lazy release of expired holds of the same fare class.
      t.index(['flight_id', 'fare_class', 'status', 'expires_at'], 'flight_holds_fare_class_status_index');
      t.check(
        "status in ('held', 'booked', 'released', 'expired', 'cancelled')",
        {},
        'flight_holds_status_known',
      );
      // At most 9 passengers per item (API.md): one account cannot lock up a flight with one request.
      t.check('passengers between 1 and 9', {}, 'flight_holds_passengers_range');
      t.check("expires_at like '____-__-__T__:__:__.___Z'", {}, 'flight_holds_expires_at_iso');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'flight_holds_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'flight_holds_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('flight_holds');
  },
};
