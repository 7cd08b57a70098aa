import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ItemType } from '@tripdesk/shared';
import { useSession } from '../session/session-store.ts';
import { attemptKey } from './attempt-key.ts';

/** One try at paying a trip: its Idempotency-Key is sent again, and only again, when the same try is retried. */
export interface PaymentAttempt {
  readonly tripId: string;
  readonly paymentMethodId: string;
  readonly key: string;
  /** True once the server gave an answer that ends the try (paid, declined, refused). */
  readonly settled: boolean;
}

/** An item being changed: the replacement is held first, then this one is released. */
export interface ItemChange {
  readonly tripId: string;
  readonly itemId: string;
  readonly type: ItemType;
}

interface CurrentTripState {
  /** The trip this desk is selling now; its data lives in the query cache. */
  readonly tripId: string | null;
  /**
   * True when the desk chose to add items to this trip after it was paid ("Add to this trip"): only then
   * does a hold go to a paid trip; otherwise a paid trip in the basket takes no more items.
   */
  readonly extending: boolean;
  readonly changing: ItemChange | null;
  readonly attempt: PaymentAttempt | null;
  open(tripId: string): void;
  /** Opens a paid trip to add items to it, paid by themselves. */
  extend(tripId: string): void;
  close(): void;
  startChange(change: ItemChange): void;
  endChange(): void;
  /** The attempt to pay `tripId` with `paymentMethodId`: the unsettled one for the same, else a new one. */
  attemptFor(tripId: string, paymentMethodId: string): PaymentAttempt;
  settleAttempt(key: string): void;
}

/**
 * The trip in progress at this desk (the cart). Kept in sessionStorage with the session, so a reload
 * in the middle of a sale, or of a payment, picks up where it was; a new sign-in starts clean.
 */
export const useCurrentTrip = create<CurrentTripState>()(
  persist(
    (set, get) => ({
      tripId: null,
      extending: false,
      changing: null,
      attempt: null,
      open: (tripId) =>
        set((s) => (s.tripId === tripId ? s : { tripId, extending: false, changing: null, attempt: null })),
      extend: (tripId) =>
        set((s) =>
          s.tripId === tripId
            ? { extending: true }
            : { tripId, extending: true, changing: null, attempt: null },
        ),
      close: () => set({ tripId: null, extending: false, changing: null, attempt: null }),
      startChange: (changing) => set({ changing }),
      endChange: () => set({ changing: null }),
      attemptFor: (tripId, paymentMethodId) => {
        const a = get().attempt;
        if (a && !a.settled && a.tripId === tripId && a.paymentMethodId === paymentMethodId) return a;
        const fresh: PaymentAttempt = { tripId, paymentMethodId, key: attemptKey(), settled: false };
        set({ attempt: fresh });
        return fresh;
      },
      settleAttempt: (key) =>
        set((s) => (s.attempt?.key === key ? { attempt: { ...s.attempt, settled: true } } : s)),
    }),
    {
      name: 'tripdesk.current-trip',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ tripId, extending, changing, attempt }) => ({ tripId, extending, changing, attempt }),
    },
  ),
);

// What one clerk was selling is not the next one's: a new sign-in (or sign-out) forgets it.
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token && previous.token !== null) useCurrentTrip.getState().close();
});
