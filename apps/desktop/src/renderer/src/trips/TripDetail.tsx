import { Fragment, useCallback, useState } from 'react';
import { travellerLabel } from '../trip-builder/traveller-drafts.ts';
import { travellerPapers } from '../trip-builder/travel-documents.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { multiplyMoney, subtractMoney, sumMoney, type Item, type Trip } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { holdSecondsLeft, holdState, paymentDeadline, tripStatusNow } from '../trip-builder/hold-clock.ts';
import { HoldAgain } from '../trip-builder/HoldAgain.tsx';
import { HoldCountdown } from '../trip-builder/HoldCountdown.tsx';
import { ReceiptDialog } from '../trip-builder/Receipt.tsx';
import { CancelItemDialog } from './CancelItemDialog.tsx';
import { CancelTripDialog } from './CancelTripDialog.tsx';
import { ChangeItemDialog } from './ChangeItemDialog.tsx';
import { CopyTripLink } from './CopyTripLink.tsx';
import {
  formatDuration,
  formatInstant,
  formatMoney,
  formatTimeOfDay,
  formatTravelDates,
} from '../ui/formats.ts';
import {
  ITEM_KIND,
  ITEM_STATUS_WORDS,
  itemDetails,
  itemTitle,
  statusTone,
  TRIP_STATUS_WORDS,
} from './trip-words.ts';
import { TripTimeline } from './TripTimeline.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { tripKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { soldPolicyInWords } from '../ui/policy-words.ts';

export interface TripDetailProps {
  readonly tripId: string;
  readonly currentUserId: string;
  readonly onBack: () => void;
  /** Opens the trip in the basket: to go on selling it, or (`extend`) to add items to it once paid. */
  readonly onContinueSelling?: (tripId: string, opts?: { extend?: boolean }) => void;
}

/** One trip in full: customer, items, payment and refund, and its history from the first hold on. */
export function TripDetail({ tripId, currentUserId, onBack, onContinueSelling }: TripDetailProps) {
  const trip = useQuery({
    queryKey: tripKeys.detail(tripId),
    queryFn: () => call('getTrip', { params: { tripId } }),
  });

  return (
    <section className="section trip-detail" aria-labelledby="section-title">
      <div>
        <button type="button" className="link-button back-link" onClick={onBack}>
          ← All trips
        </button>
      </div>
      {trip.isPending ? (
        <>
          <h1 id="section-title">Trip</h1>
          <p className="muted">Loading the trip…</p>
        </>
      ) : trip.isError ? (
        <>
          <h1 id="section-title">Trip</h1>
          <LoadError error={trip.error} retry={() => void trip.refetch()} />
        </>
      ) : (
        <TripFile
          trip={trip.data}
          currentUserId={currentUserId}
          {...(onContinueSelling ? { onContinueSelling } : {})}
        />
      )}
    </section>
  );
}

type Dialog =
  | { kind: 'cancel' }
  | { kind: 'receipt'; invoice?: string }
  | { kind: 'change'; item: Item }
  | { kind: 'cancel-item'; item: Item }
  | null;

function TripFile({
  trip,
  currentUserId,
  onContinueSelling,
}: {
  trip: Trip;
  currentUserId: string;
  onContinueSelling?: TripDetailProps['onContinueSelling'];
}) {
  const queryClient = useQueryClient();
  const now = useServerNow();
  const [dialog, setDialog] = useState<Dialog>(null);
  const shownStatus = tripStatusNow(trip, now);
  const selling = shownStatus === 'open' || shownStatus === 'held';
  const paid = trip.status === 'confirmed' || trip.status === 'completed';
  const cancellable = selling || trip.status === 'confirmed';
  // Items added to the paid trip: held until they are paid by themselves.
  const payingAdded =
    trip.status === 'confirmed' && trip.items.some((i) => holdState(i, now).kind === 'held');
  const deadline = selling || payingAdded ? paymentDeadline(trip, now) : null;
  const payments = trip.payments ?? (trip.payment ? [{ ...trip.payment, itemIds: [] }] : []);
  const refetch = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: tripKeys.detail(trip.id) }),
    [queryClient, trip.id],
  );

  return (
    <>
      <div className="trip-detail-head">
        <div>
          <h1 id="section-title">Trip of {trip.customer.name}</h1>
          <p className="muted">
            <span className="mono">{trip.id}</span> · opened {formatInstant(trip.createdAt)}
            {trip.travelStart ? (
              <> · travelling {formatTravelDates(trip.travelStart, trip.travelEnd)}</>
            ) : null}
            {trip.destination ? <> to {trip.destination}</> : null}
          </p>
        </div>
        <span className={`status-badge status-large status-${statusTone(shownStatus)}`}>
          {TRIP_STATUS_WORDS[shownStatus]}
        </span>
        <div className="form-actions trip-detail-actions">
          {selling && onContinueSelling ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => onContinueSelling(trip.id)}
            >
              Continue selling
            </button>
          ) : null}
          {trip.status === 'confirmed' && onContinueSelling ? (
            <button
              type="button"
              className={payingAdded ? 'button button-primary' : 'button'}
              onClick={() => onContinueSelling(trip.id, { extend: true })}
              title="Hold more items on this paid trip; they are paid by themselves."
            >
              {payingAdded ? 'Pay the added items' : 'Add to this trip'}
            </button>
          ) : null}
          <CopyTripLink tripId={trip.id} />
          {paid ? (
            <button type="button" className="button" onClick={() => setDialog({ kind: 'receipt' })}>
              Receipt
            </button>
          ) : null}
          {cancellable ? (
            <button
              type="button"
              className="button button-danger-quiet"
              onClick={() => setDialog({ kind: 'cancel' })}
            >
              Cancel trip…
            </button>
          ) : null}
        </div>
      </div>

      <HoldAgain key={`again-${trip.id}`} trip={trip} />

      <div className="trip-detail-grid">
        <section className="panel" aria-labelledby="trip-customer-title">
          <h2 id="trip-customer-title">Customer</h2>
          <dl className="trip-facts">
            <dt>Name</dt>
            <dd>{trip.customer.name}</dd>
            <dt>Email</dt>
            <dd>{trip.customer.email}</dd>
            <dt>Phone</dt>
            <dd>{trip.customer.phone ?? '—'}</dd>
            {trip.travellers && trip.travellers.length > 0 ? (
              <>
                <dt>Travellers</dt>
                <dd>
                  <ul className="trip-travellers" aria-label="Travellers">
                    {trip.travellers.map((t) => (
                      <li key={t.id}>
                        {t.lead ? `${travellerLabel(t)} (lead)` : travellerLabel(t)}
                        {t.dateOfBirth || t.document ? (
                          <span className="cell-sub">{travellerPapers(t)}</span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="trip-money-title">
          <h2 id="trip-money-title">Payment</h2>
          <dl className="trip-facts">
            <dt>Total</dt>
            <dd className="cell-strong">{formatMoney(trip.total)}</dd>
            {deadline !== null ? (
              <>
                <dt>Pay by</dt>
                <dd>
                  {formatTimeOfDay(deadline)} ({formatDuration(holdSecondsLeft(deadline, now))} left)
                </dd>
              </>
            ) : null}
            {payments.length === 0 ? (
              <>
                <dt>Paid</dt>
                <dd>Not paid</dd>
              </>
            ) : (
              payments.map((p, n) => (
                <Fragment key={p.invoiceNumber}>
                  <dt>{payments.length === 1 ? 'Paid' : n === 0 ? 'Sale paid' : 'Added items paid'}</dt>
                  <dd>
                    {formatMoney(p.amount)} on {formatInstant(p.paidAt)}
                    {payments.length > 1 ? (
                      <span className="cell-sub">
                        for {p.itemIds.map((id) => itemLabel(trip, id)).join('; ')}
                      </span>
                    ) : null}
                  </dd>
                  <dt>Invoice</dt>
                  <dd className="mono">
                    {p.invoiceNumber}
                    {payments.length > 1 ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setDialog({ kind: 'receipt', invoice: p.invoiceNumber })}
                        >
                          Receipt
                        </button>
                      </>
                    ) : null}
                  </dd>
                  <dt>Transaction</dt>
                  <dd className="mono">
                    {p.transactionId} ({p.gateway}, {p.status.replaceAll('_', ' ')})
                  </dd>
                </Fragment>
              ))
            )}
            {trip.refund ? (
              <>
                <dt>Refund</dt>
                <dd>
                  {formatMoney(trip.refund.amount)} ({trip.refund.status})
                  {trip.refund.refundedAt ? ` on ${formatInstant(trip.refund.refundedAt)}` : ''}
                </dd>
                <dt>Net after refunds</dt>
                <dd className="cell-strong">
                  {formatMoney(
                    subtractMoney(
                      payments.length > 0
                        ? sumMoney(
                            payments.map((p) => p.amount),
                            payments[0]!.amount.currency,
                          )
                        : trip.total,
                      trip.refund.amount,
                    ),
                  )}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="trip-items-title">
        <h2 id="trip-items-title">Items</h2>
        {trip.items.length === 0 ? (
          <p className="empty-state">Nothing was ever held on this trip.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Items of the trip</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Details</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {trip.items.map((item) => (
                  <tr
                    key={item.id}
                    className={
                      item.status === 'released' || item.status === 'cancelled' || item.heldAgainAs
                        ? 'row-quiet'
                        : undefined
                    }
                  >
                    <td>
                      <strong>{ITEM_KIND[item.type]}</strong>
                      <span className="cell-sub">{itemTitle(item)}</span>
                    </td>
                    <td>
                      {itemDetails(item).map((line) => (
                        <span className="cell-line" key={line}>
                          {line}
                        </span>
                      ))}
                      {(item.extras ?? []).map((x) => (
                        <span className="cell-line muted" key={x.code}>
                          + {x.name} × {x.quantity}: {formatMoney(multiplyMoney(x.price, x.quantity))}
                        </span>
                      ))}
                      {item.specialRequests ? (
                        <span className="cell-line muted">Special requests: {item.specialRequests}</span>
                      ) : null}
                      {item.cancellationPolicy ? (
                        <span className="cell-line muted">Terms: {soldPolicyInWords(item)}</span>
                      ) : null}
                    </td>
                    <td>
                      {item.heldAgainAs ? (
                        <span className={`status-badge status-${statusTone(item.status)}`}>
                          Expired · held again
                        </span>
                      ) : item.status === 'held' || item.status === 'expired' ? (
                        <HoldCountdown item={item} onLost={refetch} />
                      ) : (
                        <span className={`status-badge status-${statusTone(item.status)}`}>
                          {ITEM_STATUS_WORDS[item.status]}
                        </span>
                      )}
                    </td>
                    <td className="num">{formatMoney(item.price)}</td>
                    <td className="cell-action">
                      {item.status === 'confirmed' && trip.status === 'confirmed' ? (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setDialog({ kind: 'change', item })}
                          aria-label={`Change ${itemTitle(item)}`}
                        >
                          Change
                        </button>
                      ) : null}
                      {item.status === 'confirmed' && trip.status === 'confirmed' ? (
                        <button
                          type="button"
                          className="button button-small button-danger-quiet"
                          onClick={() => setDialog({ kind: 'cancel-item', item })}
                          aria-label={`Cancel item ${itemTitle(item)}`}
                        >
                          Cancel item…
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="trip-history-title">
        <h2 id="trip-history-title">History</h2>
        <TripTimeline trip={trip} currentUserId={currentUserId} />
      </section>

      {dialog?.kind === 'cancel' ? <CancelTripDialog trip={trip} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'receipt' ? (
        <ReceiptDialog
          trip={trip}
          {...(dialog.invoice ? { invoice: dialog.invoice } : {})}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'change' ? (
        <ChangeItemDialog trip={trip} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'cancel-item' ? (
        <CancelItemDialog trip={trip} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/** An item of the trip in a few words, for the list of what a payment paid. */
function itemLabel(trip: Trip, itemId: string): string {
  const item = trip.items.find((i) => i.id === itemId);
  return item ? `${ITEM_KIND[item.type]}: ${itemTitle(item)}` : itemId;
}
