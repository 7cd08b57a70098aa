import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FlightItem, Item, Trip } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { serverNow } from '../live/server-clock.ts';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import type { HoldResult } from '../trip-builder/current-trip.ts';
import { holdState } from '../trip-builder/hold-clock.ts';
import { TripBuilder } from '../trip-builder/TripBuilder.tsx';
import { ITEM_KIND, itemTitle } from '../trips/trip-words.ts';
import { CarSearch, defaultCarDraft } from './CarSearch.tsx';
import { defaultFlightDraft, FlightSearch } from './FlightSearch.tsx';
import { defaultHotelDraft, HotelSearch } from './HotelSearch.tsx';
import { fetchCarLocations } from './search-queries.ts';
import { defaultsAfterFlight } from './trip-defaults.ts';
import { useSearch, type SearchTab } from './search-store.ts';
import { inventoryKeys, searchKeys, tripKeys } from '../api/query-keys.ts';
import './search.css';

const TABS: readonly { id: SearchTab; label: string; key: string }[] = [
  { id: 'hotels', label: 'Hotels', key: '1' },
  { id: 'flights', label: 'Flights', key: '2' },
  { id: 'cars', label: 'Cars', key: '3' },
];

/**
 * Where the keyboard goes in a search form opened by its shortcut: the first field still empty before
 * the search button (the airports of a new flight search), else the search button itself, so that a
 * form the trip already filled in (the hotel in the flight's city, the car at its airport) searches on
 * Enter.
 */
export function searchStart(form: HTMLFormElement): HTMLElement | null {
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const fields = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].filter(
    (f) =>
      !f.disabled &&
      !(f instanceof HTMLInputElement && ['radio', 'checkbox', 'hidden'].includes(f.type)) &&
      (!submit || f.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING),
  );
  return fields.find((f) => f.value.trim() === '') ?? submit;
}

/** How long the note about the last hold stays. */
const ANNOUNCEMENT_MS = 8000;

/** The calendar date a flight departs on at its origin airport, which is what flight searches match. */
async function departureDate(flightId: string, fallback: string): Promise<string> {
  try {
    const flight = await call('getFlight', { params: { flightId } });
    return flight.departureDate ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * The agent's workspace: search hotels, flights and cars on the left, the trip being sold on the right.
 * Holding a result puts it on the trip; the trip's countdowns, total and checkout are always in view.
 */
export function SearchSection({ onShowTrip }: { onShowTrip: (tripId: string) => void }) {
  const tab = useSearch((s) => s.tab);
  const changing = useCurrentTrip((s) => s.changing);
  const [announcement, setAnnouncement] = useState('');
  const tabs = useRef(new Map<SearchTab, HTMLButtonElement>());
  const queryClient = useQueryClient();

  // The note about the last hold fades after a while: the trip on the right is what stays true.
  useEffect(() => {
    if (!announcement) return undefined;
    const timer = setTimeout(() => setAnnouncement(''), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [announcement]);

  const choose = (next: SearchTab, focus = false) => {
    useSearch.getState().setTab(next);
    if (focus) tabs.current.get(next)?.focus();
  };

  // Alt+1, Alt+2, Alt+3: Hotels, Flights, Cars from anywhere on the screen (not over a dialog), with the
  // keyboard in the form where it is needed.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      const target = TABS.find((t) => event.code === `Digit${t.key}` || event.key === t.key);
      if (!target || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      useSearch.getState().setTab(target.id);
      // After the panel is shown: a hidden panel's fields cannot take focus.
      setTimeout(() => {
        const form = document.querySelector<HTMLFormElement>(`#search-panel-${target.id} form`);
        (form ? searchStart(form) : tabs.current.get(target.id))?.focus();
      }, 0);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      choose((event.key === 'Home' ? TABS[0] : TABS.at(-1))!.id, true);
    } else if (step !== 0) {
      event.preventDefault();
      choose(TABS[(i + step + TABS.length) % TABS.length]!.id, true);
    }
  };

  /** `next`: what the clerk does next, said after the hold (a round trip's return). */
  const onHeld = (result: HoldResult, what: string, next?: string) => {
    // No time here: the trip's own countdown says how long the hold stands, and when it is lost.
    const released = result.releaseError
      ? ` The item it replaces could not be released (${result.releaseError.message}); remove it from the trip.`
      : '';
    setAnnouncement(`Held ${what} on the trip.${released}${next ? ` ${next}` : ''}`);
    // The rest of the trip most likely shares the stay's dates: offer them to the other searches.
    const item = result.item;
    const search = useSearch.getState();
    if (item.type === 'hotel') {
      // Out on the check-in day, back on the check-out day, the trip's travellers on board.
      const trip = queryClient.getQueryData<Trip>(tripKeys.detail(result.tripId));
      if (!search.flightDraft)
        search.setFlightDraft({
          ...defaultFlightDraft(serverNow(), trip),
          date: item.checkIn,
          returnDate: item.checkOut,
        });
      if (!search.carDraft)
        search.setCarDraft({ ...defaultCarDraft(serverNow()), pickUp: item.checkIn, dropOff: item.checkOut });
    }
    if (item.type === 'flight') void offerAfterFlight(result.tripId, item);
  };

  /** Once a flight is held: the hotel and car searches move to where and when it lands, until the return. */
  const offerAfterFlight = async (tripId: string, item: FlightItem) => {
    const [trip, locations] = await Promise.all([
      queryClient
        .fetchQuery({
          queryKey: tripKeys.detail(tripId),
          queryFn: () => call('getTrip', { params: { tripId } }),
        })
        .catch(() => undefined),
      queryClient
        .fetchQuery({
          queryKey: inventoryKeys.carLocations,
          queryFn: fetchCarLocations,
          staleTime: 10 * 60_000,
        })
        .catch(() => []),
    ]);
    const search = useSearch.getState();
    const now = serverNow();
    // A round trip searched: its return date is when the stay ends, before the return is held.
    const out = search.flightSearch;
    const back = search.returnSearch;
    const plan = out && back ? { from: out.from, to: out.to, date: out.date, returnDate: back.date } : null;
    const next = defaultsAfterFlight(
      trip,
      item,
      locations,
      search.hotelDraft ?? defaultHotelDraft(now),
      search.carDraft ?? defaultCarDraft(now),
      plan,
    );
    search.setHotelDraft(next.hotel);
    search.setCarDraft(next.car);
  };

  /** Fills the search in with a held item's details; a standing hold is replaced once another is held. */
  const onChangeItem = (trip: Trip, item: Item) => {
    const standing = holdState(item, serverNow()).kind === 'held';
    const store = useCurrentTrip.getState();
    if (standing) store.startChange({ tripId: trip.id, itemId: item.id, type: item.type });
    else store.endChange();
    const search = useSearch.getState();
    switch (item.type) {
      case 'hotel': {
        const draft = {
          city: '',
          hotel: { id: item.hotelId, name: item.hotelName ?? 'this hotel' },
          checkIn: item.checkIn,
          checkOut: item.checkOut,
          guests: String(item.guests),
          rooms: String(item.rooms),
        };
        search.setHotelDraft(draft);
        search.searchHotels({
          hotelId: item.hotelId,
          checkIn: item.checkIn,
          checkOut: item.checkOut,
          guests: item.guests,
          rooms: item.rooms,
        });
        choose('hotels', true);
        break;
      }
      case 'flight': {
        const fallback = (item.departureAt ?? '').slice(0, 10);
        const from = item.from ?? '';
        const to = item.to ?? '';
        const passengers = item.passengers.length;
        choose('flights', true);
        void departureDate(item.flightId, fallback).then((date) => {
          // A flight is changed for another of its route: one way, the draft's return kept for later.
          const returnDate = search.flightDraft?.returnDate ?? '';
          search.setFlightDraft({
            tripType: 'one-way',
            from,
            to,
            date,
            returnDate,
            passengers: String(passengers),
          });
          if (from && to && date) search.searchFlights({ from, to, date, passengers });
        });
        break;
      }
      case 'car':
        search.setCarDraft({ location: item.locationCode, pickUp: item.pickUp, dropOff: item.dropOff });
        search.searchCars({ location: item.locationCode, pickUp: item.pickUp, dropOff: item.dropOff });
        choose('cars', true);
        break;
    }
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    setAnnouncement(
      standing
        ? `Changing ${ITEM_KIND[item.type].toLowerCase()} ${itemTitle(item)}: hold the replacement; the old one is released after.`
        : `Searching again for ${itemTitle(item)}.`,
    );
  };

  const changedItem = changing
    ? queryClient
        .getQueryData<Trip>(tripKeys.detail(changing.tripId))
        ?.items.find((i) => i.id === changing.itemId)
    : undefined;

  return (
    <div className="agent-workspace">
      <section className="workspace-search" aria-labelledby="section-title">
        <h1 id="section-title">Search</h1>
        {changing ? (
          <div className="notice change-banner">
            <p>
              Changing {ITEM_KIND[changing.type].toLowerCase()}
              {changedItem ? ` ${itemTitle(changedItem)}` : ''}: hold its replacement and the old one is
              released.
            </p>
            <button
              type="button"
              className="button button-small"
              onClick={() => useCurrentTrip.getState().endChange()}
            >
              Stop changing
            </button>
          </div>
        ) : null}
        <p className={announcement ? 'notice notice-good' : 'visually-hidden'} role="status">
          {announcement}
        </p>
        <div role="tablist" aria-label="What to search" className="search-tabs" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                if (el) tabs.current.set(t.id, el);
              }}
              type="button"
              role="tab"
              id={`search-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`search-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="search-tab"
              onClick={() => choose(t.id)}
              aria-keyshortcuts={`Alt+${t.key}`}
              title={`Alt+${t.key}`}
            >
              {t.label}
              <kbd className="tab-key" aria-hidden="true">
                Alt+{t.key}
              </kbd>
            </button>
          ))}
        </div>
        {TABS.map((t) => (
          <div
            key={t.id}
            role="tabpanel"
            id={`search-panel-${t.id}`}
            aria-labelledby={`search-tab-${t.id}`}
            hidden={tab !== t.id}
            className="search-panel"
          >
            {t.id === 'hotels' ? <HotelSearch onHeld={onHeld} /> : null}
            {t.id === 'flights' ? <FlightSearch onHeld={onHeld} /> : null}
            {t.id === 'cars' ? <CarSearch onHeld={onHeld} /> : null}
          </div>
        ))}
      </section>
      <TripBuilder onShowTrip={onShowTrip} onChangeItem={onChangeItem} />
    </div>
  );
}
