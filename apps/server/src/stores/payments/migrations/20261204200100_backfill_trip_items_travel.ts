import type { Migration } from '../../migrations.ts';
import { travelOf } from '../trips.ts';

/** The travel columns of the items recorded before they were added (every item: the list shows them all). */
export const migration: Migration = {
  name: '20261204200100_backfill_trip_items_travel',
  async up(knex) {
    const items = (await knex('trip_items').select('id', 'type', 'details')) as {
      id: string;
      type: 'hotel' | 'flight' | 'car';
      details: string;
    }[];
    for (const item of items) {
      const travel = travelOf(item.type, JSON.parse(item.details) as Record<string, unknown>);
      await knex('trip_items').where({ id: item.id }).update(travel);
    }
  },
  async down() {
    // The columns go with the schema migration's down.
  },
};
