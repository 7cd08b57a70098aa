import type { Migration } from '../../migrations.ts';

/**
 * Data step of departure_date. Flights written before it kept only the UTC instant, so their date is the
 * UTC one: right for most of Europe's and Africa's mornings, a day off for some late or early flights.
 */
export const migration: Migration = {
  name: '20261121100100_backfill_flight_departure_date',
  async up(knex) {
    await knex.raw(
      'update flights set departure_date = substr(departure_at, 1, 10) where departure_date is null',
    );
  },
  async down(knex) {
    await knex.raw('update flights set departure_date = null');
  },
};
