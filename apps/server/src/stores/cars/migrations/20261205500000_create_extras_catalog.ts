import { createExtrasCatalogTables, dropExtrasCatalogTables } from '../../extras-catalog.ts';
import type { Migration } from '../../migrations.ts';

/** The extras an admin set for an owner of this store (hotel, flight, car location): extras-catalog.ts. */
export const migration: Migration = {
  name: '20261205500000_create_extras_catalog',
  up: createExtrasCatalogTables,
  down: dropExtrasCatalogTables,
};
