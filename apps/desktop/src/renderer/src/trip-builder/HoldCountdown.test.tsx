import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetServerClock, recordServerDate } from '../live/server-clock.ts';
import { runningClockCount } from '../live/ticking-clock.ts';
import { dateHeader, NOW } from '../trips/trip-fixtures.ts';
import { HOLD_LOST_WORDS, HoldCountdown } from './HoldCountdown.tsx';

const expiringIn = (seconds: number) => ({
  status: 'held' as const,
  holdExpiresAt: new Date(NOW + seconds * 1000).toISOString(),
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
  forgetServerClock();
});
afterEach(() => {
  vi.useRealTimers();
  forgetServerClock();
});

const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('the hold countdown', () => {
  it('counts down once a second in minutes and seconds, urgent in the last five minutes', () => {
    render(<HoldCountdown item={expiringIn(301)} />);
    const timer = screen.getByRole('timer');
    expect(timer.textContent).toBe('5:01 left');
    expect(timer.className).not.toContain('urgent');
    tick(2000);
    expect(screen.getByRole('timer').textContent).toBe('4:59 left');
    expect(screen.getByRole('timer').className).toContain('countdown-urgent');
    expect(screen.getByRole('timer').getAttribute('aria-label')).toMatch(
      /^Hold ends in 4 minutes 59 seconds, at /,
    );
  });

  it('says the hold is lost at zero, never 0:00 left, and tells once', () => {
    const onLost = vi.fn();
    render(<HoldCountdown item={expiringIn(3)} onLost={onLost} />);
    expect(screen.getByRole('timer').textContent).toBe('0:03 left');
    tick(2000);
    expect(screen.getByRole('timer').textContent).toBe('0:01 left');
    // Less than a second left: the server may refuse it by the next tick, so it is lost now.
    tick(500);
    tick(500);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText(HOLD_LOST_WORDS)).toBeVisible();
    tick(5000);
    expect(onLost).toHaveBeenCalledTimes(1);
  });

  it('shows an item the server already expired as lost', () => {
    render(<HoldCountdown item={{ status: 'expired' }} />);
    expect(screen.getByText(HOLD_LOST_WORDS)).toBeVisible();
  });

  it('runs one interval however many countdowns are shown, and none once they are gone', () => {
    const view = render(
      <>
        {[60, 120, 180, 240, 300].map((s) => (
          <HoldCountdown key={s} item={expiringIn(s)} />
        ))}
      </>,
    );
    expect(screen.getAllByRole('timer')).toHaveLength(5);
    expect(runningClockCount()).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    view.unmount();
    expect(runningClockCount()).toBe(0);
  });

  it('counts on the server’s clock when the desk’s clock is wrong', () => {
    // The desk's clock is ten minutes slow: the server's Date header says so.
    vi.setSystemTime(NOW - 600_000);
    recordServerDate(dateHeader(NOW), Date.now() - 20, Date.now());
    render(<HoldCountdown item={expiringIn(1800)} />);
    expect(screen.getByRole('timer').textContent).toMatch(/^(30:00|29:59) left$/);
  });
});
