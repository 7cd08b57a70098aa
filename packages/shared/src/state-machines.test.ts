import { describe, expect, it } from 'vitest';
import type { ItemStatus, ItemType, TripStatus } from './state-machines.ts';
import {
  assertItemTransition,
  assertTripTransition,
  canTransitionItem,
  canTransitionTrip,
  initialItemStatus,
  initialTripStatus,
  InvalidTransitionError,
  itemStatusesOf,
  ItemStatusSchema,
  itemTransitions,
  ItemTypeSchema,
  terminalItemStatuses,
  terminalTripStatuses,
  tripTransitions,
  TripStatusSchema,
} from './state-machines.ts';

/** Every state reachable from `start` following `exits`. */
function reachable<S extends string>(start: S, exits: (s: S) => readonly S[]): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const next of exits(s)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const tripStatuses = TripStatusSchema.options;
const itemTypes = ItemTypeSchema.options;

const tripExits = (s: TripStatus): readonly TripStatus[] => tripTransitions[s];
const itemExits =
  (type: ItemType) =>
  (s: ItemStatus): readonly ItemStatus[] =>
    (itemTransitions[type] as Partial<Record<ItemStatus, readonly ItemStatus[]>>)[s] ?? [];

describe('trip state machine', () => {
  it('covers every trip status', () => {
    expect(Object.keys(tripTransitions).sort()).toEqual([...tripStatuses].sort());
  });

  it('allows every listed transition', () => {
    for (const from of tripStatuses) {
      for (const to of tripTransitions[from]) {
        expect(canTransitionTrip(from, to), `${from} → ${to}`).toBe(true);
        expect(() => assertTripTransition(from, to)).not.toThrow();
      }
    }
  });

  it('has the transitions API.md and a real desk need', () => {
    const pairs: [TripStatus, TripStatus][] = [
      ['open', 'held'],
      ['held', 'open'],
      ['held', 'confirmed'],
      ['held', 'expired'],
      ['expired', 'held'], // hold again
      ['held', 'cancelled'],
      ['open', 'cancelled'],
      ['confirmed', 'completed'],
      ['confirmed', 'cancelled'],
    ];
    for (const [from, to] of pairs) expect(canTransitionTrip(from, to), `${from} → ${to}`).toBe(true);
  });

  it('refuses transitions that are not listed', () => {
    const pairs: [TripStatus, TripStatus][] = [
      ['open', 'confirmed'], // nothing to pay
      ['open', 'completed'],
      ['open', 'expired'], // no hold to expire
      ['held', 'completed'],
      ['confirmed', 'held'],
      ['confirmed', 'expired'], // paid holds do not expire
      ['expired', 'confirmed'], // held again first
      ['cancelled', 'open'],
      ['completed', 'cancelled'],
      ['held', 'held'],
    ];
    for (const [from, to] of pairs) expect(canTransitionTrip(from, to), `${from} → ${to}`).toBe(false);
  });

  it('lists completed and cancelled as terminal, with no exits', () => {
    expect([...terminalTripStatuses].sort()).toEqual(['cancelled', 'completed']);
    for (const terminal of terminalTripStatuses) {
      for (const to of tripStatuses) expect(canTransitionTrip(terminal, to)).toBe(false);
    }
  });

  it('reaches every status from open', () => {
    expect(initialTripStatus).toBe('open');
    expect([...reachable<TripStatus>(initialTripStatus, tripExits)].sort()).toEqual([...tripStatuses].sort());
  });

  it('throws InvalidTransitionError carrying from and to', () => {
    try {
      assertTripTransition('cancelled', 'confirmed');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidTransitionError);
      expect(e).toMatchObject({
        code: 'invalid_transition',
        machine: 'trip',
        from: 'cancelled',
        to: 'confirmed',
      });
    }
  });

  it('refuses statuses it does not know, such as a corrupt value read from a database', () => {
    expect(canTransitionTrip('constructor' as TripStatus, 'open')).toBe(false);
    expect(canTransitionTrip('bogus' as TripStatus, 'open')).toBe(false);
  });
});

describe('item state machine', () => {
  it('only hotel items check in and out', () => {
    expect(canTransitionItem('hotel', 'confirmed', 'checked_in')).toBe(true);
    expect(canTransitionItem('hotel', 'checked_in', 'checked_out')).toBe(true);
    for (const type of ['flight', 'car'] as const) {
      expect(canTransitionItem(type, 'confirmed', 'checked_in')).toBe(false);
      expect(canTransitionItem(type, 'checked_in', 'checked_out')).toBe(false);
      expect(itemStatusesOf(type)).not.toContain('checked_in');
      expect(itemStatusesOf(type)).not.toContain('checked_out');
    }
    expect(itemStatusesOf('hotel').sort()).toEqual([...ItemStatusSchema.options].sort());
  });

  it.each(itemTypes)('allows every listed %s transition', (type) => {
    for (const from of itemStatusesOf(type)) {
      for (const to of itemExits(type)(from)) {
        expect(canTransitionItem(type, from, to), `${type}: ${from} → ${to}`).toBe(true);
        expect(() => assertItemTransition(type, from, to)).not.toThrow();
      }
    }
  });

  it.each(itemTypes)('lets a held %s item be confirmed, released, expired or cancelled', (type) => {
    for (const to of ['confirmed', 'released', 'expired', 'cancelled'] as const) {
      expect(canTransitionItem(type, 'held', to)).toBe(true);
    }
    expect(canTransitionItem(type, 'confirmed', 'cancelled')).toBe(true);
  });

  it('refuses transitions that are not listed', () => {
    const triples: [ItemType, ItemStatus, ItemStatus][] = [
      ['hotel', 'held', 'checked_in'], // unpaid guests do not check in
      ['hotel', 'checked_in', 'cancelled'], // a guest in the house leaves by checking out
      ['hotel', 'checked_out', 'checked_in'],
      ['hotel', 'confirmed', 'released'], // paid units leave only by cancellation
      ['hotel', 'confirmed', 'expired'],
      ['flight', 'confirmed', 'held'],
      ['car', 'released', 'held'],
      ['car', 'expired', 'confirmed'],
      ['flight', 'cancelled', 'confirmed'],
      ['hotel', 'held', 'held'],
    ];
    for (const [type, from, to] of triples) {
      expect(canTransitionItem(type, from, to), `${type}: ${from} → ${to}`).toBe(false);
    }
  });

  it.each(itemTypes)('%s items: terminal states have no exits', (type) => {
    const terminal = terminalItemStatuses[type];
    const expected =
      type === 'hotel'
        ? ['cancelled', 'checked_out', 'expired', 'released']
        : ['cancelled', 'expired', 'released'];
    expect([...terminal].sort()).toEqual(expected);
    for (const from of terminal) {
      for (const to of ItemStatusSchema.options) expect(canTransitionItem(type, from, to)).toBe(false);
    }
  });

  it.each(itemTypes)('%s items: every state is reachable from held', (type) => {
    expect(initialItemStatus).toBe('held');
    expect([...reachable<ItemStatus>(initialItemStatus, itemExits(type))].sort()).toEqual(
      [...itemStatusesOf(type)].sort(),
    );
  });

  it('throws InvalidTransitionError with the item type', () => {
    expect(() => assertItemTransition('car', 'confirmed', 'checked_in')).toThrow(InvalidTransitionError);
    try {
      assertItemTransition('car', 'confirmed', 'checked_in');
    } catch (e) {
      expect(e).toMatchObject({ machine: 'item', itemType: 'car', from: 'confirmed', to: 'checked_in' });
      expect((e as Error).message).toBe('a car item cannot go from confirmed to checked_in');
    }
  });

  it('refuses unknown types and statuses', () => {
    expect(canTransitionItem('boat' as ItemType, 'held', 'confirmed')).toBe(false);
    expect(canTransitionItem('hotel', 'toString' as ItemStatus, 'confirmed')).toBe(false);
  });
});
