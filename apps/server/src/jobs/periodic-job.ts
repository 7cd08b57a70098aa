import type { Clock } from '../clock.ts';

/** The timer a job runs on; tests pass their own to fire it by hand. */
export interface JobTimer {
  setInterval(run: () => void, ms: number): { unref(): unknown };
  clearInterval(handle: { unref(): unknown }): void;
}

const nodeTimer: JobTimer = {
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * A task run now and then on an interval, one run at a time: the sweeper, the reconciler, the
 * after-sale recovery and the outbox worker. A run asked for while one is under way joins it rather
 * than starting a second, so a slow run is never overlapped by the next tick. The timer is unref'd: it
 * never keeps the process alive by itself. Each run is handed the clock's time.
 */
export class PeriodicJob<T> {
  readonly #task: (now: Date) => Promise<T>;
  readonly #clock: Clock;
  readonly #timers: JobTimer;
  #timer: { unref(): unknown } | undefined;
  #running: Promise<T> | undefined;

  constructor(task: (now: Date) => Promise<T>, clock: Clock, timers: JobTimer = nodeTimer) {
    this.#task = task;
    this.#clock = clock;
    this.#timers = timers;
  }

  /**
   * Runs now, then every `intervalSeconds`. `first`, when given, is the task of the run now (a
   * start-up pass may differ from the later ones, e.g. without a grace period).
   */
  start(intervalSeconds: number, first: (now: Date) => Promise<T> = this.#task): Promise<T> {
    const run = this.#run(first);
    this.#timer = this.#timers.setInterval(() => void this.#run(this.#task), intervalSeconds * 1000);
    this.#timer.unref();
    return run;
  }

  /** Stops the timer and waits for a run in progress: call before the stores close. */
  async stop(): Promise<void> {
    if (this.#timer) this.#timers.clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** A run now, or the one under way if there is one. */
  runOnce(): Promise<T> {
    return this.#run(this.#task);
  }

  /** A fresh run, after the one under way if any: what it does sees everything written before the call. */
  async runAfterCurrent(): Promise<T> {
    while (this.#running) await this.#running.catch(() => undefined);
    return this.#run(this.#task);
  }

  #run(task: (now: Date) => Promise<T>): Promise<T> {
    this.#running ??= task(this.#clock.now()).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }
}
