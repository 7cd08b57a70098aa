import type { Migration } from '../../migrations.ts';

/**
 * Overbooking as a setting: per room type, how many rooms may be sold beyond its physical rooms on a
 * night (0, the default, sells no more than the rooms). The next migration carries it onto room_nights,
 * where the database enforces it.
 */
export const migration: Migration = {
  name: '20261205400000_room_type_overbooking_allowance',
  async up(knex) {
    // Raw, because knex rebuilds a SQLite table to add a CHECK; this statement is valid on both dialects.
    await knex.raw(
      'alter table room_types add column overbooking_allowance integer not null default 0 ' +
        'constraint room_types_overbooking_allowance_nonnegative check (overbooking_allowance >= 0)',
    );
  },
  async down(knex) {
    await knex.raw('alter table room_types drop column overbooking_allowance');
  },
};
