import {
  canTransitionItem,
  canTransitionTrip,
  money,
  todayIn,
  type CancellationPolicy,
  type CancellationQuote,
  type ItemCancellationQuote,
  type ItemStatus,
  type Money,
  type Refund,
  type Trip,
  type TripStatus,
  type User,
  type WalkStayRequest,
} from '@tripdesk/shared';
import { requireItem, requireRole, requireTrip, worksAtHotel } from '../access/access.ts';
import type { Clock } from '../clock.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import {
  holdIdOf,
  type AfterSaleRefundStatus,
  type CancellationRecord,
  type NewCancellation,
} from '../stores/payments/after-sale.ts';
import type { NewTripEvent, TripItemRow, TripRecord, TripRow } from '../stores/payments/trips.ts';
import { availabilityChanged, type HoldsService } from '../selling/holds.ts';
import type { ItemRefunds } from './item-refunds.ts';
import { refundView, withPayments } from '../paying/payment-view.ts';
import { tripView } from '../selling/trips.ts';
import {
  GONE,
  itemStatusAt,
  tripChanged,
  tripStatusAt,
  tripTransition,
  tripUsedUp,
} from '../selling/trip-status.ts';

/** Item statuses a cancellation takes to `cancelled`: a held hold is released, a booking cancelled. */
const CANCELLABLE: readonly ItemStatus[] = ['held', 'confirmed'];

/** What cancelling an item gives back now, by the policy written on it at sale. */
export interface PolicyOutcome {
  readonly refund: Money;
  readonly fee: Money;
}

/**
 * The refund an item's cancellation policy gives at `now`: in full before `freeUntil`; after it (or
 * without one) the price less the fee (no fee: the whole price is kept); nothing for a non-refundable
 * item or one sold without terms. A held item was never paid: nothing to refund, nothing kept.
 */
export function refundByPolicy(item: TripItemRow, now: Date): PolicyOutcome {
  const price = money(item.price_amount, item.currency);
  const nothing = money(0, item.currency);
  if (item.status === 'held') return { refund: nothing, fee: nothing };
  const policy = item.cancellation_policy as CancellationPolicy | null;
  if (!policy?.refundable) return { refund: nothing, fee: price };
  if (policy.freeUntil !== undefined && now.getTime() < Date.parse(policy.freeUntil)) {
    return { refund: price, fee: nothing };
  }
  const kept = Math.min(policy.fee?.amount ?? price.amount, price.amount);
  return { refund: money(price.amount - kept, item.currency), fee: money(kept, item.currency) };
}

type CancelStores = Pick<
  Stores,
  | 'trips'
  | 'afterSale'
  | 'paymentRecords'
  | 'occupancy'
  | 'hotelHolds'
  | 'flightHolds'
  | 'carHolds'
  | 'hotels'
>;

/**
 * Cancelling a trip or one of its items (API.md: `POST /api/trips/{tripId}/cancel`): every unit goes back
 * to inventory at once, and a paid item is refunded by the cancellation policy written on it at sale,
 * read with the injected clock. Crash-safe order: the items are marked cancelled together with a
 * cancellation record holding the refund promised (one payments-store transaction); then the units go
 * back (inventory stores), then the refund is written pending and asked of the gateway, then the record
 * is completed. A record left before `completed`, or with its refund still pending, is finished by the
 * after-sale recovery job, every step being idempotent.
 */
export class CancellationService {
  readonly #stores: CancelStores;
  readonly #booking: HoldsService;
  readonly #refunds: ItemRefunds;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;

  constructor(
    stores: CancelStores,
    booking: HoldsService,
    refunds: ItemRefunds,
    deps: { clock: Clock; events: EventBus; logger: Logger },
  ) {
    this.#stores = stores;
    this.#booking = booking;
    this.#refunds = refunds;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
  }

  /** What cancelling the trip (or one item) would give back now, item by item. */
  async quote(user: User, tripId: string, itemId?: string): Promise<CancellationQuote> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#visible(user, tripId);
    const tripStatus = tripStatusAt(record.trip, record.items, at);
    const items =
      itemId === undefined
        ? record.items.filter((i) => !GONE.includes(itemStatusAt(i, at)))
        : [requireItem(user, record, itemId)];
    const quotes = items.map((i) => itemQuote(i, now, itemId === undefined ? 'trip' : 'item'));
    const currency = record.items[0]?.currency ?? 'USD';
    const refusal =
      itemId === undefined
        ? tripRefusal(tripStatus, items, at)
        : (quotes[0]!.reason ?? (tripStatus === 'confirmed' ? undefined : `The trip is ${tripStatus}.`));
    return {
      tripId,
      at,
      cancellable: refusal === undefined && quotes.every((q) => q.cancellable),
      items: quotes,
      refund: money(
        quotes.reduce((s, q) => s + q.refund.amount, 0),
        currency,
      ),
      fee: money(
        quotes.reduce((s, q) => s + q.fee.amount, 0),
        currency,
      ),
    };
  }

  /**
   * Cancels the trip: held items' holds are released, paid items' bookings cancelled and refunded by
   * their policies. 409 when the trip is past cancelling (completed, expired, cancelled), when a stay is
   * checked in or out, or while a payment or a change of the trip is under way.
   */
  async cancelTrip(user: User, tripId: string, reason: string | undefined): Promise<Trip> {
    const now = this.#clock.now();
    const record = await this.#visible(user, tripId);
    if (record.items.some((i) => !GONE.includes(i.status) && !worksAtHotel(user, i.hotel_id))) {
      throw forbidden('The front desk cancels its own hotel’s stays only; an agent cancels the rest.');
    }
    await this.#refuseWhileBusy(
      tripId,
      record.items.map((i) => i.id),
    );
    // Refused before anything is written; decided again under the lock below.
    this.#decide(record.trip, record.items, now, undefined);

    const result = await this.#stores.afterSale.changeItems(tripId, now, ({ trip, items }) => {
      // Decided again under the trip's lock: a payment, check-in or change may have come first.
      const d = this.#decide(trip, items, now, undefined);
      const cancellations = d.targets.map((t) => cancellation(t, tripId, user.id, reason ?? null));
      return {
        trip: { status: 'cancelled' as const, hold_expires_at: null },
        items: d.targets.map((t) => ({ id: t.item.id, from: t.item.status, status: 'cancelled' as const })),
        cancellations,
        events: [
          ...d.targets.map((t) => cancelledEvent(t, user.id, reason)),
          {
            type: 'trip.cancelled',
            actor: user.id,
            from: d.tripFrom,
            to: 'cancelled',
            detail: {
              ...(reason ? { reason } : {}),
              refund: money(
                d.targets.reduce((s, t) => s + t.outcome.refund.amount, 0),
                currencyOf(items),
              ),
            },
          },
        ],
      };
    });
    if (!result) throw notFound('Trip');
    await this.#finishAll(tripId);
    return this.#answer(tripId);
  }

  /**
   * Cancels one paid item: its booking goes back and it is refunded by its policy; the trip stays
   * confirmed while other items remain (cancelled once none does). A held item is removed instead
   * (DELETE), a stay checked in or out is not cancelled: 409.
   */
  async cancelItem(user: User, tripId: string, itemId: string, reason: string | undefined): Promise<Trip> {
    const now = this.#clock.now();
    const record = await this.#visible(user, tripId);
    requireItem(user, record, itemId);
    await this.#refuseWhileBusy(tripId, [itemId]);
    this.#decide(record.trip, record.items, now, itemId);

    const result = await this.#stores.afterSale.changeItems(tripId, now, ({ trip, items }) => {
      const d = this.#decide(trip, items, now, itemId);
      const after = items.map((i) => (i.id === itemId ? { ...i, status: 'cancelled' as const } : i));
      const tripTo: TripStatus = after.every((i) => GONE.includes(i.status))
        ? 'cancelled'
        : tripUsedUp(after, now)
          ? 'completed'
          : d.tripFrom;
      if (tripTo !== d.tripFrom) tripTransition(d.tripFrom, tripTo);
      return {
        ...(tripTo !== d.tripFrom ? { trip: { status: tripTo } } : {}),
        items: d.targets.map((t) => ({ id: t.item.id, from: t.item.status, status: 'cancelled' as const })),
        cancellations: d.targets.map((t) => cancellation(t, tripId, user.id, reason ?? null)),
        events: [
          ...d.targets.map((t) => cancelledEvent(t, user.id, reason)),
          ...(tripTo !== d.tripFrom
            ? [{ type: `trip.${tripTo}`, actor: user.id, from: d.tripFrom, to: tripTo }]
            : []),
        ],
      };
    });
    if (!result) throw notFound('Trip');
    await this.#finishAll(tripId);
    return this.#answer(tripId);
  }

  /**
   * Walks a confirmed stay: the hotel has no room for the guest and moves them to another hotel. The
   * item is cancelled like any cancelled item (its booking goes back, so its nights leave the hotel's
   * count; any rooms it was given are freed), with the refund the desk chose instead of the policy's
   * (`full`: the price, `none`: nothing), `walked` written on it and an `item.walked` event in the trip's
   * history. From the check-in date on (hotel time) until the stay ends; a checked-in guest is not walked.
   */
  async walkStay(user: User, tripId: string, itemId: string, req: WalkStayRequest): Promise<Trip> {
    requireRole(user, ['admin', 'frontdesk'], 'Only the front desk (or an admin) walks a guest.');
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#visible(user, tripId);
    const item = requireItem(user, record, itemId);
    if (item.type !== 'hotel') {
      throw new DomainError('invalid_transition', 'Only a stay is walked to another hotel.');
    }
    const stay = item.details as { hotelId: string; checkIn: string; checkOut: string };
    const hotel = await this.#stores.hotels.findHotel(stay.hotelId);
    if (!hotel) throw notFound('Hotel');
    const today = todayIn(hotel.timezone, now);
    if (today < stay.checkIn) {
      throw new DomainError(
        'invalid_transition',
        `A stay is walked on its arrival: from ${stay.checkIn}; today at the hotel is ${today}.`,
        { checkIn: stay.checkIn, today },
      );
    }
    if (today >= stay.checkOut) {
      throw new DomainError('invalid_transition', `This stay ended on ${stay.checkOut}.`, {
        checkOut: stay.checkOut,
        today,
      });
    }
    await this.#refuseWhileBusy(tripId, [itemId]);
    const reason = `Walked to ${req.hotel}`;
    const walked = {
      hotel: req.hotel,
      ...(req.note ? { note: req.note } : {}),
      refund: req.refund,
      at,
      actor: user.id,
    };
    const decide = (trip: TripRow, items: readonly TripItemRow[]) => {
      const current = items.find((i) => i.id === itemId);
      if (!current) throw notFound('Item');
      const status = itemStatusAt(current, at);
      if (status !== 'confirmed') {
        throw new DomainError(
          'invalid_transition',
          status === 'checked_in'
            ? 'The guest is checked in: a guest in the house is not walked.'
            : `The stay is ${status.replace('_', ' ')}; only a confirmed stay is walked.`,
          { from: status, to: 'cancelled' },
        );
      }
      const d = this.#decide(trip, items, now, itemId);
      const price = money(current.price_amount, current.currency);
      const none = money(0, current.currency);
      const outcome = req.refund === 'full' ? { refund: price, fee: none } : { refund: none, fee: price };
      return { ...d, target: { item: current, outcome } };
    };
    decide(record.trip, record.items);

    const result = await this.#stores.afterSale.changeItems(tripId, now, ({ trip, items }) => {
      const d = decide(trip, items);
      const after = items.map((i) => (i.id === itemId ? { ...i, status: 'cancelled' as const } : i));
      const tripTo: TripStatus = after.every((i) => GONE.includes(i.status))
        ? 'cancelled'
        : tripUsedUp(after, now)
          ? 'completed'
          : d.tripFrom;
      if (tripTo !== d.tripFrom) tripTransition(d.tripFrom, tripTo);
      return {
        ...(tripTo !== d.tripFrom ? { trip: { status: tripTo } } : {}),
        items: [
          {
            id: itemId,
            from: 'confirmed',
            status: 'cancelled' as const,
            details: { ...d.target.item.details, walked },
          },
        ],
        cancellations: [cancellation(d.target, tripId, user.id, reason)],
        events: [
          {
            type: 'item.walked',
            itemId,
            actor: user.id,
            from: 'confirmed',
            to: 'cancelled',
            detail: {
              hotel: req.hotel,
              ...(req.note ? { note: req.note } : {}),
              refund: d.target.outcome.refund,
              fee: d.target.outcome.fee,
            },
          },
          ...(tripTo !== d.tripFrom
            ? [{ type: `trip.${tripTo}`, actor: user.id, from: d.tripFrom, to: tripTo }]
            : []),
        ],
      };
    });
    if (!result) throw notFound('Trip');
    await this.#finishAll(tripId);
    return this.#answer(tripId);
  }

  /**
   * Finishes a cancellation from wherever it stopped: units back (idempotent: a hold no longer held or
   * booked is left alone), then the refund (same keys: never twice), then `completed`. For the request
   * that began it and for the recovery job.
   */
  async finish(c: CancellationRecord): Promise<void> {
    const now = this.#clock.now();
    const at = now.toISOString();
    if (c.status === 'started') {
      const back =
        c.holdStatus === 'held'
          ? await this.#booking.release(c.itemType, c.holdId, 'cancelled', now, c.actor)
          : await this.#booking.cancel(c.itemType, c.holdId, now, c.actor);
      // A stay's rooms from a check-in that never reached the item: free them too.
      if (c.itemType === 'hotel') await this.#stores.occupancy.vacate(c.itemId);
      if (back) {
        const item = (await this.#stores.trips.findTrip(c.tripId))?.items.find((i) => i.id === c.itemId);
        if (item) this.#events.publish(availabilityChanged(item.type, item.details, at));
      }
      await this.#stores.afterSale.advanceCancellation(c.id, ['started'], 'inventory_returned', now);
    }
    if (c.refund.amount > 0 && (c.refundStatus === 'pending' || c.status !== 'completed')) {
      const status = await this.#refunds.refund({
        tripId: c.tripId,
        itemId: c.itemId,
        amount: c.refund,
        key: refundKey(c),
        reason: c.reason ? `Cancelled: ${c.reason}` : 'Cancelled',
      });
      if (status !== 'none' && status !== c.refundStatus) {
        await this.#stores.afterSale.setCancellationRefund(c.id, status, this.#clock.now());
        await this.#recordRefundOutcome(c, status);
      } else if (status === 'pending') {
        await this.#stores.afterSale.setCancellationRefund(c.id, 'pending', this.#clock.now());
      }
    }
    await this.#stores.afterSale.advanceCancellation(
      c.id,
      ['started', 'inventory_returned'],
      'completed',
      this.#clock.now(),
    );
  }

  /** The trip's `refund` (API.md): what its cancellations give back and how far that got. */
  refundOf(tripId: string): Promise<Refund | undefined> {
    return refundView(this.#stores.afterSale, tripId);
  }

  // ------------------------------------------------------------------------------------------

  async #visible(user: User, tripId: string): Promise<TripRecord> {
    return requireTrip(user, await this.#stores.trips.findTrip(tripId));
  }

  /** A pay saga or an item change in flight owns the trip's items for now: 409, try again shortly. */
  async #refuseWhileBusy(tripId: string, itemIds: readonly string[]): Promise<void> {
    if (await this.#stores.paymentRecords.unfinishedSagaOfTrip(tripId)) {
      throw new DomainError(
        'invalid_transition',
        'A payment of this trip is being processed; cancel once it has finished.',
      );
    }
    for (const id of itemIds) {
      if ((await this.#stores.afterSale.unfinishedChangesOfItem(id)).length > 0) {
        throw new DomainError(
          'invalid_transition',
          'A change of this item is being processed; try again shortly.',
        );
      }
    }
  }

  /**
   * The items a cancel takes and the refund each gets, or a 409 saying why not. `itemId` undefined: the
   * whole trip (every held or confirmed item; none may be checked in or out).
   */
  #decide(
    trip: TripRow,
    items: readonly TripItemRow[],
    now: Date,
    itemId: string | undefined,
  ): { tripFrom: TripStatus; targets: Target[] } {
    const at = now.toISOString();
    const tripFrom = tripStatusAt(trip, items, at);
    if (itemId === undefined) {
      const refusal = tripRefusal(tripFrom, items, at);
      if (refusal) throw new DomainError('invalid_transition', refusal, { from: tripFrom, to: 'cancelled' });
      const targets = items
        .filter((i) => CANCELLABLE.includes(itemStatusAt(i, at)))
        .map((i) => ({ item: i, outcome: refundByPolicy(i, now) }));
      return { tripFrom, targets };
    }
    const item = items.find((i) => i.id === itemId);
    if (!item) throw notFound('Item');
    const status = itemStatusAt(item, at);
    if (status === 'held') {
      throw new DomainError(
        'invalid_transition',
        'A held item is not cancelled but removed: DELETE it, or cancel the whole trip.',
        { from: status, to: 'cancelled' },
      );
    }
    const refusal = itemRefusal(item, status);
    if (refusal) throw new DomainError('invalid_transition', refusal, { from: status, to: 'cancelled' });
    if (tripFrom !== 'confirmed') {
      throw new DomainError(
        'invalid_transition',
        `The trip is ${tripFrom}; only a paid trip’s items are cancelled one by one.`,
        {
          from: tripFrom,
        },
      );
    }
    return { tripFrom, targets: [{ item, outcome: refundByPolicy(item, now) }] };
  }

  /** Finishes every unfinished cancellation of the trip now (the request's own, and any left over). */
  async #finishAll(tripId: string): Promise<void> {
    for (const c of await this.#stores.afterSale.cancellationsOfTrip(tripId)) {
      if (c.status === 'completed' && c.refundStatus !== 'pending') continue;
      try {
        await this.finish(c);
      } catch (err) {
        // The cancellation stands (its record says so); the recovery job finishes the rest.
        this.#logger.error({ err, cancellationId: c.id }, 'cancel: finishing failed; recovery will retry');
      }
    }
    const record = await this.#stores.trips.findTrip(tripId);
    if (record) this.#events.publish(tripChanged(record, this.#clock.now().toISOString()));
  }

  /** A line in the trip's history when the refund's outcome is known. */
  async #recordRefundOutcome(c: CancellationRecord, status: AfterSaleRefundStatus): Promise<void> {
    if (status !== 'succeeded' && status !== 'failed') return;
    await this.#stores.afterSale.changeItems(c.tripId, this.#clock.now(), () => ({
      items: [],
      events: [
        {
          type: `refund.${status}`,
          itemId: c.itemId,
          actor: c.actor,
          detail: { amount: c.refund, cancellationId: c.id },
        },
      ],
    }));
  }

  async #answer(tripId: string): Promise<Trip> {
    const record = await this.#stores.trips.findTrip(tripId);
    if (!record) throw notFound('Trip');
    return withPayments(this.#stores, tripView(record, this.#clock.now().toISOString()));
  }
}

interface Target {
  readonly item: TripItemRow;
  readonly outcome: PolicyOutcome;
}

function cancellation(t: Target, tripId: string, actor: string, reason: string | null): NewCancellation {
  return {
    id: newId('cnl'),
    tripId,
    itemId: t.item.id,
    itemType: t.item.type,
    holdId: holdIdOf(t.item),
    holdStatus: t.item.status === 'held' ? 'held' : 'booked',
    actor,
    reason,
    refund: t.outcome.refund,
    fee: t.outcome.fee,
  };
}

/** `refund:{trip}:{item}:cancel`: the gateway keys of an item's cancellation refund derive from it. */
function refundKey(c: Pick<CancellationRecord, 'tripId' | 'itemId'>): string {
  return `refund:${c.tripId}:${c.itemId}:cancel`;
}

function cancelledEvent(t: Target, actor: string, reason: string | undefined): NewTripEvent {
  return {
    type: 'item.cancelled',
    itemId: t.item.id,
    actor,
    from: t.item.status,
    to: 'cancelled',
    detail: { refund: t.outcome.refund, fee: t.outcome.fee, ...(reason ? { reason } : {}) },
  };
}

function currencyOf(items: readonly TripItemRow[]): string {
  return items[0]?.currency ?? 'USD';
}

/** Why an item cannot be cancelled, or undefined when it can. */
function itemRefusal(item: TripItemRow, status: ItemStatus): string | undefined {
  if (status === 'checked_in') return 'The guest is checked in: check the stay out instead of cancelling it.';
  if (status === 'checked_out') return 'The stay is checked out: it has been used.';
  if (!canTransitionItem(item.type, status, 'cancelled')) return `The item is ${status}.`;
  return undefined;
}

/** Why the whole trip cannot be cancelled, or undefined when it can. */
function tripRefusal(tripStatus: TripStatus, items: readonly TripItemRow[], at: string): string | undefined {
  if (!canTransitionTrip(tripStatus, 'cancelled'))
    return `The trip is ${tripStatus}; it can no longer be cancelled.`;
  const used = items.find((i) => ['checked_in', 'checked_out'].includes(itemStatusAt(i, at)));
  if (used) {
    return `A stay of this trip is ${used.status.replace('_', ' ')}: cancel the other items one by one instead.`;
  }
  return undefined;
}

function itemQuote(item: TripItemRow, now: Date, scope: 'trip' | 'item'): ItemCancellationQuote {
  const at = now.toISOString();
  const status = itemStatusAt(item, at);
  const refusal =
    status === 'held' && scope === 'item'
      ? 'A held item is removed, not cancelled.'
      : status === 'held'
        ? undefined
        : itemRefusal(item, status);
  const outcome = refundByPolicy(item, now);
  return {
    itemId: item.id,
    type: item.type,
    status,
    cancellable: refusal === undefined,
    ...(refusal ? { reason: refusal } : {}),
    price: money(item.price_amount, item.currency),
    refund: refusal ? money(0, item.currency) : outcome.refund,
    fee: refusal ? money(0, item.currency) : outcome.fee,
    ...(item.cancellation_policy
      ? { cancellationPolicy: item.cancellation_policy as CancellationPolicy }
      : {}),
  };
}
