import type { Migration } from '../../migrations.ts';

/** Stop-sell: a room type closed to sale on nights `from_night` ≤ night < `to_night`. */
export const migration: Migration = {
  name: '20261205300300_create_room_type_closures',
  async up(knex) {
    await knex.schema.createTable('room_type_closures', (t) => {
      t.text('id').notNullable().primary();
      t.text('hotel_id').notNullable();
      t.text('room_type_id').notNullable().references('id').inTable('room_types');
      t.text('from_night').notNullable();
      t.text('to_night').notNullable();
      t.text('reason');
      t.text('created_at').notNullable();
      t.index(['room_type_id', 'from_night'], 'room_type_closures_room_type_id_from_night_index');
      t.index(['hotel_id'], 'room_type_closures_hotel_id_index');
      t.check('to_night > from_night', {}, 'room_type_closures_range');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('room_type_closures');
  },
};
