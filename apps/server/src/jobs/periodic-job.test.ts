import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { PeriodicJob, type JobTimer } from './periodic-job.ts';

/** A timer fired by hand. */
function handTimer() {
  const ticks: (() => void)[] = [];
  let unrefs = 0;
  let cleared = 0;
  const timer: JobTimer = {
    setInterval: (run) => {
      ticks.push(run);
      return { unref: () => unrefs++ };
    },
    clearInterval: () => {
      cleared++;
    },
  };
  return { timer, fire: () => ticks.forEach((t) => t()), unrefs: () => unrefs, cleared: () => cleared };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PeriodicJob', () => {
  it('runs at start with the clock’s time, then on each tick, with an unref’d timer', async () => {
    const clock = new ManualClock('2026-11-21T09:00:00Z');
    const seen: string[] = [];
    const t = handTimer();
    const job = new PeriodicJob(async (now) => seen.push(now.toISOString()), clock, t.timer);
    await job.start(60);
    expect(t.unrefs()).toBe(1);
    clock.advance(60);
    t.fire();
    await job.stop();
    expect(seen).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-21T09:01:00.000Z']);
    expect(t.cleared()).toBe(1);
  });

  it('runs one at a time: a tick during a run joins it, and stop waits for it', async () => {
    const gate = deferred();
    let runs = 0;
    const t = handTimer();
    const job = new PeriodicJob(
      async () => {
        runs++;
        await gate.promise;
        return runs;
      },
      new ManualClock(),
      t.timer,
    );
    const first = job.start(1);
    t.fire();
    const joined = job.runOnce();
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    gate.resolve();
    expect(await first).toBe(1);
    expect(await joined).toBe(1);
    await stopping;
    expect(runs).toBe(1);
  });

  it('uses the start-up task for the first run only', async () => {
    const calls: string[] = [];
    const t = handTimer();
    const job = new PeriodicJob(async () => calls.push('later'), new ManualClock(), t.timer);
    await job.start(1, async () => calls.push('first'));
    t.fire();
    await job.stop();
    expect(calls).toEqual(['first', 'later']);
  });

  it('runAfterCurrent waits for the run under way, then runs afresh', async () => {
    const gate = deferred();
    let runs = 0;
    const job = new PeriodicJob(async () => {
      runs++;
      if (runs === 1) await gate.promise;
      return runs;
    }, new ManualClock());
    const first = job.runOnce();
    const after = job.runAfterCurrent();
    gate.resolve();
    expect(await first).toBe(1);
    expect(await after).toBe(2);
  });
});
