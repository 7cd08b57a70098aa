import type { CalendarDate } from '@tripdesk/shared';
import { ApiError } from '../api/api-error.ts';

/** The trips screen's filters, as the clerk set them; empty means "any". */
export interface TripFilters {
  /** One status, or several comma-separated (`held,confirmed`). */
  readonly status: string;
  /** Invoice number, customer or traveller name, email or phone. */
  readonly q: string;
  readonly travelFrom: CalendarDate | '';
  readonly travelTo: CalendarDate | '';
  /** A hotel's city or name, an arrival airport, a car location. */
  readonly destination: string;
  /** The seller's user id. */
  readonly soldBy: string;
}

export const NO_TRIP_FILTERS: TripFilters = {
  status: '',
  q: '',
  travelFrom: '',
  travelTo: '',
  destination: '',
  soldBy: '',
};

/** Trips per page of the list. */
export const TRIPS_PAGE_SIZE = 50;

/** The list's query: only the filters set, trimmed, and the page. */
export function tripListQuery(filters: TripFilters, offset: number) {
  const set = Object.entries(filters)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v !== '');
  return { ...Object.fromEntries(set), limit: TRIPS_PAGE_SIZE, offset };
}

/**
 * True when the server has no such route at all (an older server), as opposed to no such trip: the
 * server's catch-all says "There is no GET /… in this API."
 */
export function isMissingRoute(error: unknown): boolean {
  return (
    error instanceof ApiError && error.code === 'not_found' && /^There is no [A-Z]+ \//.test(error.detail)
  );
}
