import type { Migration } from '../../migrations.ts';
import { migration as createCarLocations } from './20261121090000_create_car_locations.ts';
import { migration as createCars } from './20261121090100_create_cars.ts';
import { migration as createCarDays } from './20261121090200_create_car_days.ts';
import { migration as createCarFleets } from './20261121100000_create_car_fleets.ts';
import { migration as backfillCarFleets } from './20261121100100_backfill_car_fleets.ts';
import { migration as createCarHolds } from './20261121120000_create_car_holds.ts';
import { migration as createInventoryEvents } from './20261121120100_create_inventory_events.ts';
import { migration as carRetirement } from './20261205300000_car_retirement.ts';
import { migration as createCarCategoryClosures } from './20261205300100_create_car_category_closures.ts';
import { migration as createExtrasCatalog } from './20261205500000_create_extras_catalog.ts';
import { migration as createTaxRules } from './20261205500100_create_tax_rules.ts';

export const migrations: readonly Migration[] = [
  createCarLocations,
  createCars,
  createCarDays,
  createCarFleets,
  backfillCarFleets,
  createCarHolds,
  createInventoryEvents,
  carRetirement,
  createCarCategoryClosures,
  createExtrasCatalog,
  createTaxRules,
];
