import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import type { Stores } from '../stores/index.ts';
import { PeriodicJob } from '../jobs/periodic-job.ts';
import { DELIVERY_CHANNELS, type ClaimedDelivery } from '../stores/payments/outbox.ts';
import { MailError, type Mailer } from './mailer.ts';
import { emailMessage, inAppMessage } from './messages.ts';

/** Warn this long before a held trip's payment deadline. */
export const HOLD_EXPIRING_WARNING_MS = 5 * 60_000;
/** First retry 30 s after a failed attempt, doubling each time, never more than an hour apart. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 3_600_000;
/**
 * Attempts before a delivery is given up (`failed`): 30 s, 1, 2, … 32 min, then hourly, so 50
 * attempts span about two days of a mail server being down.
 */
export const MAX_ATTEMPTS = 50;

/** The wait after `attempts` failed attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface NotificationWorkerOptions {
  /** Deliveries per tick. */
  readonly batchSize?: number;
  /** How long a claimed delivery is left to its worker before another may take it. */
  readonly leaseMs?: number;
}

/** What one tick did, for logs and tests. */
export interface NotifyCounts {
  readonly expiringQueued: number;
  readonly sent: number;
  readonly skipped: number;
  /** Attempts that failed and will be tried again (or, past MAX_ATTEMPTS, were given up). */
  readonly failed: number;
}

type WorkerStores = Pick<Stores, 'outbox' | 'notifications' | 'users'>;

/**
 * Sends what the outbox holds: each tick it adds the "hold about to expire" rows (once per trip and
 * deadline), claims the deliveries that are due and sends them, in the app (the user's list, then a
 * live `notification.created`) and by email (SMTP, when configured; else `skipped`). A failed attempt
 * is counted and retried after an exponential backoff. Nothing here runs inside a booking: a mail server
 * that is down or silent only delays mail. Never throws out of a tick.
 */
export class NotificationWorker {
  readonly #stores: WorkerStores;
  readonly #mailer: Mailer | undefined;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #job: PeriodicJob<NotifyCounts>;

  constructor(
    stores: WorkerStores,
    mailer: Mailer | undefined,
    deps: { clock: Clock; events: EventBus; logger: Logger },
    opts: NotificationWorkerOptions = {},
  ) {
    this.#stores = stores;
    this.#mailer = mailer;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
    this.#batchSize = opts.batchSize ?? 50;
    this.#leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.#job = new PeriodicJob(() => this.#tickOnce(), deps.clock);
  }

  /** Runs a tick now, after the one in progress if any (tests; the timer uses the same path). */
  tick(): Promise<NotifyCounts> {
    return this.#job.runAfterCurrent();
  }

  /**
   * A tick now, then one every `intervalSeconds`, never two at once; the timer is unref'd. Does not wait
   * for the first tick: a slow mail server must never hold up the server's start.
   */
  start(intervalSeconds: number): void {
    void this.#job.start(intervalSeconds);
  }

  /** Stops the timer and waits for a tick in progress: call before the stores close. */
  async stop(): Promise<void> {
    await this.#job.stop();
    this.#mailer?.close();
  }

  async #tickOnce(): Promise<NotifyCounts> {
    let expiringQueued = 0;
    let sent = 0;
    let skipped = 0;
    let failed = 0;
    try {
      expiringQueued = await this.#stores.outbox.enqueueExpiringHolds(
        this.#clock.now(),
        HOLD_EXPIRING_WARNING_MS,
      );
    } catch (err) {
      this.#logger.error({ err }, 'notifications: looking for holds about to expire failed');
    }
    // The channels run side by side: in-app needs only our own stores, and a slow or silent mail server
    // (each attempt waits for its timeouts) must not hold it up.
    await Promise.all(
      DELIVERY_CHANNELS.map(async (channel) => {
        let claimed: ClaimedDelivery[] = [];
        try {
          claimed = await this.#stores.outbox.claimDue(
            channel,
            this.#clock.now(),
            this.#batchSize,
            this.#leaseMs,
          );
        } catch (err) {
          this.#logger.error({ err, channel }, 'notifications: claiming deliveries failed');
        }
        for (const d of claimed) {
          try {
            const outcome = await this.#deliver(d);
            if (outcome === 'sent') sent++;
            else if (outcome === 'skipped') skipped++;
            else failed++;
          } catch (err) {
            // A store that failed while recording the outcome: the lease runs out and it is tried again.
            failed++;
            this.#logger.error(
              { err, outboxId: d.outboxId, channel: d.channel },
              'notifications: delivery failed',
            );
          }
        }
      }),
    );
    const counts = { expiringQueued, sent, skipped, failed };
    if (expiringQueued + sent + failed > 0) this.#logger.info({ notify: counts }, 'notifications sent');
    return counts;
  }

  async #deliver(d: ClaimedDelivery): Promise<'sent' | 'skipped' | 'failed'> {
    const { entry } = d;
    if (d.channel === 'in_app') {
      const m = inAppMessage(entry);
      try {
        if (!(await this.#stores.users.findById(entry.payload.trip.createdBy))) {
          // A trip opened by no user of this server (imported, or a system actor): nobody to tell.
          await this.#stores.outbox.markSkipped(entry.id, 'in_app', this.#clock.now(), 'no such user');
          return 'skipped';
        }
        const { row } = await this.#stores.notifications.insert({
          userId: entry.payload.trip.createdBy,
          outboxId: entry.id,
          kind: entry.kind,
          tripId: entry.tripId,
          title: m.title,
          body: m.body,
          createdAt: entry.createdAt,
        });
        await this.#stores.outbox.markSent(entry.id, 'in_app', this.#clock.now());
        this.#events.publish({
          type: 'notification.created',
          userId: row.user_id,
          notificationId: row.id,
          at: this.#clock.now().toISOString(),
        });
        return 'sent';
      } catch (err) {
        return this.#failed(d, err);
      }
    }

    if (!this.#mailer) {
      await this.#stores.outbox.markSkipped(entry.id, 'email', this.#clock.now(), 'SMTP_URL is not set');
      return 'skipped';
    }
    const to = entry.payload.trip.customerEmail;
    try {
      await this.#mailer.send({ messageId: `<${entry.id}@tripdesk>`, to, ...emailMessage(entry) });
    } catch (err) {
      return this.#failed(d, err);
    }
    await this.#stores.outbox.markSent(entry.id, 'email', this.#clock.now());
    return 'sent';
  }

  async #failed(d: ClaimedDelivery, err: unknown): Promise<'failed'> {
    const now = this.#clock.now();
    const attempts = d.attempts + 1;
    const permanent = err instanceof MailError && err.permanent;
    const retryAt =
      permanent || attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + backoffMs(attempts));
    const message = err instanceof Error ? err.message : String(err);
    await this.#stores.outbox.markAttemptFailed(d.outboxId, d.channel, now, message, retryAt);
    this.#logger.warn(
      { err, outboxId: d.outboxId, channel: d.channel, attempts, retryAt: retryAt?.toISOString() ?? null },
      retryAt ? 'notifications: delivery failed; will retry' : 'notifications: delivery given up',
    );
    return 'failed';
  }
}
