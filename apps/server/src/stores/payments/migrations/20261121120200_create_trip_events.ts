import type { Migration } from '../../migrations.ts';

/** A trip's history (API.md: `trip.events`), one row per change, written in the change's transaction. */
export const migration: Migration = {
  name: '20261121120200_create_trip_events',
  async up(knex) {
    await knex.schema.createTable('trip_events', (t) => {
      t.increments('id').primary();
      t.text('trip_id').notNullable().references('id').inTable('trips');
      t.text('item_id').nullable();
      t.text('at').notNullable();
      // trip.created, item.held, item.released, item.expired, trip.held, trip.open, trip.expired, ...
      t.text('type').notNullable();
      // A user id, or `system:sweeper`.
      t.text('actor').notNullable();
      t.text('from_status').nullable();
      t.text('to_status').nullable();
      t.text('detail').nullable();
      t.index(['trip_id', 'at'], 'trip_events_trip_id_at_index');
      t.check("at like '____-__-__T__:__:__.___Z'", {}, 'trip_events_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('trip_events');
  },
};
