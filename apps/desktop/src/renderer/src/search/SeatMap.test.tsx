import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SeatMap as SeatMapData } from '@tripdesk/shared';
import { SeatMap } from './SeatMap.tsx';

function cabin(rows: number, letters: string, taken: string[] = []): SeatMapData['seats'] {
  const seats: SeatMapData['seats'] = [];
  for (let row = 10; row < 10 + rows; row++) {
    for (const letter of letters) {
      const seat = `${row}${letter}`;
      seats.push({ seat, fareClass: 'Y', status: taken.includes(seat) ? 'booked' : 'available' });
    }
  }
  return seats;
}

function Harness({
  seats,
  max,
  onChange,
}: {
  seats: SeatMapData['seats'];
  max: number;
  onChange?: (s: string[]) => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <SeatMap
      seats={seats}
      selected={selected}
      max={max}
      label="Seat map, Economy"
      onChange={(next) => {
        setSelected(next);
        onChange?.(next);
      }}
    />
  );
}

const seat = (name: RegExp | string) => screen.getByRole('button', { name });

describe('the seat map', () => {
  it('draws rows, letters and aisles, and names each seat with its place and state', () => {
    render(<Harness seats={cabin(3, 'ABCDEF', ['10C'])} max={1} />);
    const grid = screen.getByRole('grid', { name: 'Seat map, Economy' });
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Row',
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
    ]);
    expect(seat('Seat 10A, window, free')).toBeVisible();
    expect(seat('Seat 10C, aisle, taken').getAttribute('aria-disabled')).toBe('true');
    expect(seat('Seat 10D, aisle, free').parentElement?.className).toContain('aisle-before');
    expect(seat('Seat 11B, middle, free')).toBeVisible();
    // One Tab stop for the whole cabin.
    expect(grid.querySelectorAll('button[tabindex="0"]')).toHaveLength(1);
  });

  it('moves with the arrow keys and chooses with Enter or Space, by keyboard alone', async () => {
    const onChange = vi.fn();
    render(<Harness seats={cabin(3, 'ABCDEF')} max={2} onChange={onChange} />);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(seat('Seat 10A, window, free'));
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toBe(seat('Seat 11C, aisle, free'));
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith(['11C']);
    expect(document.activeElement).toBe(seat('Seat 11C, aisle, chosen for passenger 1'));
    await user.keyboard('{End}{ }');
    expect(onChange).toHaveBeenLastCalledWith(['11C', '11F']);
    expect(seat('Seat 11F, window, chosen for passenger 2').getAttribute('aria-pressed')).toBe('true');
    // Both passengers are seated: a third seat is refused, in words.
    await user.keyboard('{ArrowUp}{Enter}');
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status').textContent).toBe(
      'Every passenger has a seat. Free one of them first.',
    );
    // Freeing a seat: the other passenger moves up.
    await user.click(seat('Seat 11C, aisle, chosen for passenger 1'));
    expect(onChange).toHaveBeenLastCalledWith(['11F']);
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement).toBe(seat('Seat 10A, window, free'));
  });

  it('does not give a taken seat, and moves a single passenger to the new seat', async () => {
    const onChange = vi.fn();
    render(<Harness seats={cabin(2, 'ABC', ['10B'])} max={1} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(seat('Seat 10B, aisle, taken'));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Seat 10B is taken. Choose another seat.');
    await user.click(seat('Seat 10A, window, free'));
    await user.click(seat('Seat 11C, window, free'));
    expect(onChange).toHaveBeenLastCalledWith(['11C']);
    expect(screen.getByRole('status').textContent).toBe('Seat 11C chosen instead of 10A.');
  });
});
