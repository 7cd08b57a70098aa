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

export interface FlightDraft {
  readonly from: string;
  readonly to: string;
  readonly date: string;
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
  readonly carDraft: CarDraft | null;
  readonly carSearch: CarSearchParams | null;
  setTab(tab: SearchTab): void;
  setHotelDraft(draft: HotelDraft): void;
  searchHotels(params: HotelSearchParams | null): void;
  setFlightDraft(draft: FlightDraft): void;
  searchFlights(params: FlightSearchParams | null): void;
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
  searchFlights: (flightSearch) => set({ flightSearch }),
  setCarDraft: (carDraft) => set({ carDraft }),
  searchCars: (carSearch) => set({ carSearch }),
  reset: () => set(empty),
}));

// The next clerk at this desk starts with empty forms.
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) useSearch.getState().reset();
});
