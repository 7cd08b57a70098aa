import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * The pay saga's progress, one row per attempt (services/pay-saga.ts): the last step persisted, so a
 * crash at any point leaves a row the reconciler can finish or compensate. `item_ids` are the items
 * this attempt pays (JSON array), fixed when it starts; `error` (JSON) says why it was compensated.
 */
export const migration: Migration = {
  name: '20261121140100_create_pay_sagas',
  async up(knex) {
    await knex.schema.createTable('pay_sagas', (t) => {
      t.string('attempt_id', 40).primary();
      t.string('trip_id', 100).notNullable();
      t.string('payment_id', 40)
        .notNullable()
        .unique('pay_sagas_payment_id_unique')
        .references('id')
        .inTable('payments');
      t.string('step', 20).notNullable();
      t.text('item_ids').notNullable();
      // Who asked to pay: the actor of the trip's and the inventory's events.
      t.string('actor', 100).notNullable();
      t.text('error').nullable();
      t.string('created_at', 32).notNullable();
      t.string('updated_at', 32).notNullable();
      t.index(['step', 'updated_at'], 'pay_sagas_step_updated_at_index');
      t.index(['trip_id'], 'pay_sagas_trip_id_index');
      t.check(
        "step in ('started', 'holds_checked', 'authorized', 'confirmed_hotels', 'confirmed_flights', " +
          "'confirmed_cars', 'captured', 'completed', 'compensating', 'compensated')",
        {},
        'pay_sagas_step_known',
      );
      t.check(`created_at ${ISO}`, {}, 'pay_sagas_created_at_iso');
      t.check(`updated_at ${ISO}`, {}, 'pay_sagas_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('pay_sagas');
  },
};
