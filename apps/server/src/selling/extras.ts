import {
  EXTRA_BASES,
  money,
  type Extra,
  type ExtraBasis,
  type ExtraOffer,
  type ExtrasCatalog,
  type ExtraRequest,
  type FieldError,
  type ItemType,
  type Money,
  type OfferedExtra,
  type SetExtrasCatalogRequest,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Stores } from '../stores/index.ts';
import type { ExtrasCatalogRepository } from '../stores/extras-catalog.ts';

/**
 * The extras the desk sells with an item, priced here on the server: a request names an extra by code
 * and quantity, never by price. Each hotel, flight and car location sells its admin's own list
 * (stores/extras-catalog.ts) or else the built-in one below, offered in the currencies listed; asking
 * for an extra on an item priced in another currency is a validation error rather than a guessed
 * conversion.
 */

/** A built-in extra: every hotel, flight or car location sells these until its admin sets its own list. */
interface BuiltInExtra {
  readonly code: string;
  readonly name: string;
  readonly itemType: ItemType;
  readonly basis: ExtraBasis;
  /** For `day` extras: how many fit in one car. */
  readonly max?: number;
  readonly prices: Readonly<Record<string, number>>;
}

export const EXTRAS: readonly BuiltInExtra[] = [
  {
    code: 'breakfast',
    name: 'Breakfast (per guest per night)',
    itemType: 'hotel',
    basis: 'person-night',
    prices: { USD: 1800, EUR: 1600, GBP: 1500, JPY: 2500 },
  },
  {
    code: 'late_checkout',
    name: 'Late check-out until 14:00 (per room)',
    itemType: 'hotel',
    basis: 'stay',
    prices: { USD: 4000, EUR: 3500, GBP: 3000, JPY: 5000 },
  },
  {
    code: 'extra_bag',
    name: 'Extra checked bag, 23 kg (per passenger)',
    itemType: 'flight',
    basis: 'person',
    prices: { USD: 4500, EUR: 4000, GBP: 3500, JPY: 6000 },
  },
  {
    code: 'travel_insurance',
    name: 'Travel insurance (per passenger)',
    itemType: 'flight',
    basis: 'person',
    prices: { USD: 2900, EUR: 2500, GBP: 2200, JPY: 4000 },
  },
  {
    code: 'child_seat',
    name: 'Child seat (per day)',
    itemType: 'car',
    basis: 'day',
    max: 3,
    prices: { USD: 1200, EUR: 1000, GBP: 900, JPY: 1500 },
  },
  {
    code: 'additional_driver',
    name: 'Additional driver (per day)',
    itemType: 'car',
    basis: 'day',
    max: 3,
    prices: { USD: 1500, EUR: 1300, GBP: 1200, JPY: 2000 },
  },
];

/** The size of the item the extras are priced against. */
export interface ExtrasContext {
  readonly itemType: ItemType;
  readonly currency: string;
  /** Nights of a stay or days of a rental; 0 for flights. */
  readonly days: number;
  readonly rooms: number;
  readonly guests: number;
  readonly passengers: number;
}

export type PricedExtras =
  | { readonly ok: true; readonly extras: Extra[]; readonly total: Money }
  | { readonly ok: false; readonly errors: FieldError[] };

/** The built-in list for an item type, in one currency (those not priced in it are left out). */
export function builtInOffers(itemType: ItemType, currency: string): ExtraOffer[] {
  return EXTRAS.filter((e) => e.itemType === itemType && e.prices[currency] !== undefined).map((e) => ({
    code: e.code,
    name: e.name,
    basis: e.basis,
    price: money(e.prices[currency]!, currency),
    ...(e.max !== undefined ? { maxQuantity: e.max } : {}),
  }));
}

/** Whether a unit's price runs per night or day of the item. */
const perDay = (basis: ExtraBasis) => basis === 'night' || basis === 'person-night' || basis === 'day';

/**
 * Prices the requested extras of an item from the offers it sells. Each line's `price` is one unit over
 * the whole item (a breakfast for one guest over every night), so `sum(price × quantity)` is what the
 * extras add.
 */
export function priceExtras(
  requests: readonly ExtraRequest[],
  ctx: ExtrasContext,
  offers: readonly ExtraOffer[],
): PricedExtras {
  const extras: Extra[] = [];
  const errors: FieldError[] = [];
  let total = 0;
  requests.forEach((req, i) => {
    const offer = offers.find((e) => e.code === req.code);
    const path = `body.extras.${i}`;
    if (!offer) {
      const codes = offers.map((e) => e.code);
      errors.push({
        path: `${path}.code`,
        message:
          codes.length > 0
            ? `not an extra of this ${ctx.itemType === 'car' ? 'rental' : ctx.itemType}; one of ${codes.join(', ')}`
            : `this ${ctx.itemType === 'car' ? 'rental' : ctx.itemType} sells no extras`,
      });
      return;
    }
    if (offer.price.currency !== ctx.currency) {
      errors.push({ path: `${path}.code`, message: `${offer.code} is not sold in ${ctx.currency}` });
      return;
    }
    const max = maxQuantity(offer, ctx);
    if (req.quantity > max) {
      errors.push({ path: `${path}.quantity`, message: `at most ${max} for this item` });
      return;
    }
    const unit = offer.price.amount;
    const perUnit = perDay(offer.basis) ? unit * ctx.days : unit;
    extras.push({
      code: offer.code,
      name: offer.name,
      price: money(perUnit, ctx.currency),
      quantity: req.quantity,
    });
    total += perUnit * req.quantity;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, extras, total: money(total, ctx.currency) };
}

/** The most of an extra one hold may ask for: the people or rooms it counts over, else its own limit. */
function maxQuantity(offer: ExtraOffer, ctx: ExtrasContext): number {
  const people = ctx.itemType === 'flight' ? ctx.passengers : ctx.guests * ctx.rooms;
  switch (offer.basis) {
    case 'person':
    case 'person-night':
      return people;
    case 'stay':
    case 'night':
      return ctx.itemType === 'hotel' ? ctx.rooms : (offer.maxQuantity ?? 1);
    case 'day':
      return offer.maxQuantity ?? 1;
  }
}

/**
 * The extras on sale with an item of this size, each priced as `priceExtras` would price one unit of it,
 * with the most one hold may ask for: what a search shows before anything is held.
 */
export function offeredExtras(ctx: ExtrasContext, offers: readonly ExtraOffer[]): OfferedExtra[] {
  return offers
    .filter((offer) => offer.price.currency === ctx.currency)
    .map((offer) => ({
      code: offer.code,
      name: offer.name,
      price: money(perDay(offer.basis) ? offer.price.amount * ctx.days : offer.price.amount, ctx.currency),
      maxQuantity: maxQuantity(offer, ctx),
      basis: offer.basis,
    }));
}

type ExtrasStores = Pick<Stores, 'extras'>;

/** Whose catalogue: a hotel (by id), a flight (by id) or a car location (by code). */
export type ExtrasOwner = { readonly itemType: ItemType; readonly id: string };

function repoOf(stores: ExtrasStores, itemType: ItemType): ExtrasCatalogRepository {
  return itemType === 'hotel'
    ? stores.extras.hotels
    : itemType === 'flight'
      ? stores.extras.flights
      : stores.extras.cars;
}

/** What the owner sells in `currency`, for a quote: its own list, else the built-in one. */
export async function ownerOffers(
  stores: ExtrasStores,
  owner: ExtrasOwner,
  currency: string,
): Promise<ExtraOffer[]> {
  return (await repoOf(stores, owner.itemType).catalog(owner.id)) ?? builtInOffers(owner.itemType, currency);
}

/** The same for a page of search results: one read for every owner in it. */
export async function ownersOffers(
  stores: ExtrasStores,
  itemType: ItemType,
  ids: readonly string[],
): Promise<(id: string, currency: string) => ExtraOffer[]> {
  const custom = await repoOf(stores, itemType).catalogs(ids);
  return (id, currency) => custom.get(id) ?? builtInOffers(itemType, currency);
}

/**
 * The catalogues: what each owner sells (its own list, else the built-in one in its currency), and an
 * admin's changes to them.
 */
export class ExtrasCatalogService {
  readonly #stores: ExtrasStores;
  readonly #clock: Clock;

  constructor(stores: ExtrasStores, clock: Clock) {
    this.#stores = stores;
    this.#clock = clock;
  }

  #repo(itemType: ItemType): ExtrasCatalogRepository {
    return repoOf(this.#stores, itemType);
  }

  async get(owner: ExtrasOwner): Promise<ExtrasCatalog> {
    const repo = this.#repo(owner.itemType);
    if (!(await repo.ownerExists(owner.id))) throw notFound(OWNER_WORDS[owner.itemType]);
    const own = await repo.catalog(owner.id);
    if (own) return { custom: true, items: own };
    return {
      custom: false,
      items: builtInOffers(owner.itemType, (await repo.ownerCurrency(owner.id)) ?? 'USD'),
    };
  }

  async set(owner: ExtrasOwner, req: SetExtrasCatalogRequest): Promise<ExtrasCatalog> {
    const repo = this.#repo(owner.itemType);
    if (!(await repo.ownerExists(owner.id))) throw notFound(OWNER_WORDS[owner.itemType]);
    const allowed = EXTRA_BASES[owner.itemType];
    const errors: FieldError[] = req.items.flatMap((e, i) =>
      allowed.includes(e.basis)
        ? []
        : [
            {
              path: `body.items.${i}.basis`,
              message: `one of ${allowed.join(', ')} for a ${OWNER_WORDS[owner.itemType].toLowerCase()}`,
            },
          ],
    );
    if (errors.length > 0)
      throw validationFailed(`The extras are not valid: ${errors[0]!.path} ${errors[0]!.message}.`, errors);
    return { custom: true, items: await repo.setCatalog(owner.id, req.items, this.#clock.now()) };
  }

  async reset(owner: ExtrasOwner): Promise<ExtrasCatalog> {
    const repo = this.#repo(owner.itemType);
    if (!(await repo.ownerExists(owner.id))) throw notFound(OWNER_WORDS[owner.itemType]);
    await repo.resetCatalog(owner.id);
    return this.get(owner);
  }
}

const OWNER_WORDS: Readonly<Record<ItemType, string>> = {
  hotel: 'Hotel',
  flight: 'Flight',
  car: 'Car location',
};
