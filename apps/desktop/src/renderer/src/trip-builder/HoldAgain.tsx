import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HoldAgainResult, Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { tripKeys } from '../api/query-keys.ts';
import { useServerNow } from '../live/ticking-clock.ts';
import { ITEM_KIND } from '../trips/trip-words.ts';
import { attemptKey } from './attempt-key.ts';
import { holdsOf } from './hold-clock.ts';
import { endsAttempt } from './payment-methods.ts';
import './hold-again.css';

const OUTCOME_WORDS = { kept: 'Held', changed: 'Held, changed', unavailable: 'Not held' } as const;

/**
 * "Hold again" for a trip whose holds ran out: the server holds the same items again in the same trip
 * (same dates, the same seats when still free) with one new deadline, and says per item what it did.
 * Shown while an item of the trip is lost, and afterwards with the outcome until the next hold again.
 */
export function HoldAgain({ trip }: { trip: Trip }) {
  const queryClient = useQueryClient();
  const now = useServerNow();
  // One key per attempt, kept while its outcome is unknown so a retry never holds twice.
  const key = useRef(attemptKey());
  const [result, setResult] = useState<HoldAgainResult | null>(null);
  const holdAgain = useMutation<HoldAgainResult, ApiError, void>({
    mutationFn: () => call('holdTripAgain', { params: { tripId: trip.id }, idempotencyKey: key.current }),
    onSuccess: (answer) => {
      key.current = attemptKey();
      setResult(answer);
      queryClient.setQueryData(tripKeys.detail(trip.id), answer.trip);
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
    },
    onError: (error) => {
      if (endsAttempt(error)) key.current = attemptKey();
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
    },
  });

  const sold = trip.status === 'confirmed' || trip.status === 'completed' || trip.status === 'cancelled';
  const { lost } = holdsOf(trip, now);
  if (sold || (lost.length === 0 && result === null)) return null;
  const heldNone = result !== null && result.items.every((i) => i.outcome === 'unavailable');

  return (
    <div className="hold-again">
      {lost.length > 0 ? (
        <p className="form-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              if (!holdAgain.isPending) holdAgain.mutate();
            }}
            aria-disabled={holdAgain.isPending || undefined}
          >
            {holdAgain.isPending ? 'Holding again…' : 'Hold again'}
          </button>
          <span className="cell-sub">
            The same {lost.length === 1 ? 'item' : `${lost.length} items`}, same dates and seats when still
            free, with a new deadline.
          </span>
        </p>
      ) : null}
      {holdAgain.isError ? (
        <p className="form-error" role="alert">
          {holdAgain.error.message}
        </p>
      ) : null}
      {result ? (
        <div role="status" className={heldNone ? 'notice' : 'notice notice-good'}>
          <p className="hold-again-title">
            {heldNone ? 'Nothing could be held again.' : 'Held again with a new deadline.'}
          </p>
          <ul className="hold-again-outcomes" aria-label="Hold again: each item">
            {result.items.map((i) => (
              <li key={i.itemId} className={`hold-again-${i.outcome}`}>
                <strong>
                  {OUTCOME_WORDS[i.outcome]} ({ITEM_KIND[i.type].toLowerCase()}):
                </strong>{' '}
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
