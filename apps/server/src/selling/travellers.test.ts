import { describe, expect, it } from 'vitest';
import type { Traveller } from '@tripdesk/shared';
import { keepTravellers, resolveItemRequest, travellersOf } from './travellers.ts';

const FAMILY: Traveller[] = [
  { id: 'trv_a', name: 'Ann', kind: 'adult', lead: true },
  { id: 'trv_b', name: 'Bo', kind: 'adult', lead: false },
  { id: 'trv_c', name: 'Cy', kind: 'child', age: 7, lead: false },
  { id: 'trv_d', name: 'Di', kind: 'infant', age: 1, lead: false },
];

describe('travellers', () => {
  it('marks the lead given, else the first, and keeps known ids', () => {
    const list = travellersOf(
      [
        { id: 'trv_a', name: 'Ann', kind: 'adult' },
        { name: 'Bo', kind: 'adult', lead: true },
      ],
      FAMILY,
    );
    expect(list.map((t) => [t.id === 'trv_a', t.lead])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(list[1]!.id).toMatch(/^trv_/);
  });

  it('counts adults and children, not infants, as guests shared over the rooms', () => {
    const stay = {
      type: 'hotel',
      roomTypeId: 'rmt_1',
      checkIn: '2026-12-01',
      checkOut: '2026-12-03',
    } as const;
    expect(resolveItemRequest({ ...stay, rooms: 1 }, FAMILY)).toMatchObject({ guests: 3 });
    expect(resolveItemRequest({ ...stay, rooms: 2 }, FAMILY)).toMatchObject({ guests: 2 });
    expect(resolveItemRequest({ ...stay, rooms: 1, guests: 1 }, FAMILY)).toMatchObject({ guests: 1 });
  });

  it('carries passengers’ travellers and the driver over to a changed item', () => {
    const sold = {
      passengers: [
        { name: 'Ann', seat: '10A', travellerId: 'trv_a' },
        { name: 'Bo', seat: '10B', travellerId: 'trv_b' },
      ],
    };
    const changed = { passengers: [{ name: 'Ann', seat: '1A' }, { name: 'Bo' }], seats: ['1A'] };
    expect(keepTravellers(sold, changed)).toEqual({
      passengers: [
        { name: 'Ann', seat: '1A', travellerId: 'trv_a' },
        { name: 'Bo', travellerId: 'trv_b' },
      ],
      seats: ['1A'],
    });
    expect(
      keepTravellers({ category: 'ECMR', driverTravellerId: 'trv_b', driver: 'Bo' }, { category: 'CDMR' }),
    ).toEqual({ category: 'CDMR', driverTravellerId: 'trv_b', driver: 'Bo' });
  });
});
