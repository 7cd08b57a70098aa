import { describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { bookingsFromStays } from './RoomChart.tsx';
import { stay, today } from './test-fixtures.ts';

describe('bookingsFromStays', () => {
  it('puts checked-in and checked-out stays on their rooms and confirmed ones in the no-room lane', () => {
    const from = today();
    const bookings = bookingsFromStays([
      stay('ann', 'Ann Expected'),
      stay('ian', 'Ian Inhouse', { status: 'checked_in', roomNumber: '412', roomNumbers: ['412'] }),
      stay('two', 'Tia Tworooms', {
        status: 'checked_in',
        rooms: 2,
        roomNumber: '413',
        roomNumbers: ['413', '414'],
      }),
      stay('old', 'Olaf Older', { status: 'checked_out', roomNumber: '415' }),
      stay('lou', 'Lou Left', { status: 'checked_out', checkIn: addDays(from, -3), checkOut: from }),
    ]);
    expect(bookings).toEqual([
      {
        id: 'itm_ann',
        tripId: 'trp_ann',
        guest: 'Ann Expected',
        roomTypeId: 'rmt_dk',
        roomNumbers: [],
        rooms: 1,
        checkIn: from,
        checkOut: addDays(from, 3),
        status: 'confirmed',
      },
      expect.objectContaining({ id: 'itm_ian', roomNumbers: ['412'], status: 'checked_in' }),
      expect.objectContaining({ id: 'itm_two', rooms: 2, roomNumbers: ['413', '414'], status: 'checked_in' }),
      // An older answer without roomNumbers: the one room it names.
      expect.objectContaining({ id: 'itm_old', roomNumbers: ['415'], status: 'checked_out' }),
      expect.objectContaining({
        id: 'itm_lou',
        roomNumbers: [],
        checkIn: addDays(from, -3),
        checkOut: from,
        status: 'checked_out',
      }),
    ]);
  });

  it('leaves out stays in no status the chart draws', () => {
    expect(
      bookingsFromStays([stay('gone', 'Gia Gone', { status: 'cancelled' }), stay('x', 'Xavi Expected')]),
    ).toEqual([expect.objectContaining({ id: 'itm_x', status: 'confirmed' })]);
  });
});
