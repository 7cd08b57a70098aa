import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { rateLimited } from '../errors.ts';

/**
 * Brakes on guessing passwords that never lock the owner out. Failed sign-ins are counted three ways:
 * per account and address together, per account from anywhere, per address whatever the account. Past a
 * few free failures, each further attempt must wait a delay that doubles with every failure, up to a cap;
 * an attempt that comes sooner is answered 429 with Retry-After, without the password being tried.
 * Once the (short) wait is over, the right password signs in: five wrong guesses by someone else no
 * longer lock a desk out for a quarter of an hour. A successful sign-in clears its account's counts and
 * never counts against its address (a desk signing in all day is not an attacker).
 *
 * The counts live in this process's memory: each instance brakes on its own (a restart forgets them).
 */
export interface LoginLimits {
  /** Failures of one account from one address before each further attempt waits. */
  readonly freePerPair: number;
  /** Failures of one account, from any address, before each further attempt waits (spread-out guessing). */
  readonly freePerAccount: number;
  /** Failures from one address, whatever the account, before each further attempt waits (spraying). */
  readonly freePerAddress: number;
  /** The longest wait, in seconds, each count can impose. */
  readonly maxDelaySeconds: { readonly pair: number; readonly account: number; readonly address: number };
  /** Failures are forgotten this long after the last one. */
  readonly windowSeconds: number;
}

export const defaultLoginLimits: LoginLimits = {
  freePerPair: 3,
  freePerAccount: 10,
  freePerAddress: 20,
  // An account's owner waits at most 30 s between attempts, however many addresses guess at it.
  maxDelaySeconds: { pair: 60, account: 30, address: 300 },
  windowSeconds: 15 * 60,
};

/** How many failures a key has, and when the last was. */
interface Failures {
  count: number;
  lastAt: number;
}

/** The wait after `count` failures with `free` of them free: 1 s, 2 s, 4 s … up to `max`. */
export function delaySeconds(count: number, free: number, max: number): number {
  if (count <= free) return 0;
  return Math.min(max, 2 ** Math.min(30, count - free - 1));
}

/** Keys with their failures; forgotten `windowMs` after their last failure. */
class FailureLog {
  readonly #entries = new Map<string, Failures>();
  readonly #windowMs: number;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  get(key: string, now: number): Failures | undefined {
    const entry = this.#entries.get(key);
    if (entry && now - entry.lastAt >= this.#windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  fail(key: string, now: number): void {
    const entry = this.get(key, now);
    this.#entries.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now });
    // Keep memory bounded under a flood of made-up accounts: drop what has run out.
    if (this.#entries.size > 50_000) {
      for (const [k, e] of this.#entries) if (now - e.lastAt >= this.#windowMs) this.#entries.delete(k);
    }
  }

  clear(key: string): void {
    this.#entries.delete(key);
  }
}

export class LoginLimiter {
  readonly #limits: LoginLimits;
  readonly #clock: Clock;
  readonly #pairs: FailureLog;
  readonly #accounts: FailureLog;
  readonly #addresses: FailureLog;

  constructor(limits: Partial<LoginLimits> = {}, clock: Clock = systemClock) {
    this.#limits = { ...defaultLoginLimits, ...limits };
    this.#clock = clock;
    const windowMs = this.#limits.windowSeconds * 1000;
    this.#pairs = new FailureLog(windowMs);
    this.#accounts = new FailureLog(windowMs);
    this.#addresses = new FailureLog(windowMs);
  }

  /** Throws 429 with the wait when this attempt comes before the delay its failures impose. */
  beforeAttempt(email: string, address: string): void {
    const now = this.#clock.now().getTime();
    const { freePerPair, freePerAccount, freePerAddress, maxDelaySeconds: max } = this.#limits;
    const waits = [
      this.#wait(this.#pairs.get(pairKey(email, address), now), freePerPair, max.pair, now),
      this.#wait(this.#accounts.get(email, now), freePerAccount, max.account, now),
      this.#wait(this.#addresses.get(address, now), freePerAddress, max.address, now),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      throw rateLimited(
        Math.ceil(wait / 1000),
        `Several sign-ins failed just now; wait ${Math.ceil(wait / 1000)} s before trying again.`,
      );
    }
  }

  failed(email: string, address: string): void {
    const now = this.#clock.now().getTime();
    this.#pairs.fail(pairKey(email, address), now);
    this.#accounts.fail(email, now);
    this.#addresses.fail(address, now);
  }

  succeeded(email: string, address: string): void {
    this.#pairs.clear(pairKey(email, address));
    this.#accounts.clear(email);
  }

  #wait(failures: Failures | undefined, free: number, max: number, now: number): number {
    if (!failures) return 0;
    return Math.max(0, failures.lastAt + delaySeconds(failures.count, free, max) * 1000 - now);
  }
}

function pairKey(email: string, address: string): string {
  return `${email}\u0001${address}`;
}
