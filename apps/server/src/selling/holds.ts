import {
  addDays,
  addMoney,
  compareDates,
  daysBetween,
  eachDate,
  money,
  multiplyMoney,
  todayIn,
  type AddCarItemRequest,
  type CancellationPolicy,
  type Extra,
  type FieldError,
  type ItemType,
  type Money,
  type User,
  taxLines,
} from '@tripdesk/shared';
import type { ResolvedItemRequest } from './travellers.ts';
import { refuseFrontDesk, worksAtHotel } from '../access/access.ts';
import { DomainError, forbidden, notFound, validationFailed } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { HoldRefusedError, type HoldEnd, type HoldStatus } from '../stores/holds.ts';
import type { Stores } from '../stores/index.ts';
import { carPolicy, flightPolicy, hotelPolicy } from '../after-sale/cancellation-policy.ts';
import { toAirport } from '../inventory/airports.ts';
import { ownerOffers, priceExtras } from './extras.ts';
import { ownerTaxRules } from './taxes.ts';

/** What to hold in which inventory store. */
export type HoldOrder =
  | {
      readonly type: 'hotel';
      readonly roomTypeId: string;
      readonly checkIn: string;
      readonly checkOut: string;
      readonly rooms: number;
    }
  | {
      readonly type: 'flight';
      readonly flightId: string;
      readonly fareClass: string;
      /** Per passenger: the seat asked for, or undefined to assign one. */
      readonly seats: readonly (string | undefined)[];
      /** As quoted: the hold is refused if an admin changed the times since. */
      readonly departureAt?: string;
    }
  | {
      readonly type: 'car';
      readonly locationCode: string;
      readonly category: string;
      readonly pickUp: string;
      readonly dropOff: string;
    };

/** An item priced and checked against the catalog, not yet held. */
export interface Quote {
  readonly order: HoldOrder;
  /** Base price plus extras: the price snapshot of the item. */
  readonly price: Money;
  readonly extras: readonly Extra[];
  readonly cancellationPolicy: CancellationPolicy;
  /** The hotel of a stay; null for flights and cars. */
  readonly hotelId: string | null;
  /** The item's type fields as sold (API.md item); a flight's seats are filled in by the hold. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly specialRequests: string | null;
}

export interface PlacedHold {
  readonly details: Readonly<Record<string, unknown>>;
}

type InventoryStores = Pick<
  Stores,
  'hotelHolds' | 'flightHolds' | 'carHolds' | 'flights' | 'extras' | 'taxes'
>;

/**
 * The booking engine over the three inventory stores: prices and checks an item against the catalog,
 * then places, confirms, releases or cancels its hold in the store that sells it. Each call is one
 * transaction in one store; crossing stores is the caller's (TripsService) business.
 */
export class HoldsService {
  readonly #stores: InventoryStores;

  constructor(stores: InventoryStores) {
    this.#stores = stores;
  }

  /**
   * Checks the request against the catalog and the caller's scope, and prices it: 404 for an unknown
   * unit, 403 when a front desk asks for anything but its own hotel's rooms, 400 for what the catalog
   * refuses (too many guests, a date already past, a seat of another class, an extra not sold).
   */
  async quote(user: User, req: ResolvedItemRequest, now: Date): Promise<Quote> {
    switch (req.type) {
      case 'hotel':
        return this.#quoteStay(user, req, now);
      case 'flight':
        return this.#quoteFlight(user, req, now);
      case 'car':
        return this.#quoteCar(user, req, now);
    }
  }

  /**
   * Places the quoted hold under `itemId`, all or nothing: 409 `sold_out` or `seat_taken` (and nothing
   * held) when the units are not there.
   */
  async place(itemId: string, quote: Quote, now: Date, expiresAt: Date, actor: string): Promise<PlacedHold> {
    const o = quote.order;
    try {
      switch (o.type) {
        case 'hotel':
          await this.#stores.hotelHolds.placeHold({ id: itemId, ...o, expiresAt, now, actor });
          return { details: quote.details };
        case 'car':
          await this.#stores.carHolds.placeHold({ id: itemId, ...o, expiresAt, now, actor });
          return { details: quote.details };
        case 'flight': {
          const hold = await this.#stores.flightHolds.placeHold({ id: itemId, ...o, expiresAt, now, actor });
          const names = (quote.details.passengers as { name: string }[]).map((p) => p.name);
          return {
            details: {
              ...quote.details,
              passengers: names.map((name, i) => ({ name, seat: hold.seats[i] })),
              seats: hold.seats,
            },
          };
        }
      }
    } catch (err) {
      if (err instanceof HoldRefusedError) throw refusalError(err, o.type);
      throw err;
    }
  }

  /** held → `reason`; the units go back at once. False when the hold was not held (idempotent). */
  release(type: ItemType, itemId: string, reason: HoldEnd, now: Date, actor: string): Promise<boolean> {
    return this.#repo(type).releaseHold(itemId, reason, now, actor);
  }

  /** held → booked, only before the hold's expiry; for the pay saga. */
  confirm(type: ItemType, itemId: string, now: Date, actor: string): Promise<boolean> {
    return this.#repo(type).confirmHold(itemId, now, actor);
  }

  /** booked → cancelled; for the cancel flow. */
  cancel(type: ItemType, itemId: string, now: Date, actor: string): Promise<boolean> {
    return this.#repo(type).cancelBooking(itemId, now, actor);
  }

  /** The inventory status of each item's hold (absent: no hold under that id). */
  async holdStatuses(items: readonly { id: string; type: ItemType }[]): Promise<Map<string, HoldStatus>> {
    const out = new Map<string, HoldStatus>();
    for (const type of ['hotel', 'flight', 'car'] as const) {
      const ids = items.filter((i) => i.type === type).map((i) => i.id);
      if (ids.length === 0) continue;
      for (const [id, status] of await this.#repo(type).holdStatuses(ids)) out.set(id, status);
    }
    return out;
  }

  #repo(type: ItemType) {
    switch (type) {
      case 'hotel':
        return this.#stores.hotelHolds;
      case 'flight':
        return this.#stores.flightHolds;
      case 'car':
        return this.#stores.carHolds;
    }
  }

  async #quoteStay(
    user: User,
    req: Extract<ResolvedItemRequest, { type: 'hotel' }>,
    now: Date,
  ): Promise<Quote> {
    const rt = await this.#stores.hotelHolds.roomTypeForSale(req.roomTypeId);
    if (!rt) throw notFound('Room type');
    if (!worksAtHotel(user, rt.hotelId)) {
      throw forbidden('The front desk books walk-ins into its own hotel’s rooms only.');
    }
    const errors: FieldError[] = [];
    if (req.guests > rt.maxOccupancy) {
      errors.push({
        path: 'body.guests',
        message: `at most ${rt.maxOccupancy} guests per room of this type`,
      });
    }
    const today = todayIn(rt.timezone, now);
    if (compareDates(req.checkIn, today) < 0) {
      errors.push({ path: 'body.checkIn', message: `must not be before today at the hotel (${today})` });
    }
    const nights = daysBetween(req.checkIn, req.checkOut);
    const rate = money(rt.nightlyRateAmount, rt.currency);
    const offers = await ownerOffers(this.#stores, { itemType: 'hotel', id: rt.hotelId }, rt.currency);
    const extras = priceExtras(
      req.extras ?? [],
      {
        itemType: 'hotel',
        currency: rt.currency,
        days: nights,
        rooms: req.rooms,
        guests: req.guests,
        passengers: 0,
      },
      offers,
    );
    if (!extras.ok) errors.push(...extras.errors);
    if (errors.length > 0 || !extras.ok) throw invalid(errors);
    const base = addMoney(multiplyMoney(rate, nights * req.rooms), extras.total);
    const taxes = taxLines(await ownerTaxRules(this.#stores, { itemType: 'hotel', id: rt.hotelId }), {
      itemType: 'hotel',
      price: base,
      nights,
      days: nights,
      rooms: req.rooms,
      people: req.guests * req.rooms,
    });
    return {
      order: {
        type: 'hotel',
        roomTypeId: rt.roomTypeId,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
      },
      price: money(base.amount + taxes.added, base.currency),
      extras: extras.extras,
      cancellationPolicy: hotelPolicy({
        checkIn: req.checkIn,
        timezone: rt.timezone,
        firstNight: multiplyMoney(rate, req.rooms),
      }),
      hotelId: rt.hotelId,
      details: {
        hotelId: rt.hotelId,
        hotelName: rt.hotelName,
        hotelCity: rt.hotelCity,
        roomTypeId: rt.roomTypeId,
        roomTypeName: rt.roomTypeName,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
        guests: req.guests,
        ...(taxes.lines.length > 0 ? { taxes: taxes.lines } : {}),
      },
      specialRequests: req.specialRequests || null,
    };
  }

  async #quoteFlight(
    user: User,
    req: Extract<ResolvedItemRequest, { type: 'flight' }>,
    now: Date,
  ): Promise<Quote> {
    refuseFrontDesk(user, 'The front desk books its own hotel’s rooms only, not flights.');
    const fc = await this.#stores.flightHolds.fareClassForSale(req.flightId, req.fareClass);
    if (!fc) throw notFound('Flight or fare class');
    const airports = await this.#stores.flights.findAirports([fc.origin, fc.destination]);
    const origin = airports.get(fc.origin);
    const destination = airports.get(fc.destination);
    const errors: FieldError[] = [];
    if (fc.departureAt <= now.toISOString()) errors.push({ path: 'body.flightId', message: 'has departed' });
    const inClass = new Set(fc.seats);
    req.passengers.forEach((p, i) => {
      if (p.seat !== undefined && !inClass.has(p.seat)) {
        errors.push({ path: `body.passengers.${i}.seat`, message: `is not a seat of fare class ${fc.code}` });
      }
    });
    const n = req.passengers.length;
    const offers = await ownerOffers(this.#stores, { itemType: 'flight', id: fc.flightId }, fc.currency);
    const extras = priceExtras(
      req.extras ?? [],
      { itemType: 'flight', currency: fc.currency, days: 0, rooms: 0, guests: 0, passengers: n },
      offers,
    );
    if (!extras.ok) errors.push(...extras.errors);
    if (errors.length > 0 || !extras.ok) throw invalid(errors);
    const beforeTaxes = addMoney(multiplyMoney(money(fc.priceAmount, fc.currency), n), extras.total);
    const taxes = taxLines(await ownerTaxRules(this.#stores, { itemType: 'flight', id: fc.flightId }), {
      itemType: 'flight',
      price: beforeTaxes,
      nights: 0,
      days: 0,
      rooms: 0,
      people: n,
    });
    const price = money(beforeTaxes.amount + taxes.added, beforeTaxes.currency);
    return {
      order: {
        type: 'flight',
        flightId: fc.flightId,
        fareClass: fc.code,
        seats: req.passengers.map((p) => p.seat),
        departureAt: fc.departureAt,
      },
      price,
      extras: extras.extras,
      // The fee is of the fare and extras (as the search quotes it); the taxes are not the airline's to keep.
      cancellationPolicy: flightPolicy({
        fareClass: fc.code,
        departureAt: fc.departureAt,
        price: beforeTaxes,
      }),
      hotelId: null,
      details: {
        flightId: fc.flightId,
        flightNumber: fc.flightNumber,
        from: fc.origin,
        to: fc.destination,
        departureAt: fc.departureAt,
        arrivalAt: fc.arrivalAt,
        // Kept as sold, so the trip shows local times at each airport (itemView) without a lookup.
        ...(origin ? { origin: toAirport(origin) } : {}),
        ...(destination ? { destination: toAirport(destination) } : {}),
        fareClass: fc.code,
        passengers: req.passengers.map((p) => ({ name: p.name })),
        seats: [],
        ...(taxes.lines.length > 0 ? { taxes: taxes.lines } : {}),
      },
      specialRequests: req.specialRequests || null,
    };
  }

  async #quoteCar(user: User, req: AddCarItemRequest, now: Date): Promise<Quote> {
    refuseFrontDesk(user, 'The front desk books its own hotel’s rooms only, not cars.');
    const fleet = await this.#stores.carHolds.fleetForSale(req.locationCode, req.category);
    if (!fleet) throw notFound('Car category at this location');
    const errors: FieldError[] = [];
    // Locations carry no time zone: "today" somewhere on Earth is at most a day behind UTC's.
    const earliest = addDays(todayIn('UTC', now), -1);
    if (compareDates(req.pickUp, earliest) < 0) {
      errors.push({ path: 'body.pickUp', message: 'must not be in the past' });
    }
    const days = daysBetween(req.pickUp, req.dropOff);
    const offers = await ownerOffers(
      this.#stores,
      { itemType: 'car', id: fleet.locationCode },
      fleet.currency,
    );
    const extras = priceExtras(
      req.extras ?? [],
      { itemType: 'car', currency: fleet.currency, days, rooms: 0, guests: 0, passengers: 0 },
      offers,
    );
    if (!extras.ok) errors.push(...extras.errors);
    if (errors.length > 0 || !extras.ok) throw invalid(errors);
    const base = addMoney(multiplyMoney(money(fleet.dailyRateAmount, fleet.currency), days), extras.total);
    const taxes = taxLines(await ownerTaxRules(this.#stores, { itemType: 'car', id: fleet.locationCode }), {
      itemType: 'car',
      price: base,
      nights: 0,
      days,
      rooms: 0,
      people: 0,
    });
    return {
      order: {
        type: 'car',
        locationCode: fleet.locationCode,
        category: fleet.category,
        pickUp: req.pickUp,
        dropOff: req.dropOff,
      },
      price: money(base.amount + taxes.added, base.currency),
      extras: extras.extras,
      cancellationPolicy: carPolicy({ pickUp: req.pickUp }),
      hotelId: null,
      details: {
        locationCode: fleet.locationCode,
        category: fleet.category,
        pickUp: req.pickUp,
        dropOff: req.dropOff,
        ...(taxes.lines.length > 0 ? { taxes: taxes.lines } : {}),
      },
      specialRequests: req.specialRequests || null,
    };
  }
}

/** The availability.changed event of an item's unit, from the item's details as sold. */
export function availabilityChanged(
  type: ItemType,
  details: Readonly<Record<string, unknown>>,
  at: string,
): DomainEvent {
  const d = details as Record<string, string>;
  switch (type) {
    case 'hotel':
      return {
        type: 'availability.changed',
        store: 'hotels',
        hotelId: d.hotelId!,
        roomTypeId: d.roomTypeId!,
        dates: eachDate(d.checkIn!, d.checkOut!),
        at,
      };
    case 'flight':
      return {
        type: 'availability.changed',
        store: 'flights',
        flightId: d.flightId!,
        fareClass: d.fareClass!,
        at,
      };
    case 'car':
      return {
        type: 'availability.changed',
        store: 'cars',
        locationCode: d.locationCode!,
        category: d.category!,
        dates: eachDate(d.pickUp!, d.dropOff!),
        at,
      };
  }
}

function invalid(errors: FieldError[]): DomainError {
  const first = errors[0];
  return validationFailed(
    `${errors.length} problem${errors.length === 1 ? '' : 's'} with the body${first ? `: ${first.path} ${first.message}` : ''}.`,
    errors,
  );
}

function refusalError(err: HoldRefusedError, type: ItemType): DomainError {
  const r = err.refusal;
  switch (r.reason) {
    case 'unknown_unit':
      return notFound(
        type === 'hotel' ? 'Room type' : type === 'flight' ? 'Flight or fare class' : 'Car category',
      );
    case 'sold_out': {
      const what =
        type === 'hotel'
          ? 'rooms of this type'
          : type === 'flight'
            ? 'seats in this fare class'
            : 'cars of this category';
      return new DomainError(
        'sold_out',
        `Not enough ${what} left${r.date ? ` on ${r.date}` : ''}; nothing was held.`,
        r.date ? { date: r.date } : {},
      );
    }
    case 'seat_taken':
      return new DomainError(
        'seat_taken',
        `Seat${r.seats.length === 1 ? '' : 's'} ${r.seats.join(', ')} ${r.seats.length === 1 ? 'is' : 'are'} held or booked; nothing was held.`,
        { seats: r.seats },
      );
    case 'seat_not_in_class':
      return invalid(
        r.seats.map((s) => ({ path: 'body.passengers', message: `seat ${s} is not in this fare class` })),
      );
    case 'retired':
      return new DomainError(
        'closed_to_sale',
        `${type === 'hotel' ? 'This room type or its hotel' : type === 'flight' ? 'This flight or fare class' : 'This car location'} is retired and no longer sold; nothing was held.`,
      );
    case 'closed_to_sale': {
      const what =
        type === 'hotel'
          ? 'Rooms of this type are'
          : type === 'flight'
            ? 'This fare class is'
            : 'Cars of this category are';
      return new DomainError('closed_to_sale', `${what} closed to sale on ${r.date}; nothing was held.`, {
        date: r.date,
      });
    }
    case 'times_changed':
      return new DomainError(
        'invalid_transition',
        'The flight’s times were changed while it was being booked; nothing was held. Search again.',
      );
  }
}
