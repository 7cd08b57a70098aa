import type { Migration } from '../../migrations.ts';

/** Data step of car_fleets: one row per (location, category) of the existing cars. */
export const migration: Migration = {
  name: '20261121100100_backfill_car_fleets',
  async up(knex) {
    // The rate and currency are those of the cheapest car (ties: lowest id), so they stay a pair.
    await knex.raw(`
      insert into car_fleets (location_code, category, capacity, daily_rate_amount, currency)
      select location_code, category, capacity, daily_rate_amount, currency from (
        select location_code, category, daily_rate_amount, currency,
          count(*) over (partition by location_code, category) as capacity,
          row_number() over (partition by location_code, category order by daily_rate_amount, id) as cheapest_first
        from cars
      ) ranked
      where cheapest_first = 1`);
  },
  async down(knex) {
    await knex('car_fleets').del();
  },
};
