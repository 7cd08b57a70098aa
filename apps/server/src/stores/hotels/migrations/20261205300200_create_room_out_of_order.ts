import type { Migration } from '../../migrations.ts';

/**
 * Rooms out of order (or out of service) over nights `from_night` ≤ night < `to_night`. Each period takes
 * its room out of its room type's sellable count: the room_nights rows of those nights carry
 * capacity = rooms − rooms out, so the invariant CHECK (held + booked <= capacity) keeps guarding them.
 * No foreign key to `rooms`: removing a room deletes its periods in the same transaction.
 */
export const migration: Migration = {
  name: '20261205300200_create_room_out_of_order',
  async up(knex) {
    await knex.schema.createTable('room_out_of_order', (t) => {
      t.text('id').notNullable().primary();
      t.text('hotel_id').notNullable();
      t.text('room_type_id').notNullable();
      t.text('room_id').notNullable();
      t.text('room_number').notNullable();
      t.text('from_night').notNullable();
      t.text('to_night').notNullable();
      t.text('kind').notNullable();
      t.text('reason');
      t.text('created_at').notNullable();
      t.index(['room_type_id', 'from_night'], 'room_out_of_order_room_type_id_from_night_index');
      t.index(['hotel_id', 'from_night'], 'room_out_of_order_hotel_id_from_night_index');
      t.index(['room_id'], 'room_out_of_order_room_id_index');
      t.check("from_night like '____-__-__'", {}, 'room_out_of_order_from_night_date');
      t.check('to_night > from_night', {}, 'room_out_of_order_range');
      t.check("kind in ('out_of_order', 'out_of_service')", {}, 'room_out_of_order_kind');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('room_out_of_order');
  },
};
