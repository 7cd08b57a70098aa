import { isDeepStrictEqual } from 'node:util';
import {
  AddItemRequestSchema,
  money,
  type ChangeItemRequest,
  type ExtraRequest,
  type Item,
  type ItemChangeResult,
  type Money,
  type Refund,
  type User,
} from '@tripdesk/shared';
import { requireItem } from '../access/access.ts';
import { keepTravellers, type ResolvedItemRequest } from '../selling/travellers.ts';
import type { Clock } from '../clock.ts';
import { DomainError, notFound, validationFailed } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import {
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type PaymentGateway,
} from '../paying/gateway.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import {
  holdIdOf,
  type AfterSaleRefundStatus,
  type ChangeStatus,
  type ItemChangeRecord,
  type ItemTerms,
} from '../stores/payments/after-sale.ts';
import type { TripItemRow, TripRecord } from '../stores/payments/trips.ts';
import { availabilityChanged, type HoldsService, type Quote } from '../selling/holds.ts';
import type { ItemRefunds } from './item-refunds.ts';
import { withPayments } from '../paying/payment-view.ts';
import { itemView, tripView } from '../selling/trips.ts';
import { itemStatusAt, tripChanged, tripStatusAt, tripTotals } from '../selling/trip-status.ts';

/** Statuses from which a change is undone (the item still points at the old hold). */
const BEFORE_SWAP: readonly ChangeStatus[] = ['started', 'held', 'charged', 'confirmed', 'compensating'];

export interface ChangesOptions {
  /** How long the new units are held while the change runs; the sweeper frees them after a crash. */
  readonly holdTtlSeconds: number;
}

type ChangeStores = Pick<Stores, 'trips' | 'afterSale' | 'paymentRecords' | 'hotelHolds' | 'flightHolds'>;

/**
 * Changing a sold item (new stay dates or room type, other seats or fare class, another car category or
 * dates) without ever losing the original: the NEW units are held first (sold out: 409 and nothing
 * else happens); a dearer change's difference is authorized, the new hold booked, the difference
 * captured; then, in one payments-store transaction, the item takes the new hold, details, price and
 * terms (the commit point); only then the old booking gives its units back and a cheaper change's
 * difference is refunded. Every step is recorded on an item_changes row first, so a crash before the
 * commit point is undone (new units back, charge voided or refunded) and one after it is finished, by
 * the after-sale recovery job.
 */
export class ChangesService {
  readonly #stores: ChangeStores;
  readonly #booking: HoldsService;
  readonly #gateway: PaymentGateway;
  readonly #refunds: ItemRefunds;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #opts: ChangesOptions;
  /** Changes this process runs right now: the recovery job leaves them alone. */
  readonly #running = new Set<string>();

  constructor(
    stores: ChangeStores,
    booking: HoldsService,
    gateway: PaymentGateway,
    refunds: ItemRefunds,
    deps: { clock: Clock; events: EventBus; logger: Logger },
    opts: ChangesOptions,
  ) {
    this.#stores = stores;
    this.#booking = booking;
    this.#gateway = gateway;
    this.#refunds = refunds;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
    this.#opts = opts;
  }

  running(): ReadonlySet<string> {
    return this.#running;
  }

  /** `POST /api/trips/{tripId}/items/{itemId}/change`; `requestKey` is the request's Idempotency-Key. */
  async change(
    user: User,
    tripId: string,
    itemId: string,
    req: ChangeItemRequest,
    requestKey: string,
  ): Promise<ItemChangeResult> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#stores.trips.findTrip(tripId);
    const item = requireItem(user, record ?? undefined, itemId);
    this.#refuseState(record!, item, at);
    if (req.type !== item.type) {
      throw validationFailed(`This is a ${item.type} item; send a ${item.type} change.`, [
        { path: 'body.type', message: `must be ${item.type}` },
      ]);
    }
    await this.#refuseWhileBusy(tripId, itemId);
    if (
      req.type === 'flight' &&
      req.passengerNames !== undefined &&
      req.fareClass === undefined &&
      req.seats === undefined &&
      (req.flightId === undefined || req.flightId === (item.details as { flightId?: string }).flightId)
    ) {
      return this.#rename(user, item, req.passengerNames);
    }

    const quote = await this.#booking.quote(user, await this.#newRequest(item, req), now);
    const oldTerms = termsOf(item);
    const newTerms: ItemTerms = {
      details: keepTravellers(item.details, quote.details),
      priceAmount: quote.price.amount,
      extras: quote.extras,
      cancellationPolicy: quote.cancellationPolicy,
    };
    if (quote.price.currency !== item.currency) {
      throw validationFailed(
        `The item is sold in ${item.currency}; the new units are priced in ${quote.price.currency}.`,
        [{ path: 'body', message: 'another currency' }],
      );
    }
    if (sameUnits(item, quote)) {
      throw validationFailed('The change asks for what the item already has.', [
        { path: 'body', message: 'nothing to change' },
      ]);
    }
    const difference = newTerms.priceAmount - oldTerms.priceAmount;
    if (difference > 0 && !req.paymentMethodId) {
      throw validationFailed(
        `The change costs ${difference} ${item.currency} minor units more: send a paymentMethodId to pay it.`,
        [{ path: 'body.paymentMethodId', message: 'needed: the change costs more' }],
      );
    }

    const change = await this.#stores.afterSale.createChange({
      id: newId('chg'),
      tripId,
      itemId,
      itemType: item.type,
      oldHoldId: holdIdOf(item),
      newHoldId: newId('hld'),
      oldItem: oldTerms,
      newItem: newTerms,
      currency: item.currency,
      paymentMethod: difference > 0 ? req.paymentMethodId! : null,
      idempotencyKey: requestKey,
      actor: user.id,
      now,
    });
    this.#running.add(change.id);
    try {
      await this.#forward(change, quote, user.id);
    } finally {
      this.#running.delete(change.id);
    }
    return this.#answer((await this.#stores.afterSale.findChange(change.id))!);
  }

  /**
   * Corrected passenger names on a sold flight: no units move and nothing is charged, so no saga: one
   * write of the item's details (compare-and-set on its status) with an `item.changed` event.
   */
  async #rename(user: User, item: TripItemRow, names: readonly string[]): Promise<ItemChangeResult> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const d = item.details as Record<string, unknown>;
    const passengers = d.passengers as { name: string; seat?: string }[];
    const corrected = checkedNames(passengers, names);
    if (corrected.every((n, i) => n === passengers[i]!.name)) {
      throw validationFailed('The names are already these.', [
        { path: 'body', message: 'nothing to change' },
      ]);
    }
    const details = { ...d, passengers: passengers.map((p, i) => ({ ...p, name: corrected[i]! })) };
    const result = await this.#stores.afterSale.changeItems(item.trip_id, now, ({ items }) => {
      const current = items.find((i) => i.id === item.id);
      if (!current || itemStatusAt(current, at) !== 'confirmed') {
        throw new DomainError('invalid_transition', 'The item changed meanwhile; reload the trip.');
      }
      return {
        items: [{ id: item.id, from: 'confirmed', details }],
        events: [
          {
            type: 'item.changed',
            itemId: item.id,
            actor: user.id,
            detail: {
              from: { passengers: passengers.map((p) => p.name) },
              to: { passengers: corrected },
              previousPrice: money(item.price_amount, item.currency),
              price: money(item.price_amount, item.currency),
            },
          },
        ],
      };
    });
    if (!result) throw notFound('Trip');
    this.#events.publish(tripChanged(result.record, at));
    return {
      trip: await withPayments(this.#stores, tripView(result.record, at)),
      item: itemView(
        result.record.items.find((i) => i.id === item.id)!,
        at,
      ),
      previousPrice: money(item.price_amount, item.currency),
    };
  }

  /**
   * Recovery: a change left before its commit point is undone, one after it is finished (old units
   * back, a cheaper change's refund asked again with the same keys).
   */
  async recover(change: ItemChangeRecord): Promise<void> {
    if (this.#running.has(change.id)) return;
    if (change.status === 'swapped' || change.status === 'completed') {
      await this.#finish(change);
    } else if (BEFORE_SWAP.includes(change.status)) {
      await this.#compensate(change, change.error ?? 'left half-way; undone by the recovery job');
    }
  }

  // ------------------------------------------------------------------------------------------

  /** The steps up to the commit point, then the rest; a failure before it undoes what was done. */
  async #forward(c: ItemChangeRecord, quote: Quote, actor: string): Promise<void> {
    const now = this.#clock.now();
    const difference = c.newItem.priceAmount - c.oldItem.priceAmount;

    // 1. The new units, first. Refused (sold out, seat taken): nothing else was touched.
    let placed;
    try {
      const expiresAt = new Date(now.getTime() + this.#opts.holdTtlSeconds * 1000);
      placed = await this.#booking.place(c.newHoldId, quote, now, expiresAt, actor);
    } catch (err) {
      await this.#stores.afterSale.advanceChange(c.id, ['started'], 'failed', this.#clock.now(), {
        error: (err as Error).message,
      });
      throw err;
    }
    await this.#advance(c, 'started', 'held');
    // The seats a flight hold assigned are part of what the item becomes.
    const terms: ItemTerms = { ...c.newItem, details: keepTravellers(c.newItem.details, placed.details) };
    if (!isDeepStrictEqual(terms.details, c.newItem.details)) {
      await this.#stores.afterSale.setNewItem(c.id, terms, this.#clock.now());
    }

    try {
      // 2. A dearer change: the difference authorized.
      if (difference > 0) await this.#authorize(c, money(difference, c.currency));
      await this.#advance(c, 'held', 'charged');
      // 3. The new units booked; 4. the difference captured.
      if (!(await this.#booking.confirm(c.itemType, c.newHoldId, this.#clock.now(), actor))) {
        throw new DomainError(
          'hold_expired',
          'The new units could not be booked in time; nothing was charged.',
        );
      }
      await this.#advance(c, 'charged', 'confirmed');
      if (difference > 0) await this.#capture((await this.#stores.afterSale.findChange(c.id))!);
      // 5. The commit point: the item is the new units from here on.
      await this.#swap((await this.#stores.afterSale.findChange(c.id))!, terms, actor);
    } catch (err) {
      await this.#compensate((await this.#stores.afterSale.findChange(c.id))!, (err as Error).message).catch(
        (undoErr: unknown) => {
          this.#logger.error({ err: undoErr, changeId: c.id }, 'change: undoing failed; recovery will retry');
        },
      );
      throw err;
    }
    // 6. The old units back, a cheaper change's difference refunded: retried by recovery if need be.
    try {
      await this.#finish((await this.#stores.afterSale.findChange(c.id))!);
    } catch (err) {
      this.#logger.error({ err, changeId: c.id }, 'change: made, but finishing failed; recovery will retry');
    }
  }

  async #advance(c: ItemChangeRecord, from: ChangeStatus, to: ChangeStatus): Promise<void> {
    if (!(await this.#stores.afterSale.advanceChange(c.id, [from], to, this.#clock.now()))) {
      throw new DomainError(
        'service_unavailable',
        'The change was taken over by the recovery job; check the trip.',
      );
    }
  }

  async #authorize(c: ItemChangeRecord, amount: Money): Promise<void> {
    const now = this.#clock.now();
    await this.#stores.afterSale.setCharge(c.id, { chargeStatus: 'authorizing' }, now);
    const result = await this.#gateway.authorize({
      amount,
      paymentMethodId: c.paymentMethod!,
      idempotencyKey: chargeKey(c, 'authorize'),
      description: `Change of item ${c.itemId} (trip ${c.tripId})`,
      metadata: { tripId: c.tripId },
    });
    if (!result.ok) {
      await this.#stores.afterSale.setCharge(c.id, { chargeStatus: 'declined' }, this.#clock.now());
      throw new DomainError('payment_declined', `${result.message} The item is unchanged.`, {
        declineCode: result.declineCode,
      });
    }
    await this.#stores.afterSale.setCharge(
      c.id,
      {
        chargeStatus: 'authorized',
        chargeTransactionId: result.authorizationId,
        methodBrand: result.method.brand,
        methodLast4: result.method.last4,
      },
      this.#clock.now(),
    );
  }

  async #capture(c: ItemChangeRecord): Promise<void> {
    await this.#gateway.capture(c.chargeTransactionId!, chargeKey(c, 'capture'));
    await this.#stores.afterSale.setCharge(c.id, { chargeStatus: 'captured' }, this.#clock.now());
  }

  /** The commit point: item → new hold, details, price, extras and terms; change → `swapped`. */
  async #swap(c: ItemChangeRecord, terms: ItemTerms, actor: string): Promise<void> {
    const now = this.#clock.now();
    const result = await this.#stores.afterSale.changeItems(c.tripId, now, ({ items }) => {
      const item = items.find((i) => i.id === c.itemId);
      if (!item || item.status !== 'confirmed' || holdIdOf(item) !== c.oldHoldId) {
        throw new DomainError(
          'invalid_transition',
          'The item changed meanwhile (cancelled or changed); it is left as it is.',
        );
      }
      // A changed trip is sold: nothing of it is held, so only the total moves, not a deadline.
      const { total_amount } = tripTotals(
        items.map((i) => (i.id === c.itemId ? { ...i, price_amount: terms.priceAmount } : i)),
        now.toISOString(),
      );
      return {
        trip: { total_amount },
        items: [
          {
            id: c.itemId,
            from: 'confirmed',
            details: terms.details,
            priceAmount: terms.priceAmount,
            extras: terms.extras,
            cancellationPolicy: terms.cancellationPolicy,
            holdId: c.newHoldId,
          },
        ],
        itemChange: { id: c.id, from: 'confirmed', to: 'swapped' },
        events: [
          {
            type: 'item.changed',
            itemId: c.itemId,
            actor,
            detail: {
              changeId: c.id,
              from: summary(c.itemType, c.oldItem.details),
              to: summary(c.itemType, terms.details),
              previousPrice: money(c.oldItem.priceAmount, c.currency),
              price: money(terms.priceAmount, c.currency),
            },
          },
        ],
      };
    });
    if (!result) throw notFound('Trip');
  }

  /** After the commit point: the old booking's units back, then a cheaper change's refund, then done. */
  async #finish(c: ItemChangeRecord): Promise<void> {
    const now = this.#clock.now();
    const at = now.toISOString();
    if (await this.#booking.cancel(c.itemType, c.oldHoldId, now, c.actor)) {
      this.#events.publish(availabilityChanged(c.itemType, c.oldItem.details, at));
    }
    this.#events.publish(availabilityChanged(c.itemType, c.newItem.details, at));
    const difference = c.newItem.priceAmount - c.oldItem.priceAmount;
    let refundStatus: AfterSaleRefundStatus = c.refundStatus;
    if (difference < 0 && refundStatus !== 'succeeded' && refundStatus !== 'failed') {
      refundStatus = await this.#refunds.refund({
        tripId: c.tripId,
        itemId: c.itemId,
        amount: money(-difference, c.currency),
        key: `refund:${c.tripId}:${c.itemId}:change:${c.id}`,
        reason: 'Changed to a cheaper option',
      });
      await this.#stores.afterSale.setChangeRefundStatus(c.id, refundStatus, this.#clock.now());
    }
    await this.#stores.afterSale.advanceChange(c.id, ['swapped'], 'completed', this.#clock.now());
    const record = await this.#stores.trips.findTrip(c.tripId);
    if (record) this.#events.publish(tripChanged(record, this.#clock.now().toISOString()));
  }

  /**
   * Undoes a change that did not reach its commit point: the new units go back (released if held,
   * cancelled if booked), the charge is voided (or refunded if captured), the change `compensated`.
   * The item never moved: it keeps its old units, details and price.
   */
  async #compensate(c: ItemChangeRecord, why: string): Promise<void> {
    if (!BEFORE_SWAP.includes(c.status)) return;
    const now = this.#clock.now();
    if (c.status !== 'compensating') {
      if (
        !(await this.#stores.afterSale.advanceChange(c.id, [c.status], 'compensating', now, { error: why }))
      )
        return;
    }
    const status = (await this.#booking.holdStatuses([{ id: c.newHoldId, type: c.itemType }])).get(
      c.newHoldId,
    );
    const back =
      status === 'held'
        ? await this.#booking.release(c.itemType, c.newHoldId, 'released', now, c.actor)
        : status === 'booked'
          ? await this.#booking.cancel(c.itemType, c.newHoldId, now, c.actor)
          : false;
    if (back) this.#events.publish(availabilityChanged(c.itemType, c.newItem.details, now.toISOString()));
    if (!(await this.#undoCharge((await this.#stores.afterSale.findChange(c.id))!))) return;
    await this.#stores.afterSale.advanceChange(c.id, ['compensating'], 'compensated', this.#clock.now());
  }

  /** The charge of a change that did not happen, given back; false when the gateway cannot say now. */
  async #undoCharge(c: ItemChangeRecord): Promise<boolean> {
    try {
      switch (c.chargeStatus) {
        case null:
        case 'declined':
        case 'voided':
          return true;
        case 'authorizing': {
          // The answer was lost: the same key gives the first outcome again.
          const again = await this.#gateway.authorize({
            amount: money(c.newItem.priceAmount - c.oldItem.priceAmount, c.currency),
            paymentMethodId: c.paymentMethod!,
            idempotencyKey: chargeKey(c, 'authorize'),
            description: `Change of item ${c.itemId} (trip ${c.tripId})`,
            metadata: { tripId: c.tripId },
          });
          if (!again.ok) {
            await this.#stores.afterSale.setCharge(c.id, { chargeStatus: 'declined' }, this.#clock.now());
            return true;
          }
          await this.#gateway.void(again.authorizationId, chargeKey(c, 'void'));
          await this.#stores.afterSale.setCharge(
            c.id,
            { chargeStatus: 'voided', chargeTransactionId: again.authorizationId },
            this.#clock.now(),
          );
          return true;
        }
        case 'authorized':
          await this.#gateway.void(c.chargeTransactionId!, chargeKey(c, 'void'));
          await this.#stores.afterSale.setCharge(c.id, { chargeStatus: 'voided' }, this.#clock.now());
          return true;
        case 'captured': {
          const left = c.chargedAmount - c.chargeRefundedAmount;
          if (left <= 0) return true;
          const key = `${chargeKey(c, 'unwind')}`;
          const record =
            (await this.#stores.afterSale.findSupplementRefundByKey(key)) ??
            (await this.#stores.afterSale.beginSupplementRefund({
              id: newId('srf'),
              changeId: c.id,
              amount: money(left, c.currency),
              reason: 'The change could not be made; its charge is given back.',
              idempotencyKey: key,
              now: this.#clock.now(),
            }));
          if (record.status !== 'pending') return true;
          const result = await this.#gateway.refund(c.chargeTransactionId!, record.amount, key);
          if (result.status === 'pending') return false;
          await this.#stores.afterSale.settleSupplementRefund(
            record.id,
            { status: result.status, gatewayRefundId: result.refundId },
            this.#clock.now(),
          );
          return true;
        }
      }
    } catch (err) {
      if (err instanceof PaymentGatewayUnavailableError) {
        this.#logger.warn({ err, changeId: c.id }, 'change: the gateway is unavailable; undoing later');
        return false;
      }
      if (err instanceof PaymentGatewayRefusedError) {
        // E.g. a void of something already captured elsewhere: look again on the next pass.
        this.#logger.error({ err, changeId: c.id }, 'change: the gateway refused to undo the charge');
        return false;
      }
      throw err;
    }
  }

  /** Only a confirmed item of a confirmed trip changes; not a stay in the house, not one being cancelled. */
  #refuseState(record: TripRecord, item: TripItemRow, at: string): void {
    const tripStatus = tripStatusAt(record.trip, record.items, at);
    const status = itemStatusAt(item, at);
    if (status !== 'confirmed' || tripStatus !== 'confirmed') {
      throw new DomainError(
        'invalid_transition',
        status === 'held'
          ? 'A held item is not changed: remove it and add what the customer wants.'
          : status === 'checked_in'
            ? 'The guest is checked in; a stay in the house is not changed here.'
            : `Only a paid item is changed; this one is ${status} (trip ${tripStatus}).`,
        { from: status },
      );
    }
  }

  async #refuseWhileBusy(tripId: string, itemId: string): Promise<void> {
    if ((await this.#stores.afterSale.unfinishedChangesOfItem(itemId)).length > 0) {
      throw new DomainError(
        'invalid_transition',
        'Another change of this item is being processed; try again shortly.',
      );
    }
    if (await this.#stores.paymentRecords.unfinishedSagaOfTrip(tripId)) {
      throw new DomainError(
        'invalid_transition',
        'A payment of this trip is being processed; try again shortly.',
      );
    }
  }

  /** The item as it would be sold with the change: the add-item request of the new units. */
  async #newRequest(item: TripItemRow, req: ChangeItemRequest): Promise<ResolvedItemRequest> {
    const d = item.details as Record<string, unknown>;
    const extras: ExtraRequest[] = (item.extras as { code: string; quantity: number }[]).map((e) => ({
      code: e.code,
      quantity: e.quantity,
    }));
    const kept = {
      ...(extras.length > 0 ? { extras } : {}),
      ...(item.special_requests ? { specialRequests: item.special_requests } : {}),
    };
    let request: Record<string, unknown>;
    switch (req.type) {
      case 'hotel': {
        if (req.roomTypeId !== undefined && req.roomTypeId !== d.roomTypeId) {
          const rt = await this.#stores.hotelHolds.roomTypeForSale(req.roomTypeId);
          if (!rt || rt.hotelId !== item.hotel_id) {
            throw validationFailed('A stay changes to a room type of the same hotel only.', [
              { path: 'body.roomTypeId', message: 'not a room type of this hotel' },
            ]);
          }
        }
        request = {
          type: 'hotel',
          roomTypeId: req.roomTypeId ?? d.roomTypeId,
          checkIn: req.checkIn ?? d.checkIn,
          checkOut: req.checkOut ?? d.checkOut,
          rooms: d.rooms,
          guests: d.guests,
          ...kept,
        };
        break;
      }
      case 'flight': {
        const passengers = d.passengers as { name: string; seat?: string }[];
        if (req.seats !== undefined && req.seats.length !== passengers.length) {
          throw validationFailed(`Give one seat per passenger (${passengers.length}).`, [
            { path: 'body.seats', message: `must list ${passengers.length} seats` },
          ]);
        }
        const names = checkedNames(passengers, req.passengerNames);
        const fareClass = req.fareClass ?? (d.fareClass as string);
        if (req.flightId !== undefined && req.flightId !== d.flightId) {
          const other = await this.#stores.flightHolds.fareClassForSale(req.flightId, fareClass);
          if (other && (other.origin !== d.from || other.destination !== d.to)) {
            throw validationFailed(
              `A flight changes to another flight from ${String(d.from)} to ${String(d.to)} only.`,
              [{ path: 'body.flightId', message: `flies ${other.origin} → ${other.destination}` }],
            );
          }
        }
        request = {
          type: 'flight',
          flightId: req.flightId ?? d.flightId,
          fareClass,
          passengers: passengers.map((p, i) => ({
            name: names[i]!,
            ...(req.seats?.[i] !== undefined ? { seat: req.seats[i] } : {}),
          })),
          ...kept,
        };
        break;
      }
      case 'car':
        request = {
          type: 'car',
          locationCode: d.locationCode,
          category: req.category ?? d.category,
          pickUp: req.pickUp ?? d.pickUp,
          dropOff: req.dropOff ?? d.dropOff,
          ...kept,
        };
        break;
    }
    // The same rules as a new item's (dates in order, a stay of at most so many nights...).
    const checked = AddItemRequestSchema.safeParse(request);
    // Built from the item as sold: guests and passengers' names are there, as a resolved request has them.
    if (checked.success) return checked.data as ResolvedItemRequest;
    const errors = checked.error.issues.map((i) => ({
      path: ['body', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw validationFailed(
      `The changed item is not valid: ${errors[0]!.path} ${errors[0]!.message}.`,
      errors,
    );
  }

  async #answer(c: ItemChangeRecord): Promise<ItemChangeResult> {
    const record = await this.#stores.trips.findTrip(c.tripId);
    if (!record) throw notFound('Trip');
    const at = this.#clock.now().toISOString();
    const trip = await withPayments(this.#stores, tripView(record, at));
    const item = record.items.find((i) => i.id === c.itemId)!;
    const difference = c.newItem.priceAmount - c.oldItem.priceAmount;
    const refund: Refund | undefined =
      difference < 0
        ? {
            amount: money(-difference, c.currency),
            status: c.refundStatus === 'none' ? 'pending' : c.refundStatus,
          }
        : undefined;
    return {
      trip,
      item: itemView(item, at) as Item,
      previousPrice: money(c.oldItem.priceAmount, c.currency),
      ...(difference > 0 ? { charged: money(difference, c.currency) } : {}),
      ...(refund ? { refund } : {}),
    };
  }
}

/** The names to sell under: the corrected ones (one per passenger), else the names as sold. */
function checkedNames(
  passengers: readonly { name: string }[],
  names: readonly string[] | undefined,
): string[] {
  if (names === undefined) return passengers.map((p) => p.name);
  if (names.length !== passengers.length) {
    throw validationFailed(`Give one name per passenger (${passengers.length}).`, [
      { path: 'body.passengerNames', message: `must list ${passengers.length} names` },
    ]);
  }
  return names.map((n) => n.trim());
}

/** The gateway key of one step of a change's own charge: one change, one charge, never twice. */
function chargeKey(c: Pick<ItemChangeRecord, 'tripId' | 'id'>, step: string): string {
  return `change:${c.tripId}:${c.id}:${step}`;
}

function termsOf(item: TripItemRow): ItemTerms {
  return {
    details: item.details,
    priceAmount: item.price_amount,
    extras: item.extras,
    cancellationPolicy: item.cancellation_policy,
  };
}

/** True when the quote is for exactly the units the item has (same dates, type, class, seats asked). */
function sameUnits(item: TripItemRow, quote: Quote): boolean {
  const d = item.details as Record<string, unknown>;
  const o = quote.order;
  switch (o.type) {
    case 'hotel':
      return o.roomTypeId === d.roomTypeId && o.checkIn === d.checkIn && o.checkOut === d.checkOut;
    case 'car':
      return o.category === d.category && o.pickUp === d.pickUp && o.dropOff === d.dropOff;
    case 'flight':
      return (
        o.flightId === d.flightId &&
        o.fareClass === d.fareClass &&
        o.seats.every((s) => s !== undefined) &&
        isDeepStrictEqual([...o.seats], d.seats)
      );
  }
}

/** What the history shows of the units before and after. */
function summary(type: string, d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  switch (type) {
    case 'hotel':
      return { roomTypeId: d.roomTypeId, checkIn: d.checkIn, checkOut: d.checkOut };
    case 'flight':
      return { flightId: d.flightId, flightNumber: d.flightNumber, fareClass: d.fareClass, seats: d.seats };
    default:
      return { category: d.category, pickUp: d.pickUp, dropOff: d.dropOff };
  }
}
