import type { TripsRepository } from '../stores/payments/trips.ts';

/**
 * The per-user hold cap (MAX_ACTIVE_HOLDS_PER_USER), counted in units and decided atomically: a request
 * reserves its units before its hold is placed, so a burst of parallel holds by one user cannot pass the
 * cap between a count and a placement. Two ways to keep the reservations, by deployment.
 */
export interface HoldQuota {
  /** Reserves the units, or says how many the user holds already and when the first runs out. */
  reserve(r: {
    readonly userId: string;
    readonly itemId: string;
    readonly units: number;
    readonly max: number;
    readonly now: Date;
    readonly pendingUntil: Date;
  }): Promise<{ reserved: true } | { reserved: false; held: number; earliestExpiry: string | null }>;
  /** The hold was refused or its item not recorded: the units are free again. */
  release(itemId: string): Promise<void>;
  /** The item is recorded: it counts by itself from now on. */
  recorded(itemId: string): void;
}

/**
 * PostgreSQL, where several instances share the users: the reservation is a row of the payments store,
 * counted under a lock on the user's quota row (TripsRepository.reserveHoldUnits) and deleted in the
 * same transaction that records the item.
 */
export class DatabaseHoldQuota implements HoldQuota {
  readonly #trips: TripsRepository;

  constructor(trips: TripsRepository) {
    this.#trips = trips;
  }

  reserve(r: Parameters<HoldQuota['reserve']>[0]) {
    return this.#trips.reserveHoldUnits(r);
  }

  release(itemId: string): Promise<void> {
    return this.#trips.dropHoldReservation(itemId);
  }

  recorded(): void {
    // Deleted by TripsRepository.changeTrip with the item's insert.
  }
}

/**
 * SQLite, where one process owns the data folder (DataDirLock): pending reservations live in this
 * process's memory, and each user's count-and-reserve runs under a lock of that user's, so the cap is
 * atomic without a database write (and its sync to disk) on every hold. A crash forgets only what was
 * pending, which no hold outlived.
 */
export class ProcessHoldQuota implements HoldQuota {
  readonly #trips: TripsRepository;
  /** By item: whose units, how many. */
  readonly #pending = new Map<string, { userId: string; units: number; until: string }>();
  /** Each user's queue: the tail of the reservations under way. */
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(trips: TripsRepository) {
    this.#trips = trips;
  }

  async reserve(r: Parameters<HoldQuota['reserve']>[0]) {
    const run = async () => {
      const { units, earliestExpiry } = await this.#trips.heldUnits(r.userId, r.now);
      const at = r.now.toISOString();
      let pending = 0;
      let earliest = earliestExpiry;
      for (const [itemId, p] of this.#pending) {
        if (p.until <= at) this.#pending.delete(itemId);
        else if (p.userId === r.userId) {
          pending += p.units;
          if (earliest === null || p.until < earliest) earliest = p.until;
        }
      }
      const held = units + pending;
      if (held + r.units > r.max) return { reserved: false as const, held, earliestExpiry: earliest };
      this.#pending.set(r.itemId, { userId: r.userId, units: r.units, until: r.pendingUntil.toISOString() });
      return { reserved: true as const };
    };
    const previous = this.#locks.get(r.userId) ?? Promise.resolve();
    const mine = previous.then(run, run);
    const tail = mine.catch(() => {});
    this.#locks.set(r.userId, tail);
    try {
      return await mine;
    } finally {
      if (this.#locks.get(r.userId) === tail) this.#locks.delete(r.userId);
    }
  }

  release(itemId: string): Promise<void> {
    this.#pending.delete(itemId);
    return Promise.resolve();
  }

  recorded(itemId: string): void {
    this.#pending.delete(itemId);
  }
}
