import type { Migration } from '../../migrations.ts';
import { migration as createFlights } from './20261121090000_create_flights.ts';
import { migration as createFareClasses } from './20261121090100_create_fare_classes.ts';
import { migration as createSeatAssignments } from './20261121090200_create_seat_assignments.ts';
import { migration as flightDepartureDate } from './20261121100000_flight_departure_date.ts';
import { migration as backfillFlightDepartureDate } from './20261121100100_backfill_flight_departure_date.ts';
import { migration as indexFlightsRouteDate } from './20261121100200_index_flights_route_date.ts';
import { migration as createFlightHolds } from './20261121120000_create_flight_holds.ts';
import { migration as createInventoryEvents } from './20261121120100_create_inventory_events.ts';
import { migration as createAirports } from './20261204230000_create_airports.ts';
import { migration as seedAirports } from './20261204230100_seed_airports.ts';
import { migration as flightRetirement } from './20261205300000_flight_retirement.ts';
import { migration as createFareClassClosures } from './20261205300100_create_fare_class_closures.ts';
import { migration as createFlightSchedules } from './20261205400200_create_flight_schedules.ts';
import { migration as flightsScheduleId } from './20261205400300_flights_schedule_id.ts';
import { migration as createExtrasCatalog } from './20261205500000_create_extras_catalog.ts';
import { migration as createTaxRules } from './20261205500100_create_tax_rules.ts';

export const migrations: readonly Migration[] = [
  createFlights,
  createFareClasses,
  createSeatAssignments,
  flightDepartureDate,
  backfillFlightDepartureDate,
  indexFlightsRouteDate,
  createFlightHolds,
  createInventoryEvents,
  createAirports,
  seedAirports,
  flightRetirement,
  createFareClassClosures,
  createFlightSchedules,
  flightsScheduleId,
  createExtrasCatalog,
  createTaxRules,
];
