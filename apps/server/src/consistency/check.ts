import type {
  ConsistencyCheckName,
  ConsistencyCheckResult,
  ConsistencyDetail,
  StoreName,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Stores } from '../stores/index.ts';
import type { HoldsService } from '../selling/holds.ts';
import type { Reconciler } from '../paying/reconciler.ts';
import type { Sweeper } from '../selling/sweeper.ts';

/** Actor of the checker's repairs in the inventory stores' histories. */
export const CONSISTENCY_ACTOR = 'system:consistency';

/** The services whose own paths the checks repair through: they never write around them. */
export interface CheckerServices {
  readonly sweeper: Pick<Sweeper, 'sweepOnce'>;
  readonly reconciler: Pick<Reconciler, 'reconcileTrip'>;
  readonly booking: Pick<HoldsService, 'release'>;
}

/** What every check reads with: the stores' scans, the repairing services, and the run's settings. */
export interface CheckContext {
  readonly stores: Pick<Stores, 'consistency'>;
  readonly services: CheckerServices;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Rows per scan batch. */
  readonly batch: number;
  /** Details kept per check. */
  readonly detailLimit: number;
  /** Seconds past its expiry after which a running hold is a problem. */
  readonly expiryGrace: number;
  /** Seconds unwritten after which a pay saga is left half-way. */
  readonly sagaGrace: number;
  /** Waits between re-reads of a disagreement before it is reported. */
  readonly settleDelays: readonly number[];
}

/** One check of the report: its name and title, and how it runs (repairing when `repair`). */
export interface ConsistencyCheck {
  readonly name: ConsistencyCheckName;
  readonly title: string;
  run(ctx: CheckContext, t: Tally, repair: boolean): Promise<void>;
}

/** One check's counts and details as it goes. */
export class Tally {
  checked = 0;
  problems = 0;
  repaired = 0;
  readonly details: ConsistencyDetail[] = [];
  truncated = false;
  readonly #limit: number;
  constructor(limit: number) {
    this.#limit = limit;
  }
  problem(store: StoreName, entity: string, id: string, message: string, repaired = false): void {
    this.problems++;
    if (repaired) this.repaired++;
    if (this.details.length < this.#limit) this.details.push({ store, entity, id, message, repaired });
    else this.truncated = true;
  }
  /** Problems beyond the details: counted, not named. */
  more(problems: number, repaired: number): void {
    if (problems <= 0) return;
    this.problems += problems;
    this.repaired += Math.min(repaired, problems);
    this.truncated = true;
  }
  result(check: Pick<ConsistencyCheck, 'name' | 'title'>): ConsistencyCheckResult {
    return {
      name: check.name,
      title: check.title,
      status: this.problems === 0 ? 'ok' : this.repaired === this.problems ? 'repaired' : 'problem',
      checked: this.checked,
      problems: this.problems,
      repaired: this.repaired,
      details: this.details,
      truncated: this.truncated,
    };
  }
}
