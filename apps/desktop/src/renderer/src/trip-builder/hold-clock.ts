import { sumMoney, type Item, type Money, type Trip, type TripStatus } from '@tripdesk/shared';

/**
 * Whether a hold still stands, read on the server's clock. A hold is shown lost as soon as less than
 * one second of it is left: the shared clock ticks once a second, so a hold shown as standing is
 * standing until the next tick, and never shown as valid once the server would refuse it.
 */
export type HoldState =
  | { readonly kind: 'held'; readonly secondsLeft: number; readonly expiresAt: number }
  /** Held, but the server gave no expiry (an older server): shown without a countdown. */
  | { readonly kind: 'held-untimed' }
  | { readonly kind: 'lost' }
  /** Not a hold (confirmed, released, cancelled…). */
  | { readonly kind: 'none' };

export function holdSecondsLeft(expiresAt: number, now: number): number {
  return Math.floor((expiresAt - now) / 1000);
}

export function holdState(item: Pick<Item, 'status' | 'holdExpiresAt'>, now: number): HoldState {
  if (item.status === 'expired') return { kind: 'lost' };
  if (item.status !== 'held') return { kind: 'none' };
  if (!item.holdExpiresAt) return { kind: 'held-untimed' };
  const expiresAt = Date.parse(item.holdExpiresAt);
  const secondsLeft = holdSecondsLeft(expiresAt, now);
  return secondsLeft >= 1 ? { kind: 'held', secondsLeft, expiresAt } : { kind: 'lost' };
}

/** The items of a trip still held at `now`, and those whose hold ran out (swept or not). */
export function holdsOf(trip: Trip, now: number): { held: Item[]; lost: Item[] } {
  const held: Item[] = [];
  const lost: Item[] = [];
  for (const item of trip.items) {
    // Held again: its new item stands in for it, so it is neither held nor lost any more.
    if (item.heldAgainAs) continue;
    const state = holdState(item, now).kind;
    if (state === 'held' || state === 'held-untimed') held.push(item);
    else if (state === 'lost') lost.push(item);
  }
  return { held, lost };
}

/** When the customer must have paid by: the end of the first hold still running. */
export function paymentDeadline(trip: Trip, now: number): number | null {
  const ends = holdsOf(trip, now)
    .held.map((i) => (i.holdExpiresAt ? Date.parse(i.holdExpiresAt) : Number.NaN))
    .filter((t) => !Number.isNaN(t));
  return ends.length > 0 ? Math.min(...ends) : null;
}

/**
 * The trip's status as it stands on the clock now: a held trip whose every hold has run out reads
 * expired at once, before the server has been asked again.
 */
export function tripStatusNow(trip: Trip, now: number): TripStatus {
  if (trip.status !== 'held') return trip.status;
  const { held } = holdsOf(trip, now);
  const sold = trip.items.some(
    (i) => i.status === 'confirmed' || i.status === 'checked_in' || i.status === 'checked_out',
  );
  return held.length > 0 || sold ? 'held' : 'expired';
}

/** What paying now would charge: the items whose holds still stand (the server pays only those). */
export function payableNow(trip: Trip, now: number): Money {
  return sumMoney(
    holdsOf(trip, now).held.map((i) => i.price),
    trip.total.currency,
  );
}
