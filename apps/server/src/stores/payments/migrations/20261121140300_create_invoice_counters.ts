import type { Migration } from '../../migrations.ts';

/**
 * The last invoice number given in each calendar year (UTC). Moved only inside the transaction that
 * marks a payment captured: a rollback gives the number back, so invoice numbers have no gaps.
 */
export const migration: Migration = {
  name: '20261121140300_create_invoice_counters',
  async up(knex) {
    await knex.schema.createTable('invoice_counters', (t) => {
      t.integer('year').primary();
      t.integer('last_number').notNullable();
      t.check('year between 2000 and 9999', {}, 'invoice_counters_year_range');
      t.check('last_number >= 1', {}, 'invoice_counters_last_number_positive');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('invoice_counters');
  },
};
