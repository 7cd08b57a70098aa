import type { Migration } from '../../migrations.ts';

/** Flight search: one route on one local departure date (availability/flights). */
export const migration: Migration = {
  name: '20261121100200_index_flights_route_date',
  async up(knex) {
    await knex.schema.alterTable('flights', (t) => {
      t.index(['origin', 'destination', 'departure_date'], 'flights_route_date_index');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('flights', (t) => {
      t.dropIndex(['origin', 'destination', 'departure_date'], 'flights_route_date_index');
    });
  },
};
