import type { Migration } from '../../migrations.ts';

/**
 * A trip can be paid more than once: an item added to a paid trip is paid by itself. Each payment has a
 * round (1 for the sale, 2 for the first item paid after it, …) and the one-live-payment rule becomes
 * one live payment per round: two pays of the same round still meet on the unique index, so one wins.
 */
const LIVE = "('authorizing', 'authorized', 'captured', 'partially_refunded', 'refunded')";

export const migration: Migration = {
  name: '20261205100000_payments_pay_round',
  async up(knex) {
    // Raw: knex would rebuild the SQLite table; both dialects add a column in place.
    await knex.raw('alter table payments add column pay_round integer not null default 1');
    await knex.raw('drop index payments_one_live_per_trip');
    await knex.raw(
      `create unique index payments_one_live_per_round on payments (trip_id, pay_round) where status in ${LIVE}`,
    );
  },
  async down(knex) {
    await knex.raw('drop index payments_one_live_per_round');
    await knex.raw('alter table payments drop column pay_round');
    await knex.raw(
      `create unique index payments_one_live_per_trip on payments (trip_id) where status in ${LIVE}`,
    );
  },
};
