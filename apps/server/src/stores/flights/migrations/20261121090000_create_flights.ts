import type { Migration } from '../../migrations.ts';

/** Column conventions (ids, ISO instants as text, money, JSON text): see the hotels store's first migration. */
export const migration: Migration = {
  name: '20261121090000_create_flights',
  async up(knex) {
    await knex.schema.createTable('flights', (t) => {
      t.text('id').notNullable().primary();
      t.text('flight_number').notNullable();
      // IATA airport codes.
      t.text('origin').notNullable();
      t.text('destination').notNullable();
      // UTC instants as `Date#toISOString` text, so text order is time order.
      t.text('departure_at').notNullable();
      t.text('arrival_at').notNullable();
      t.text('created_at').notNullable();
      t.index(['origin', 'destination', 'departure_at'], 'flights_route_departure_index');
      t.check('length(origin) = 3 and length(destination) = 3', {}, 'flights_airports_iata');
      t.check('origin <> destination', {}, 'flights_airports_distinct');
      t.check("departure_at like '____-__-__T__:__:__.___Z'", {}, 'flights_departure_at_iso');
      t.check("arrival_at like '____-__-__T__:__:__.___Z'", {}, 'flights_arrival_at_iso');
      t.check('arrival_at > departure_at', {}, 'flights_arrival_after_departure');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'flights_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('flights');
  },
};
