import type { Migration } from '../../migrations.ts';

/**
 * Which guest sleeps in which room on which night: one row per room and night of a checked-in stay
 * (`item_id` is the trip item, payments store; no foreign key across stores). UNIQUE(room_id, night) is
 * the rule "one guest per room per night", enforced by the database, so two desks checking in at the
 * same moment can never be given the same room. No foreign key to `rooms` either: a room taken out of
 * the inventory later leaves its past nights here as history.
 */
export const migration: Migration = {
  name: '20261121150000_create_room_occupancy',
  async up(knex) {
    await knex.schema.createTable('room_occupancy', (t) => {
      t.text('room_id').notNullable();
      t.text('night').notNullable();
      t.text('item_id').notNullable();
      // Denormalised from rooms, so a night's occupancy reads without a join and survives the room.
      t.text('hotel_id').notNullable();
      t.text('room_type_id').notNullable();
      t.text('room_number').notNullable();
      t.text('created_at').notNullable();
      t.unique(['room_id', 'night'], { indexName: 'room_occupancy_room_id_night_unique' });
      t.index(['item_id'], 'room_occupancy_item_id_index');
      t.index(['room_type_id', 'night'], 'room_occupancy_room_type_id_night_index');
      t.check("night like '____-__-__'", {}, 'room_occupancy_night_date');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'room_occupancy_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('room_occupancy');
  },
};
