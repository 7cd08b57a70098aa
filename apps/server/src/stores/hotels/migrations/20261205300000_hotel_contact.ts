import type { Migration } from '../../migrations.ts';

/** A hotel's phone and email, for the desk and the agents (issue 14: edit hotels' contact). */
export const migration: Migration = {
  name: '20261205300000_hotel_contact',
  async up(knex) {
    await knex.schema.alterTable('hotels', (t) => {
      t.text('phone');
      t.text('email');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('hotels', (t) => {
      t.dropColumn('phone');
      t.dropColumn('email');
    });
  },
};
