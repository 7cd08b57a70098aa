import type { Knex } from 'knex';
import { dialectOf } from '../../knex.ts';
import type { Migration } from '../../migrations.ts';

/**
 * The invariant of a room night becomes held + booked <= capacity + allowance: `allowance` is the room
 * type's overbooking allowance, copied onto the night like its capacity (nights before the hotel's today
 * keep what they were sold against). Still a CHECK, so the database refuses to sell beyond it whatever
 * the code does. PostgreSQL swaps the constraint in place; SQLite cannot alter a CHECK, so the table is
 * rebuilt (nothing references room_nights).
 */
const CHECKS = [
  "constraint room_nights_night_date check (night like '____-__-__')",
  'constraint room_nights_capacity_nonnegative check (capacity >= 0)',
  'constraint room_nights_held_nonnegative check (held >= 0)',
  'constraint room_nights_booked_nonnegative check (booked >= 0)',
];

async function rebuildSqlite(knex: Knex, withAllowance: boolean): Promise<void> {
  const columns = 'room_type_id, night, capacity, held, booked, version';
  await knex.raw(
    'create table room_nights_rebuilt (' +
      [
        'room_type_id text not null',
        'night text not null',
        'capacity integer not null',
        "held integer not null default '0'",
        "booked integer not null default '0'",
        "version integer not null default '0'",
        ...(withAllowance ? ["allowance integer not null default '0'"] : []),
        'foreign key (room_type_id) references room_types (id)',
        'constraint room_nights_pkey primary key (room_type_id, night)',
        ...CHECKS,
        ...(withAllowance
          ? [
              'constraint room_nights_allowance_nonnegative check (allowance >= 0)',
              'constraint room_nights_within_capacity check (held + booked <= capacity + allowance)',
            ]
          : ['constraint room_nights_within_capacity check (held + booked <= capacity)']),
      ].join(', ') +
      ')',
  );
  await knex.raw(`insert into room_nights_rebuilt (${columns}) select ${columns} from room_nights`);
  await knex.raw('drop table room_nights');
  await knex.raw('alter table room_nights_rebuilt rename to room_nights');
}

export const migration: Migration = {
  name: '20261205400100_room_nights_allowance',
  async up(knex) {
    if (dialectOf(knex) === 'pg') {
      await knex.raw(
        'alter table room_nights add column allowance integer not null default 0 ' +
          'constraint room_nights_allowance_nonnegative check (allowance >= 0)',
      );
      await knex.raw('alter table room_nights drop constraint room_nights_within_capacity');
      await knex.raw(
        'alter table room_nights add constraint room_nights_within_capacity ' +
          'check (held + booked <= capacity + allowance)',
      );
      return;
    }
    await rebuildSqlite(knex, true);
  },
  async down(knex) {
    if (dialectOf(knex) === 'pg') {
      await knex.raw('alter table room_nights drop constraint room_nights_within_capacity');
      await knex.raw('alter table room_nights drop column allowance');
      await knex.raw(
        'alter table room_nights add constraint room_nights_within_capacity check (held + booked <= capacity)',
      );
      return;
    }
    await rebuildSqlite(knex, false);
  },
};
