import type { Knex } from 'knex';

/**
 * The audit trail of an inventory store (hotels, flights, cars): one row per change of counts, written
 * in the same transaction as the change, so the history can never disagree with the counted rows.
 * The three stores create the same table from here; each store's own migration file calls it.
 */
export async function createInventoryEventsTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('inventory_events', (t) => {
    t.increments('id').primary();
    // The hold (= the trip item id) the change belongs to.
    t.text('hold_id').notNullable();
    t.text('at').notNullable();
    // hold.placed, hold.confirmed, hold.released, hold.expired, hold.cancelled
    t.text('type').notNullable();
    // A user id, or `system:sweeper` / `system:lazy-expiry`.
    t.text('actor').notNullable();
    t.text('detail').nullable();
    t.index(['hold_id'], 'inventory_events_hold_id_index');
    t.check("at like '____-__-__T__:__:__.___Z'", {}, 'inventory_events_at_iso');
  });
}
