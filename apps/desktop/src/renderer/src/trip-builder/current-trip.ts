import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AddItemRequest, Customer, Item, Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { attemptKey } from './attempt-key.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { holdsOf } from './hold-clock.ts';
import { endsAttempt } from './payment-methods.ts';
import { searchKeys, tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

/** The trip being sold at this desk, from the query cache (kept fresh by live updates). */
export function useCurrentTripQuery() {
  const tripId = useCurrentTrip((s) => s.tripId);
  return useQuery({
    queryKey: tripKeys.detail(tripId ?? ''),
    queryFn: () => call('getTrip', { params: { tripId: tripId ?? '' } }),
    enabled: tripId !== null,
  });
}

/**
 * Whether more items can be held on the trip: it is open, some of its holds still stand, or it is paid
 * and the desk chose to add to it (`extending`).
 */
export function takesItems(trip: Trip | undefined, now: number, extending = false): trip is Trip {
  if (!trip) return false;
  if (trip.status === 'open') return true;
  if (trip.status === 'confirmed') return extending;
  return trip.status === 'held' && holdsOf(trip, now).held.length > 0;
}

export interface HoldRequest {
  readonly item: AddItemRequest;
  /** Set when there is no trip to add to: a trip is opened for this customer first. */
  readonly customer: Customer | null;
}

export interface HoldResult {
  readonly tripId: string;
  readonly item: Item;
  /** The item this one replaces could not be released (it then runs out with its hold). */
  readonly releaseError: ApiError | null;
}

/** The step that failed: opening the trip (customer details) or holding the item. */
export type HoldFailure = ApiError & { step?: 'trip' | 'item' };

const freshKeys = () => ({ trip: attemptKey(), item: attemptKey() });

/**
 * Holds an item on the current trip, opening the trip first when there is none. Each request carries
 * an Idempotency-Key that is kept only while its outcome is unknown, so a retry after a lost answer
 * never holds twice, and a retry after a refusal asks afresh. When an item is being changed, its
 * replacement is held first and the old item released after, so the customer never has neither.
 */
export function useHoldItem() {
  const queryClient = useQueryClient();
  const keys = useRef(freshKeys());

  return useMutation<HoldResult, HoldFailure, HoldRequest>({
    mutationFn: async ({ item, customer }) => {
      const store = useCurrentTrip.getState();
      let tripId = store.tripId;
      if (customer || tripId === null) {
        if (!customer) throw new Error('a trip needs a customer');
        let trip: Trip;
        try {
          trip = await call('createTrip', { body: { customer }, idempotencyKey: keys.current.trip });
        } catch (err) {
          throw Object.assign(err as ApiError, { step: 'trip' as const });
        }
        queryClient.setQueryData(tripKeys.detail(trip.id), trip);
        store.open(trip.id);
        tripId = trip.id;
      }
      let held: Item;
      try {
        held = await call('addTripItem', {
          params: { tripId },
          body: item,
          idempotencyKey: keys.current.item,
        });
      } catch (err) {
        throw Object.assign(err as ApiError, { step: 'item' as const });
      }
      let releaseError: ApiError | null = null;
      const change = useCurrentTrip.getState().changing;
      if (change && change.tripId === tripId) {
        try {
          await call('removeTripItem', { params: { tripId, itemId: change.itemId } });
        } catch (err) {
          releaseError = err as ApiError;
        }
        useCurrentTrip.getState().endChange();
      }
      return { tripId, item: held, releaseError };
    },
    onSuccess: () => {
      keys.current = freshKeys();
    },
    onError: (error) => {
      if (endsAttempt(error)) keys.current = freshKeys();
    },
    onSettled: (result) => {
      const tripId = result?.tripId ?? useCurrentTrip.getState().tripId;
      if (tripId) void queryClient.invalidateQueries({ queryKey: tripKeys.detail(tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
  });
}

/** Removes a held item from the current trip, releasing its hold at once. */
export function useRemoveItem(tripId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (itemId) => call('removeTripItem', { params: { tripId, itemId } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(tripId) });
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
  });
}
