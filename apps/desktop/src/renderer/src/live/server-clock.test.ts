import { describe, expect, it } from 'vitest';
import { ServerClockEstimate } from './server-clock.ts';

const T0 = Date.parse('2026-11-21T10:00:00.000Z');
const header = (ms: number) => new Date(ms).toUTCString();

describe('the server clock seen from the desk', () => {
  it('is the desk clock until an answer carries a Date header', () => {
    const clock = new ServerClockEstimate();
    clock.record(undefined, T0, T0 + 20);
    clock.record('not a date', T0, T0 + 20);
    expect(clock.offsetMs).toBe(0);
  });

  it('finds a desk clock ten minutes slow to within the second the header rounds to', () => {
    const clock = new ServerClockEstimate();
    // The desk says 09:50:00.300 when the server says 10:00:00.x.
    clock.record(header(T0), T0 - 600_000 + 300, T0 - 600_000 + 340);
    expect(Math.abs(clock.offsetMs - 600_000)).toBeLessThanOrEqual(1000);
  });

  it('narrows the offset as answers from different moments of the second arrive', () => {
    const clock = new ServerClockEstimate();
    const trueOffset = 123_456; // server = desk + 123.456 s
    for (const deskAt of [T0, T0 + 250, T0 + 610, T0 + 880, T0 + 1333]) {
      const serverAt = deskAt + trueOffset + 10; // answered 10 ms after the request left
      clock.record(header(Math.floor(serverAt / 1000) * 1000), deskAt, deskAt + 20);
    }
    expect(Math.abs(clock.offsetMs - trueOffset)).toBeLessThan(150);
  });

  it('starts over when the desk clock is set and old answers no longer agree', () => {
    const clock = new ServerClockEstimate();
    clock.record(header(T0), T0 - 600_000, T0 - 600_000 + 20);
    // The desk clock was corrected: now it agrees with the server.
    clock.record(header(T0 + 60_000), T0 + 60_000, T0 + 60_020);
    expect(Math.abs(clock.offsetMs)).toBeLessThanOrEqual(1000);
  });
});
