import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LocalTestPaymentMethod, Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { serverNow } from '../live/server-clock.ts';
import { useServerNow } from '../live/ticking-clock.ts';
import { formatMoney, formatTimeOfDay } from '../ui/formats.ts';
import { itemTitle } from '../trips/trip-words.ts';
import { useCurrentTrip, type PaymentAttempt } from './current-trip-store.ts';
import { holdsOf, payableNow, paymentDeadline } from './hold-clock.ts';
import { declineWords, endsAttempt, PAYMENT_METHOD_ORDER, TEST_PAYMENT_METHODS } from './payment-methods.ts';
import { Field } from '../ui/form-field.tsx';
import { tripKeys } from '../api/query-keys.ts';

const CHOOSE_METHOD = 'Choose how the customer pays.';

/** Why the trip cannot be paid right now, in words; null when it can. */
export function payRefusal(trip: Trip, now: number, payWithoutLost: boolean, method: string): string | null {
  const { held, lost } = holdsOf(trip, now);
  if (held.length === 0 && lost.length > 0) {
    return 'Every hold on this trip ran out and went back to inventory. Nothing can be paid: press Hold again to hold the same items in this trip.';
  }
  if (held.length === 0) return 'Nothing is held yet: hold a room, seats or a car first.';
  if (lost.length > 0 && !payWithoutLost) {
    const names = lost.map(itemTitle).join('; ');
    return `The hold on ${names} ran out: it is no longer reserved. Press Hold again, or choose to sell the rest without it.`;
  }
  if (method === '') return CHOOSE_METHOD;
  return null;
}

/** The outcome of a failed payment, in words, and whether “Retry” repeats the same attempt. */
function failureWords(error: ApiError, trip: Trip): { message: string; sameAttempt: boolean } {
  const deadline = paymentDeadline(trip, serverNow());
  const kept = deadline ? ` The holds are kept until ${formatTimeOfDay(deadline)}.` : '';
  switch (error.code) {
    case 'payment_declined':
      return { message: `${declineWords(error)}${kept}`, sameAttempt: false };
    case 'idempotency_conflict':
      return {
        message:
          'This payment is still being processed. Wait a moment, then retry: the card is not charged twice.',
        sameAttempt: true,
      };
    default:
      return endsAttempt(error)
        ? { message: error.message, sameAttempt: false }
        : {
            message: `${error.message} The payment may or may not have gone through: “Retry payment” asks again without charging twice.`,
            sameAttempt: true,
          };
  }
}

/**
 * Checkout: the payment method (the local gateway's test methods, by name) and Pay. Each attempt has
 * its own Idempotency-Key, kept for retries of that attempt when its outcome is unknown; a decline
 * keeps the holds and the next attempt gets a new key. Pay refuses, with the reason beside it, while a
 * hold of the trip is lost or nothing is held.
 */
export function Checkout({ trip }: { trip: Trip }) {
  const id = useId();
  const queryClient = useQueryClient();
  const now = useServerNow();
  const attempt = useCurrentTrip((s) => s.attempt);
  const [method, setMethod] = useState<LocalTestPaymentMethod | ''>(() =>
    attempt && attempt.tripId === trip.id && !attempt.settled
      ? (attempt.paymentMethodId as LocalTestPaymentMethod)
      : '',
  );
  const [payWithoutLost, setPayWithoutLost] = useState(false);
  const [failure, setFailure] = useState<{ message: string; sameAttempt: boolean } | null>(null);
  const [tried, setTried] = useState(false);

  // Alt+P: the keyboard goes to the payment method from anywhere on the screen (not over a dialog).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (event.code !== 'KeyP' && event.key.toLowerCase() !== 'p') return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      document.getElementById(`${id}-method`)?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [id]);

  const pay = useMutation<Trip, ApiError, PaymentAttempt>({
    mutationFn: (a) =>
      call('payTrip', {
        params: { tripId: a.tripId },
        body: { paymentMethodId: a.paymentMethodId },
        idempotencyKey: a.key,
        // Paying can take a while when the gateway is slow; the server answers a repeat with the first outcome.
        timeout: 60_000,
      }),
    onSuccess: (paid, a) => {
      useCurrentTrip.getState().settleAttempt(a.key);
      queryClient.setQueryData(tripKeys.detail(paid.id), paid);
      void queryClient.invalidateQueries({ queryKey: tripKeys.lists });
      setFailure(null);
    },
    onError: (error, a) => {
      if (endsAttempt(error)) useCurrentTrip.getState().settleAttempt(a.key);
      setFailure(failureWords(error, trip));
      void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
    },
  });

  const { held, lost } = holdsOf(trip, now);
  const payable = payableNow(trip, now);
  const refusal = payRefusal(trip, now, payWithoutLost, method);
  const retrying = failure?.sameAttempt === true && attempt?.tripId === trip.id && !attempt.settled;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    // Checked again on the clock as it is now, not as it was at the last tick.
    if (pay.isPending || payRefusal(trip, serverNow(), payWithoutLost, method) !== null || method === '')
      return;
    setFailure(null);
    pay.mutate(useCurrentTrip.getState().attemptFor(trip.id, method));
  };

  const reasonId = `${id}-reason`;
  return (
    <form
      className="checkout"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        // Ctrl+Enter pays from the payment method's list, where Enter alone does nothing.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <h3 id={`${id}-title`} className="visually-hidden">
        Checkout
      </h3>
      {lost.length > 0 && held.length > 0 ? (
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={payWithoutLost}
            onChange={(e) => setPayWithoutLost(e.target.checked)}
          />
          Sell the rest without the lost {lost.length === 1 ? 'item' : 'items'}
        </label>
      ) : null}
      <Field id={`${id}-method`} label="Payment method">
        <select
          id={`${id}-method`}
          value={method}
          onChange={(e) => {
            setMethod(e.target.value as LocalTestPaymentMethod | '');
            setFailure(null);
          }}
          disabled={pay.isPending}
          aria-invalid={tried && method === '' ? true : undefined}
          aria-keyshortcuts="Alt+P"
        >
          <option value="">Choose…</option>
          {PAYMENT_METHOD_ORDER.map((m) => (
            <option key={m} value={m}>
              {TEST_PAYMENT_METHODS[m]}
            </option>
          ))}
        </select>
      </Field>
      <button
        type="submit"
        className="button button-primary button-block"
        aria-disabled={refusal !== null || pay.isPending || undefined}
        aria-busy={pay.isPending}
        aria-describedby={refusal ? reasonId : undefined}
        aria-keyshortcuts="Control+Enter"
        title="Ctrl+Enter"
      >
        {pay.isPending
          ? 'Paying…'
          : retrying
            ? 'Retry payment'
            : payable.amount > 0
              ? `Pay ${formatMoney(payable)}`
              : 'Pay'}
      </button>
      {/* Asking for a payment method is said once Pay has been tried; every other reason at once. */}
      <p
        id={reasonId}
        className={
          refusal && (tried || method !== '' || refusal !== CHOOSE_METHOD) ? 'pay-refusal' : 'visually-hidden'
        }
        role="status"
      >
        {refusal ?? ''}
      </p>
      {failure ? (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      ) : null}
    </form>
  );
}
