import { create } from 'zustand';
import { readLiveEvent, type LiveEvent } from './live-events.ts';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting';

/** Whether live updates are flowing; drives the small "Live" indicator in the header. */
export const useLiveStatus = create<{ status: LiveStatus; set(status: LiveStatus): void }>()((set) => ({
  status: 'off',
  set: (status) => set({ status }),
}));

/** The part of EventSource used here, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveConnectionOptions {
  readonly url: string;
  readonly onEvent: (event: LiveEvent) => void;
  /** After a drop and a reconnect: events may have been missed, so what is shown should be refetched. */
  readonly onReconnected: () => void;
  readonly onStatus: (status: LiveStatus) => void;
  readonly createSource?: (url: string) => EventSourceLike;
  /** First wait after a drop; doubles on every failed try up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** 0–1, for the jitter that keeps a room full of desks from reconnecting in step. */
  readonly random?: () => number;
}

const EVENT_TYPES = ['availability.changed', 'trip.changed', 'notification.created'] as const;

/**
 * One server-sent event stream with reconnection under our control: on any error the stream is
 * closed and opened again after a growing, jittered wait (1 s, 2 s, 4 s … 30 s), instead of the
 * browser's fixed retry, so a server that is down is not hammered by every desk at once.
 */
export class LiveConnection {
  readonly #opts: LiveConnectionOptions;
  #source: EventSourceLike | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #everOpened = false;
  #stopped = false;

  constructor(opts: LiveConnectionOptions) {
    this.#opts = opts;
  }

  start(): void {
    this.#stopped = false;
    this.#open();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#source?.close();
    this.#source = null;
    this.#opts.onStatus('off');
  }

  /** The wait before try number `failures` (1-based), with ±20 % jitter. */
  delayAfter(failures: number): number {
    const initial = this.#opts.initialDelayMs ?? 1000;
    const max = this.#opts.maxDelayMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** Math.max(0, failures - 1));
    const jitter = 0.8 + 0.4 * (this.#opts.random ?? Math.random)();
    return Math.round(base * jitter);
  }

  #open(): void {
    const create = this.#opts.createSource ?? ((url: string) => new EventSource(url) as EventSourceLike);
    this.#opts.onStatus(this.#everOpened ? 'reconnecting' : 'connecting');
    const source = create(this.#opts.url);
    this.#source = source;
    source.onopen = () => {
      if (this.#source !== source) return;
      // Events sent while this desk was not listening are lost: what it shows may be out of date.
      const missedSome = this.#everOpened || this.#failures > 0;
      this.#failures = 0;
      this.#everOpened = true;
      this.#opts.onStatus('live');
      if (missedSome) this.#opts.onReconnected();
    };
    source.onerror = () => {
      if (this.#source !== source || this.#stopped) return;
      source.close();
      this.#source = null;
      this.#failures++;
      this.#opts.onStatus(this.#everOpened ? 'reconnecting' : 'connecting');
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (!this.#stopped) this.#open();
      }, this.delayAfter(this.#failures));
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        if (this.#source !== source) return;
        const event = readLiveEvent(type, message.data);
        if (event) this.#opts.onEvent(event);
      });
    }
  }
}
