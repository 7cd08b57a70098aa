import type { ExtraRequest, ItemType } from '@tripdesk/shared';

/**
 * The extras a hold may ask for, by catalogue code. The server prices them when the item is held (a
 * request never carries a price) and refuses a code it does not sell; it has no endpoint listing its
 * catalogue yet, so the codes it sells today are named here, and the held item shows each extra with
 * the server's own name and price.
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
