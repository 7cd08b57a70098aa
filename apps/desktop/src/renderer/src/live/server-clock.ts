import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';

/**
 * The server's time as seen from this desk. Holds expire on the server's clock, so a desk whose own
 * clock is minutes off must not count down on it. Every API answer carries an HTTP `Date` header
 * (whole seconds); each one bounds the offset between the two clocks:
 *
 *   server time when the answer was made ∈ [Date, Date + 1 s), and it was made after the request left
 *   and before the answer arrived, so  Date − receivedAt ≤ offset < Date + 1 s − sentAt.
 *
 * The estimate is the middle of the tightest interval the recent answers agree on. When they stop
 * agreeing (the desk's clock was set meanwhile), only the newest answer counts.
 */
export class ServerClockEstimate {
  readonly #samples: { low: number; high: number }[] = [];
  readonly #keep: number;
  #offset = 0;

  constructor(keep = 12) {
    this.#keep = keep;
  }

  /** Milliseconds to add to the desk's clock to read the server's. 0 until an answer has been seen. */
  get offsetMs(): number {
    return this.#offset;
  }

  forget(): void {
    this.#samples.length = 0;
    this.#offset = 0;
  }

  /** One answer: its `Date` header, and the desk's clock when the request left and when the answer came. */
  record(dateHeader: unknown, sentAt: number, receivedAt: number): void {
    if (typeof dateHeader !== 'string') return;
    const serverSecond = Date.parse(dateHeader);
    if (Number.isNaN(serverSecond) || receivedAt < sentAt) return;
    this.#samples.push({ low: serverSecond - receivedAt, high: serverSecond + 1000 - sentAt });
    if (this.#samples.length > this.#keep) this.#samples.shift();
    let low = -Infinity;
    let high = Infinity;
    for (const s of this.#samples) {
      low = Math.max(low, s.low);
      high = Math.min(high, s.high);
    }
    if (low > high) {
      const newest = this.#samples.at(-1)!;
      this.#samples.splice(0, this.#samples.length, newest);
      low = newest.low;
      high = newest.high;
    }
    this.#offset = Math.round((low + high) / 2);
  }
}

const estimate = new ServerClockEstimate();

/** The server's clock now, in epoch milliseconds. */
export function serverNow(): number {
  return Date.now() + estimate.offsetMs;
}

export function serverClockOffsetMs(): number {
  return estimate.offsetMs;
}

/** For tests: what the desk has learnt about the server's clock, from one answer. */
export function recordServerDate(dateHeader: string, sentAt: number, receivedAt: number): void {
  estimate.record(dateHeader, sentAt, receivedAt);
}

/** For tests: forget every answer seen, back to the desk's own clock. */
export function forgetServerClock(): void {
  estimate.forget();
}

const sentAtOf = new WeakMap<InternalAxiosRequestConfig, number>();
const tracked = new WeakSet<AxiosInstance>();

/**
 * Reads the `Date` header of every answer the client gets. In the desktop app the server is another
 * origin, and a browser shows a cross-origin answer's `Date` only when the server (or the main
 * process) lists it in `Access-Control-Expose-Headers`; until then the desk's own clock is used.
 */
export function trackServerClock(client: AxiosInstance): void {
  if (tracked.has(client)) return;
  tracked.add(client);
  client.interceptors.request.use((config) => {
    sentAtOf.set(config, Date.now());
    return config;
  });
  client.interceptors.response.use((response) => {
    const sentAt = sentAtOf.get(response.config);
    const date: unknown = response.headers?.date;
    if (sentAt !== undefined) estimate.record(date, sentAt, Date.now());
    return response;
  });
}
