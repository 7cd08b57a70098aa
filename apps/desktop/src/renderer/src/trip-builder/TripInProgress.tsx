import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { type Trip } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { formatDuration, formatInstant, formatMoney, formatTimeOfDay } from '../ui/formats.ts';
import { Checkout } from './Checkout.tsx';
import { useRemoveItem } from './current-trip.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { holdsOf, holdSecondsLeft, paymentDeadline } from './hold-clock.ts';
import { ReceiptDialog } from './Receipt.tsx';
import { tripKeys } from '../api/query-keys.ts';
import type { TripBuilderProps } from './TripBuilder.tsx';
import { HoldAgain } from './HoldAgain.tsx';
import { HoldWarning, WARN_SECONDS } from './HoldWarning.tsx';
import { ItemCard } from './ItemCard.tsx';
import { TravellersPanel } from './TravellersPanel.tsx';

export function TripInProgress({ trip, onShowTrip, onChangeItem }: { trip: Trip } & TripBuilderProps) {
  const queryClient = useQueryClient();
  const now = useServerNow();
  const remove = useRemoveItem(trip.id);
  const [receiptOpen, setReceiptOpen] = useState(false);
  const paidHeading = useRef<HTMLHeadingElement>(null);
  const extending = useCurrentTrip((s) => s.extending && s.tripId === trip.id);
  const paid = trip.status === 'confirmed' || trip.status === 'completed';
  const selling = trip.status === 'open' || trip.status === 'held';
  const { held, lost } = holdsOf(trip, now);
  // Items added to the paid trip: held, with their own deadline, and paid by themselves.
  const payingAdded = trip.status === 'confirmed' && held.length > 0;
  const payments = trip.payments ?? (trip.payment ? [{ ...trip.payment, itemIds: [] }] : []);
  const lastPayment = payments.at(-1);

  // The moment the trip is paid (or its added items are), the keyboard goes to the confirmation.
  const paidCount = paid ? payments.length || 1 : 0;
  const wasPaid = useRef(paidCount);
  useEffect(() => {
    if (paidCount > wasPaid.current) paidHeading.current?.focus();
    wasPaid.current = paidCount;
  }, [paidCount]);

  // When a hold runs out on screen, ask the server at once: it then reports the item expired.
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
  }, [queryClient, trip.id]);

  // Released items, and lapsed ones held again (their new items are listed), are history only.
  const shown = trip.items.filter((i) => i.status !== 'released' && !i.heldAgainAs);
  const deadline = selling || payingAdded ? paymentDeadline(trip, now) : null;

  return (
    <div className="trip-in-progress">
      {/* Customer and items scroll; the total and checkout below them stay in view. */}
      <div className="trip-scroll">
        <p className="trip-customer">
          <span className="visually-hidden">Customer: </span>
          <strong>{trip.customer.name}</strong>
          <span className="cell-sub">
            {trip.customer.email}
            {trip.customer.phone ? ` · ${trip.customer.phone}` : ''}
          </span>
          <span className="cell-sub mono">{trip.id}</span>
        </p>
        <TravellersPanel trip={trip} selling={selling} />

        {shown.length === 0 ? (
          <p className="empty-state">Nothing held yet. Search, then hold a room, seats or a car.</p>
        ) : (
          <ul className="trip-items" aria-label="Items of the trip">
            {shown.map((item) => (
              <ItemCard
                key={item.id}
                item={item}
                selling={selling || (payingAdded && item.status === 'held')}
                onLost={refetch}
                onRemove={() => remove.mutate(item.id)}
                removing={remove.isPending && remove.variables === item.id}
                onChange={() => onChangeItem(trip, item)}
              />
            ))}
          </ul>
        )}
        {remove.isError ? (
          <p className="form-error" role="alert">
            {remove.error.message}
          </p>
        ) : null}
      </div>
      <div className="trip-checkout-area">
        <div className="trip-totals">
          <p>
            <span className="trip-totals-label">Total</span>{' '}
            <span className="trip-total">{formatMoney(trip.total)}</span>
          </p>
          {deadline !== null ? (
            <p className="trip-deadline">
              <span className="visually-hidden">Payment deadline:</span> Pay by {formatTimeOfDay(deadline)}{' '}
              <span
                className={
                  holdSecondsLeft(deadline, now) <= WARN_SECONDS ? 'countdown countdown-urgent' : 'countdown'
                }
              >
                ({formatDuration(holdSecondsLeft(deadline, now))} left)
              </span>
            </p>
          ) : null}
        </div>
        {deadline !== null ? <HoldWarning deadline={deadline} now={now} /> : null}
        {lost.length > 0 && held.length > 0 && selling ? (
          <p className="cell-sub">A lost hold is not charged: paying now pays for the items still held.</p>
        ) : null}

        <HoldAgain key={`again-${trip.id}`} trip={trip} />

        {payingAdded ? (
          <p className="notice">
            The sale is paid. Paying now charges only the {held.length === 1 ? 'item' : 'items'} added since.
          </p>
        ) : null}
        {/* An expired trip keeps its Pay button, refused with the reason: never a blank where it was. */}
        {selling || trip.status === 'expired' || payingAdded ? <Checkout key={trip.id} trip={trip} /> : null}

        {paid && !payingAdded ? (
          <section className="trip-paid" aria-labelledby={`paid-${trip.id}`}>
            <h3 id={`paid-${trip.id}`} ref={paidHeading} tabIndex={-1}>
              Paid{lastPayment ? ` · invoice ${lastPayment.invoiceNumber}` : ''}
            </h3>
            <p role="status" className="notice notice-good">
              {lastPayment
                ? `${formatMoney(lastPayment.amount)} paid on ${formatInstant(lastPayment.paidAt)}${
                    payments.length > 1
                      ? ` for the ${lastPayment.itemIds.length === 1 ? 'item' : 'items'} added`
                      : ''
                  }. Every item is confirmed.`
                : 'The trip is paid and every item is confirmed.'}
            </p>
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={() => setReceiptOpen(true)}>
                Receipt
              </button>
              {trip.status === 'confirmed' && !extending ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => useCurrentTrip.getState().extend(trip.id)}
                  title="Hold more items on this paid trip; they are paid by themselves."
                >
                  Add to this trip
                </button>
              ) : null}
              <button type="button" className="button" onClick={() => useCurrentTrip.getState().close()}>
                Start a new trip
              </button>
            </div>
            {extending ? (
              <p className="cell-sub">Search and hold: what is held now is added to this trip.</p>
            ) : null}
          </section>
        ) : null}

        {trip.status === 'expired' || trip.status === 'cancelled' ? (
          <div className="trip-ended">
            {/* An expired trip's reason is beside its refused Pay button above. */}
            {trip.status === 'cancelled' ? <p className="notice">This trip was cancelled.</p> : null}
            <button type="button" className="button" onClick={() => useCurrentTrip.getState().close()}>
              Start a new trip
            </button>
          </div>
        ) : null}

        <div className="trip-builder-foot">
          <button type="button" className="link-button" onClick={() => onShowTrip(trip.id)}>
            History and details
          </button>
          {selling || payingAdded ? (
            <button
              type="button"
              className="link-button"
              onClick={() => useCurrentTrip.getState().close()}
              title="Leaves the trip as it is; its holds keep running. Open it again from Trips."
            >
              Put this trip aside
            </button>
          ) : null}
        </div>
      </div>
      {receiptOpen ? (
        <ReceiptDialog
          trip={trip}
          {...(lastPayment ? { invoice: lastPayment.invoiceNumber } : {})}
          onClose={() => setReceiptOpen(false)}
        />
      ) : null}
    </div>
  );
}
