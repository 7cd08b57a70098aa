import type { Migration } from '../../migrations.ts';

/**
 * A room type's capacity = its number of rooms, kept on the row so the booking engine can create a
 * missing room_nights row (and lock the room type FOR SHARE on PostgreSQL) without counting rooms.
 * The catalog writes keep it equal to the count of `rooms`; the next migration fills existing rows.
 */
export const migration: Migration = {
  name: '20261121100000_room_type_capacity',
  async up(knex) {
    // Raw, because knex rebuilds a SQLite table to add a CHECK; this statement is valid on both dialects.
    await knex.raw(
      'alter table room_types add column capacity integer not null default 0 ' +
        'constraint room_types_capacity_nonnegative check (capacity >= 0)',
    );
  },
  async down(knex) {
    await knex.raw('alter table room_types drop column capacity');
  },
};
