import type { Migration } from '../../migrations.ts';

/**
 * Counted inventory, one row per room type and night (ARCHITECTURE.md, "Inventory as counted rows").
 * Rows are created lazily by the booking engine (`insert ... on conflict do nothing` with capacity = the
 * room type's number of rooms, then a conditional update), so a night without a row has every room
 * free. The CHECKs are the invariant itself: whatever the code does, the database refuses to oversell.
 */
export const migration: Migration = {
  name: '20261121090300_create_room_nights',
  async up(knex) {
    await knex.schema.createTable('room_nights', (t) => {
      t.text('room_type_id').notNullable().references('id').inTable('room_types');
      t.text('night').notNullable();
      t.integer('capacity').notNullable();
      t.integer('held').notNullable().defaultTo(0);
      t.integer('booked').notNullable().defaultTo(0);
      t.integer('version').notNullable().defaultTo(0);
      t.primary(['room_type_id', 'night'], 'room_nights_pkey');
      t.check("night like '____-__-__'", {}, 'room_nights_night_date');
      t.check('capacity >= 0', {}, 'room_nights_capacity_nonnegative');
      t.check('held >= 0', {}, 'room_nights_held_nonnegative');
      t.check('booked >= 0', {}, 'room_nights_booked_nonnegative');
      t.check('held + booked <= capacity', {}, 'room_nights_within_capacity');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('room_nights');
  },
};
