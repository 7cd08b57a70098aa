import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DateField } from './DateField.tsx';
import { endAfterStart, useDatePair, type DatePair } from './date-pair.ts';

// The frozen clock (test/setup.ts) is 2026-11-21 10:00 UTC: "today" in these tests.

function Stay({ initial, minGap = 1 }: { initial: DatePair; minGap?: number }) {
  const [pair, setPair] = useState(initial);
  const dates = useDatePair({ ...pair, minGap, onChange: setPair });
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <DateField id="in" label="Check-in" {...dates.start} />
      <DateField id="out" label="Check-out" {...dates.end} />
      <output data-testid="pair">
        {pair.start} → {pair.end}
      </output>
    </form>
  );
}

const pair = () => screen.getByTestId('pair').textContent;
const checkIn = () => screen.getByLabelText('Check-in');
const checkOut = () => screen.getByLabelText('Check-out');

describe('a pair of dates', () => {
  beforeEach(() => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps the end while it is still after the start, else moves it along keeping the length', () => {
    const before = { start: '2026-12-05', end: '2026-12-08' };
    expect(endAfterStart(before, '2026-12-06', '2026-12-08', 1)).toBe('2026-12-08');
    expect(endAfterStart(before, '2026-12-08', '2026-12-08', 1)).toBe('2026-12-11');
    expect(endAfterStart(before, '2026-12-24', '2026-12-08', 1)).toBe('2026-12-27');
    // A return may be the same day; moved along, the trip keeps its days.
    expect(endAfterStart(before, '2026-12-08', '2026-12-08', 0)).toBe('2026-12-08');
    expect(endAfterStart(before, '2026-12-09', '2026-12-08', 0)).toBe('2026-12-12');
    // No pair before (an empty end): the least length.
    expect(endAfterStart({ start: '2026-12-05', end: '' }, '2026-12-09', '', 1)).toBe('2026-12-10');
  });

  it('moves check-out along when check-in is typed past it, keeping the nights', async () => {
    const user = userEvent.setup();
    render(<Stay initial={{ start: '2026-12-05', end: '2026-12-08' }} />);
    await user.clear(checkIn());
    // "2" on its way is the next 2nd (2 December): nothing moves until the date is settled.
    await user.type(checkIn(), '24/12/2026');
    expect(pair()).toBe('2026-12-24 → 2026-12-08');
    await user.tab();
    expect(pair()).toBe('2026-12-24 → 2026-12-27');
    expect(checkOut()).toHaveValue('27/12/2026');
  });

  it('leaves check-out where it is when check-in moves but stays before it', async () => {
    const user = userEvent.setup();
    render(<Stay initial={{ start: '2026-12-05', end: '2026-12-08' }} />);
    await user.click(checkIn());
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(pair()).toBe('2026-12-07 → 2026-12-08');
    // The arrows settle each day: the third moves check-out along, three nights as before.
    await user.keyboard('{ArrowUp}');
    expect(pair()).toBe('2026-12-08 → 2026-12-11');
    expect(checkOut()).toHaveValue('11/12/2026');
  });

  it('lets check-out start the day after check-in: earlier days are refused, a day alone counts from there', async () => {
    const user = userEvent.setup();
    render(<Stay initial={{ start: '2026-12-05', end: '2026-12-08' }} />);
    await user.clear(checkOut());
    await user.type(checkOut(), '05/12/2026');
    await user.tab();
    expect(screen.getByText('Choose 06/12/2026 or later.')).toBeVisible();
    await user.clear(checkOut());
    await user.type(checkOut(), '3');
    await user.tab();
    // The next 3rd from the first allowed day, 6 December: 3 January.
    expect(pair()).toBe('2026-12-05 → 2027-01-03');
  });
});
