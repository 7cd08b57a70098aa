import type { Migration } from '../../migrations.ts';

/** The physical rooms; a room type's capacity on any night is its number of rooms. */
export const migration: Migration = {
  name: '20261121090200_create_rooms',
  async up(knex) {
    await knex.schema.createTable('rooms', (t) => {
      t.text('id').notNullable().primary();
      t.text('hotel_id').notNullable();
      t.text('room_type_id').notNullable();
      t.text('number').notNullable();
      t.unique(['hotel_id', 'number'], { indexName: 'rooms_hotel_id_number_unique' });
      t.index(['room_type_id'], 'rooms_room_type_id_index');
      // Composite, so a room can never sit in another hotel's room type.
      t.foreign(['hotel_id', 'room_type_id'], 'rooms_room_type_of_same_hotel')
        .references(['hotel_id', 'id'])
        .inTable('room_types');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('rooms');
  },
};
