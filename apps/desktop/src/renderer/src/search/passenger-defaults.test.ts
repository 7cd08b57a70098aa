import { describe, expect, it } from 'vitest';
import { flightItem, heldTrip } from '../trips/trip-fixtures.ts';
import { otherLegOf, passengerDefaults } from './passenger-defaults.ts';

const FAMILY = [{ id: 'trv_ann' }, { id: 'trv_bo' }, { id: 'trv_cy' }];

describe('who sits in each seat at first', () => {
  it('seats the travellers in order when there is no other leg', () => {
    expect(passengerDefaults(2, FAMILY)).toEqual({ picked: ['trv_ann', 'trv_bo'], names: ['', ''] });
    expect(passengerDefaults(2, [])).toEqual({ picked: ['', ''], names: ['', ''] });
  });

  it('seats the other leg’s passengers seat for seat, names typed there typed again, then the others', () => {
    const like = [
      { name: 'Cy Lee', travellerId: 'trv_cy' },
      { name: 'Dee Park' },
      { name: 'Ann Lee', travellerId: 'trv_ann' },
    ];
    expect(passengerDefaults(4, FAMILY, like)).toEqual({
      picked: ['trv_cy', '', 'trv_ann', 'trv_bo'],
      names: ['', 'Dee Park', '', ''],
    });
    // A traveller since taken off the trip keeps their name; no travellers at all: every name.
    expect(passengerDefaults(1, [{ id: 'trv_bo' }], like.slice(0, 1))).toEqual({
      picked: [''],
      names: ['Cy Lee'],
    });
    expect(passengerDefaults(2, [], like)).toEqual({ picked: ['', ''], names: ['Cy Lee', 'Dee Park'] });
  });

  it('finds the trip’s flight the other way on the route, held or sold, the latest', () => {
    const out = flightItem({ id: 'itm_1', from: 'JFK', to: 'LHR' });
    const released = flightItem({ id: 'itm_2', from: 'JFK', to: 'LHR', status: 'released' });
    const again = flightItem({ id: 'itm_3', from: 'JFK', to: 'LHR', status: 'confirmed' });
    const trip = heldTrip({ items: [out, again, released] });
    expect(otherLegOf(trip, { from: 'LHR', to: 'JFK' })?.id).toBe('itm_3');
    expect(otherLegOf(trip, { from: 'JFK', to: 'LHR' })).toBeUndefined();
    expect(otherLegOf(undefined, { from: 'LHR', to: 'JFK' })).toBeUndefined();
  });
});
