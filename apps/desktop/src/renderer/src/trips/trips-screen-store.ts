import { create } from 'zustand';
import { useSession } from '../session/session-store.ts';
import type { TripFilters } from './trip-queries.ts';

interface TripsScreenState {
  /** The trip whose detail is open; null shows the list. */
  readonly openTripId: string | null;
  readonly filters: TripFilters;
  show(tripId: string | null): void;
  setFilters(filters: TripFilters): void;
}

const initial = { openTripId: null, filters: { status: '', q: '' } as TripFilters };

/** Where the Trips section is: the list with its filters, or one trip. Kept across sections. */
export const useTripsScreen = create<TripsScreenState>()((set) => ({
  ...initial,
  show: (openTripId) => set({ openTripId }),
  setFilters: (filters) => set({ filters }),
}));

useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) useTripsScreen.setState(initial);
});
