import { useId, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CancellationQuote, Item, Money, Trip } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { attemptKey } from '../trip-builder/attempt-key.ts';
import { endsAttempt } from '../trip-builder/payment-methods.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { CancelReasonField } from './CancelReasonField.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { formatMoney } from '../ui/formats.ts';
import { searchKeys, tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { CancellationQuoteView, quoteTermsInWords } from './CancellationQuoteView.tsx';
import { isMissingRoute } from './trip-queries.ts';
import { ITEM_KIND, itemTitle } from './trip-words.ts';

/** What confirming led to: cancelled, or stopped because the refund is no longer the one shown. */
type Outcome =
  | { readonly kind: 'cancelled'; readonly trip: Trip; readonly refund: Money }
  | { readonly kind: 'quote-changed'; readonly before: Money; readonly after: CancellationQuote };

/** Items whose cancel leaves nothing sold on the trip: the trip becomes cancelled with them. */
const GONE: readonly Item['status'][] = ['released', 'expired', 'cancelled'];

/** A failed cancel in words, with what the desk does next. */
function problemWords(error: ApiError): string {
  if (isMissingRoute(error))
    return 'This server cannot cancel one item yet. Ask your administrator to update it, or cancel the whole trip.';
  if (error.code === 'invalid_transition')
    return `Not cancelled: ${error.detail || error.message} The trip has been reloaded: check the item’s status.`;
  if (error.code === 'not_found')
    return 'This item or trip is no longer there, or not one you can see. Close this and reload the trips.';
  if (error.code === 'forbidden') return `Not cancelled: ${error.detail || error.message}`;
  return `${error.message} Try again: the same request is sent again, so the item cannot be cancelled twice.`;
}

/** The refund's state after the cancel, in words: the gateway may not have confirmed it yet. */
function refundWords(trip: Trip, refund: Money): string {
  const status = trip.refund?.status;
  const amount = formatMoney(refund);
  if (refund.amount === 0)
    return 'The item is cancelled. Nothing is refunded: its terms keep the whole price.';
  if (status === 'failed')
    return `The item is cancelled, but the card gateway refused the refund of ${amount}. Refund it from the gateway’s dashboard, or call its support with the transaction ${trip.payment?.transactionId ?? ''}.`;
  if (status === 'pending')
    return `The item is cancelled. The refund of ${amount} is waiting for the card gateway: the server asks it again until it confirms, and the trip shows it then.`;
  return `The item is cancelled. ${amount} is refunded to the card.`;
}

/**
 * Cancelling one sold item of a paid trip: first the server's quote for that item, in words (what
 * comes back, what is kept and why), then the confirmation. The quote is asked again just before the
 * cancel: when the refund is no longer the one shown (free cancellation just ended), nothing is
 * cancelled and the new figures are shown to confirm again.
 */
export function CancelItemDialog({ trip, item, onClose }: { trip: Trip; item: Item; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const key = useRef(attemptKey());
  const params = { tripId: trip.id, itemId: item.id };
  const quoteKey = tripKeys.itemCancelQuote(trip.id, item.id);
  const name = `${ITEM_KIND[item.type].toLowerCase()} ${itemTitle(item)}`;
  const last = trip.items.every((i) => i.id === item.id || GONE.includes(i.status));

  const quote = useQuery({
    queryKey: quoteKey,
    queryFn: () => call('quoteItemCancellation', { params }),
    staleTime: 0,
  });

  const cancel = useMutation<Outcome, ApiError, CancellationQuote>({
    mutationFn: async (shown) => {
      const now = await call('quoteItemCancellation', { params });
      if (now.refund.amount !== shown.refund.amount || now.cancellable !== shown.cancellable) {
        return { kind: 'quote-changed', before: shown.refund, after: now };
      }
      const cancelled = await call('cancelTripItem', {
        params,
        body: reason.trim() ? { reason: reason.trim() } : {},
        idempotencyKey: key.current,
      });
      // The refund as quoted: the quote asked again after the cancel says nothing is left to refund.
      return { kind: 'cancelled', trip: cancelled, refund: now.refund };
    },
    onSuccess: (outcome) => {
      if (outcome.kind === 'quote-changed') {
        queryClient.setQueryData(quoteKey, outcome.after);
        return;
      }
      queryClient.setQueryData(tripKeys.detail(trip.id), outcome.trip);
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    },
    onError: (error) => {
      if (endsAttempt(error)) key.current = attemptKey();
      void queryClient.invalidateQueries({ queryKey: quoteKey });
      if (error.code === 'invalid_transition') {
        void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
      }
    },
  });

  const q = quote.data;
  const line = q?.items.find((l) => l.itemId === item.id);
  const blocked = q === undefined || !q.cancellable;
  const confirm = () => {
    if (cancel.isPending || q === undefined || blocked) return;
    cancel.mutate(q);
  };
  const outcome = cancel.data;

  if (outcome?.kind === 'cancelled') {
    return (
      <Dialog title="Item cancelled" onClose={onClose} focusKey="done">
        <p className="notice notice-good" role="status">
          {refundWords(outcome.trip, outcome.refund)}
          {outcome.trip.status === 'cancelled' ? ' It was the trip’s last item: the trip is cancelled.' : ''}
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  const refund = q?.refund;
  const confirmLabel =
    refund === undefined
      ? 'Cancel item'
      : refund.amount > 0
        ? `Cancel item and refund ${formatMoney(refund)}`
        : 'Cancel item, refund nothing';

  return (
    <Dialog title={`Cancel ${name}`} onClose={onClose} busy={cancel.isPending} size="wide" focusKey="quote">
      <div className="cancel-form">
        <p id={`${id}-what`}>
          {last
            ? 'This is the trip’s last item: its units go back to inventory and the trip becomes cancelled.'
            : 'Only this item is cancelled: its units go back to inventory, the rest of the trip stays as it is.'}
        </p>
        {quote.isPending ? <p className="muted">Working out the refund…</p> : null}
        {quote.isError ? (
          isMissingRoute(quote.error) ? (
            <p className="notice">
              This server cannot quote or cancel one item. Ask your administrator to update it, or cancel the
              whole trip.
            </p>
          ) : (
            <LoadError error={quote.error} retry={() => void quote.refetch()} />
          )
        ) : null}
        {q && line ? (
          <>
            <dl className="quote-summary" aria-label="Refund">
              <dt>Refunded to the card</dt>
              <dd className="cell-strong">{formatMoney(line.refund)}</dd>
              <dt>Kept</dt>
              <dd>
                {formatMoney(line.fee)}
                <span className="quote-why">{quoteTermsInWords(line, q.at)}</span>
              </dd>
            </dl>
            <CancellationQuoteView trip={trip} quote={q} paid />
          </>
        ) : null}
        {outcome?.kind === 'quote-changed' ? (
          <p className="form-error" role="alert">
            {outcome.after.cancellable
              ? `The refund changed since it was quoted: ${formatMoney(outcome.before)} then, ${formatMoney(outcome.after.refund)} now. Nothing was cancelled: check the new figures and confirm again.`
              : 'The item can no longer be cancelled: see why above. Nothing was cancelled.'}
          </p>
        ) : null}
        {q && !q.cancellable && outcome?.kind !== 'quote-changed' ? (
          <p className="form-error" role="alert">
            This item cannot be cancelled now: {line?.reason ?? 'its state does not allow it'}
          </p>
        ) : null}
        <CancelReasonField id={`${id}-reason`} value={reason} onChange={setReason} />
        {cancel.isError ? (
          <p className="form-error" role="alert">
            {problemWords(cancel.error)}
          </p>
        ) : null}
        <FormFooter
          label={confirmLabel}
          busy={cancel.isPending}
          busyLabel="Cancelling…"
          tone="danger"
          onConfirm={confirm}
          blocked={blocked}
          onCancel={onClose}
          cancelLabel="Keep the item"
        />
      </div>
    </Dialog>
  );
}
