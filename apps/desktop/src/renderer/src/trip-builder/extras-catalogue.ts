import type { ExtraBasis, ExtraRequest, ItemType, OfferedExtra } from '@tripdesk/shared';

/**
 * The extras a hold may ask for, by catalogue code. The server prices them when the item is held (a
 * request never carries a price) and refuses a code it does not sell. A search row lists what its hotel,
 * flight or location sells (`deskOffer`); the built-in extras are named here for a dialog opened
 * without one, with the desk's shorter names.
 */
export interface ExtraOffer {
  readonly code: string;
  readonly name: string;
  /** How the quantity is bounded, in words for the field's hint. */
  readonly per: string;
  readonly max: (size: { rooms: number; guests: number; passengers: number }) => number;
}

export const EXTRAS_BY_TYPE: Readonly<Record<ItemType, readonly ExtraOffer[]>> = {
  hotel: [
    {
      code: 'breakfast',
      name: 'Breakfast',
      per: 'per guest, every night',
      max: ({ rooms, guests }) => rooms * guests,
    },
    { code: 'late_checkout', name: 'Late check-out until 14:00', per: 'per room', max: ({ rooms }) => rooms },
  ],
  flight: [
    {
      code: 'extra_bag',
      name: 'Extra checked bag, 23 kg',
      per: 'per passenger',
      max: ({ passengers }) => passengers,
    },
    {
      code: 'travel_insurance',
      name: 'Travel insurance',
      per: 'per passenger',
      max: ({ passengers }) => passengers,
    },
  ],
  car: [
    { code: 'child_seat', name: 'Child seat', per: 'per day, up to 3', max: () => 3 },
    { code: 'additional_driver', name: 'Additional driver', per: 'per day, up to 3', max: () => 3 },
  ],
};

/** Quantities by code → the request's `extras`, leaving out those not asked for. */
export function extraRequests(quantities: Readonly<Record<string, number>>): ExtraRequest[] {
  return Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([code, quantity]) => ({ code, quantity }));
}

/** What one unit is, in the hint's words. */
const PER: Readonly<Record<ItemType, Partial<Record<ExtraBasis, string>>>> = {
  hotel: {
    'person-night': 'per guest, every night',
    person: 'per guest',
    night: 'per room, every night',
    stay: 'per room',
  },
  flight: { person: 'per passenger', stay: 'per booking' },
  car: { day: 'per day', stay: 'per rental' },
};

/** A search row's extra as the hold dialog offers it: the desk's name for a built-in one, the bound the search gave. */
export function deskOffer(itemType: ItemType, e: OfferedExtra): ExtraOffer {
  const known = EXTRAS_BY_TYPE[itemType].find((o) => o.code === e.code);
  const per = (e.basis && PER[itemType][e.basis]) ?? known?.per ?? 'each';
  const bound = e.basis === 'day' || (e.basis === 'stay' && itemType !== 'hotel');
  return {
    code: e.code,
    name: known?.name ?? e.name,
    per: bound && e.maxQuantity > 1 ? `${per}, up to ${e.maxQuantity}` : per,
    max: () => e.maxQuantity,
  };
}
