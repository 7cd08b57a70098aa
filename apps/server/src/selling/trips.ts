import {
  initialItemStatus,
  instantInZone,
  initialTripStatus,
  formatMoney,
  MAX_ITEMS_PER_TRIP,
  money,
  type HoldAgainItem,
  type HoldAgainResult,
  TRIP_LIST_MAX,
  type AddItemRequest,
  type CreateTripRequest,
  type SetTravellersRequest,
  type Item,
  type Trip,
  type TripEvent,
  type TripListQuery,
  type TripStatus,
  type User,
} from '@tripdesk/shared';
import { canActOnItem, requireTrip, tripListScope } from '../access/access.ts';
import type { Clock } from '../clock.ts';
import { DomainError, forbidden, notFound, rateLimited, validationFailed } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import type {
  NewTripEvent,
  NewTripItem,
  TripChange,
  TripEventRow,
  TripFilter,
  TripItemRow,
  TripRecord,
  TripRow,
} from '../stores/payments/trips.ts';
import { availabilityChanged, type HoldsService, type HoldOrder, type Quote } from './holds.ts';
import {
  parseTravellers,
  resolveItemRequest,
  travellerDetails,
  travellersOf,
  type ResolvedItemRequest,
} from './travellers.ts';
import { paymentView, refundView, withPayments } from '../paying/payment-view.ts';
import type { Metrics } from '../metrics.ts';
import { dialectOf } from '../stores/knex.ts';
import { DatabaseHoldQuota, ProcessHoldQuota, type HoldQuota } from './hold-quota.ts';
import {
  SOLD,
  UNCOUNTED,
  itemStatusAt,
  itemTransition,
  tripChanged,
  tripStatusAt,
  tripTotals,
  tripTransition,
} from './trip-status.ts';

/** Actor of the sweeper's changes in trip and inventory histories. */
export const SWEEPER_ACTOR = 'system:sweeper';

/** A trip with nothing in it yet still shows a total; it takes the currency of its first item. */
const EMPTY_TRIP_CURRENCY = 'USD';

/** Newest trips a list answers at most (the contract has no paging on this list). */

export interface TripsServiceOptions {
  readonly holdTtlSeconds: number;
  readonly maxActiveHoldsPerUser: number;
}

/**
 * Trips and their items across stores. Adding an item places the hold in its inventory store first
 * (one transaction there), then writes the item, the trip and its history in the payments store (one
 * transaction here); no transaction spans two stores. Every read treats a held item whose hold has run
 * out as expired, whether or not the sweeper has been by.
 */
export class TripsService {
  readonly #stores: Pick<Stores, 'trips' | 'paymentRecords' | 'afterSale'>;
  readonly #booking: HoldsService;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #opts: TripsServiceOptions;
  readonly #metrics: Metrics | undefined;
  readonly #quota: HoldQuota;

  constructor(
    stores: Pick<Stores, 'trips' | 'paymentRecords' | 'afterSale'>,
    booking: HoldsService,
    deps: { clock: Clock; events: EventBus; logger: Logger; metrics?: Metrics },
    opts: TripsServiceOptions,
  ) {
    this.#stores = stores;
    this.#booking = booking;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
    this.#opts = opts;
    this.#metrics = deps.metrics;
    // One process per SQLite data folder: its pending reservations can live in memory (hold-quota.ts).
    this.#quota =
      dialectOf(stores.trips.knex) === 'pg'
        ? new DatabaseHoldQuota(stores.trips)
        : new ProcessHoldQuota(stores.trips);
  }

  async create(user: User, req: CreateTripRequest): Promise<Trip> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const trip: TripRow = {
      id: newId('trp'),
      status: initialTripStatus,
      customer_name: req.customer.name,
      customer_email: req.customer.email,
      customer_phone: req.customer.phone ?? null,
      travellers: req.travellers?.length ? JSON.stringify(travellersOf(req.travellers, now)) : null,
      currency: null,
      total_amount: 0,
      hold_expires_at: null,
      created_by: user.id,
      created_at: at,
      updated_at: at,
      version: 0,
    };
    const record = await this.#stores.trips.createTrip(trip, {
      type: 'trip.created',
      actor: user.id,
      to: initialTripStatus,
    });
    this.#publishTrip(record, at);
    return tripView(record, at);
  }

  async get(user: User, tripId: string): Promise<Trip> {
    const view = tripView(await this.#visible(user, tripId), this.#clock.now().toISOString());
    // The payments live in their own records (pay saga); a paid trip shows them (API.md `payment`).
    return withPayments(this.#stores, view);
  }

  async list(user: User, query: TripListQuery): Promise<{ items: Trip[]; total: number }> {
    const at = this.#clock.now().toISOString();
    const deskScope = tripListScope(user);
    const q = query.q?.trim();
    const invoice = q && /^INV-\d{4}-\d{1,12}$/i.test(q) ? q.toUpperCase() : undefined;
    const { records, total } = await this.#stores.trips.listTrips({
      ...tripStatusFilter(query.status, at),
      ...(invoice ? { invoiceNumber: invoice } : q ? { q } : {}),
      ...(query.travelFrom ? { travelFrom: query.travelFrom } : {}),
      ...(query.travelTo ? { travelTo: query.travelTo } : {}),
      ...(query.destination ? { destination: query.destination } : {}),
      ...(query.soldBy ? { soldBy: query.soldBy } : {}),
      ...(deskScope ? { deskScope } : {}),
      limit: query.limit ?? TRIP_LIST_MAX,
      offset: query.offset ?? 0,
    });
    const payments = await this.#stores.paymentRecords.livePayments(records.map((r) => r.trip.id));
    const views = await Promise.all(
      records.map(async (r): Promise<Trip | undefined> => {
        try {
          const payment = paymentView(payments.get(r.trip.id));
          // Only trips with a cancelled item can have a refund: the others skip the look-up.
          const refund = r.items.some((i) => i.status === 'cancelled')
            ? await refundView(this.#stores.afterSale, r.trip.id)
            : undefined;
          return { ...tripView(r, at), ...(payment ? { payment } : {}), ...(refund ? { refund } : {}) };
        } catch (err) {
          // One record that cannot be shown must not take the whole list down for every user.
          this.#logger.error({ err, tripId: r.trip.id }, 'a trip could not be shown; left out of the list');
          return undefined;
        }
      }),
    );
    return { items: views.filter((t): t is Trip => t !== undefined), total };
  }

  /**
   * Replaces the trip's travellers (open or held trips): kept ids stay, new ones get ids. The history
   * records how many, never who nor their documents.
   */
  async setTravellers(user: User, tripId: string, req: SetTravellersRequest): Promise<Trip> {
    const now = this.#clock.now();
    const at = now.toISOString();
    await this.#visible(user, tripId);
    const result = await this.#stores.trips.changeTrip(tripId, now, ({ trip, items }) => {
      const status = tripStatusAt(trip, items, at);
      if (status !== 'open' && status !== 'held') {
        throw new DomainError(
          'invalid_transition',
          `The travellers of a ${status} trip stay as they were sold; change them on an open or held trip.`,
        );
      }
      const travellers = travellersOf(req.travellers, now, parseTravellers(trip.travellers));
      return {
        trip: { travellers: travellers.length > 0 ? JSON.stringify(travellers) : null },
        events: [{ type: 'trip.travellers_set', actor: user.id, detail: { count: travellers.length } }],
      };
    });
    if (!result) throw notFound('Trip');
    this.#publishTrip(result.record, at);
    return this.get(user, tripId);
  }

  /**
   * Places the hold, then records the item. 404 outside the caller's scope, 409 when the trip's state
   * does not take items, 403 for a front desk outside its hotel, 429 over the per-user cap, 409
   * `sold_out` / `seat_taken` when the units are not there (and then nothing is held).
   */
  async addItem(user: User, tripId: string, req: AddItemRequest): Promise<Item> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#visible(user, tripId);
    acceptsItems(record.trip, record.items, at);
    const resolved = resolveItemRequest(req, parseTravellers(record.trip.travellers));
    const quote = await this.#booking.quote(user, resolved, now);
    checkCurrency(record.items, at, quote.price.currency);
    checkTripSize(record.items, quote.price.amount);

    const itemId = newId('itm');
    const expiresAt = new Date(now.getTime() + this.#opts.holdTtlSeconds * 1000).toISOString();
    // The user's units are reserved before anything is held: over the cap, nothing is held at all.
    await this.#reserveUnits(user, itemId, unitsOfOrder(quote.order), now);
    let placed: Awaited<ReturnType<HoldsService['place']>>;
    try {
      placed = await this.#booking.place(itemId, quote, now, new Date(expiresAt), user.id);
    } catch (err) {
      await this.#dropReservation(itemId);
      throw err;
    }

    let result: { record: TripRecord; changed: boolean } | undefined;
    try {
      result = await this.#stores.trips.changeTrip(tripId, now, ({ trip, items }) => {
        // Decided again under the trip's lock: another request may have changed the trip meanwhile.
        acceptsItems(trip, items, at);
        checkCurrency(items, at, quote.price.currency);
        checkTripSize(items, quote.price.amount);
        const item: NewTripItem = {
          id: itemId,
          trip_id: tripId,
          type: quote.order.type,
          status: initialItemStatus,
          price_amount: quote.price.amount,
          currency: quote.price.currency,
          hold_expires_at: expiresAt,
          hotel_id: quote.hotelId,
          created_by: user.id,
          details: travellerDetails(resolved, placed.details),
          extras: quote.extras,
          special_requests: quote.specialRequests,
          cancellation_policy: quote.cancellationPolicy,
          created_at: at,
        };
        const after: TripItemRow[] = [...items, { ...item, position: items.length + 1, updated_at: at }];
        const from = tripStatusAt(trip, items, at);
        // A paid trip stays confirmed: the added item is held on it and paid by itself.
        const to: TripStatus = from === 'confirmed' ? 'confirmed' : 'held';
        if (from !== to) tripTransition(from, to);
        return {
          trip: { ...tripTotals(after, at), currency: quote.price.currency, status: to },
          newItems: [item],
          events: [
            {
              type: 'item.held',
              itemId,
              actor: user.id,
              to: initialItemStatus,
              detail: { itemType: item.type, price: quote.price, holdExpiresAt: expiresAt },
            },
            ...(from !== to ? [{ type: `trip.${to}`, actor: user.id, from, to }] : []),
          ],
        };
      });
      if (!result) throw notFound('Trip');
    } catch (err) {
      // The payments store did not take the item: give the units back now. If even that fails, the hold
      // still runs out at its expiry and the sweeper returns the units; nothing is sold twice meanwhile.
      await this.#booking
        .release(quote.order.type, itemId, 'released', now, user.id)
        .catch((releaseErr: unknown) => {
          this.#logger.error(
            { err: releaseErr, itemId },
            'could not release the hold of an item not recorded',
          );
        });
      await this.#dropReservation(itemId);
      throw err;
    }
    // The item counts by itself now.
    this.#quota.recorded(itemId);
    this.#metrics?.holdPlaced(quote.order.type);
    this.#events.publish(availabilityChanged(quote.order.type, placed.details, at));
    this.#publishTrip(result.record, at);
    const item = result.record.items.find((i) => i.id === itemId)!;
    return itemView(item, at);
  }

  /**
   * "Hold again": every lapsed (expired) item of the trip not held again yet gets a new hold, as it was
   * sold, into the same trip, with one new deadline for all. Per item, not all or nothing, as a desk
   * expects: what can be held is held, the rest is said in words. A flight seat taken meanwhile is
   * replaced by another free seat of the same fare class. The old items stay `expired` (history); each
   * new item's `item.held` event names the one it replaces (`reheldFrom`), which is how an item is known
   * to be held again.
   */
  async holdAgain(user: User, tripId: string): Promise<HoldAgainResult> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#visible(user, tripId);
    const status = tripStatusAt(record.trip, record.items, at);
    const lapsed = lapsedItems(record, at).filter((i) => canActOnItem(user, i));
    if ((status !== 'expired' && status !== 'held') || lapsed.length === 0) {
      throw new DomainError(
        'invalid_transition',
        status === 'expired' || status === 'held'
          ? 'Nothing of this trip has lapsed: there is nothing to hold again.'
          : `A ${status} trip is not held again.`,
      );
    }
    const expiresAt = new Date(now.getTime() + this.#opts.holdTtlSeconds * 1000).toISOString();
    const outcomes: HoldAgainItem[] = [];
    const placed: { old: TripItemRow; itemId: string; quote: Quote; details: Record<string, unknown> }[] = [];
    let itemsSoFar = record.items.length;
    for (const old of lapsed) {
      const said = (outcome: HoldAgainItem['outcome'], message: string, newItemId?: string) =>
        outcomes.push({
          itemId: old.id,
          type: old.type,
          outcome,
          message,
          ...(newItemId ? { newItemId } : {}),
        });
      if (itemsSoFar >= MAX_ITEMS_PER_TRIP) {
        said(
          'unavailable',
          `The trip already has ${MAX_ITEMS_PER_TRIP} items; start a new trip for this one.`,
        );
        continue;
      }
      // The item as it was sold, its travellers (passengers' ids, the driver) kept.
      const request = requestOfItem(old);
      let quote: Quote;
      try {
        quote = await this.#booking.quote(user, request, now);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        said('unavailable', `${describeItem(old)} cannot be sold now: ${err.message}`);
        continue;
      }
      if (quote.price.currency !== old.currency) {
        said(
          'unavailable',
          `${describeItem(old)} is now priced in ${quote.price.currency}, not ${old.currency}.`,
        );
        continue;
      }
      const itemId = newId('itm');
      try {
        await this.#reserveUnits(user, itemId, unitsOfOrder(quote.order), now);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        said('unavailable', `${describeItem(old)} was not held: ${err.message}`);
        continue;
      }
      let details: Record<string, unknown>;
      try {
        details = {
          ...travellerDetails(
            request,
            (await this.#placeAgain(itemId, quote, now, new Date(expiresAt), user.id)).details,
          ),
        };
      } catch (err) {
        await this.#dropReservation(itemId);
        if (!(err instanceof DomainError) || !['sold_out', 'seat_taken', 'not_found'].includes(err.code)) {
          await this.#releaseAll(placed, now, user.id);
          throw err;
        }
        said('unavailable', `${describeItem(old)}: ${err.message.replace(/; nothing was held\.$/, '.')}`);
        continue;
      }
      placed.push({ old, itemId, quote, details });
      itemsSoFar += 1;
      const changes = changesInWords(old, details, quote);
      if (changes.length > 0) said('changed', `${changes.join('; ')}.`, itemId);
      else said('kept', `${describeItem(old)} held again as it was.`, itemId);
    }
    if (placed.length === 0) return { trip: tripView(record, at), items: outcomes };

    let result: { record: TripRecord; changed: boolean } | undefined;
    try {
      result = await this.#stores.trips.changeTrip(tripId, now, ({ trip, items }) => {
        // Decided again under the trip's lock: a "hold again" with another key (its new items) or a
        // cancel may have come first.
        const unchanged =
          items.length === record.items.length &&
          placed.every((p) => {
            const row = items.find((i) => i.id === p.old.id);
            return row !== undefined && itemStatusAt(row, at) === 'expired';
          });
        if (!unchanged) {
          throw new DomainError('invalid_transition', 'This trip was changed meanwhile; reload it.');
        }
        const from = tripStatusAt(trip, items, at);
        if (from !== 'held') tripTransition(from, 'held');
        const newItems: NewTripItem[] = placed.map((p) => ({
          id: p.itemId,
          trip_id: tripId,
          type: p.quote.order.type,
          status: initialItemStatus,
          price_amount: p.quote.price.amount,
          currency: p.quote.price.currency,
          hold_expires_at: expiresAt,
          hotel_id: p.quote.hotelId,
          created_by: user.id,
          details: p.details,
          extras: p.quote.extras,
          special_requests: p.quote.specialRequests,
          cancellation_policy: p.quote.cancellationPolicy,
          created_at: at,
        }));
        const after: TripItemRow[] = [
          ...items,
          ...newItems.map((n, k) => ({ ...n, position: items.length + k + 1, updated_at: at })),
        ];
        return {
          trip: { ...tripTotals(after, at), currency: placed[0]!.quote.price.currency, status: 'held' },
          newItems,
          events: [
            ...placed.map((p): NewTripEvent => ({
              type: 'item.held',
              itemId: p.itemId,
              actor: user.id,
              to: initialItemStatus,
              detail: {
                itemType: p.quote.order.type,
                price: p.quote.price,
                holdExpiresAt: expiresAt,
                reheldFrom: p.old.id,
              },
            })),
            ...(from !== 'held' ? [{ type: 'trip.held', actor: user.id, from, to: 'held' as const }] : []),
          ],
        };
      });
      if (!result) throw notFound('Trip');
    } catch (err) {
      await this.#releaseAll(placed, now, user.id);
      throw err;
    }
    for (const p of placed) {
      this.#quota.recorded(p.itemId);
      this.#metrics?.holdPlaced(p.quote.order.type);
      this.#events.publish(availabilityChanged(p.quote.order.type, p.details, at));
    }
    this.#publishTrip(result.record, at);
    return { trip: tripView(result.record, at), items: outcomes };
  }

  /** Places the hold; a flight whose seats were taken meanwhile gets other free seats of its fare class. */
  async #placeAgain(itemId: string, quote: Quote, now: Date, expiresAt: Date, actor: string) {
    try {
      return await this.#booking.place(itemId, quote, now, expiresAt, actor);
    } catch (err) {
      if (quote.order.type !== 'flight' || !(err instanceof DomainError) || err.code !== 'seat_taken')
        throw err;
      const taken = new Set((err.extra.seats as string[] | undefined) ?? []);
      const seats = quote.order.seats.map((s) => (s !== undefined && taken.has(s) ? undefined : s));
      return this.#booking.place(
        itemId,
        { ...quote, order: { ...quote.order, seats } },
        now,
        expiresAt,
        actor,
      );
    }
  }

  async #releaseAll(
    placed: readonly { itemId: string; quote: Quote }[],
    now: Date,
    actor: string,
  ): Promise<void> {
    for (const p of placed) {
      await this.#booking
        .release(p.quote.order.type, p.itemId, 'released', now, actor)
        .catch((err: unknown) => {
          this.#logger.error(
            { err, itemId: p.itemId },
            'could not release a hold placed again; it runs out by itself',
          );
        });
      await this.#dropReservation(p.itemId);
    }
  }

  /**
   * Removes a held item: the item is released in the payments store first, then its hold in the
   * inventory store. Should the second step fail, the units stay held until the hold's expiry, when the
   * sweeper frees them; the reverse order could leave a trip showing an item whose units are gone.
   */
  async removeItem(user: User, tripId: string, itemId: string): Promise<void> {
    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#visible(user, tripId);
    const found = record.items.find((i) => i.id === itemId);
    if (!found) throw notFound('Item');
    if (!canActOnItem(user, found)) {
      throw forbidden('The front desk changes its own hotel’s stays only.');
    }
    itemTransition(found.type, itemStatusAt(found, at), 'released');

    const result = await this.#stores.trips.changeTrip(tripId, now, ({ trip, items }) => {
      const item = items.find((i) => i.id === itemId);
      if (!item) throw notFound('Item');
      const from = itemStatusAt(item, at);
      itemTransition(item.type, from, 'released');
      const after = items.map((i) => (i.id === itemId ? { ...i, status: 'released' as const } : i));
      const tripFrom = tripStatusAt(trip, items, at);
      // A held trip with nothing held any more is open again; a paid trip stays confirmed.
      const tripTo: TripStatus =
        tripFrom !== 'held' || after.some((i) => itemStatusAt(i, at) === 'held') ? tripFrom : 'open';
      if (tripTo !== tripFrom) tripTransition(tripFrom, tripTo);
      return {
        trip: { ...tripTotals(after, at), status: tripTo },
        itemStatuses: [{ id: itemId, from: 'held', to: 'released' }],
        events: [
          { type: 'item.released', itemId, actor: user.id, from, to: 'released' },
          ...(tripTo !== tripFrom
            ? [{ type: `trip.${tripTo}`, actor: user.id, from: tripFrom, to: tripTo }]
            : []),
        ],
      };
    });
    if (!result) throw notFound('Trip');
    try {
      await this.#booking.release(found.type, itemId, 'released', now, user.id);
      this.#metrics?.holdReleased(found.type);
    } catch (err) {
      this.#logger.error({ err, itemId }, 'item released, but its hold stays until it expires');
    }
    this.#events.publish(availabilityChanged(found.type, found.details, at));
    this.#publishTrip(result.record, at);
  }

  /** For the sweeper: trips with held items whose holds have run out, by id after `after`. */
  tripsWithDueItems(now: Date, limit: number, after?: string): Promise<string[]> {
    return this.#stores.trips.tripsWithDueItems(now, limit, after);
  }

  /**
   * For the sweeper: marks the trip's held items whose hold ran out as expired, and the trip expired
   * when nothing of it is held or sold any more. Leaves alone an item whose hold the inventory store
   * reports `booked` (a payment confirmed it in time; the pay saga records that) and, on PostgreSQL, a
   * trip another instance is changing right now (SKIP LOCKED: it is picked up next time).
   */
  async expireDueItems(tripId: string, now: Date): Promise<{ expired: number; leftBooked: number }> {
    const at = now.toISOString();
    const before = await this.#stores.trips.findTrip(tripId);
    if (!before) return { expired: 0, leftBooked: 0 };
    const due = before.items.filter((i) => i.status === 'held' && i.hold_expires_at! <= at);
    const holds = await this.#booking.holdStatuses(due);
    const booked = new Set(due.filter((i) => holds.get(i.id) === 'booked').map((i) => i.id));

    let expired = 0;
    const result = await this.#stores.trips.changeTrip(
      tripId,
      now,
      ({ trip, items }) => {
        const expiring = items.filter(
          (i) => i.status === 'held' && i.hold_expires_at! <= at && !booked.has(i.id),
        );
        if (expiring.length === 0) return undefined;
        const ids = new Set(expiring.map((i) => i.id));
        for (const i of expiring) itemTransition(i.type, 'held', 'expired');
        const after = items.map((i) => (ids.has(i.id) ? { ...i, status: 'expired' as const } : i));
        const stillHeld = after.some((i) => i.status === 'held');
        const sold = after.some((i) => SOLD.includes(i.status));
        const tripTo: TripStatus = trip.status === 'held' && !stillHeld && !sold ? 'expired' : trip.status;
        if (tripTo !== trip.status) tripTransition(trip.status, tripTo);
        expired = expiring.length;
        const reason = { reason: 'hold_expired' };
        const change: TripChange = {
          trip: { ...tripTotals(after, at), status: tripTo },
          itemStatuses: expiring.map((i) => ({ id: i.id, from: 'held' as const, to: 'expired' as const })),
          events: [
            ...expiring.map((i): NewTripEvent => ({
              type: 'item.expired',
              itemId: i.id,
              actor: SWEEPER_ACTOR,
              from: 'held',
              to: 'expired',
              detail: reason,
            })),
            ...(tripTo !== trip.status
              ? [
                  {
                    type: `trip.${tripTo}`,
                    actor: SWEEPER_ACTOR,
                    from: trip.status,
                    to: tripTo,
                    detail: reason,
                  },
                ]
              : []),
          ],
        };
        return change;
      },
      { skipLocked: true },
    );
    if (result?.changed) this.#publishTrip(result.record, at);
    return { expired: result?.changed ? expired : 0, leftBooked: booked.size };
  }

  /** The trip if the caller may see it (API.md "Scope"); 404 otherwise, as for a trip that does not exist. */
  async #visible(user: User, tripId: string): Promise<TripRecord> {
    return requireTrip(user, await this.#stores.trips.findTrip(tripId));
  }

  /**
   * The per-user cap (MAX_ACTIVE_HOLDS_PER_USER), in units: rooms, seats, cars. One account cannot lock up
   * a flight or a hotel; 429 with the wait until its first hold runs out.
   */
  async #reserveUnits(user: User, itemId: string, units: number, now: Date): Promise<void> {
    const max = this.#opts.maxActiveHoldsPerUser;
    const result = await this.#quota.reserve({
      userId: user.id,
      itemId,
      units,
      max,
      now,
      pendingUntil: new Date(now.getTime() + RESERVATION_GRACE_SECONDS * 1000),
    });
    if (result.reserved) return;
    const wait = result.earliestExpiry
      ? Math.ceil((Date.parse(result.earliestExpiry) - now.getTime()) / 1000)
      : 1;
    throw rateLimited(
      Math.max(1, wait),
      `This account holds ${result.held} unit${result.held === 1 ? '' : 's'} (rooms, seats, cars) already; ` +
        `${units} more would pass the most one account may hold at once (${max}). ` +
        'Pay or remove some, or wait for a hold to run out.',
    );
  }

  async #dropReservation(itemId: string): Promise<void> {
    await this.#quota.release(itemId).catch((err: unknown) => {
      // It lapses by itself after RESERVATION_GRACE_SECONDS.
      this.#logger.warn({ err, itemId }, 'could not drop a hold reservation');
    });
  }

  #publishTrip(record: TripRecord, at: string): void {
    this.#events.publish(tripChanged(record, at));
  }
}

/** Expired items of the trip that no later item replaces (`reheldFrom` on its `item.held` event). */
function lapsedItems(record: Pick<TripRecord, 'items' | 'events'>, at: string): TripItemRow[] {
  const replaced = new Set(
    record.events
      .filter((e) => e.type === 'item.held')
      .map((e) => (e.detail as { reheldFrom?: unknown } | null)?.reheldFrom)
      .filter((id): id is string => typeof id === 'string'),
  );
  return record.items.filter((i) => itemStatusAt(i, at) === 'expired' && !replaced.has(i.id));
}

/** The add-item request that sells the item again as it was sold (seats asked for by their numbers). */
function requestOfItem(item: TripItemRow): ResolvedItemRequest {
  const d = item.details as Record<string, unknown>;
  const kept = {
    extras: (item.extras as { code: string; quantity: number }[]).map((e) => ({
      code: e.code,
      quantity: e.quantity,
    })),
    ...(item.special_requests ? { specialRequests: item.special_requests } : {}),
  };
  switch (item.type) {
    case 'hotel':
      return {
        type: 'hotel',
        roomTypeId: d.roomTypeId as string,
        checkIn: d.checkIn as string,
        checkOut: d.checkOut as string,
        rooms: d.rooms as number,
        guests: d.guests as number,
        ...kept,
      };
    case 'flight':
      return {
        type: 'flight',
        flightId: d.flightId as string,
        fareClass: d.fareClass as string,
        passengers: (d.passengers as { name: string; seat?: string; travellerId?: string }[]).map((p) => ({
          name: p.name,
          ...(p.seat ? { seat: p.seat } : {}),
          ...(p.travellerId ? { travellerId: p.travellerId } : {}),
        })),
        ...kept,
      };
    case 'car':
      return {
        type: 'car',
        locationCode: d.locationCode as string,
        category: d.category as string,
        pickUp: d.pickUp as string,
        dropOff: d.dropOff as string,
        ...(typeof d.driverTravellerId === 'string'
          ? { driverTravellerId: d.driverTravellerId, driver: d.driver as string }
          : {}),
        ...kept,
      };
  }
}

/** The item in a few words: "The stay at Harbour Hotel", "Flight TD101", "The car (CDMR at LHR)". */
function describeItem(item: TripItemRow): string {
  const d = item.details as Record<string, string | undefined>;
  switch (item.type) {
    case 'hotel':
      return `The stay at ${d.hotelName ?? 'the hotel'}`;
    case 'flight':
      return `Flight ${d.flightNumber ?? ''}`.trim();
    case 'car':
      return `The car (${d.category ?? ''} at ${d.locationCode ?? ''})`;
  }
}

/** What differs between the lapsed item and its new hold, one sentence part each. */
function changesInWords(old: TripItemRow, details: Record<string, unknown>, quote: Quote): string[] {
  const out: string[] = [];
  if (old.type === 'flight') {
    const before = (old.details as { seats?: string[] }).seats ?? [];
    const after = (details.seats as string[] | undefined) ?? [];
    before.forEach((seat, i) => {
      const instead = after[i];
      if (instead && instead !== seat) out.push(`Seat ${seat} was taken; ${instead} held instead`);
    });
  }
  if (quote.price.amount !== old.price_amount) {
    const was = formatMoney(money(old.price_amount, old.currency), 'en-US');
    out.push(`the price is now ${formatMoney(quote.price, 'en-US')} (was ${was})`);
  }
  if (out[0]) out[0] = out[0].charAt(0).toUpperCase() + out[0].slice(1);
  return out;
}

/**
 * The trip must be able to take a held item: open (→ held), already held, or paid (confirmed: the item is
 * added to the sold trip, held until it is paid by itself in a new pay round).
 */
function acceptsItems(trip: TripRow, items: readonly TripItemRow[], at: string): void {
  const status = tripStatusAt(trip, items, at);
  if (status === 'confirmed') return;
  // expired → held is "hold again" only (the lapsed items come back), never a new item on a lapsed trip.
  if (status === 'expired') {
    throw new DomainError(
      'invalid_transition',
      'This trip’s holds ran out: hold its items again, or start a new trip.',
    );
  }
  if (status !== 'held') tripTransition(status, 'held');
}

/**
 * How long the units reserved for a hold count before its item is recorded: placing the hold and
 * recording the item take milliseconds, so only a crash between the two leaves a reservation this long.
 */
const RESERVATION_GRACE_SECONDS = 120;

/** The units a hold takes against the per-user cap: rooms of a stay, seats on a flight, one car. */
function unitsOfOrder(order: HoldOrder): number {
  switch (order.type) {
    case 'hotel':
      return order.rooms;
    case 'flight':
      return order.seats.length;
    case 'car':
      return 1;
  }
}

/** At most MAX_ITEMS_PER_TRIP items, so that the trip's total stays exact (MAX_PRICE_MINOR). */
function checkTripSize(items: readonly TripItemRow[], price: number): void {
  if (items.length >= MAX_ITEMS_PER_TRIP) {
    throw new DomainError(
      'invalid_transition',
      `A trip holds at most ${MAX_ITEMS_PER_TRIP} items (released and expired ones count). Start a new trip.`,
    );
  }
  const total = items.reduce((sum, i) => sum + i.price_amount, 0) + price;
  if (!Number.isSafeInteger(total)) {
    throw validationFailed('The trip’s total would be too large to keep exact.', [
      { path: 'body', message: 'the trip total is too large' },
    ]);
  }
}

/** A trip is sold in one currency: that of the items counting in its total, when it has any. */
function checkCurrency(items: readonly TripItemRow[], at: string, currency: string): void {
  const counting = items.find((i) => !UNCOUNTED.includes(itemStatusAt(i, at)));
  if (counting && counting.currency !== currency) {
    throw validationFailed(`This trip is sold in ${counting.currency}; the item is priced in ${currency}.`, [
      { path: 'body', message: `priced in ${currency}, but the trip is sold in ${counting.currency}` },
    ]);
  }
}

/** The API's trip (API.md "Trips") as it stands at `at`. */
export function tripView(record: TripRecord, at: string): Trip {
  const { trip, items, events } = record;
  const { total_amount, hold_expires_at } = tripTotals(items, at);
  const heldAgainAs = new Map(
    events.flatMap((e) => {
      const from =
        e.type === 'item.held' ? (e.detail as { reheldFrom?: unknown } | null)?.reheldFrom : undefined;
      return typeof from === 'string' && e.item_id ? [[from, e.item_id] as const] : [];
    }),
  );
  const currency = items.find((i) => !UNCOUNTED.includes(itemStatusAt(i, at)))?.currency ?? trip.currency;
  const held = items.filter((i) => itemStatusAt(i, at) === 'held');
  return {
    id: trip.id,
    status: tripStatusAt(trip, items, at),
    customer: {
      name: trip.customer_name,
      email: trip.customer_email,
      ...(trip.customer_phone ? { phone: trip.customer_phone } : {}),
    },
    ...(trip.travellers ? { travellers: parseTravellers(trip.travellers) } : {}),
    items: items.map((i) => {
      const view = itemView(i, at);
      const again = heldAgainAs.get(i.id);
      return again ? { ...view, heldAgainAs: again } : view;
    }),
    total: money(total_amount, currency ?? EMPTY_TRIP_CURRENCY),
    ...(hold_expires_at ? { holdExpiresAt: hold_expires_at } : {}),
    ...(held.length > 0
      ? {
          amountDue: money(
            held.reduce((sum, i) => sum + i.price_amount, 0),
            held[0]!.currency,
          ),
        }
      : {}),
    createdBy: trip.created_by,
    createdAt: trip.created_at,
    updatedAt: trip.updated_at,
    ...travelOfTrip(items),
    events: events.map(eventView),
  };
}

/**
 * A trip's travel dates over its items (released ones left out) and where it goes: its hotels' cities,
 * else its first flight's arrival airport, else its car location.
 */
function travelOfTrip(
  items: readonly TripItemRow[],
): Pick<Trip, 'travelStart' | 'travelEnd' | 'destination'> {
  const kept = items.filter((i) => i.status !== 'released');
  const starts = kept.map((i) => i.travel_start).filter((d): d is string => !!d);
  const ends = kept.map((i) => i.travel_end).filter((d): d is string => !!d);
  const placesOf = (type: TripItemRow['type']) =>
    kept.filter((i) => i.type === type && i.destination).map((i) => i.destination!);
  const hotels = [...new Set(placesOf('hotel'))];
  const destination =
    hotels.length > 0 ? hotels.join(', ') : (placesOf('flight')[0] ?? placesOf('car')[0] ?? undefined);
  return {
    ...(starts.length > 0 ? { travelStart: starts.reduce((a, b) => (b < a ? b : a)) } : {}),
    ...(ends.length > 0 ? { travelEnd: ends.reduce((a, b) => (b > a ? b : a)) } : {}),
    ...(destination ? { destination } : {}),
  };
}

/**
 * A flight's instants as stored are UTC; shown with each airport's own offset when the item kept its
 * airports (flights held since airports had time zones).
 */
function localFlightTimes(details: Record<string, unknown>): Record<string, unknown> {
  const zone = (side: unknown) =>
    typeof side === 'object' && side !== null && 'timeZone' in side && typeof side.timeZone === 'string'
      ? side.timeZone
      : undefined;
  const from = zone(details.origin);
  const to = zone(details.destination);
  return {
    ...details,
    ...(from && typeof details.departureAt === 'string'
      ? { departureAt: instantInZone(details.departureAt, from) }
      : {}),
    ...(to && typeof details.arrivalAt === 'string'
      ? { arrivalAt: instantInZone(details.arrivalAt, to) }
      : {}),
  };
}

export function itemView(row: TripItemRow, at: string): Item {
  const status = itemStatusAt(row, at);
  const details = row.details as Record<string, unknown>;
  return {
    ...(row.type === 'flight' ? localFlightTimes(details) : details),
    id: row.id,
    type: row.type,
    status,
    price: money(row.price_amount, row.currency),
    ...(status === 'held' && row.hold_expires_at ? { holdExpiresAt: row.hold_expires_at } : {}),
    createdAt: row.created_at,
    ...(row.special_requests ? { specialRequests: row.special_requests } : {}),
    extras: row.extras as Item['extras'],
    ...(row.cancellation_policy
      ? { cancellationPolicy: row.cancellation_policy as Item['cancellationPolicy'] }
      : {}),
  } as Item;
}

function eventView(e: TripEventRow): TripEvent {
  return {
    at: e.at,
    type: e.type,
    actor: e.actor,
    ...(e.from_status ? { from: e.from_status as TripEvent['from'] } : {}),
    ...(e.to_status ? { to: e.to_status as TripEvent['to'] } : {}),
    ...(e.item_id ? { itemId: e.item_id } : {}),
    ...(e.detail ? { detail: JSON.stringify(e.detail) } : {}),
  };
}

/**
 * The status filter in stored statuses: a stored `held` trip reads as `expired` once nothing of it is held
 * or sold (tripStatusAt), so `held` and `expired` each take their part of the stored `held` trips.
 */
function tripStatusFilter(
  wanted: readonly TripStatus[] | undefined,
  at: string,
): Pick<TripFilter, 'statuses' | 'held'> {
  if (!wanted) return {};
  const wantsHeld = wanted.includes('held');
  const wantsExpired = wanted.includes('expired');
  if (wantsHeld && wantsExpired) return { statuses: wanted };
  const statuses = wanted.filter((s) => s !== 'held');
  if (!wantsHeld && !wantsExpired) return { statuses };
  return { statuses, held: { which: wantsHeld ? 'live' : 'lapsed', at, soldStatuses: SOLD } };
}
