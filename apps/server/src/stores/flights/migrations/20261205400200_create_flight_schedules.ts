import type { Migration } from '../../migrations.ts';

/**
 * Recurring flight schedules: a flight number on days of the week over a period. The flights it makes
 * are ordinary flights (flights.schedule_id names it); the schedule keeps the pattern they were made
 * from, so an edit can make them again. Times are local wall-clock times at each airport (`HH:MM`); the
 * fare classes are JSON text like a flight's seat lists. A retired schedule keeps its row for the flights
 * it left on sale.
 */
export const migration: Migration = {
  name: '20261205400200_create_flight_schedules',
  async up(knex) {
    await knex.schema.createTable('flight_schedules', (t) => {
      t.text('id').notNullable().primary();
      t.text('flight_number').notNullable();
      t.text('origin').notNullable();
      t.text('destination').notNullable();
      t.text('departure_time').notNullable();
      t.text('arrival_time').notNullable();
      // Null: the first arrival time after the departure.
      t.integer('arrival_day_offset').nullable();
      // JSON array of mon … sun.
      t.text('days_of_week').notNullable();
      t.text('first_date').notNullable();
      t.text('last_date').notNullable();
      // JSON array of { code, name, priceAmount, currency, seats }.
      t.text('fare_classes').notNullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      t.text('retired_at').nullable();
      t.index(['retired_at', 'flight_number'], 'flight_schedules_retired_at_flight_number_index');
      t.check('length(origin) = 3 and length(destination) = 3', {}, 'flight_schedules_airports_iata');
      t.check("departure_time like '__:__' and arrival_time like '__:__'", {}, 'flight_schedules_times');
      t.check(
        'arrival_day_offset is null or arrival_day_offset between 0 and 2',
        {},
        'flight_schedules_arrival_day_offset_range',
      );
      t.check("first_date like '____-__-__' and last_date like '____-__-__'", {}, 'flight_schedules_dates');
      t.check('last_date >= first_date', {}, 'flight_schedules_period');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'flight_schedules_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'flight_schedules_updated_at_iso');
      t.check(
        "retired_at is null or retired_at like '____-__-__T__:__:__.___Z'",
        {},
        'flight_schedules_retired_at_iso',
      );
    });
  },
  async down(knex) {
    await knex.schema.dropTable('flight_schedules');
  },
};
