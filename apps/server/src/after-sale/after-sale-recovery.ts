import type { Clock } from '../clock.ts';
import { PeriodicJob } from '../jobs/periodic-job.ts';
import type { Logger } from '../logger.ts';
import type { Stores } from '../stores/index.ts';
import type { CancellationService } from './cancellation.ts';
import type { ChangesService } from './changes.ts';
import type { Metrics } from '../metrics.ts';

export interface AfterSaleRecoveryOptions {
  /** A cancellation or change not written for this long is taken as abandoned by whoever ran it. */
  readonly graceSeconds?: number;
  /** Rows per pass of each kind. */
  readonly batchSize?: number;
}

export interface AfterSaleRecoveryCounts {
  readonly cancellations: number;
  readonly changes: number;
  readonly failures: number;
}

/**
 * Finishes what cancellations and changes left half-way (a crash, a gateway that could not be reached):
 * a cancellation's units back and its refund asked again with the same keys; a change undone before its
 * commit point or finished after it. At start-up (no grace: nothing of this process runs yet) and then
 * on the reconciler's interval. On PostgreSQL rows are claimed FOR UPDATE SKIP LOCKED and stamped, so
 * instances share the work; every step it runs is idempotent.
 */
export class AfterSaleRecovery {
  readonly #stores: Pick<Stores, 'afterSale'>;
  readonly #cancellation: CancellationService;
  readonly #changes: ChangesService;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #grace: number;
  readonly #batch: number;
  readonly #metrics: Metrics | undefined;
  readonly #job: PeriodicJob<AfterSaleRecoveryCounts>;

  constructor(
    stores: Pick<Stores, 'afterSale'>,
    cancellation: CancellationService,
    changes: ChangesService,
    deps: { clock: Clock; logger: Logger; metrics?: Metrics },
    opts: AfterSaleRecoveryOptions = {},
  ) {
    this.#stores = stores;
    this.#cancellation = cancellation;
    this.#changes = changes;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#grace = opts.graceSeconds ?? 60;
    this.#batch = opts.batchSize ?? 100;
    this.#metrics = deps.metrics;
    this.#job = new PeriodicJob(() => this.recoverOnce(this.#grace), deps.clock);
  }

  /** One pass over what was left unfinished `graceSeconds` ago or earlier. Never throws. */
  async recoverOnce(graceSeconds: number = this.#grace): Promise<AfterSaleRecoveryCounts> {
    const now = this.#clock.now();
    const staleBefore = new Date(now.getTime() - graceSeconds * 1000);
    let cancellations = 0;
    let changes = 0;
    let failures = 0;
    try {
      for (const c of await this.#stores.afterSale.claimUnfinishedCancellations(
        now,
        staleBefore,
        this.#batch,
      )) {
        try {
          await this.#cancellation.finish(c);
          cancellations++;
        } catch (err) {
          failures++;
          this.#logger.error({ err, cancellationId: c.id }, 'recovery: finishing a cancellation failed');
        }
      }
      const running = this.#changes.running();
      for (const c of await this.#stores.afterSale.claimUnfinishedChanges(now, staleBefore, this.#batch)) {
        if (running.has(c.id)) continue;
        try {
          await this.#changes.recover(c);
          changes++;
        } catch (err) {
          failures++;
          this.#logger.error({ err, changeId: c.id }, 'recovery: finishing or undoing a change failed');
        }
      }
    } catch (err) {
      failures++;
      this.#logger.error({ err }, 'recovery: listing unfinished cancellations and changes failed');
    }
    const counts = { cancellations, changes, failures };
    this.#metrics?.afterSaleRepair('repaired', cancellations + changes);
    this.#metrics?.afterSaleRepair('failed', failures);
    if (cancellations + changes + failures > 0)
      this.#logger.info({ recovery: counts }, 'after-sale recovery');
    return counts;
  }

  /** A pass now (no grace), then one every `intervalSeconds`, never two at once. */
  start(intervalSeconds: number): Promise<AfterSaleRecoveryCounts> {
    return this.#job.start(intervalSeconds, () => this.recoverOnce(0));
  }

  /** Stops the timer and waits for a pass in progress: call before the stores close. */
  stop(): Promise<void> {
    return this.#job.stop();
  }
}
