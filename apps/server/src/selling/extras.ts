import {
  money,
  type Extra,
  type ExtraRequest,
  type FieldError,
  type ItemType,
  type Money,
  type OfferedExtra,
} from '@tripdesk/shared';

/**
 * The extras the desk sells with an item, priced here on the server: a request names an extra by code
 * and quantity, never by price. Amounts are minor units per currency; an extra is offered in the
 * currencies listed (the demo sells in USD), and asking for it on an item priced in another currency is
 * a validation error rather than a guessed conversion.
 */

/** What one unit of an extra is counted over, which also bounds how many may be asked for. */
type Basis =
  /** A guest's breakfast: per guest per night; at most guests × rooms. */
  | 'guest-night'
  /** Per room for the whole stay; at most the rooms held. */
  | 'room'
  /** Per passenger; at most the passengers. */
  | 'passenger'
  /** Per rental day; at most `max` at once. */
  | 'day';

interface ExtraOffer {
  readonly code: string;
  readonly name: string;
  readonly itemType: ItemType;
  readonly basis: Basis;
  /** For `day` extras: how many fit in one car. */
  readonly max?: number;
  readonly prices: Readonly<Record<string, number>>;
}

export const EXTRAS: readonly ExtraOffer[] = [
  {
    code: 'breakfast',
    name: 'Breakfast (per guest per night)',
    itemType: 'hotel',
    basis: 'guest-night',
    prices: { USD: 1800, EUR: 1600, GBP: 1500, JPY: 2500 },
  },
  {
    code: 'late_checkout',
    name: 'Late check-out until 14:00 (per room)',
    itemType: 'hotel',
    basis: 'room',
    prices: { USD: 4000, EUR: 3500, GBP: 3000, JPY: 5000 },
  },
  {
    code: 'extra_bag',
    name: 'Extra checked bag, 23 kg (per passenger)',
    itemType: 'flight',
    basis: 'passenger',
    prices: { USD: 4500, EUR: 4000, GBP: 3500, JPY: 6000 },
  },
  {
    code: 'travel_insurance',
    name: 'Travel insurance (per passenger)',
    itemType: 'flight',
    basis: 'passenger',
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

/**
 * Prices the requested extras of an item. Each line's `price` is one unit over the whole item (a
 * breakfast for one guest over every night), so `sum(price × quantity)` is what the extras add.
 */
export function priceExtras(requests: readonly ExtraRequest[], ctx: ExtrasContext): PricedExtras {
  const extras: Extra[] = [];
  const errors: FieldError[] = [];
  let total = 0;
  requests.forEach((req, i) => {
    const offer = EXTRAS.find((e) => e.code === req.code && e.itemType === ctx.itemType);
    const path = `body.extras.${i}`;
    if (!offer) {
      const codes = EXTRAS.filter((e) => e.itemType === ctx.itemType).map((e) => e.code);
      errors.push({
        path: `${path}.code`,
        message: `not an extra of ${ctx.itemType} items; one of ${codes.join(', ')}`,
      });
      return;
    }
    const unit = offer.prices[ctx.currency];
    if (unit === undefined) {
      errors.push({ path: `${path}.code`, message: `${offer.code} is not sold in ${ctx.currency}` });
      return;
    }
    const max = maxQuantity(offer, ctx);
    if (req.quantity > max) {
      errors.push({ path: `${path}.quantity`, message: `at most ${max} for this item` });
      return;
    }
    const perUnit = offer.basis === 'guest-night' || offer.basis === 'day' ? unit * ctx.days : unit;
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

function maxQuantity(offer: ExtraOffer, ctx: ExtrasContext): number {
  switch (offer.basis) {
    case 'guest-night':
      return ctx.guests * ctx.rooms;
    case 'room':
      return ctx.rooms;
    case 'passenger':
      return ctx.passengers;
    case 'day':
      return offer.max ?? 1;
  }
}

/**
 * The extras on sale with an item of this size, each priced as `priceExtras` would price one unit of it,
 * with the most one hold may ask for: what a search shows before anything is held.
 */
export function offeredExtras(ctx: ExtrasContext): OfferedExtra[] {
  return EXTRAS.filter((e) => e.itemType === ctx.itemType && e.prices[ctx.currency] !== undefined).map(
    (offer) => {
      const unit = offer.prices[ctx.currency]!;
      const perUnit = offer.basis === 'guest-night' || offer.basis === 'day' ? unit * ctx.days : unit;
      return {
        code: offer.code,
        name: offer.name,
        price: money(perUnit, ctx.currency),
        maxQuantity: maxQuantity(offer, ctx),
      };
    },
  );
}
