import { RateLimiterMemory } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.ts';

export interface LoginLimits {
  /** Failed sign-ins per account before it is locked for `windowSeconds`. */
  readonly perAccount: number;
  /** Sign-in attempts (failed or not) per client address within `windowSeconds`. */
  readonly perAddress: number;
  readonly windowSeconds: number;
}

export const defaultLoginLimits: LoginLimits = { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 };

/**
 * Brute-force brakes on sign-in: per account (failures only, so a clerk's typo does not lock out a
 * desk) and per address (every attempt). Memory-backed, so each server instance counts its own;
 * rate-limiter-flexible handles windows and expiry so we do not hand-roll them.
 */
export class LoginLimiter {
  readonly #account: RateLimiterMemory;
  readonly #address: RateLimiterMemory;
  readonly #limits: LoginLimits;

  constructor(limits: LoginLimits = defaultLoginLimits) {
    this.#limits = limits;
    this.#account = new RateLimiterMemory({ points: limits.perAccount, duration: limits.windowSeconds });
    this.#address = new RateLimiterMemory({ points: limits.perAddress, duration: limits.windowSeconds });
  }

  /** Throws 429 when the address or the account has used up its attempts; counts this attempt. */
  async beforeAttempt(email: string, address: string): Promise<void> {
    const account = await this.#account.get(email);
    if (account && account.consumedPoints >= this.#limits.perAccount) {
      throw rateLimited(
        Math.max(1, Math.ceil(account.msBeforeNext / 1000)),
        'Too many failed sign-ins for this account. Wait before trying again.',
      );
    }
    try {
      await this.#address.consume(address);
    } catch (res) {
      const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? this.#limits.windowSeconds * 1000;
      throw rateLimited(Math.max(1, Math.ceil(ms / 1000)), 'Too many sign-in attempts from this address.');
    }
  }

  async failed(email: string): Promise<void> {
    await this.#account.penalty(email, 1);
  }

  async succeeded(email: string): Promise<void> {
    await this.#account.delete(email);
  }
}
