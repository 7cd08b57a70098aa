import type { Migration } from '../../migrations.ts';
import { migration as createFlights } from './20261121090000_create_flights.ts';
import { migration as createFareClasses } from './20261121090100_create_fare_classes.ts';
import { migration as createSeatAssignments } from './20261121090200_create_seat_assignments.ts';

export const migrations: readonly Migration[] = [createFlights, createFareClasses, createSeatAssignments];
