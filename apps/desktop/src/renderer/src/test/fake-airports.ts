import type { Airport } from '@tripdesk/shared';
import { readUrl, type SeenRequest } from './fake-server.ts';

/** A few airports as the server has them (its seed), London's four among them. */
export const AIRPORTS: readonly Airport[] = [
  {
    code: 'JFK',
    name: 'John F. Kennedy International',
    city: 'New York',
    country: 'US',
    timeZone: 'America/New_York',
  },
  { code: 'LCY', name: 'London City', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  { code: 'LGW', name: 'London Gatwick', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  { code: 'LHR', name: 'London Heathrow', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  { code: 'STN', name: 'London Stansted', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  { code: 'FCO', name: 'Rome Fiumicino', city: 'Rome', country: 'IT', timeZone: 'Europe/Rome' },
  { code: 'CDG', name: 'Paris Charles de Gaulle', city: 'Paris', country: 'FR', timeZone: 'Europe/Paris' },
];

/**
 * `GET /api/airports?q=` answered the server's way, simplified: codes that start with q, then cities and
 * names with a word that does.
 */
export function airportsRoute(request: SeenRequest) {
  const q = (readUrl(request.url).query.q ?? '').toLowerCase();
  const word = (s: string) => ` ${s.toLowerCase()}`.includes(` ${q}`);
  const byCode = AIRPORTS.filter((a) => a.code.toLowerCase().startsWith(q));
  const byWords = AIRPORTS.filter((a) => !byCode.includes(a) && (word(a.city) || word(a.name)));
  return { status: 200, body: { items: [...byCode, ...byWords] } };
}
