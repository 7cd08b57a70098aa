import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useSession } from '../session/session-store.ts';

/** A walk-in being sold at the desk: the trip, the stay held on it, and the payment try in flight. */
export interface WalkIn {
  readonly hotelId: string;
  readonly tripId: string;
  readonly guestName: string;
  /** The stay held for the guest, once a room type is chosen. */
  readonly itemId: string | null;
  /** One payment try's Idempotency-Key: a retry of the same try sends it again, a new try a new one. */
  readonly payKey: string | null;
  readonly paid: boolean;
}

interface DeskState {
  /** The hotel an administrator works the desk of (a front desk user always has their own). */
  readonly adminHotelId: string | null;
  readonly walkIn: WalkIn | null;
  chooseHotel(hotelId: string): void;
  startWalkIn(walkIn: WalkIn): void;
  updateWalkIn(change: Partial<Omit<WalkIn, 'hotelId' | 'tripId'>>): void;
  endWalkIn(): void;
}

/**
 * The desk's own state. Kept in sessionStorage like the session: a reload in the middle of a walk-in
 * (or of its payment) picks up where it was, and closing the window forgets it.
 */
export const useDesk = create<DeskState>()(
  persist(
    (set) => ({
      adminHotelId: null,
      walkIn: null,
      chooseHotel: (adminHotelId) => set({ adminHotelId }),
      startWalkIn: (walkIn) => set({ walkIn }),
      updateWalkIn: (change) => set((s) => (s.walkIn ? { walkIn: { ...s.walkIn, ...change } } : s)),
      endWalkIn: () => set({ walkIn: null }),
    }),
    {
      name: 'tripdesk.desk',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ adminHotelId, walkIn }) => ({ adminHotelId, walkIn }),
    },
  ),
);

// What one clerk chose or was selling is never shown to the next one at the same desk.
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) useDesk.setState({ adminHotelId: null, walkIn: null });
});
