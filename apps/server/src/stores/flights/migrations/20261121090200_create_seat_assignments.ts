import type { Migration } from '../../migrations.ts';

/**
 * A row exists only while its seat is held or booked: a seat without a row is free, and the primary
 * key on (flight_id, seat) is what stops two items from taking one seat (ARCHITECTURE.md: "enforced by
 * a unique constraint, not by a check in code").
 */
export const migration: Migration = {
  name: '20261121090200_create_seat_assignments',
  async up(knex) {
    await knex.schema.createTable('seat_assignments', (t) => {
      t.text('flight_id').notNullable();
      t.text('seat').notNullable();
      t.text('fare_class').notNullable();
      // The trip item that holds or booked the seat (the payments store's id; no foreign key across stores).
      t.text('item_id').notNullable();
      t.text('status').notNullable();
      t.text('expires_at').nullable();
      t.primary(['flight_id', 'seat'], 'seat_assignments_pkey');
      t.foreign(['flight_id', 'fare_class'], 'seat_assignments_fare_class_foreign')
        .references(['flight_id', 'code'])
        .inTable('fare_classes');
      t.index(['item_id'], 'seat_assignments_item_id_index');
      t.check("status in ('held', 'booked')", {}, 'seat_assignments_status_known');
      t.check("status = 'booked' or expires_at is not null", {}, 'seat_assignments_hold_expires');
      t.check(
        "expires_at is null or expires_at like '____-__-__T__:__:__.___Z'",
        {},
        'seat_assignments_expires_at_iso',
      );
    });
  },
  async down(knex) {
    await knex.schema.dropTable('seat_assignments');
  },
};
