import type { Migration } from '../../migrations.ts';

/** Data step of the capacity column: each room type's capacity from its rooms. */
export const migration: Migration = {
  name: '20261121100100_backfill_room_type_capacity',
  async up(knex) {
    await knex.raw(
      'update room_types set capacity = (select count(*) from rooms where rooms.room_type_id = room_types.id)',
    );
  },
  async down(knex) {
    await knex.raw('update room_types set capacity = 0');
  },
};
