import type { Migration } from '../../migrations.ts';

/**
 * The schedule a flight was made from; null for a flight created by itself. No foreign key: SQLite cannot
 * drop a column that one names, and the schedules repository writes both in one transaction.
 */
export const migration: Migration = {
  name: '20261205400300_flights_schedule_id',
  async up(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects add a nullable column in place.
    await knex.raw('alter table flights add column schedule_id text');
    await knex.raw('create index flights_schedule_id_index on flights (schedule_id, departure_at)');
  },
  async down(knex) {
    await knex.raw('drop index flights_schedule_id_index');
    await knex.raw('alter table flights drop column schedule_id');
  },
};
