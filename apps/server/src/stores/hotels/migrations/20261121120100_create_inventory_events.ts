import { createInventoryEventsTable } from '../../inventory-events-table.ts';
import type { Migration } from '../../migrations.ts';

export const migration: Migration = {
  name: '20261121120100_create_inventory_events',
  up: createInventoryEventsTable,
  async down(knex) {
    await knex.schema.dropTable('inventory_events');
  },
};
