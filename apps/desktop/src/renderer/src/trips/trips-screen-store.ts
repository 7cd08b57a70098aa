import { create } from 'zustand';
import { useSession } from '../session/session-store.ts';
import { NO_TRIP_FILTERS, type TripFilters } from './trip-queries.ts';

interface TripsScreenState {
  readonly filters: TripFilters;
  /** The first row of the page shown (0, 50, 100…). */
  readonly offset: number;
  /** New filters start again at the first page. */
  setFilters(filters: TripFilters): void;
  setOffset(offset: number): void;
}

const initial = { filters: NO_TRIP_FILTERS, offset: 0 };

/**
 * The Trips list's filters and page, kept across sections (which trip is open is in the address, see
 * shell/route.ts).
 */
export const useTripsScreen = create<TripsScreenState>()((set) => ({
  ...initial,
  setFilters: (filters) => set({ filters, offset: 0 }),
  setOffset: (offset) => set({ offset }),
}));

useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) useTripsScreen.setState(initial);
});
