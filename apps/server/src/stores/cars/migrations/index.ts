import type { Migration } from '../../migrations.ts';
import { migration as createCarLocations } from './20261121090000_create_car_locations.ts';
import { migration as createCars } from './20261121090100_create_cars.ts';
import { migration as createCarDays } from './20261121090200_create_car_days.ts';

export const migrations: readonly Migration[] = [createCarLocations, createCars, createCarDays];
