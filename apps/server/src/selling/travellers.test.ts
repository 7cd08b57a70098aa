import { describe, expect, it } from 'vitest';
import type { FieldError, Traveller } from '@tripdesk/shared';
import { keepTravellers, resolveItemRequest, travellersOf } from './travellers.ts';

const FAMILY: Traveller[] = [
  { id: 'trv_a', name: 'Ann', kind: 'adult', lead: true },
  { id: 'trv_b', name: 'Bo', kind: 'adult', lead: false },
  { id: 'trv_c', name: 'Cy', kind: 'child', age: 7, lead: false },
  { id: 'trv_d', name: 'Di', kind: 'infant', age: 1, lead: false },
];

const NOW = new Date('2026-12-04T10:00:00Z');

describe('travellers', () => {
  it('marks the lead given, else the first, and keeps known ids', () => {
    const list = travellersOf(
      [
        { id: 'trv_a', name: 'Ann', kind: 'adult' },
        { name: 'Bo', kind: 'adult', lead: true },
      ],
      NOW,
      FAMILY,
    );
    expect(list.map((t) => [t.id === 'trv_a', t.lead])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(list[1]!.id).toMatch(/^trv_/);
  });

  it('refuses a date of birth after today or not fitting the kind and the age, at its path', () => {
    const grab = (req: Parameters<typeof travellersOf>[0]) => {
      try {
        travellersOf(req, NOW);
        return [];
      } catch (err) {
        return (err as { extra?: { errors?: FieldError[] } }).extra?.errors ?? ['not a 400'];
      }
    };
    expect(
      grab([
        { name: 'Ann', kind: 'adult', dateOfBirth: '1984-02-03' },
        { name: 'Cy', kind: 'child', age: 7, dateOfBirth: '2019-03-01' },
        // Born on 5 December: already today at UTC+14 while UTC reads the 4th.
        { name: 'Di', kind: 'infant', age: 0, dateOfBirth: '2026-12-05' },
      ]),
    ).toEqual([]);
    expect(
      grab([
        { name: 'Ann', kind: 'adult', dateOfBirth: '2026-12-06' },
        { name: 'Bo', kind: 'adult', dateOfBirth: '2019-03-01' },
        { name: 'Cy', kind: 'child', age: 10, dateOfBirth: '2019-03-01' },
      ]),
    ).toEqual([
      { path: 'body.travellers.0.dateOfBirth', message: 'must not be in the future' },
      { path: 'body.travellers.1.dateOfBirth', message: 'says 7 years old: an adult is 12 to 120' },
      { path: 'body.travellers.2.dateOfBirth', message: 'says 7 years old, not 10' },
    ]);
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
