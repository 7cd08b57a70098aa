import type { Migration } from '../../migrations.ts';
import { dialectOf } from '../../knex.ts';

/**
 * An item's price and a trip's total are products and sums of bounded prices (MAX_PRICE_MINOR): up to
 * ~4 × 10^12 and ~2 × 10^14 minor units, past PostgreSQL's integer (2^31 − 1). bigint, like every other
 * amount of this store. SQLite's INTEGER is 64-bit already.
 */
export const migration: Migration = {
  name: '20261204100100_trip_amounts_bigint',
  async up(knex) {
    if (dialectOf(knex) !== 'pg') return;
    await knex.raw('alter table trip_items alter column price_amount type bigint');
    await knex.raw('alter table trips alter column total_amount type bigint');
  },
  async down(knex) {
    if (dialectOf(knex) !== 'pg') return;
    await knex.raw('alter table trips alter column total_amount type integer');
    await knex.raw('alter table trip_items alter column price_amount type integer');
  },
};
