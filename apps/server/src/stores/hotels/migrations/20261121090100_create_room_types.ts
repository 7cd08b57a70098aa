import type { Migration } from '../../migrations.ts';

export const migration: Migration = {
  name: '20261121090100_create_room_types',
  async up(knex) {
    await knex.schema.createTable('room_types', (t) => {
      t.text('id').notNullable().primary();
      t.text('hotel_id').notNullable().references('id').inTable('hotels');
      t.text('name').notNullable();
      t.integer('max_occupancy').notNullable();
      t.integer('nightly_rate_amount').notNullable();
      t.text('currency').notNullable();
      t.text('amenities').notNullable().defaultTo('[]');
      t.text('description').nullable();
      t.text('created_at').notNullable();
      // Lets a room name its hotel and room type together (rooms_room_type_of_same_hotel); it also
      // serves every lookup of a hotel's room types by hotel_id, so no separate index is needed.
      t.unique(['hotel_id', 'id'], { indexName: 'room_types_hotel_id_id_unique' });
      t.check('max_occupancy >= 1', {}, 'room_types_max_occupancy_positive');
      t.check('nightly_rate_amount >= 0', {}, 'room_types_nightly_rate_nonnegative');
      t.check('length(currency) = 3', {}, 'room_types_currency_iso');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'room_types_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('room_types');
  },
};
