import type { Clock } from '../clock.ts';
import { PeriodicJob } from '../jobs/periodic-job.ts';
import type { Logger } from '../logger.ts';
import type { StripeEventSink, StripePaymentEvent } from './stripe-webhook.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import { CAPTURED_PAYMENT_STATUSES } from '../stores/payments/payments.ts';
import type { PaySaga } from './pay-saga.ts';
import type { Metrics } from '../metrics.ts';

/** What one pass did, for logs (and tests). */
export interface ReconcileCounts {
  /** Unfinished sagas picked up. */
  readonly examined: number;
  /** Finished: captured, every item confirmed. */
  readonly finished: number;
  /** Compensated: nothing captured, nothing left booked. */
  readonly compensated: number;
  /** Could not be finished now (the gateway is unavailable); the next pass tries again. */
  readonly pending: number;
  /** Repairs that failed (logged); the next pass tries again. */
  readonly failures: number;
}

export interface ReconcilerOptions {
  /**
   * A saga not written for this long is taken as abandoned by whoever ran it. The pass at start-up
   * uses none: no request of this process can be running yet.
   */
  readonly graceSeconds?: number;
  /** Sagas claimed per batch, and batches per pass (so a pass always ends). */
  readonly batchSize?: number;
  readonly maxBatches?: number;
}

/**
 * Finishes or compensates every pay saga left half-way (a crash, a lost connection, a gateway outage),
 * at start-up and then on an interval (ARCHITECTURE.md, "Trips cross stores, so pay is a saga"). Each
 * repair is the saga itself run from its last persisted step (PaySaga.repair), so the reconciler has no
 * rules of its own: with every item still confirmable and an authorization it finishes, otherwise it
 * compensates. On PostgreSQL sagas are claimed FOR UPDATE SKIP LOCKED, so instances share the work.
 *
 * It is also the sink of Stripe's webhook events: an authorization canceled or failed at Stripe
 * compensates its saga; a refund made at Stripe (the dashboard) is recorded if it is not yet.
 */
export class Reconciler implements StripeEventSink {
  readonly #stores: Pick<Stores, 'paymentRecords'>;
  readonly #saga: PaySaga;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #grace: number;
  readonly #batchSize: number;
  readonly #maxBatches: number;
  readonly #metrics: Metrics | undefined;
  readonly #job: PeriodicJob<ReconcileCounts>;

  constructor(
    stores: Pick<Stores, 'paymentRecords'>,
    saga: PaySaga,
    deps: { clock: Clock; logger: Logger; metrics?: Metrics },
    opts: ReconcilerOptions = {},
  ) {
    this.#stores = stores;
    this.#saga = saga;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#grace = opts.graceSeconds ?? 60;
    this.#batchSize = opts.batchSize ?? 50;
    this.#maxBatches = opts.maxBatches ?? 20;
    this.#metrics = deps.metrics;
    this.#job = new PeriodicJob(() => this.reconcileOnce(this.#grace), deps.clock);
  }

  /** One pass over the unfinished sagas not written for `graceSeconds`. Never throws; failures are counted. */
  async reconcileOnce(graceSeconds: number = this.#grace): Promise<ReconcileCounts> {
    const counts = { examined: 0, finished: 0, compensated: 0, pending: 0, failures: 0 };
    // Claiming stamps a saga; one that stays unfinished must not be claimed again in the same pass.
    const seen = new Set<string>();
    for (let batch = 0; batch < this.#maxBatches; batch++) {
      const now = this.#clock.now();
      let claimed;
      try {
        claimed = await this.#stores.paymentRecords.claimUnfinished(
          now,
          new Date(now.getTime() - graceSeconds * 1000),
          this.#batchSize,
          [...seen, ...this.#saga.running()],
        );
      } catch (err) {
        counts.failures++;
        this.#logger.error({ err }, 'reconciler: listing unfinished pay sagas failed');
        break;
      }
      for (const saga of claimed) {
        seen.add(saga.attemptId);
        counts.examined++;
        try {
          const outcome = await this.#saga.repair(saga.attemptId);
          this.#metrics?.reconcilerRepair(outcome.kind);
          if (outcome.kind === 'completed') counts.finished++;
          else if (outcome.kind === 'compensated') counts.compensated++;
          else counts.pending++;
        } catch (err) {
          counts.failures++;
          this.#metrics?.reconcilerRepair('failed');
          this.#logger.error(
            { err, attemptId: saga.attemptId, tripId: saga.tripId },
            'reconciler: repair failed',
          );
        }
      }
      if (claimed.length < this.#batchSize) break;
    }
    if (counts.examined + counts.failures > 0) {
      this.#logger.info({ reconcile: counts }, 'reconciler: repaired pay sagas');
    }
    return counts;
  }

  /**
   * A pass now (no grace: nothing of this process runs yet), then one every `intervalSeconds`, never two
   * at once.
   */
  start(intervalSeconds: number): Promise<ReconcileCounts> {
    return this.#job.start(intervalSeconds, () => this.reconcileOnce(0));
  }

  /** Stops the timer and waits for a pass in progress: call before the stores close. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  /**
   * Finishes or compensates the unfinished pay saga of one trip now, as a pass would: the consistency
   * checker's repair of a saga left half-way. Undefined when the trip has none, or this process runs it.
   */
  async reconcileTrip(tripId: string): Promise<'completed' | 'compensated' | 'pending' | undefined> {
    const saga = await this.#stores.paymentRecords.unfinishedSagaOfTrip(tripId);
    if (!saga || this.#saga.running().includes(saga.attemptId)) return undefined;
    return (await this.#saga.repair(saga.attemptId)).kind;
  }

  /** Stripe webhook events (verified and deduplicated by the webhook route). */
  async handle(event: StripePaymentEvent): Promise<void> {
    if (!event.authorizationId) return;
    const records = this.#stores.paymentRecords;
    const payment = await records.findPaymentByTransaction(event.authorizationId);
    switch (event.type) {
      case 'payment_intent.canceled':
      case 'payment_intent.payment_failed': {
        // A decline during authorize has no payment with this transaction id yet: the request answers it.
        if (!payment) return;
        const outcome = await this.#saga.abandon(payment.attemptId, {
          code: 'payment_declined',
          detail:
            event.type === 'payment_intent.canceled'
              ? 'The card authorization was canceled at the payment gateway; nothing was charged.'
              : 'The payment failed at the payment gateway; nothing was charged.',
          declineCode: event.type === 'payment_intent.canceled' ? 'authorization_canceled' : 'payment_failed',
        });
        if (outcome) {
          this.#logger.info(
            { eventId: event.eventId, attemptId: payment.attemptId, outcome: outcome.kind },
            'reconciler: Stripe ended an authorization; its pay saga was compensated',
          );
        }
        return;
      }
      case 'charge.refunded': {
        if (!payment || !CAPTURED_PAYMENT_STATUSES.includes(payment.status) || !event.amountRefunded) return;
        if (event.amountRefunded.currency !== payment.amount.currency) {
          this.#logger.error(
            { eventId: event.eventId, paymentId: payment.id },
            'charge.refunded in another currency',
          );
          return;
        }
        // Pending refunds count: they are ours, asked of Stripe and not settled yet.
        const known = (await records.listRefunds({ paymentId: payment.id }))
          .filter((r) => r.status !== 'failed')
          .reduce((sum, r) => sum + r.amount.amount, 0);
        const missing = event.amountRefunded.amount - known;
        if (missing <= 0) return;
        await records.recordRefund({
          id: newId('rfd'),
          paymentId: payment.id,
          amount: { amount: missing, currency: payment.amount.currency },
          status: 'succeeded',
          reason: 'Refunded at Stripe (charge.refunded), not through Tripdesk.',
          idempotencyKey: `stripe-event:${event.eventId}`,
          now: this.#clock.now(),
        });
        this.#logger.warn(
          { eventId: event.eventId, paymentId: payment.id, amount: missing },
          'reconciler: recorded a refund made at Stripe',
        );
        return;
      }
      default:
        // succeeded, amount_capturable_updated: the saga itself drives authorization and capture.
        return;
    }
  }
}
