import { z } from 'zod';

/**
 * Trip and item statuses as data (ARCHITECTURE.md, conventions 4). The server checks every status
 * change against these tables, so a transition missing here is refused with `409 invalid_transition`
 * rather than slipping through some code path. The desktop reads the same tables to decide which
 * buttons to offer.
 */

export const TripStatusSchema = z
  .enum(['open', 'held', 'confirmed', 'completed', 'expired', 'cancelled'])
  .meta({
    id: 'TripStatus',
    description: 'Where a trip is in its life: open → held → confirmed → completed.',
  });
export type TripStatus = z.infer<typeof TripStatusSchema>;

export const ItemTypeSchema = z.enum(['hotel', 'flight', 'car']).meta({ id: 'ItemType' });
export type ItemType = z.infer<typeof ItemTypeSchema>;

export const ItemStatusSchema = z
  .enum(['held', 'confirmed', 'checked_in', 'checked_out', 'released', 'expired', 'cancelled'])
  .meta({
    id: 'ItemStatus',
    description:
      'held → confirmed → (hotel only: checked_in → checked_out); or released, expired, cancelled.',
  });
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

export const initialTripStatus = 'open' satisfies TripStatus;
export const initialItemStatus = 'held' satisfies ItemStatus;

/**
 * Allowed trip transitions, from → to[].
 * - open → held: an item was added (a hold placed).
 * - held → open: the last held item was removed; the trip is empty again and can be refilled.
 * - held → confirmed: paid.
 * - held → expired: a hold ran out before payment (the trip can no longer be paid as sold).
 * - expired → held: "Hold again" placed new holds for its lapsed items in the same trip.
 * - open | held → cancelled: the customer gave up before paying; holds go back.
 * - confirmed → cancelled: cancelled after payment, refunded by the cancellation policy.
 * - confirmed → completed: every item has been used (stays checked out, trips travelled).
 */
export const tripTransitions = {
  open: ['held', 'cancelled'],
  held: ['open', 'confirmed', 'expired', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  completed: [],
  expired: ['held'],
  cancelled: [],
} as const satisfies Record<TripStatus, readonly TripStatus[]>;

/** States a trip never leaves. */
export const terminalTripStatuses: readonly TripStatus[] = TripStatusSchema.options.filter(
  (s) => tripTransitions[s].length === 0,
);

/** Item exits every item type shares. */
const holdExits = ['confirmed', 'released', 'expired', 'cancelled'] as const;

/**
 * Allowed item transitions per item type, from → to[]. Only hotel stays check in and out; a
 * flight or car item never enters those states, so they are absent from its table.
 * - held → confirmed (trip paid), released (removed from the trip), expired (hold ran out),
 *   cancelled (trip cancelled while holding).
 * - confirmed → cancelled (trip cancelled after payment, including a no-show).
 * - hotel: confirmed → checked_in → checked_out. A guest in the house is not cancelled: an early
 *   departure is a check-out.
 */
export const itemTransitions = {
  hotel: {
    held: holdExits,
    confirmed: ['checked_in', 'cancelled'],
    checked_in: ['checked_out'],
    checked_out: [],
    released: [],
    expired: [],
    cancelled: [],
  },
  flight: {
    held: holdExits,
    confirmed: ['cancelled'],
    released: [],
    expired: [],
    cancelled: [],
  },
  car: {
    held: holdExits,
    confirmed: ['cancelled'],
    released: [],
    expired: [],
    cancelled: [],
  },
} as const satisfies Record<ItemType, Partial<Record<ItemStatus, readonly ItemStatus[]>>>;

/** The statuses an item of `type` can ever be in. */
export function itemStatusesOf(type: ItemType): ItemStatus[] {
  return ItemStatusSchema.options.filter((s) => Object.hasOwn(itemTransitions[type], s));
}

/** Own properties only: statuses read back from a database are plain strings, and `constructor` is not one. */
function itemExits(type: ItemType, from: ItemStatus): readonly ItemStatus[] | undefined {
  if (!Object.hasOwn(itemTransitions, type)) return undefined;
  const table: Partial<Record<ItemStatus, readonly ItemStatus[]>> = itemTransitions[type];
  return Object.hasOwn(table, from) ? table[from] : undefined;
}

/** States an item of each type never leaves. */
export const terminalItemStatuses: Readonly<Record<ItemType, readonly ItemStatus[]>> = {
  hotel: itemStatusesOf('hotel').filter((s) => itemExits('hotel', s)?.length === 0),
  flight: itemStatusesOf('flight').filter((s) => itemExits('flight', s)?.length === 0),
  car: itemStatusesOf('car').filter((s) => itemExits('car', s)?.length === 0),
};

export function canTransitionTrip(from: TripStatus, to: TripStatus): boolean {
  if (!Object.hasOwn(tripTransitions, from)) return false;
  const exits: readonly TripStatus[] = tripTransitions[from];
  return exits.includes(to);
}

export function canTransitionItem(type: ItemType, from: ItemStatus, to: ItemStatus): boolean {
  return itemExits(type, from)?.includes(to) ?? false;
}

/**
 * A refused status change. Maps to `409 invalid_transition`; it lives here, next to the tables,
 * so the server and tests name the same class.
 */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  readonly code = 'invalid_transition';
  readonly machine: 'trip' | 'item';
  readonly from: string;
  readonly to: string;
  readonly itemType: ItemType | undefined;
  constructor(machine: 'trip' | 'item', from: string, to: string, itemType?: ItemType) {
    const subject = machine === 'trip' ? 'trip' : `${itemType ?? ''} item`.trim();
    super(`a ${subject} cannot go from ${from} to ${to}`);
    this.machine = machine;
    this.from = from;
    this.to = to;
    this.itemType = itemType;
  }
}

export function assertTripTransition(from: TripStatus, to: TripStatus): void {
  if (!canTransitionTrip(from, to)) throw new InvalidTransitionError('trip', from, to);
}

export function assertItemTransition(type: ItemType, from: ItemStatus, to: ItemStatus): void {
  if (!canTransitionItem(type, from, to)) throw new InvalidTransitionError('item', from, to, type);
}
