import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { multiplyMoney, type Item, type Trip } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { formatDuration, formatInstant, formatMoney, formatTimeOfDay } from '../ui/formats.ts';
import {
  ITEM_KIND,
  ITEM_STATUS_WORDS,
  itemDetails,
  itemTitle,
  statusTone,
  TRIP_STATUS_WORDS,
} from '../trips/trip-words.ts';
import { isMissingRoute } from '../trips/trips-api.ts';
import { Checkout } from './Checkout.tsx';
import { useCurrentTripQuery, useRemoveItem } from './current-trip.ts';
import { useCurrentTrip } from './current-trip-store.ts';
import { holdsOf, holdSecondsLeft, holdState, paymentDeadline, tripStatusNow } from './hold-clock.ts';
import { HoldCountdown } from './HoldCountdown.tsx';
import { ReceiptDialog } from './Receipt.tsx';
import { tripKeys } from '../api/query-keys.ts';

export interface TripBuilderProps {
  /** Opens the trip in the Trips section (its full history). */
  readonly onShowTrip: (tripId: string) => void;
  /** Starts changing a held item: the search is filled in with its details. */
  readonly onChangeItem: (trip: Trip, item: Item) => void;
}

/**
 * The trip being sold: the customer, each held item with the countdown to the end of its hold, extras
 * and special requests, the running total and the payment deadline, then checkout; once paid, the
 * confirmation with the receipt.
 */
export function TripBuilder({ onShowTrip, onChangeItem }: TripBuilderProps) {
  const tripId = useCurrentTrip((s) => s.tripId);
  const trip = useCurrentTripQuery();

  let body;
  if (tripId === null) {
    body = (
      <p className="empty-state">
        No trip in progress. Hold a room, seats or a car: the first hold opens a trip for the customer.
      </p>
    );
  } else if (trip.isPending) {
    body = <p className="muted">Loading the trip…</p>;
  } else if (trip.isError) {
    const gone = trip.error.code === 'not_found' && !isMissingRoute(trip.error);
    body = (
      <div className="form-error" role="alert">
        <p>{gone ? 'This trip is no longer there, or not one you can see.' : trip.error.message}</p>
        <div className="form-actions">
          {!gone ? (
            <button type="button" className="button button-small" onClick={() => void trip.refetch()}>
              Try again
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => useCurrentTrip.getState().close()}
          >
            Start a new trip
          </button>
        </div>
      </div>
    );
  } else {
    body = <TripInProgress trip={trip.data} onShowTrip={onShowTrip} onChangeItem={onChangeItem} />;
  }

  return (
    <aside className="trip-builder" aria-labelledby="trip-builder-title">
      <div className="trip-builder-head">
        <h2 id="trip-builder-title">Current trip</h2>
        {trip.data ? <TripStatusBadge trip={trip.data} /> : null}
      </div>
      {body}
    </aside>
  );
}

/** The trip's status on the clock now (held → expired the moment its last hold runs out). */
function TripStatusBadge({ trip }: { trip: Trip }) {
  const status = tripStatusNow(trip, useServerNow());
  return <span className={`status-badge status-${statusTone(status)}`}>{TRIP_STATUS_WORDS[status]}</span>;
}

function TripInProgress({ trip, onShowTrip, onChangeItem }: { trip: Trip } & TripBuilderProps) {
  const queryClient = useQueryClient();
  const now = useServerNow();
  const remove = useRemoveItem(trip.id);
  const [receiptOpen, setReceiptOpen] = useState(false);
  const paidHeading = useRef<HTMLHeadingElement>(null);
  const paid = trip.status === 'confirmed' || trip.status === 'completed';
  const selling = trip.status === 'open' || trip.status === 'held';

  // The moment the trip is paid, the keyboard goes to the confirmation.
  const wasPaid = useRef(paid);
  useEffect(() => {
    if (paid && !wasPaid.current) paidHeading.current?.focus();
    wasPaid.current = paid;
  }, [paid]);

  // When a hold runs out on screen, ask the server at once: it then reports the item expired.
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) });
  }, [queryClient, trip.id]);

  const shown = trip.items.filter((i) => i.status !== 'released');
  const deadline = selling ? paymentDeadline(trip, now) : null;
  const { held, lost } = holdsOf(trip, now);

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

        {shown.length === 0 ? (
          <p className="empty-state">Nothing held yet. Search, then hold a room, seats or a car.</p>
        ) : (
          <ul className="trip-items" aria-label="Items of the trip">
            {shown.map((item) => (
              <ItemCard
                key={item.id}
                item={item}
                selling={selling}
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
              <span className="trip-totals-label">Payment deadline</span> Pay by {formatTimeOfDay(deadline)}{' '}
              <span
                className={holdSecondsLeft(deadline, now) < 300 ? 'countdown countdown-urgent' : 'countdown'}
              >
                ({formatDuration(holdSecondsLeft(deadline, now))} left)
              </span>
            </p>
          ) : null}
        </div>
        {lost.length > 0 && held.length > 0 && selling ? (
          <p className="cell-sub">A lost hold is not charged: paying now pays for the items still held.</p>
        ) : null}

        {/* An expired trip keeps its Pay button, refused with the reason: never a blank where it was. */}
        {selling || trip.status === 'expired' ? <Checkout key={trip.id} trip={trip} /> : null}

        {paid ? (
          <section className="trip-paid" aria-labelledby={`paid-${trip.id}`}>
            <h3 id={`paid-${trip.id}`} ref={paidHeading} tabIndex={-1}>
              Paid{trip.payment ? ` · invoice ${trip.payment.invoiceNumber}` : ''}
            </h3>
            <p role="status" className="notice notice-good">
              {trip.payment
                ? `${formatMoney(trip.payment.amount)} paid on ${formatInstant(trip.payment.paidAt)}. Every item is confirmed.`
                : 'The trip is paid and every item is confirmed.'}
            </p>
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={() => setReceiptOpen(true)}>
                Receipt
              </button>
              <button type="button" className="button" onClick={() => useCurrentTrip.getState().close()}>
                Start a new trip
              </button>
            </div>
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
          {selling ? (
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
      {receiptOpen ? <ReceiptDialog trip={trip} onClose={() => setReceiptOpen(false)} /> : null}
    </div>
  );
}

function ItemCard({
  item,
  selling,
  onLost,
  onRemove,
  removing,
  onChange,
}: {
  item: Item;
  selling: boolean;
  onLost: () => void;
  onRemove: () => void;
  removing: boolean;
  onChange: () => void;
}) {
  const title = itemTitle(item);
  const now = useServerNow();
  const state = holdState(item, now).kind;
  const held = state === 'held' || state === 'held-untimed';
  return (
    <li className={`trip-item trip-item-${item.status}`} aria-label={`${ITEM_KIND[item.type]}: ${title}`}>
      <div className="trip-item-head">
        <span className="item-kind">{ITEM_KIND[item.type]}</span>
        <span className="item-price">{formatMoney(item.price)}</span>
      </div>
      <p className="item-title">{title}</p>
      <p className="item-details">{itemDetails(item).join(' · ')}</p>
      {item.extras && item.extras.length > 0 ? (
        <ul className="item-extras" aria-label="Extras">
          {item.extras.map((x) => (
            <li key={x.code}>
              {x.name} × {x.quantity}
              <span className="item-extra-price">{formatMoney(multiplyMoney(x.price, x.quantity))}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {item.specialRequests ? (
        <p className="item-requests">Special requests: {item.specialRequests}</p>
      ) : null}
      <div className="trip-item-foot">
        {item.status === 'held' || item.status === 'expired' ? (
          <HoldCountdown item={item} onLost={onLost} />
        ) : (
          <span className={`status-badge status-${statusTone(item.status)}`}>
            {ITEM_STATUS_WORDS[item.status]}
          </span>
        )}
        {selling && held ? (
          <span className="item-actions">
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={onChange}
              aria-label={`Change ${title}`}
            >
              Change
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={onRemove}
              aria-disabled={removing || undefined}
              aria-label={`Remove ${title} from the trip`}
            >
              {removing ? 'Removing…' : 'Remove'}
            </button>
          </span>
        ) : null}
        {selling && state === 'lost' ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={onChange}
            aria-label={`Search again for ${title}`}
          >
            Search again
          </button>
        ) : null}
      </div>
    </li>
  );
}
