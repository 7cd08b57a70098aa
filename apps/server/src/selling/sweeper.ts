import type { Clock } from '../clock.ts';
import { PeriodicJob } from '../jobs/periodic-job.ts';
import type { DomainEvent, EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import type { Stores } from '../stores/index.ts';
import { SWEEPER_ACTOR, type TripsService } from './trips.ts';
import type { InventoryStore, Metrics } from '../metrics.ts';

/** What one sweep did, for logs and metrics. */
export interface SweepCounts {
  /** Holds expired in each inventory store; their units went back. */
  readonly hotelHolds: number;
  readonly flightHolds: number;
  readonly carHolds: number;
  /** Trip items marked expired, and the trips they belong to that changed. */
  readonly items: number;
  readonly trips: number;
  /** Due items whose hold the inventory reports booked: left for the pay saga to record. */
  readonly leftBooked: number;
  /** Steps that failed (logged); the next sweep tries again. */
  readonly failures: number;
}

export interface SweeperOptions {
  /** Holds per inventory transaction, trips per payments batch. */
  readonly batchSize?: number;
  /** Batches per store and sweep, so one sweep always ends; the rest waits for the next. */
  readonly maxBatches?: number;
}

type SweptStores = Pick<Stores, 'hotelHolds' | 'flightHolds' | 'carHolds' | 'trips'>;

/**
 * Returns the units of holds that ran out (ARCHITECTURE.md, "Holds expire twice": reads already treat
 * them as expired; this makes it so in the stores). Each step is its own short transaction in one store
 * and is idempotent: a hold or item is only changed while still `held`, so a sweep repeated, or run by
 * several instances at once on PostgreSQL (SKIP LOCKED), never counts a unit back twice.
 */
export class Sweeper {
  readonly #stores: SweptStores;
  readonly #trips: TripsService;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #batchSize: number;
  readonly #maxBatches: number;
  readonly #metrics: Metrics | undefined;
  readonly #job: PeriodicJob<SweepCounts>;

  constructor(
    stores: SweptStores,
    trips: TripsService,
    deps: { clock: Clock; events: EventBus; logger: Logger; metrics?: Metrics },
    opts: SweeperOptions = {},
  ) {
    this.#stores = stores;
    this.#trips = trips;
    this.#events = deps.events;
    this.#logger = deps.logger;
    this.#batchSize = opts.batchSize ?? 200;
    this.#maxBatches = opts.maxBatches ?? 50;
    this.#metrics = deps.metrics;
    this.#job = new PeriodicJob((now) => this.sweepOnce(now), deps.clock);
  }

  /** One sweep: the three inventory stores, then the trips. Never throws; failures are counted and logged. */
  async sweepOnce(now: Date): Promise<SweepCounts> {
    const at = now.toISOString();
    let failures = 0;
    const inventory = async (store: string, expire: () => Promise<DomainEvent[]>): Promise<number> => {
      let total = 0;
      try {
        for (let batch = 0; batch < this.#maxBatches; batch++) {
          const freed = await expire();
          for (const e of freed) this.#events.publish(e);
          total += freed.length;
          if (freed.length < this.#batchSize) break;
        }
      } catch (err) {
        failures++;
        this.#logger.error({ err, store }, 'sweeper: expiring holds failed');
      }
      return total;
    };
    const size = this.#batchSize;
    const hotelHolds = await inventory('hotels', async () =>
      this.#counted(
        'hotels',
        now,
        await this.#stores.hotelHolds.expireDueHolds(now, size, SWEEPER_ACTOR),
      ).map(({ hold, nights }): DomainEvent => ({
        type: 'availability.changed',
        store: 'hotels',
        hotelId: hold.hotelId,
        roomTypeId: hold.roomTypeId,
        dates: nights,
        at,
      })),
    );
    const flightHolds = await inventory('flights', async () =>
      this.#counted(
        'flights',
        now,
        await this.#stores.flightHolds.expireDueHolds(now, size, SWEEPER_ACTOR),
      ).map(({ hold }): DomainEvent => ({
        type: 'availability.changed',
        store: 'flights',
        flightId: hold.flightId,
        fareClass: hold.fareClass,
        at,
      })),
    );
    const carHolds = await inventory('cars', async () =>
      this.#counted('cars', now, await this.#stores.carHolds.expireDueHolds(now, size, SWEEPER_ACTOR)).map(
        ({ hold, days }): DomainEvent => ({
          type: 'availability.changed',
          store: 'cars',
          locationCode: hold.locationCode,
          category: hold.category,
          dates: days,
          at,
        }),
      ),
    );

    let items = 0;
    let trips = 0;
    let leftBooked = 0;
    let after = '';
    for (let batch = 0; batch < this.#maxBatches; batch++) {
      let ids: string[];
      try {
        ids = await this.#trips.tripsWithDueItems(now, size, after);
      } catch (err) {
        failures++;
        this.#logger.error({ err }, 'sweeper: listing trips with due items failed');
        break;
      }
      for (const id of ids) {
        try {
          const r = await this.#trips.expireDueItems(id, now);
          items += r.expired;
          if (r.expired > 0) trips++;
          leftBooked += r.leftBooked;
        } catch (err) {
          failures++;
          this.#logger.error({ err, tripId: id }, 'sweeper: expiring a trip’s items failed');
        }
      }
      if (ids.length < size) break;
      after = ids[ids.length - 1]!;
    }

    // Hold-cap reservations a crash left behind (PostgreSQL; selling/hold-quota.ts) lapse here.
    try {
      await this.#stores.trips.purgeLapsedReservations(now);
    } catch (err) {
      failures++;
      this.#logger.error({ err }, 'sweeper: purging lapsed hold reservations failed');
    }

    const counts: SweepCounts = { hotelHolds, flightHolds, carHolds, items, trips, leftBooked, failures };
    this.#metrics?.sweepCompleted();
    if (hotelHolds + flightHolds + carHolds + items + leftBooked + failures > 0) {
      this.#logger.info({ sweep: counts }, 'sweeper: expired holds');
    }
    return counts;
  }

  /** Counts expired holds in the metrics, and how late each was (the sweeper lag). */
  #counted<T extends { hold: { expiresAt: string } }>(store: InventoryStore, now: Date, expired: T[]): T[] {
    for (const e of expired) this.#metrics?.holdExpired(store, e.hold.expiresAt, now);
    return expired;
  }

  /** Sweeps now and then every `intervalSeconds`, never two sweeps at once. */
  start(intervalSeconds: number): Promise<SweepCounts> {
    return this.#job.start(intervalSeconds);
  }

  /** Stops the timer and waits for a sweep in progress: call before the stores close. */
  stop(): Promise<void> {
    return this.#job.stop();
  }
}
