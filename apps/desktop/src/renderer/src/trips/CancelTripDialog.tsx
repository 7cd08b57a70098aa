import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { attemptKey } from '../trip-builder/attempt-key.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { endsAttempt } from '../trip-builder/payment-methods.ts';
import { formatMoney } from '../ui/formats.ts';
import { CancellationQuoteView } from './CancellationQuoteView.tsx';
import { ITEM_KIND, itemTitle } from './trip-words.ts';
import { isMissingRoute } from './trip-queries.ts';
import { CancelReasonField } from './CancelReasonField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { searchKeys, tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { soldPolicyInWords } from '../ui/policy-words.ts';

const NOT_OFFERED = 'This server does not offer that yet. Ask your administrator to update it.';

/**
 * Cancelling a trip: first what the cancellation policies give back now (the server's quote), item by
 * item, then the confirmation. An unpaid trip just gives its holds back.
 */
export function CancelTripDialog({ trip, onClose }: { trip: Trip; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const key = useRef(attemptKey());
  const paid = trip.status === 'confirmed' || trip.status === 'completed';

  const quote = useQuery({
    queryKey: tripKeys.cancelQuote(trip.id),
    queryFn: () => call('quoteTripCancellation', { params: { tripId: trip.id } }),
    staleTime: 0,
  });

  const cancel = useMutation<Trip, ApiError, void>({
    mutationFn: () =>
      call('cancelTrip', {
        params: { tripId: trip.id },
        body: reason.trim() ? { reason: reason.trim() } : {},
        idempotencyKey: key.current,
      }),
    onSuccess: (cancelled) => {
      queryClient.setQueryData(tripKeys.detail(cancelled.id), cancelled);
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
    onError: (error) => {
      if (endsAttempt(error)) key.current = attemptKey();
      void queryClient.invalidateQueries({ queryKey: tripKeys.cancelQuote(trip.id) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (cancel.isPending || cancel.isSuccess || blocked) return;
    cancel.mutate();
  };

  const q = quote.data;
  const noQuote = quote.isError && isMissingRoute(quote.error);
  const blocked = q !== undefined && !q.cancellable;
  const refund = q?.refund;
  const confirmLabel = paid && refund ? `Cancel trip and refund ${formatMoney(refund)}` : 'Cancel trip';

  if (cancel.isSuccess) {
    const done = cancel.data;
    return (
      <Dialog title="Trip cancelled" onClose={onClose} focusKey="done">
        <p className="notice notice-good" role="status">
          {done.refund
            ? `The trip is cancelled. ${formatMoney(done.refund.amount)} is refunded to the card (${done.refund.status}).`
            : 'The trip is cancelled and every hold is released.'}
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={`Cancel the trip of ${trip.customer.name}`}
      onClose={onClose}
      busy={cancel.isPending}
      size="wide"
      focusKey="quote"
    >
      <form onSubmit={submit} noValidate className="cancel-form" aria-describedby={`${id}-what`}>
        <p id={`${id}-what`}>
          {paid
            ? 'Every item is cancelled and its units go back to inventory. The customer gets back what the cancellation policies give now:'
            : 'Nothing was charged. Every hold is released at once and goes back to inventory.'}
        </p>
        {quote.isPending ? <p className="muted">Working out the refund…</p> : null}
        {quote.isError && !noQuote ? (
          <LoadError error={quote.error} retry={() => void quote.refetch()} />
        ) : null}
        {noQuote ? (
          <div className="notice">
            <p>This server cannot quote the refund before cancelling. The terms of each item:</p>
            <ul>
              {trip.items
                .filter((i) => i.cancellationPolicy)
                .map((i) => (
                  <li key={i.id}>
                    {ITEM_KIND[i.type]} {itemTitle(i)}: {soldPolicyInWords(i) ?? 'see the terms'}
                  </li>
                ))}
            </ul>
          </div>
        ) : null}
        {q ? <CancellationQuoteView trip={trip} quote={q} paid={paid} /> : null}
        {blocked ? (
          <p className="form-error" role="alert">
            This trip cannot be cancelled in its current state.
          </p>
        ) : null}
        <CancelReasonField id={`${id}-reason`} value={reason} onChange={setReason} />
        {cancel.isError ? (
          <p className="form-error" role="alert">
            {isMissingRoute(cancel.error) ? NOT_OFFERED : cancel.error.message}
          </p>
        ) : null}
        <FormFooter
          label={confirmLabel}
          busy={cancel.isPending}
          busyLabel="Cancelling…"
          tone="danger"
          blocked={cancel.isPending || blocked}
          onCancel={onClose}
          cancelLabel="Keep the trip"
        />
      </form>
    </Dialog>
  );
}
