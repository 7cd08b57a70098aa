import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ConsistencyCheckName,
  ConsistencyCheckResult,
  ConsistencyDetail,
  ConsistencyReport,
  ConsistencyReportSummary,
  ConsistencyTrigger,
  ItemStatus,
  ItemType,
  StoreName,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DatedConsistency, HoldState } from '../stores/consistency.ts';
import type { HoldEnd } from '../stores/holds.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import { SOLD_ITEM_STATUSES, type ItemCheck } from '../stores/payments/consistency.ts';
import type { BookingService } from '../selling/booking.ts';
import type { Reconciler } from '../paying/reconciler.ts';
import type { Sweeper } from '../selling/sweeper.ts';

/** Actor of the checker's repairs in the inventory stores' histories. */
export const CONSISTENCY_ACTOR = 'system:consistency';

const TITLES: Record<ConsistencyCheckName, string> = {
  inventory_counts:
    'Inventory counters: on every counted row 0 ≤ held, 0 ≤ booked, held + booked ≤ capacity, and the ' +
    'counters equal what the holds (and, for flights, the seat rows) say.',
  sold_items_paid:
    'Every sold item has a captured payment, every cancelled paid item its refund, and no payment is ' +
    'left half-way.',
  payments_match_items:
    'Every captured payment paid for items: captured − refunded (+ change charges) = items sold + ' +
    'cancellation fees kept.',
  stores_agree: 'Each trip item’s status agrees with its hold in the inventory store.',
  expired_holds_released: 'No hold or held item is left running past its expiry.',
};

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

interface CheckerServices {
  readonly sweeper: Pick<Sweeper, 'sweepOnce'>;
  readonly reconciler: Pick<Reconciler, 'reconcileTrip'>;
  readonly booking: Pick<BookingService, 'release'>;
}

type RunOptions = { readonly repair: boolean; readonly trigger: ConsistencyTrigger };

/** One check's counts and details as it goes. */
class Tally {
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
  result(name: ConsistencyCheckName): ConsistencyCheckResult {
    return {
      name,
      title: TITLES[name],
      status: this.problems === 0 ? 'ok' : this.repaired === this.problems ? 'repaired' : 'problem',
      checked: this.checked,
      problems: this.problems,
      repaired: this.repaired,
      details: this.details,
      truncated: this.truncated,
    };
  }
}

/** What the cross-store check makes of an item and its hold. */
type Verdict =
  | { readonly kind: 'agree' }
  /** Explained by work in flight (a payment, cancellation or change not finished; the sweeper's turn). */
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'problem'; readonly message: string; readonly release?: HoldEnd };

const STORE_OF: Record<ItemType, 'hotels' | 'flights' | 'cars'> = {
  hotel: 'hotels',
  flight: 'flights',
  car: 'cars',
};

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
  readonly #services: CheckerServices;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #batch: number;
  readonly #detailLimit: number;
  readonly #keep: number;
  readonly #expiryGrace: number;
  readonly #sagaGrace: number;
  readonly #settleDelays: readonly number[];
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
    this.#services = services;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#batch = opts.batchSize ?? 500;
    this.#detailLimit = opts.detailLimit ?? 100;
    this.#keep = opts.keep ?? 100;
    this.#expiryGrace = opts.expiryGraceSeconds ?? 2 * 15 + 60;
    this.#sagaGrace = opts.sagaGraceSeconds ?? 10 * 60;
    this.#settleDelays = opts.settleDelaysMs ?? [25, 150, 750];
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
    const steps: [ConsistencyCheckName, (t: Tally, repair: boolean) => Promise<void>][] = [
      ['inventory_counts', (t, r) => this.#inventoryCounts(t, r)],
      ['sold_items_paid', (t, r) => this.#soldItemsPaid(t, r)],
      ['payments_match_items', (t) => this.#paymentsMatchItems(t)],
      ['stores_agree', (t, r) => this.#storesAgree(t, r)],
      ['expired_holds_released', (t, r) => this.#expiredHoldsReleased(t, r)],
    ];
    for (const [name, check] of steps) {
      const tally = new Tally(this.#detailLimit);
      try {
        await check(tally, opts.repair);
      } catch (err) {
        this.#logger.error({ err, check: name }, 'consistency check failed');
        tally.problem('payments', 'check', name, `The check could not finish: ${(err as Error).message}`);
      }
      checks.push(tally.result(name));
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

  // ------------------------------------------------------------------------------------------
  // 1. Inventory counters

  async #inventoryCounts(t: Tally, repair: boolean): Promise<void> {
    const c = this.#stores.consistency;
    for (const [store, repo, entity] of [
      ['hotels', c.hotels, 'room_night'],
      ['cars', c.cars, 'car_day'],
    ] as const) {
      let after: string[] | undefined;
      for (;;) {
        const rows = await repo.scanCounted(after, this.#batch);
        for (const row of rows) {
          const id = repo.keyColumns.map((k) => row.key[k]).join('/');
          const wrong = counterProblems(row);
          if (wrong.length === 0) continue;
          const drifted = row.held !== row.heldByHolds || row.booked !== row.bookedByHolds;
          if (!repair || !drifted) {
            t.problem(store, entity, id, wrong.join('; ') + (drifted ? '' : '; not repairable by a recount'));
            continue;
          }
          const outcome = await repo.recount(row.key, (found) => {
            const recount = { held: found.heldByHolds, booked: found.bookedByHolds };
            if (found.held === recount.held && found.booked === recount.booked) return undefined;
            return keepsInvariant(recount, found.capacity) ? recount : undefined;
          });
          const found = outcome.found;
          if (!found) continue;
          if (outcome.written) {
            t.problem(
              store,
              entity,
              id,
              `${counterProblems(found).join('; ')}; recounted from its holds to held ${found.heldByHolds}, booked ${found.bookedByHolds}`,
              true,
            );
            this.#logger.warn(
              { store, key: row.key, before: found },
              'consistency check: recounted a counter',
            );
          } else if (counterProblems(found).length > 0) {
            t.problem(
              store,
              entity,
              id,
              `${counterProblems(found).join('; ')}; not repaired: the recount would break held + booked ≤ capacity`,
            );
          }
        }
        t.checked += rows.length;
        if (rows.length < this.#batch) break;
        after = repo.keyColumns.map((k) => rows[rows.length - 1]!.key[k]!);
      }
      await this.#holdsWithoutRows(t, store, repo);
    }
    await this.#fareClasses(t, repair);
  }

  async #holdsWithoutRows(t: Tally, store: 'hotels' | 'cars', repo: DatedConsistency): Promise<void> {
    let after = '';
    for (;;) {
      const scan = await repo.scanHoldRows(after, this.#batch);
      t.checked += scan.checked;
      for (const h of scan.missing) {
        t.problem(
          store,
          repo.holdsTable.replace(/s$/, ''),
          h.id,
          `${h.status} over ${h.dates} dates, but only ${h.rows} of them have a counted row`,
        );
      }
      if (scan.checked < this.#batch || !scan.last) break;
      after = scan.last;
    }
  }

  async #fareClasses(t: Tally, repair: boolean): Promise<void> {
    const repo = this.#stores.consistency.flights;
    let after: string[] | undefined;
    for (;;) {
      const rows = await repo.scanFareClasses(after, this.#batch);
      for (const row of rows) {
        const id = `${row.key.flight_id}/${row.key.code}`;
        const wrong = fareClassProblems(row);
        if (wrong.length === 0) continue;
        // Recountable when the holds and the seat rows agree with each other: the counters are the odd one out.
        const recountable =
          row.heldByHolds === row.heldSeats &&
          row.bookedByHolds === row.bookedSeats &&
          (row.held !== row.heldByHolds || row.booked !== row.bookedByHolds);
        if (!repair || !recountable) {
          t.problem(
            'flights',
            'fare_class',
            id,
            wrong.join('; ') + (recountable ? '' : '; not repairable by a recount'),
          );
          continue;
        }
        const outcome = await repo.recountFareClass(row.key, (found) => {
          const recount = { held: found.heldByHolds, booked: found.bookedByHolds };
          if (found.heldSeats !== recount.held || found.bookedSeats !== recount.booked) return undefined;
          if (found.held === recount.held && found.booked === recount.booked) return undefined;
          return keepsInvariant(recount, found.capacity) ? recount : undefined;
        });
        const found = outcome.found;
        if (!found) continue;
        if (outcome.written) {
          t.problem(
            'flights',
            'fare_class',
            id,
            `${fareClassProblems(found).join('; ')}; recounted from its holds to held ${found.heldByHolds}, booked ${found.bookedByHolds}`,
            true,
          );
          this.#logger.warn({ key: row.key, before: found }, 'consistency check: recounted a fare class');
        } else if (fareClassProblems(found).length > 0) {
          t.problem('flights', 'fare_class', id, `${fareClassProblems(found).join('; ')}; not repaired`);
        }
      }
      t.checked += rows.length;
      if (rows.length < this.#batch) break;
      const last = rows[rows.length - 1]!.key;
      after = [last.flight_id, last.code];
    }

    let seatAfter: string[] | undefined;
    for (;;) {
      const seats = await repo.scanSeats(seatAfter, this.#batch);
      for (const s of seats) {
        const wrong: string[] = [];
        if (s.holdStatus !== s.status)
          wrong.push(`seat ${s.status} but its hold is ${s.holdStatus ?? 'missing'}`);
        if (s.holdFareClass !== null && s.holdFareClass !== s.fareClass)
          wrong.push(`seat row of fare class ${s.fareClass}, its hold of ${s.holdFareClass}`);
        if (!s.inClass) wrong.push(`not a seat of fare class ${s.fareClass}`);
        if (wrong.length > 0)
          t.problem('flights', 'seat', `${s.flightId}/${s.seat}`, `${wrong.join('; ')} (item ${s.itemId})`);
      }
      t.checked += seats.length;
      if (seats.length < this.#batch) break;
      const last = seats[seats.length - 1]!;
      seatAfter = [last.flightId, last.seat];
    }

    let holdAfter = '';
    for (;;) {
      const holds = await repo.scanLiveHolds(holdAfter, this.#batch);
      for (const h of holds) {
        const listed = h.listedSeats.join(',');
        if (h.listedSeats.length !== h.passengers || listed !== h.seatRows.join(',')) {
          t.problem(
            'flights',
            'flight_hold',
            h.id,
            `${h.status} for ${h.passengers} passengers with seats ${listed || 'none'}, but its ${h.status} seat rows are ${h.seatRows.join(',') || 'none'}`,
          );
        }
      }
      t.checked += holds.length;
      if (holds.length < this.#batch) break;
      holdAfter = holds[holds.length - 1]!.id;
    }
  }

  // ------------------------------------------------------------------------------------------
  // 2. Sold items are paid, cancelled paid items refunded, no payment left half-way

  async #soldItemsPaid(t: Tally, repair: boolean): Promise<void> {
    const payments = this.#stores.consistency.payments;
    t.checked += (await payments.countSoldItems()) + (await payments.countUnfinishedSagas());
    const reconciled = new Map<string, string | undefined>();
    const reconcile = async (tripId: string) => {
      if (!reconciled.has(tripId)) {
        reconciled.set(tripId, await this.#services.reconciler.reconcileTrip(tripId));
      }
      return reconciled.get(tripId);
    };

    // Pay sagas not written for a while: the reconciler's own repair, run now for their trips.
    const staleBefore = new Date(this.#clock.now().getTime() - this.#sagaGrace * 1000).toISOString();
    for (const saga of await payments.staleSagas(staleBefore, this.#detailLimit * 2)) {
      const base = `pay saga ${saga.attemptId} left at step ${saga.step} since ${saga.updatedAt}`;
      if (!repair) {
        t.problem('payments', 'trip', saga.tripId, `${base}; the reconciler repairs it`);
        continue;
      }
      const outcome = await reconcile(saga.tripId);
      const finished = !(await payments.sagaUnfinished(saga.tripId));
      t.problem(
        'payments',
        'trip',
        saga.tripId,
        `${base}; reconciled: ${finished ? (outcome ?? 'finished') : 'still unfinished (the gateway may be unavailable)'}`,
        finished,
      );
    }

    let after = '';
    for (;;) {
      const unpaid = await payments.unpaidSoldItems(after, this.#batch);
      for (const item of unpaid) {
        const base = `${item.status} but trip ${item.tripId} has no captured payment`;
        if (!item.sagaUnfinished) {
          t.problem('payments', 'trip_item', item.id, `${base}; money is never repaired automatically`);
          continue;
        }
        if (!repair) {
          t.problem(
            'payments',
            'trip_item',
            item.id,
            `${base}; its pay saga is unfinished: the reconciler repairs it`,
          );
          continue;
        }
        await reconcile(item.tripId);
        const paid = await payments.hasCapturedPayment(item.tripId);
        const status = (await payments.itemStatuses([item.id])).get(item.id);
        const settled = paid || !SOLD_ITEM_STATUSES.includes(status!);
        t.problem(
          'payments',
          'trip_item',
          item.id,
          `${base}; its pay saga was reconciled${settled ? '' : ', still without a captured payment'}`,
          settled,
        );
      }
      if (unpaid.length < this.#batch) break;
      after = unpaid[unpaid.length - 1]!.id;
    }

    after = '';
    for (;;) {
      const cancellations = await payments.paidCancellations(after, this.#batch);
      t.checked += cancellations.length;
      for (const c of cancellations) {
        // Still going (the after-sale recovery finishes it): not a problem yet.
        if (c.status !== 'completed' || c.refundStatus === 'pending' || c.pendingParts > 0) continue;
        const owed = `${c.refundAmount} ${c.currency} (minor units)`;
        if (c.refundStatus === 'failed') {
          t.problem(
            'payments',
            'trip_item',
            c.itemId,
            `cancelled after pay; its refund of ${owed} failed: the customer is owed it`,
          );
        } else if (c.refunded !== c.refundAmount) {
          t.problem(
            'payments',
            'trip_item',
            c.itemId,
            `cancelled after pay with a refund of ${owed}, but its refund records add up to ${c.refunded}`,
          );
        }
      }
      if (cancellations.length < this.#batch) break;
      after = cancellations[cancellations.length - 1]!.id;
    }

    after = '';
    for (;;) {
      const orphans = await payments.cancelledItemsWithoutRecord(after, this.#batch);
      for (const o of orphans) {
        t.problem(
          'payments',
          'trip_item',
          o.id,
          `cancelled without a cancellation record (trip ${o.tripId}): no refund was decided`,
        );
      }
      if (orphans.length < this.#batch) break;
      after = orphans[orphans.length - 1]!.id;
    }
  }

  // ------------------------------------------------------------------------------------------
  // 3. Captured payments match what they paid for

  async #paymentsMatchItems(t: Tally): Promise<void> {
    const payments = this.#stores.consistency.payments;
    let after = '';
    for (;;) {
      const ledgers = await payments.tripLedgers(after, this.#batch);
      t.checked += ledgers.length;
      for (const first of ledgers) {
        if (first.inFlight || !ledgerProblem(first)) continue;
        // Read again at one point now: only a disagreement that stands is reported.
        const again = (await payments.tripLedger(first.tripId)).find((l) => l.currency === first.currency);
        const message = again && !again.inFlight ? ledgerProblem(again) : undefined;
        if (message) t.problem('payments', 'trip', first.tripId, message);
      }
      if (ledgers.length < this.#batch) break;
      after = ledgers[ledgers.length - 1]!.tripId;
    }
  }

  // ------------------------------------------------------------------------------------------
  // 4. Trip items agree with their holds

  async #storesAgree(t: Tally, repair: boolean): Promise<void> {
    const payments = this.#stores.consistency.payments;
    let after = '';
    for (;;) {
      const items = await payments.scanItems(after, this.#batch);
      t.checked += items.length;
      const holds = await this.#holdsOf(items);
      let candidates = items
        .map((item) => ({ item, verdict: this.#judge(item, holds.get(item.holdId)) }))
        .filter((c) => c.verdict.kind === 'problem');
      // Read each disagreement again, after a moment, a few times: a write in flight settles; a problem stays.
      for (const delay of [0, ...this.#settleDelays]) {
        if (candidates.length === 0) break;
        if (delay > 0) await sleep(delay);
        const still: typeof candidates = [];
        for (const c of candidates) {
          const item = await payments.findItem(c.item.id);
          if (!item) continue;
          const hold = (await this.#holdsOf([item])).get(item.holdId);
          const verdict = this.#judge(item, hold);
          if (verdict.kind !== 'problem') continue;
          if (verdict.release && repair) {
            await this.#release(t, item, verdict);
            continue;
          }
          still.push({ item, verdict });
        }
        candidates = still;
      }
      for (const { item, verdict } of candidates) {
        if (verdict.kind !== 'problem') continue;
        t.problem(
          'payments',
          'trip_item',
          item.id,
          verdict.message + (verdict.release ? '; safe to repair (release the hold)' : ''),
        );
      }
      if (items.length < this.#batch) break;
      after = items[items.length - 1]!.id;
    }
  }

  async #release(t: Tally, item: ItemCheck, verdict: Extract<Verdict, { kind: 'problem' }>): Promise<void> {
    const now = this.#clock.now();
    await this.#services.booking.release(item.type, item.holdId, verdict.release!, now, CONSISTENCY_ACTOR);
    const hold = (await this.#holdsOf([item])).get(item.holdId);
    const done = hold?.status !== 'held';
    t.problem(
      'payments',
      'trip_item',
      item.id,
      `${verdict.message}; ${done ? `released the hold (${verdict.release})` : 'the hold could not be released'}`,
      done,
    );
    if (done)
      this.#logger.warn({ itemId: item.id, holdId: item.holdId }, 'consistency check: released a hold');
  }

  async #holdsOf(items: readonly ItemCheck[]): Promise<Map<string, HoldState>> {
    const out = new Map<string, HoldState>();
    const c = this.#stores.consistency;
    for (const type of ['hotel', 'flight', 'car'] as const) {
      const ids = items.filter((i) => i.type === type).map((i) => i.holdId);
      if (ids.length === 0) continue;
      const repo = type === 'hotel' ? c.hotels : type === 'flight' ? c.flights : c.cars;
      for (const [id, state] of await repo.holdStates(ids)) out.set(id, state);
    }
    return out;
  }

  /** Whether an item and its hold agree, disagree for now (work in flight), or disagree. */
  #judge(item: ItemCheck, hold: HoldState | undefined): Verdict {
    const at = this.#clock.now().toISOString();
    const store = STORE_OF[item.type];
    if (!hold) {
      return {
        kind: 'problem',
        message: `${item.status}, but its hold ${item.holdId} is missing in the ${store} store`,
      };
    }
    const says = `${item.status}, but its hold ${item.holdId} is ${hold.status}`;
    const h = hold.status;
    if (item.status === 'held') {
      if (h === 'held') return { kind: 'agree' };
      // The sweeper expires the hold first, then the item.
      if (h === 'expired' && item.holdExpiresAt !== null && item.holdExpiresAt <= at)
        return { kind: 'agree' };
      // A payment books the holds before it confirms the items, and a compensation gives them back first.
      if (item.sagaUnfinished) return { kind: 'in_flight' };
      return { kind: 'problem', message: `${says}, and no payment is in progress` };
    }
    if (SOLD_ITEM_STATUSES.includes(item.status)) {
      if (h === 'booked') return { kind: 'agree' };
      if (item.changeUnfinished) return { kind: 'in_flight' };
      return { kind: 'problem', message: `${says}: sold, but its units are not booked` };
    }
    // released, expired, cancelled: the units must have gone back.
    if (h === 'booked') {
      if (item.status === 'cancelled' && item.cancellation?.status === 'started')
        return { kind: 'in_flight' };
      return {
        kind: 'problem',
        message: `${says}: its units are still booked (not repaired: a sale is never undone automatically)`,
      };
    }
    if (h === 'held') {
      if (item.status === 'cancelled' && item.cancellation?.status === 'started')
        return { kind: 'in_flight' };
      // Past its expiry the sweeper releases it (check 5 watches that).
      if (hold.expiresAt <= at) return { kind: 'in_flight' };
      return {
        kind: 'problem',
        message: `${says}: its units are still held`,
        release: releaseReason(item.status),
      };
    }
    return { kind: 'agree' };
  }

  // ------------------------------------------------------------------------------------------
  // 5. Holds past their expiry are released

  async #expiredHoldsReleased(t: Tally, repair: boolean): Promise<void> {
    const c = this.#stores.consistency;
    const cutoff = new Date(this.#clock.now().getTime() - this.#expiryGrace * 1000).toISOString();
    const stores = [
      ['hotels', c.hotels, 'hotel_hold'],
      ['flights', c.flights, 'flight_hold'],
      ['cars', c.cars, 'car_hold'],
    ] as const;
    const overdue = async () => {
      const counts = await Promise.all(stores.map(([, repo]) => repo.countOverdueHolds(cutoff)));
      return counts.reduce((a, b) => a + b, 0) + (await c.payments.countOverdueItems(cutoff));
    };
    t.checked +=
      (await c.payments.countHeldItems()) +
      (await Promise.all(stores.map(([, repo]) => repo.countHeldHolds()))).reduce((a, b) => a + b, 0);
    const found = await overdue();
    if (found === 0) return;

    // What to name: the first ones of each store.
    const listed: {
      store: StoreName;
      entity: string;
      id: string;
      message: string;
      check: () => Promise<boolean>;
    }[] = [];
    for (const [store, repo, entity] of stores) {
      for (const h of await repo.overdueHolds(cutoff, '', this.#detailLimit)) {
        listed.push({
          store,
          entity,
          id: h.id,
          message: `held, its expiry ${h.expiresAt} has passed`,
          check: async () => (await repo.holdStates([h.id])).get(h.id)?.status !== 'held',
        });
      }
    }
    for (const i of await c.payments.overdueItems(cutoff, this.#detailLimit)) {
      listed.push({
        store: 'payments',
        entity: 'trip_item',
        id: i.id,
        message: `held, its deadline ${i.holdExpiresAt} has passed`,
        check: async () => (await c.payments.itemStatuses([i.id])).get(i.id) !== 'held',
      });
    }

    let left = found;
    if (repair) {
      // The sweeper's own release path, as often as it makes progress.
      for (let sweep = 0; sweep < 20 && left > 0; sweep++) {
        const counts = await this.#services.sweeper.sweepOnce(this.#clock.now());
        const before = left;
        left = await overdue();
        if (counts.failures > 0 || left >= before) break;
      }
    }
    let namedRepaired = 0;
    for (const l of listed) {
      const done = repair && (await l.check());
      if (done) namedRepaired++;
      t.problem(
        l.store,
        l.entity,
        l.id,
        l.message + (done ? '; released by the sweeper' : repair ? '' : '; the sweeper releases it'),
        done,
      );
    }
    // Those beyond the named ones: counted, repaired as the count after the sweeps says.
    t.more(found - listed.length, Math.max(0, found - left - namedRepaired));
  }
}

function counterProblems(r: {
  capacity: number;
  held: number;
  booked: number;
  heldByHolds: number;
  bookedByHolds: number;
}): string[] {
  const out: string[] = [];
  if (r.held < 0 || r.booked < 0) out.push(`negative count (held ${r.held}, booked ${r.booked})`);
  if (r.held + r.booked > r.capacity)
    out.push(`held ${r.held} + booked ${r.booked} > capacity ${r.capacity}`);
  if (r.held !== r.heldByHolds) out.push(`held ${r.held}, but its held holds say ${r.heldByHolds}`);
  if (r.booked !== r.bookedByHolds)
    out.push(`booked ${r.booked}, but its booked holds say ${r.bookedByHolds}`);
  return out;
}

function fareClassProblems(
  r: Parameters<typeof counterProblems>[0] & { heldSeats: number; bookedSeats: number },
): string[] {
  const out = counterProblems(r);
  if (r.held !== r.heldSeats) out.push(`held ${r.held}, but ${r.heldSeats} seat rows are held`);
  if (r.booked !== r.bookedSeats) out.push(`booked ${r.booked}, but ${r.bookedSeats} seat rows are booked`);
  return out;
}

function keepsInvariant(c: { held: number; booked: number }, capacity: number): boolean {
  return c.held >= 0 && c.booked >= 0 && c.held + c.booked <= capacity;
}

function releaseReason(status: ItemStatus): HoldEnd {
  return status === 'expired' ? 'expired' : status === 'cancelled' ? 'cancelled' : 'released';
}

/** The ledger rule for one trip (test/pay-ledger.test.ts); undefined when it holds. */
function ledgerProblem(l: {
  currency: string;
  captured: number;
  refunded: number;
  charged: number;
  chargeRefunded: number;
  sold: number;
  soldItems: number;
  fees: number;
  paidCancellations: number;
}): string | undefined {
  const kept = l.captured - l.refunded + l.charged - l.chargeRefunded;
  const owed = l.sold + l.fees;
  if (l.soldItems + l.paidCancellations === 0 && kept > 0) {
    return `captured ${l.captured} ${l.currency} (refunded ${l.refunded}), but no item of the trip was ever sold`;
  }
  if (kept === owed) return undefined;
  return (
    `captured ${l.captured} − refunded ${l.refunded} + change charges ${l.charged} − refunded ${l.chargeRefunded} ` +
    `= ${kept} ${l.currency}, but items sold ${l.sold} + fees kept ${l.fees} = ${owed}`
  );
}
