import { useSyncExternalStore } from 'react';
import { api } from '../api/client.ts';
import { serverNow, trackServerClock } from './server-clock.ts';

/**
 * One clock for every countdown on screen: a single one-second interval, running only while something
 * shows a countdown, reading the server's time (server-clock.ts). Every countdown reads the same tick,
 * so they all change together and cost one timer however many holds are shown.
 */

trackServerClock(api);

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let current = serverNow();

function tick(): void {
  current = serverNow();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = serverNow();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  // While nothing listens the interval is stopped: read the clock afresh, to the second, so two reads in
  // one render agree.
  return timer === undefined ? Math.floor(serverNow() / TICK_MS) * TICK_MS : current;
}

/** The server's time in epoch milliseconds, updated once a second while the component is mounted. */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** How many intervals are running: one at most, whatever the number of countdowns (for tests). */
export function runningClockCount(): number {
  return timer === undefined ? 0 : 1;
}
