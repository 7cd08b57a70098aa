import { instantInZone, type Airport } from '@tripdesk/shared';
import type { AirportRecord } from '../stores/flights/repository.ts';

export function toAirport(a: AirportRecord): Airport {
  return { code: a.code, name: a.name, city: a.city, country: a.country, timeZone: a.timeZone };
}

/** An instant with the airport's own offset; as stored (UTC) for a flight whose airport is unknown. */
export function atAirport(instant: string, airport: AirportRecord | undefined): string {
  return airport ? instantInZone(instant, airport.timeZone) : instant;
}
