import type { Migration } from '../../migrations.ts';

/** Retired flights and fare classes leave search and take no new hold; their sales stay (soft delete). */
export const migration: Migration = {
  name: '20261205300000_flight_retirement',
  async up(knex) {
    await knex.schema.alterTable('flights', (t) => {
      t.text('retired_at');
    });
    await knex.schema.alterTable('fare_classes', (t) => {
      t.text('retired_at');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('fare_classes', (t) => {
      t.dropColumn('retired_at');
    });
    await knex.schema.alterTable('flights', (t) => {
      t.dropColumn('retired_at');
    });
  },
};
