import { createTaxRulesTable, dropTaxRulesTable } from '../../tax-rules.ts';
import type { Migration } from '../../migrations.ts';

/** The taxes and fees an admin set for an owner of this store (hotel, flight, car location): tax-rules.ts. */
export const migration: Migration = {
  name: '20261205500100_create_tax_rules',
  up: createTaxRulesTable,
  down: dropTaxRulesTable,
};
