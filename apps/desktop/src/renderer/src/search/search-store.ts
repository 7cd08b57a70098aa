import { create } from 'zustand';
import { useSession } from '../session/session-store.ts';
import type { CarSearchParams, FlightSearchParams, HotelSearchParams } from './search-queries.ts';

export type SearchTab = 'hotels' | 'flights' | 'cars';

/** What the hotel form shows: typed text, not yet checked. */
export interface HotelDraft {
  readonly city: string;
  /** Set when changing a held stay: the search keeps to that hotel. */
  readonly hotel: { readonly id: string; readonly name: string } | null;
  readonly checkIn: string;
  readonly checkOut: string;
  readonly guests: string;
  readonly rooms: string;
  /** Filters, absent in a draft made before them: a nightly rate range as typed, stars, amenities, sort. */
  readonly minRate?: string;
  readonly maxRate?: string;
  readonly stars?: string;
  readonly amenities?: readonly string[];
  readonly sort?: HotelSort;
}

export type HotelSort = 'price' | 'stars' | 'name';

/** A flight search for one way, or out and back (two lists: the return leaves from `to` to `from`). */
export type FlightTripType = 'round-trip' | 'one-way';

export interface FlightDraft {
  readonly tripType: FlightTripType;
  readonly from: string;
  readonly to: string;
  readonly date: string;
  /** A round trip's return date, local at `to`; kept while one-way, for switching back. */
  readonly returnDate: string;
  readonly passengers: string;
}

export interface CarDraft {
  readonly location: string;
  readonly pickUp: string;
  readonly dropOff: string;
}

interface SearchState {
  readonly tab: SearchTab;
  readonly hotelDraft: HotelDraft | null;
  readonly hotelSearch: HotelSearchParams | null;
  readonly flightDraft: FlightDraft | null;
  readonly flightSearch: FlightSearchParams | null;
  /** The return of a round trip searched with `flightSearch`: from its `to` back to its `from`. */
  readonly returnSearch: FlightSearchParams | null;
  readonly carDraft: CarDraft | null;
  readonly carSearch: CarSearchParams | null;
  setTab(tab: SearchTab): void;
  setHotelDraft(draft: HotelDraft): void;
  searchHotels(params: HotelSearchParams | null): void;
  setFlightDraft(draft: FlightDraft): void;
  /** One way (`back` null) or a round trip's outbound and return. */
  searchFlights(params: FlightSearchParams | null, back?: FlightSearchParams | null): void;
  setCarDraft(draft: CarDraft): void;
  searchCars(params: CarSearchParams | null): void;
  reset(): void;
}

const empty = {
  tab: 'hotels' as SearchTab,
  hotelDraft: null,
  hotelSearch: null,
  flightDraft: null,
  flightSearch: null,
  returnSearch: null,
  carDraft: null,
  carSearch: null,
};

/**
 * The search forms and their last searches, kept while the clerk moves between sections, so coming
 * back to Search shows what was there. A null draft means the form starts from its defaults.
 */
export const useSearch = create<SearchState>()((set) => ({
  ...empty,
  setTab: (tab) => set({ tab }),
  setHotelDraft: (hotelDraft) => set({ hotelDraft }),
  searchHotels: (hotelSearch) => set({ hotelSearch }),
  setFlightDraft: (flightDraft) => set({ flightDraft }),
  searchFlights: (flightSearch, back = null) => set({ flightSearch, returnSearch: back }),
  setCarDraft: (carDraft) => set({ carDraft }),
  searchCars: (carSearch) => set({ carSearch }),
  reset: () => set(empty),
}));

// The next clerk at this desk starts with empty forms.
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) useSearch.getState().reset();
});
