import type { Migration } from '../../migrations.ts';

/**
 * Hotel search and the hotel list match the city in any letter case (`lower(city) = lower(?)`), which
 * the plain hotels_city_index cannot serve: without this the search scans every room type.
 */
export const migration: Migration = {
  name: '20261121100200_index_hotels_city_lower',
  async up(knex) {
    await knex.raw('create index hotels_city_lower_index on hotels (lower(city))');
  },
  async down(knex) {
    await knex.raw('drop index hotels_city_lower_index');
  },
};
