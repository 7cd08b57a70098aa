import type { Migration } from '../../migrations.ts';

/**
 * Data step of airports: the 20 airports the demo catalog flies, London's other airports and Porto (which
 * tests and older data fly to), so every flight already written has its airport and its time zone. Written
 * out here rather than read from the demo catalog, so that this migration never changes.
 */
const AIRPORTS: readonly (readonly [
  code: string,
  name: string,
  city: string,
  country: string,
  zone: string,
])[] = [
  ['AMS', 'Amsterdam Schiphol', 'Amsterdam', 'NL', 'Europe/Amsterdam'],
  ['BCN', 'Barcelona El Prat', 'Barcelona', 'ES', 'Europe/Madrid'],
  ['BER', 'Berlin Brandenburg', 'Berlin', 'DE', 'Europe/Berlin'],
  ['CDG', 'Paris Charles de Gaulle', 'Paris', 'FR', 'Europe/Paris'],
  ['DXB', 'Dubai International', 'Dubai', 'AE', 'Asia/Dubai'],
  ['FCO', 'Rome Fiumicino', 'Rome', 'IT', 'Europe/Rome'],
  ['FRA', 'Frankfurt', 'Frankfurt', 'DE', 'Europe/Berlin'],
  ['HKG', 'Hong Kong International', 'Hong Kong', 'HK', 'Asia/Hong_Kong'],
  ['HND', 'Tokyo Haneda', 'Tokyo', 'JP', 'Asia/Tokyo'],
  ['JFK', 'John F. Kennedy International', 'New York', 'US', 'America/New_York'],
  ['LAX', 'Los Angeles International', 'Los Angeles', 'US', 'America/Los_Angeles'],
  ['LCY', 'London City', 'London', 'GB', 'Europe/London'],
  ['LGW', 'London Gatwick', 'London', 'GB', 'Europe/London'],
  ['LHR', 'London Heathrow', 'London', 'GB', 'Europe/London'],
  ['LIS', 'Lisbon Humberto Delgado', 'Lisbon', 'PT', 'Europe/Lisbon'],
  ['MAD', 'Madrid Barajas', 'Madrid', 'ES', 'Europe/Madrid'],
  ['MIA', 'Miami International', 'Miami', 'US', 'America/New_York'],
  ['OPO', 'Porto Francisco Sá Carneiro', 'Porto', 'PT', 'Europe/Lisbon'],
  ['ORD', "Chicago O'Hare International", 'Chicago', 'US', 'America/Chicago'],
  ['SFO', 'San Francisco International', 'San Francisco', 'US', 'America/Los_Angeles'],
  ['SIN', 'Singapore Changi', 'Singapore', 'SG', 'Asia/Singapore'],
  ['STN', 'London Stansted', 'London', 'GB', 'Europe/London'],
  ['SYD', 'Sydney Kingsford Smith', 'Sydney', 'AU', 'Australia/Sydney'],
  ['YYZ', 'Toronto Pearson', 'Toronto', 'CA', 'America/Toronto'],
];

const key = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export const migration: Migration = {
  name: '20261204230100_seed_airports',
  async up(knex) {
    const known = new Set(((await knex('airports').select('code')) as { code: string }[]).map((r) => r.code));
    const rows = AIRPORTS.filter(([code]) => !known.has(code)).map(([code, name, city, country, zone]) => ({
      code,
      name,
      city,
      country,
      time_zone: zone,
      city_key: key(city),
      name_key: key(name),
    }));
    if (rows.length > 0) await knex('airports').insert(rows);
  },
  async down(knex) {
    await knex('airports')
      .whereIn(
        'code',
        AIRPORTS.map(([code]) => code),
      )
      .delete();
  },
};
