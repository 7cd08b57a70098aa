import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchKeys, tripKeys } from '../api/query-keys.ts';
import { NO_TRIP_FILTERS } from '../trips/trip-queries.ts';
import { LiveConnection, type EventSourceLike, type LiveStatus } from './live-connection.ts';
import { applyLiveEvent, readLiveEvent } from './live-events.ts';

/** An EventSource the test drives: open, fail, send. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  readonly listeners = new Map<string, (ev: MessageEvent<string>) => void>();
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.call(this, new Event('open'));
  }
  fail() {
    this.onerror?.call(this, new Event('error'));
  }
  send(type: string, data: unknown) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

describe('reading live events', () => {
  it('keeps the fields it uses and ignores anything it does not understand', () => {
    expect(
      readLiveEvent('trip.changed', '{"type":"trip.changed","tripId":"trp_1","status":"held","hotelIds":[]}'),
    ).toEqual({
      type: 'trip.changed',
      tripId: 'trp_1',
    });
    expect(
      readLiveEvent(
        'availability.changed',
        '{"store":"cars","locationCode":"LHR-A","category":"ECMR","dates":["2026-12-05"]}',
      ),
    ).toEqual({ type: 'availability.changed', store: 'cars', locationCode: 'LHR-A', dates: ['2026-12-05'] });
    expect(readLiveEvent('availability.changed', '{"store":"boats"}')).toBeNull();
    expect(readLiveEvent('trip.changed', 'not json')).toBeNull();
    expect(readLiveEvent('user.changed', '{}')).toBeNull();
  });
});

describe('applying live events to what is on screen', () => {
  let client: QueryClient;
  const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;

  beforeEach(() => {
    client = new QueryClient();
    client.setQueryData(
      searchKeys.hotels({
        city: 'London',
        checkIn: '2026-12-05',
        checkOut: '2026-12-08',
        guests: 2,
        rooms: 1,
      }),
      { results: [] },
    );
    client.setQueryData(
      searchKeys.hotels({
        city: 'Paris',
        checkIn: '2027-01-10',
        checkOut: '2027-01-12',
        guests: 2,
        rooms: 1,
      }),
      { results: [] },
    );
    client.setQueryData(searchKeys.cars({ location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-08' }), {
      results: [],
    });
    client.setQueryData(searchKeys.cars({ location: 'CDG-A', pickUp: '2026-12-05', dropOff: '2026-12-08' }), {
      results: [],
    });
    client.setQueryData(searchKeys.flights({ from: 'JFK', to: 'LHR', date: '2026-12-05', passengers: 1 }), {
      results: [{ flightId: 'flt_1' }],
    });
    client.setQueryData(searchKeys.flights({ from: 'LHR', to: 'CDG', date: '2026-12-05', passengers: 1 }), {
      results: [{ flightId: 'flt_2' }],
    });
    client.setQueryData(searchKeys.seatMap('flt_1'), { seats: [] });
    client.setQueryData(tripKeys.detail('trp_1'), {});
    client.setQueryData(tripKeys.detail('trp_2'), {});
    client.setQueryData(tripKeys.list(NO_TRIP_FILTERS, 0), []);
  });

  it('a trip change refreshes that trip and the trip lists, nothing else', () => {
    client.setQueryData(['frontdesk', 'stays', 'htl_1', '2026-12-05'], {
      arrivals: [],
      inHouse: [],
      departures: [],
    });
    client.setQueryData(['frontdesk', 'bookings', 'htl_1', '2026-12-05', '2027-01-05'], {
      hotelId: 'htl_1',
      from: '2026-12-05',
      to: '2027-01-05',
      stays: [],
    });
    client.setQueryData(['frontdesk', 'rooms', 'htl_1'], []);
    applyLiveEvent(client, { type: 'trip.changed', tripId: 'trp_1' });
    expect(stale(['frontdesk', 'stays', 'htl_1', '2026-12-05'])).toBe(true);
    expect(stale(['frontdesk', 'bookings', 'htl_1', '2026-12-05', '2027-01-05'])).toBe(true);
    expect(stale(['frontdesk', 'rooms', 'htl_1'])).toBe(false);
    expect(stale(tripKeys.detail('trp_1'))).toBe(true);
    expect(stale(tripKeys.list(NO_TRIP_FILTERS, 0))).toBe(true);
    expect(stale(tripKeys.detail('trp_2'))).toBe(false);
    expect(stale(searchKeys.seatMap('flt_1'))).toBe(false);
  });

  it('a hotel change refreshes the hotel searches over those nights', () => {
    applyLiveEvent(client, {
      type: 'availability.changed',
      store: 'hotels',
      hotelId: 'htl_9',
      dates: ['2026-12-07'],
    });
    expect(
      stale(
        searchKeys.hotels({
          city: 'London',
          checkIn: '2026-12-05',
          checkOut: '2026-12-08',
          guests: 2,
          rooms: 1,
        }),
      ),
    ).toBe(true);
    expect(
      stale(
        searchKeys.hotels({
          city: 'Paris',
          checkIn: '2027-01-10',
          checkOut: '2027-01-12',
          guests: 2,
          rooms: 1,
        }),
      ),
    ).toBe(false);
    expect(stale(searchKeys.cars({ location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-08' }))).toBe(
      false,
    );
  });

  it('a car change refreshes that station’s searches only', () => {
    applyLiveEvent(client, {
      type: 'availability.changed',
      store: 'cars',
      locationCode: 'LHR-A',
      dates: ['2026-12-06'],
    });
    expect(stale(searchKeys.cars({ location: 'LHR-A', pickUp: '2026-12-05', dropOff: '2026-12-08' }))).toBe(
      true,
    );
    expect(stale(searchKeys.cars({ location: 'CDG-A', pickUp: '2026-12-05', dropOff: '2026-12-08' }))).toBe(
      false,
    );
  });

  it('a flight change refreshes the searches showing that flight and its seat map', () => {
    applyLiveEvent(client, { type: 'availability.changed', store: 'flights', flightId: 'flt_1' });
    expect(stale(searchKeys.flights({ from: 'JFK', to: 'LHR', date: '2026-12-05', passengers: 1 }))).toBe(
      true,
    );
    expect(stale(searchKeys.seatMap('flt_1'))).toBe(true);
    expect(stale(searchKeys.flights({ from: 'LHR', to: 'CDG', date: '2026-12-05', passengers: 1 }))).toBe(
      false,
    );
  });

  it('a flight no search shows (it may have been full) refreshes every flight search', () => {
    applyLiveEvent(client, { type: 'availability.changed', store: 'flights', flightId: 'flt_full' });
    expect(stale(searchKeys.flights({ from: 'JFK', to: 'LHR', date: '2026-12-05', passengers: 1 }))).toBe(
      true,
    );
    expect(stale(searchKeys.flights({ from: 'LHR', to: 'CDG', date: '2026-12-05', passengers: 1 }))).toBe(
      true,
    );
    expect(stale(searchKeys.seatMap('flt_1'))).toBe(false);
  });
});

describe('the live connection', () => {
  const sources: FakeSource[] = [];
  let statuses: LiveStatus[];

  beforeEach(() => {
    vi.useFakeTimers();
    sources.length = 0;
    statuses = [];
  });
  afterEach(() => vi.useRealTimers());

  function connect(onEvent = vi.fn(), onReconnected = vi.fn()) {
    const connection = new LiveConnection({
      url: 'http://desk.test:4000/api/events?access_token=tok',
      onEvent,
      onReconnected,
      onStatus: (s) => statuses.push(s),
      createSource: (url) => {
        const source = new FakeSource(url);
        sources.push(source);
        return source;
      },
      random: () => 0.5,
    });
    connection.start();
    return { connection, onEvent, onReconnected };
  }

  it('passes events on, and says it is live', () => {
    const { onEvent } = connect();
    expect(sources[0]?.url).toBe('http://desk.test:4000/api/events?access_token=tok');
    sources[0]!.open();
    sources[0]!.send('trip.changed', { type: 'trip.changed', tripId: 'trp_1' });
    expect(onEvent).toHaveBeenCalledWith({ type: 'trip.changed', tripId: 'trp_1' });
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it('reconnects after a drop with a growing wait, and has what was missed refetched', () => {
    const { onReconnected } = connect();
    sources[0]!.open();
    sources[0]!.fail();
    expect(sources[0]!.closed).toBe(true);
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1]!.fail();
    vi.advanceTimersByTime(1999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sources[2]!.fail();
    vi.advanceTimersByTime(4000);
    expect(sources).toHaveLength(4);
    expect(onReconnected).not.toHaveBeenCalled();
    sources[3]!.open();
    expect(onReconnected).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toBe('live');
    // Back to the shortest wait after a good connection.
    sources[3]!.fail();
    vi.advanceTimersByTime(1000);
    expect(sources).toHaveLength(5);
  });

  it('never waits more than 30 seconds, and stops for good when told', () => {
    const { connection } = connect();
    expect(connection.delayAfter(1)).toBe(1000);
    expect(connection.delayAfter(5)).toBe(16_000);
    expect(connection.delayAfter(12)).toBe(30_000);
    sources[0]!.fail();
    connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    expect(statuses.at(-1)).toBe('off');
  });
});
