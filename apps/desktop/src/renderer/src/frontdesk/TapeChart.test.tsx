import { fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { chartRows, ROW_HEIGHT, type TapeBooking, type TapeRoomType } from './tape-chart-rows.ts';
import { TapeChart } from './TapeChart.tsx';

const FROM = '2026-11-21';

/** A 200-room hotel: four room types of 50 rooms on floors 1 to 8. */
function bigHotel(): TapeRoomType[] {
  return ['Standard Queen', 'Standard Twin', 'Deluxe King', 'Junior Suite'].map((name, t) => ({
    id: `rmt_${t}`,
    name,
    roomNumbers: Array.from({ length: 50 }, (_, i) => String((t * 2 + 1) * 100 + i + 1)),
  }));
}

const booking = (over: Partial<TapeBooking> & Pick<TapeBooking, 'id' | 'guest'>): TapeBooking => ({
  tripId: `trp_${over.id}`,
  roomTypeId: 'rmt_0',
  roomNumbers: [],
  rooms: 1,
  checkIn: FROM,
  checkOut: '2026-11-24',
  status: 'confirmed',
  ...over,
});

const renderedRooms = () =>
  screen
    .getAllByRole('rowheader')
    .map((h) => h.textContent ?? '')
    .filter((t) => /^\d+$/.test(t));

describe('TapeChart', () => {
  it('renders only the rows in view of a month of a 200-room hotel', () => {
    render(
      <TapeChart
        label="Room chart"
        roomTypes={bigHotel()}
        bookings={[]}
        from={FROM}
        days={31}
        today={FROM}
      />,
    );
    const grid = screen.getByRole('grid', { name: 'Room chart' });
    // 200 rooms + 4 room type rows, and the header row.
    expect(grid.getAttribute('aria-rowcount')).toBe('205');
    expect(grid.getAttribute('aria-colcount')).toBe('32');
    const rows = within(grid).getAllByRole('row');
    expect(rows.length).toBeLessThan(40);
    expect(renderedRooms()).toContain('101');
    expect(renderedRooms()).not.toContain('750');
  });

  it('renders other rows when scrolled, and keeps their place in the grid', () => {
    render(
      <TapeChart
        label="Room chart"
        roomTypes={bigHotel()}
        bookings={[]}
        from={FROM}
        days={31}
        today={FROM}
      />,
    );
    const grid = screen.getByRole('grid');
    grid.scrollTop = 180 * ROW_HEIGHT;
    fireEvent.scroll(grid);
    expect(renderedRooms()).not.toContain('101');
    expect(renderedRooms()).toContain('750');
    const row750 = screen.getByRole('rowheader', { name: 'Room 750' }).closest('[role="row"]');
    // Row index 180+ (1-based, after the header): where it sits among all 205 rows.
    expect(Number(row750?.getAttribute('aria-rowindex'))).toBeGreaterThan(180);
  });

  it('marks a night with more stays than rooms as overbooked', () => {
    const roomTypes: TapeRoomType[] = [{ id: 'rmt_0', name: 'Deluxe King', roomNumbers: ['412'] }];
    render(
      <TapeChart
        label="Room chart"
        roomTypes={roomTypes}
        bookings={[
          booking({ id: 'a', guest: 'Jane Doe', checkIn: '2026-11-21', checkOut: '2026-11-23' }),
          booking({ id: 'b', guest: 'Ravi Rao', checkIn: '2026-11-22', checkOut: '2026-11-24' }),
          booking({ id: 'c', guest: 'Ana Ruiz', checkIn: '2026-11-22', checkOut: '2026-11-23' }),
        ]}
        from={FROM}
        days={7}
        today={FROM}
      />,
    );
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Sat 21 Nov: 0 of 1 free' })).toBeVisible();
    expect(
      screen.getByRole('gridcell', { name: 'Deluxe King, Sun 22 Nov: overbooked by 2' }),
    ).toHaveTextContent('+2');
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Mon 23 Nov: 0 of 1 free' })).toBeVisible();
  });

  it('draws each stay over its nights and counts free rooms per night', () => {
    const roomTypes: TapeRoomType[] = [{ id: 'rmt_0', name: 'Deluxe King', roomNumbers: ['412', '413'] }];
    render(
      <TapeChart
        label="Room chart"
        roomTypes={roomTypes}
        bookings={[
          booking({ id: 'a', guest: 'Jane Doe', roomNumbers: ['412'], status: 'checked_in' }),
          booking({ id: 'b', guest: 'Ravi Rao', checkIn: '2026-11-23', checkOut: '2026-11-25' }),
        ]}
        from={FROM}
        days={7}
        today={FROM}
      />,
    );
    expect(
      screen.getByRole('gridcell', {
        name: 'Room 412, Sat 21 Nov: Jane Doe, in house, Sat 21 Nov to Tue 24 Nov',
      }),
    ).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Room 412, Tue 24 Nov: free' })).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Room 413, Sun 22 Nov: free' })).toBeVisible();
    expect(
      screen.getByRole('gridcell', {
        name: 'Deluxe King, no room yet, Mon 23 Nov: Ravi Rao, expected, Mon 23 Nov to Wed 25 Nov',
      }),
    ).toBeVisible();
    // One room taken on the 21st and 22nd; both on the 23rd (one in house, one expected without a room).
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Sat 21 Nov: 1 of 2 free' })).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Mon 23 Nov: 0 of 2 free' })).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Wed 25 Nov: 2 of 2 free' })).toBeVisible();
    expect(screen.getByText('Jane Doe').getAttribute('style')).toContain('width: 128px');
  });

  it('shows a room out of order over its nights, with the reason, and counts it out of the free rooms', () => {
    const roomTypes: TapeRoomType[] = [{ id: 'rmt_0', name: 'Deluxe King', roomNumbers: ['412', '413'] }];
    render(
      <TapeChart
        label="Room chart"
        roomTypes={roomTypes}
        bookings={[booking({ id: 'a', guest: 'Jane Doe', roomNumbers: ['412'], status: 'checked_in' })]}
        outOfOrder={[
          {
            id: 'ooo_1',
            roomNumber: '413',
            from: '2026-11-22',
            to: '2026-11-24',
            kind: 'out_of_order',
            reason: 'Leaking pipe',
          },
          { id: 'ooo_2', roomNumber: '412', from: '2026-11-25', to: '2026-11-26', kind: 'out_of_service' },
        ]}
        from={FROM}
        days={7}
        today={FROM}
      />,
    );
    expect(
      screen.getByRole('gridcell', {
        name: 'Room 413, Sun 22 Nov: Out of order: Leaking pipe, Sun 22 Nov to Tue 24 Nov',
      }),
    ).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Room 413, Tue 24 Nov: free' })).toBeVisible();
    expect(
      screen.getByRole('gridcell', {
        name: 'Room 412, Wed 25 Nov: Out of service, Wed 25 Nov to Thu 26 Nov',
      }),
    ).toBeVisible();
    const band = screen.getByText('Out of order');
    expect(band.getAttribute('title')).toBe('Out of order: Leaking pipe · Sun 22 Nov – Tue 24 Nov');
    expect(band.getAttribute('style')).toContain('width: 88px');
    expect(screen.getByText('Out of service')).toBeVisible();
    // 412 is in house and 413 out of order on the 22nd: nothing left to sell.
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Sat 21 Nov: 1 of 2 free' })).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Sun 22 Nov: 0 of 2 free' })).toBeVisible();
    expect(screen.getByRole('gridcell', { name: 'Deluxe King, Wed 25 Nov: 1 of 2 free' })).toBeVisible();
  });

  it('moves by keyboard and opens the stay under the active cell', async () => {
    const onSelect = vi.fn();
    const roomTypes: TapeRoomType[] = [{ id: 'rmt_0', name: 'Deluxe King', roomNumbers: ['412', '413'] }];
    render(
      <TapeChart
        label="Room chart"
        roomTypes={roomTypes}
        bookings={[booking({ id: 'a', guest: 'Jane Doe', roomNumbers: ['413'], status: 'checked_in' })]}
        from={FROM}
        days={7}
        today={FROM}
        onSelect={onSelect}
      />,
    );
    const user = userEvent.setup();
    const grid = screen.getByRole('grid');
    await user.tab();
    expect(document.activeElement).toBe(grid);
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    expect(active()?.getAttribute('aria-label')).toBe('Deluxe King, Sat 21 Nov: 1 of 2 free');

    await user.keyboard('{ArrowDown}');
    expect(active()?.getAttribute('aria-label')).toBe('Room 412, Sat 21 Nov: free');
    await user.keyboard('{Enter}');
    expect(onSelect).not.toHaveBeenCalled();

    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(active()?.getAttribute('aria-label')).toBe(
      'Room 413, Sun 22 Nov: Jane Doe, in house, Sat 21 Nov to Tue 24 Nov',
    );
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 'a', guest: 'Jane Doe' }));

    await user.keyboard('{End}');
    expect(active()?.getAttribute('aria-label')).toBe('Room 413, Fri 27 Nov: free');
    await user.keyboard('{Home}');
    expect(active()?.textContent).toBe('413');
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(active()?.textContent).toContain('Deluxe King');
  });

  it('packs stays without a room into as few lanes as they need', () => {
    const rows = chartRows(
      [{ id: 'rmt_0', name: 'Deluxe King', roomNumbers: ['412'] }],
      [
        booking({ id: 'a', guest: 'A', checkIn: '2026-11-21', checkOut: '2026-11-23' }),
        booking({ id: 'b', guest: 'B', checkIn: '2026-11-23', checkOut: '2026-11-25' }),
        booking({ id: 'c', guest: 'C', checkIn: '2026-11-22', checkOut: '2026-11-24' }),
      ],
      ['2026-11-21'],
    );
    expect(rows.map((r) => r.kind)).toEqual(['type', 'unassigned', 'unassigned', 'room']);
    expect(rows.flatMap((r) => (r.kind === 'unassigned' ? [r.bookings.map((b) => b.guest)] : []))).toEqual([
      ['A', 'B'],
      ['C'],
    ]);
  });
});
