import type { Migration } from '../../migrations.ts';
import { holdUnitsOf } from '../trips.ts';

/** hold_units of the items held when the column was added (the others are never counted). */
export const migration: Migration = {
  name: '20261204100300_backfill_trip_items_hold_units',
  async up(knex) {
    const held = (await knex('trip_items').where({ status: 'held' }).select('id', 'type', 'details')) as {
      id: string;
      type: 'hotel' | 'flight' | 'car';
      details: string;
    }[];
    for (const item of held) {
      const units = holdUnitsOf(item.type, JSON.parse(item.details) as Record<string, unknown>);
      if (units !== 1) await knex('trip_items').where({ id: item.id }).update({ hold_units: units });
    }
  },
  async down() {
    // The column goes with the schema migration's down.
  },
};
