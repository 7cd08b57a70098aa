import type { Migration } from '../../migrations.ts';

const ISO = "like '____-__-__T__:__:__.___Z'";

/**
 * The transactional outbox of notifications: a row is written in the same transaction as the trip
 * events that warrant telling someone (outbox.ts), so a notification exists exactly when its change
 * does. `payload` is what the messages need, as it was then (JSON). `dedupe_key`, when set, makes the
 * row once-only however many writers try (a hold about to expire is scanned by every instance).
 */
export const migration: Migration = {
  name: '20261122100000_create_outbox',
  async up(knex) {
    await knex.schema.createTable('outbox', (t) => {
      t.string('id', 40).primary();
      t.string('kind', 40).notNullable();
      t.text('trip_id').notNullable();
      t.text('payload').notNullable();
      t.string('dedupe_key', 300).nullable().unique('outbox_dedupe_key_unique');
      t.string('created_at', 32).notNullable();
      t.index(['trip_id'], 'outbox_trip_id_index');
      t.check(
        "kind in ('trip_confirmed', 'hold_expiring', 'hold_expired', 'trip_cancelled', 'item_cancelled', 'refund_succeeded')",
        {},
        'outbox_kind_known',
      );
      t.check(`created_at ${ISO}`, {}, 'outbox_created_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('outbox');
  },
};
