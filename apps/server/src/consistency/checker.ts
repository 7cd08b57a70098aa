import type {
  ConsistencyCheckResult,
  ConsistencyReport,
  ConsistencyReportSummary,
  ConsistencyTrigger,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import { Tally, type CheckContext, type CheckerServices, type ConsistencyCheck } from './check.ts';
import { expiredHoldsReleasedCheck } from './expired-holds-released.ts';
import { inventoryCountsCheck } from './inventory-counts.ts';
import { paymentsMatchItemsCheck } from './payments-match-items.ts';
import { soldItemsPaidCheck } from './sold-items-paid.ts';
import { storesAgreeCheck } from './stores-agree.ts';

/** The checks of a report, in its order: one file each. */
const CHECKS: readonly ConsistencyCheck[] = [
  inventoryCountsCheck,
  soldItemsPaidCheck,
  paymentsMatchItemsCheck,
  storesAgreeCheck,
  expiredHoldsReleasedCheck,
];

export interface ConsistencyCheckerOptions {
  /** Rows per scan batch. */
  readonly batchSize?: number;
  /** Details kept per check; the rest is counted and `truncated` says so. */
  readonly detailLimit?: number;
  /** Stored runs kept. */
  readonly keep?: number;
  /**
   * A hold or held item this long past its expiry is a problem: the sweeper has had its turns (reads
   * already treat it as expired). Default: two sweep intervals and a minute.
   */
  readonly expiryGraceSeconds?: number;
  /** A pay saga not written for this long is left half-way (the reconciler has had its turns). */
  readonly sagaGraceSeconds?: number;
  /** Waits between re-reads of a disagreement before it is reported (a write in flight settles). */
  readonly settleDelaysMs?: readonly number[];
}

type RunOptions = { readonly repair: boolean; readonly trigger: ConsistencyTrigger };

/**
 * The consistency checker (extension): checks the five stores against each other, reports, and repairs
 * what is safe to repair, never writing around the services: a counter is recounted from its holds under
 * its row's lock, a hold is released through the booking service, an overdue hold through the sweeper,
 * a payment left half-way through the reconciler. Money is never changed otherwise, only reported.
 *
 * The live system keeps writing during a run: every scan reads one batch of one store at one point (a
 * snapshot), work in flight is recognised by its own records (a saga, cancellation or change not
 * finished), and a disagreement across two stores is read again, a few times, before it is reported.
 */
export class ConsistencyChecker {
  readonly #stores: Pick<Stores, 'consistency'>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #detailLimit: number;
  readonly #keep: number;
  readonly #context: CheckContext;
  /** Runs of this process, one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #scheduled: Promise<unknown> | undefined;
  #stopped = false;

  constructor(
    stores: Pick<Stores, 'consistency'>,
    services: CheckerServices,
    deps: { clock: Clock; logger: Logger },
    opts: ConsistencyCheckerOptions = {},
  ) {
    this.#stores = stores;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#detailLimit = opts.detailLimit ?? 100;
    this.#keep = opts.keep ?? 100;
    this.#context = {
      stores,
      services,
      clock: deps.clock,
      logger: deps.logger,
      batch: opts.batchSize ?? 500,
      detailLimit: this.#detailLimit,
      expiryGrace: opts.expiryGraceSeconds ?? 2 * 15 + 60,
      sagaGrace: opts.sagaGraceSeconds ?? 10 * 60,
      settleDelays: opts.settleDelaysMs ?? [25, 150, 750],
    };
  }

  /** Runs every check now and stores the report (the newest `keep` are kept). */
  run(opts: RunOptions): Promise<ConsistencyReport> {
    const id = newId('chk');
    const next = this.#queue.then(async () => {
      const startedAt = this.#clock.now().toISOString();
      await this.#stores.consistency.payments.insertRun({
        id,
        trigger: opts.trigger,
        repair: opts.repair,
        startedAt,
      });
      return this.#execute(id, startedAt, opts);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Stored reports, newest first. */
  async list(): Promise<ConsistencyReportSummary[]> {
    const rows = await this.#stores.consistency.payments.listRuns(this.#keep);
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt!,
      trigger: r.trigger,
      repair: r.repair,
      ok: r.ok!,
      problems: r.problems ?? 0,
      repaired: r.repaired ?? 0,
    }));
  }

  async get(id: string): Promise<ConsistencyReport> {
    const row = await this.#stores.consistency.payments.findRun(id);
    if (!row || row.finishedAt === null) throw notFound('Consistency check');
    return row.report as ConsistencyReport;
  }

  /**
   * Runs the check (with safe repairs) every `intervalHours`; 0 disables. The first run comes one
   * interval after start, or at once when the newest scheduled report is older than the interval.
   * Several instances sharing a PostgreSQL database run each scheduled check once: the run is claimed
   * in the store (services do not talk to each other). Timers are unref'd.
   */
  async startSchedule(intervalHours: number): Promise<void> {
    if (!(intervalHours > 0)) return;
    this.#stopped = false;
    const intervalMs = intervalHours * 3600 * 1000;
    let delay = intervalMs;
    try {
      const last = await this.#stores.consistency.payments.lastStartedAt('schedule');
      if (last !== undefined && this.#clock.now().getTime() - Date.parse(last) >= intervalMs) delay = 0;
    } catch (err) {
      this.#logger.warn({ err }, 'consistency check: could not read the last report; waiting one interval');
    }
    this.#arm(delay, intervalMs);
  }

  /** Stops the schedule and waits for a run in progress: call before the stores close. */
  async stopSchedule(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#scheduled;
    await this.#queue;
  }

  #arm(delayMs: number, intervalMs: number): void {
    if (this.#stopped) return;
    // setTimeout holds at most ~24.8 days; a longer interval is waited for in steps.
    const step = Math.min(delayMs, 2 ** 31 - 1);
    this.#timer = setTimeout(() => {
      if (step < delayMs) {
        this.#arm(delayMs - step, intervalMs);
        return;
      }
      this.#scheduled = this.#runScheduled(intervalMs).finally(() => {
        this.#scheduled = undefined;
        this.#arm(intervalMs, intervalMs);
      });
    }, step);
    this.#timer.unref();
  }

  async #runScheduled(intervalMs: number): Promise<void> {
    try {
      const now = this.#clock.now();
      const id = newId('chk');
      const startedAt = now.toISOString();
      // Another instance ran it within (most of) this interval: that one is this interval's run.
      const notSince = new Date(now.getTime() - intervalMs * 0.9).toISOString();
      const claimed = await this.#stores.consistency.payments.claimScheduledRun(
        { id, trigger: 'schedule', repair: true, startedAt },
        notSince,
      );
      if (!claimed) return;
      const next = this.#queue.then(() =>
        this.#execute(id, startedAt, { repair: true, trigger: 'schedule' }),
      );
      this.#queue = next.catch(() => undefined);
      const report = await next;
      this.#logger.info(
        { checkId: id, ok: report.ok, problems: report.checks.map((c) => `${c.name}:${c.status}`) },
        'consistency check (scheduled) done',
      );
    } catch (err) {
      this.#logger.error({ err }, 'consistency check (scheduled) failed');
    }
  }

  async #execute(id: string, startedAt: string, opts: RunOptions): Promise<ConsistencyReport> {
    const checks: ConsistencyCheckResult[] = [];
    for (const check of CHECKS) {
      const tally = new Tally(this.#detailLimit);
      try {
        await check.run(this.#context, tally, opts.repair);
      } catch (err) {
        this.#logger.error({ err, check: check.name }, 'consistency check failed');
        tally.problem(
          'payments',
          'check',
          check.name,
          `The check could not finish: ${(err as Error).message}`,
        );
      }
      checks.push(tally.result(check));
    }
    const report: ConsistencyReport = {
      id,
      startedAt,
      finishedAt: this.#clock.now().toISOString(),
      trigger: opts.trigger,
      repair: opts.repair,
      ok: checks.every((c) => c.status !== 'problem'),
      checks,
    };
    const payments = this.#stores.consistency.payments;
    await payments.finishRun(id, {
      finishedAt: report.finishedAt,
      ok: report.ok,
      problems: checks.reduce((n, c) => n + c.problems, 0),
      repaired: checks.reduce((n, c) => n + c.repaired, 0),
      report,
    });
    await payments.pruneRuns(this.#keep).catch((err: unknown) => {
      this.#logger.warn({ err }, 'consistency check: could not prune old reports');
    });
    return report;
  }
}
