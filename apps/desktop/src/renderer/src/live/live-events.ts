import type { Query, QueryClient } from '@tanstack/react-query';
import type { FlightAvailabilityResults } from '@tripdesk/shared';
import type { CarSearchParams, HotelSearchParams } from '../search/search-queries.ts';
import { deskKeys, notificationKeys, searchKeys, tripKeys } from '../api/query-keys.ts';

/**
 * What the desk reads of the server's live events (`GET /api/events`). The event types live in the
 * server (events/bus.ts) and are not in packages/shared yet, so only the fields used here are read,
 * each checked, and anything else is ignored: an event is a hint to refetch, never data to show.
 */
export type LiveEvent =
  | {
      readonly type: 'availability.changed';
      readonly store: 'hotels' | 'flights' | 'cars';
      readonly hotelId?: string;
      readonly flightId?: string;
      readonly locationCode?: string;
      readonly dates?: readonly string[];
    }
  | { readonly type: 'trip.changed'; readonly tripId: string }
  /** The server sends it only to the streams of the user it is for. */
  | { readonly type: 'notification.created' };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The event in an SSE message's `data`, or null when it is not one the desk understands. */
export function readLiveEvent(type: string, data: string): LiveEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const e = body as Record<string, unknown>;
  if (type === 'trip.changed') {
    const tripId = str(e.tripId);
    return tripId ? { type, tripId } : null;
  }
  if (type === 'notification.created') return str(e.notificationId) ? { type } : null;
  if (type === 'availability.changed') {
    const store = e.store;
    if (store !== 'hotels' && store !== 'flights' && store !== 'cars') return null;
    const dates = Array.isArray(e.dates)
      ? e.dates.filter((d): d is string => typeof d === 'string')
      : undefined;
    const hotelId = str(e.hotelId);
    const flightId = str(e.flightId);
    const locationCode = str(e.locationCode);
    return {
      type,
      store,
      ...(hotelId ? { hotelId } : {}),
      ...(flightId ? { flightId } : {}),
      ...(locationCode ? { locationCode } : {}),
      ...(dates ? { dates } : {}),
    };
  }
  return null;
}

/** True when some of `dates` fall in [from, to): calendar dates compare as strings. */
function overlaps(dates: readonly string[] | undefined, from: string, to: string): boolean {
  return dates === undefined || dates.some((d) => d >= from && d < to);
}

/**
 * Whether a cached search may show other numbers after this change. Hotel searches are matched by
 * their nights (the event names the hotel, not the city, and a freed room can bring a hotel back into
 * a city's results); car searches by station and days; flight searches and seat maps by the flight.
 */
export function searchAffectedBy(query: Pick<Query, 'queryKey' | 'state'>, event: LiveEvent): boolean {
  if (event.type !== 'availability.changed') return false;
  const [root, kind, params] = query.queryKey as readonly unknown[];
  if (root !== searchKeys.all[0]) return false;
  switch (kind) {
    case 'hotels': {
      if (event.store !== 'hotels') return false;
      const p = params as HotelSearchParams;
      if (p.hotelId && event.hotelId && p.hotelId !== event.hotelId) return false;
      return overlaps(event.dates, p.checkIn, p.checkOut);
    }
    case 'cars': {
      if (event.store !== 'cars') return false;
      const p = params as CarSearchParams;
      return (
        (!event.locationCode || p.location === event.locationCode) &&
        overlaps(event.dates, p.pickUp, p.dropOff)
      );
    }
    case 'flights': {
      if (event.store !== 'flights') return false;
      const rows = (query.state.data as FlightAvailabilityResults | undefined)?.results;
      // A flight that was full is not in the results; after a release it may be. Its id is unknown here,
      // so a flight missing from every cached search refreshes them all (knownFlights below).
      return !event.flightId || rows === undefined || rows.some((r) => r.flightId === event.flightId);
    }
    case 'seat-map':
      return event.store === 'flights' && (!event.flightId || params === event.flightId);
    default:
      return false;
  }
}

/** Applies one live event to the cache: what it may have changed is refetched if shown, else marked stale. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  if (event.type === 'notification.created') {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    return;
  }
  if (event.type === 'trip.changed') {
    void queryClient.invalidateQueries({ queryKey: tripKeys.detail(event.tripId) });
    void queryClient.invalidateQueries({ queryKey: tripKeys.cancelQuote(event.tripId) });
    void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
    // Desk lists (arrivals, in-house, departures) and the room chart's stays show trips too.
    void queryClient.invalidateQueries({ queryKey: deskKeys.allStays });
    void queryClient.invalidateQueries({ queryKey: deskKeys.allBookings });
    return;
  }
  const searches = queryClient.getQueryCache().findAll({ queryKey: searchKeys.all });
  const flightKnown =
    event.store !== 'flights' ||
    event.flightId === undefined ||
    searches.some(
      (q) =>
        q.queryKey[1] === 'flights' &&
        (q.state.data as FlightAvailabilityResults | undefined)?.results.some(
          (r) => r.flightId === event.flightId,
        ),
    );
  void queryClient.invalidateQueries({
    predicate: (q) =>
      searchAffectedBy(q, event) ||
      (!flightKnown && q.queryKey[0] === searchKeys.all[0] && q.queryKey[1] === 'flights'),
  });
}
