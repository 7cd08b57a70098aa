import type { Migration } from '../../migrations.ts';

/**
 * The departure's calendar date at the origin airport: what a flight search matches (`date` is local to
 * the departure airport). Kept beside the UTC instant because the flights store knows no airport time
 * zones: the date is fixed when the flight is written, from the offset the schedule was given in. Nullable
 * only because SQLite cannot add a NOT NULL column without a default; every write sets it.
 */
export const migration: Migration = {
  name: '20261121100000_flight_departure_date',
  async up(knex) {
    // Raw, because knex rebuilds a SQLite table to add a CHECK; this statement is valid on both dialects.
    await knex.raw(
      'alter table flights add column departure_date text ' +
        "constraint flights_departure_date_date check (departure_date is null or departure_date like '____-__-__')",
    );
  },
  async down(knex) {
    await knex.raw('alter table flights drop column departure_date');
  },
};
