import { writeSync } from 'node:fs';
import {
  daysBetween,
  instantInZone,
  money,
  type ItemType,
  type Trip,
  type TripStatus,
  type User,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, notFound } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import {
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type PaymentGateway,
} from './gateway.ts';
import { newId } from '../stores/ids.ts';
import type { Stores } from '../stores/index.ts';
import {
  CAPTURED_PAYMENT_STATUSES,
  LivePaymentExistsError,
  type PayAttempt,
  type PaymentRecord,
  type PaySagaError,
  type PaySagaStep,
} from '../stores/payments/payments.ts';
import { holdIdOf } from '../stores/payments/after-sale.ts';
import type { NewTripEvent, TripItemRow, TripRecord } from '../stores/payments/trips.ts';
import { availabilityChanged, type HoldsService } from '../selling/holds.ts';
import { paymentView, withPayments } from './payment-view.ts';
import { tripView, type TripsService } from '../selling/trips.ts';
import type { Metrics } from '../metrics.ts';
import {
  itemStatusAt,
  tripChanged,
  tripStatusAt,
  tripTotals,
  tripTransition,
} from '../selling/trip-status.ts';

/** Actor of what the reconciler does to a saga it picked up (trip and inventory histories). */
export const RECONCILER_ACTOR = 'system:reconciler';

/** The three confirm steps: each confirms the attempt's items of one store, in this order. */
const CONFIRM_STEPS = [
  { from: 'authorized', to: 'confirmed_hotels', type: 'hotel' },
  { from: 'confirmed_hotels', to: 'confirmed_flights', type: 'flight' },
  { from: 'confirmed_flights', to: 'confirmed_cars', type: 'car' },
] as const satisfies readonly { from: PaySagaStep; to: PaySagaStep; type: ItemType }[];

/** Steps from which a saga may still be compensated by voiding: nothing has been captured. */
const BEFORE_CAPTURE: readonly PaySagaStep[] = [
  'started',
  'holds_checked',
  'authorized',
  'confirmed_hotels',
  'confirmed_flights',
  'confirmed_cars',
];

/** A saga that loops more often than this is a bug; it is left to the reconciler and logged. */
const MAX_STEPS_PER_RUN = 40;

/** Stripe allows 1000 characters of description; ours list the items, which may be many. */
const MAX_DESCRIPTION = 1000;

/** How a run of the saga ended. */
export type SagaOutcome =
  | { readonly kind: 'completed'; readonly attempt: PayAttempt }
  | { readonly kind: 'compensated'; readonly attempt: PayAttempt }
  /** Not finished (the gateway could not be reached, or another runner holds it): try later. */
  | { readonly kind: 'pending'; readonly attempt: PayAttempt; readonly reason: string };

export interface PaySagaOptions {
  /**
   * Test-only fault switch (TRIPDESK_FAULT_AT): when the saga has persisted this step, the process
   * dies on the spot, as a crash would leave it (config.ts).
   */
  readonly faultAt?: PaySagaStep | undefined;
  /** How to die at the fault; default SIGKILL to this process. Tests in one process freeze instead. */
  readonly die?: (step: PaySagaStep) => Promise<never>;
}

type SagaStores = Pick<Stores, 'trips' | 'paymentRecords' | 'afterSale'>;

/**
 * Pays a trip whose items live in three stores (ARCHITECTURE.md, "Trips cross stores, so pay is a
 * saga"). Every step is persisted in the payments store before the next one starts and can be run
 * again without harm, so whoever picks the saga up after a crash (the same request retried with its
 * Idempotency-Key, or the reconciler) continues from the last step written:
 *
 *   started → holds_checked → authorized → confirmed_hotels → confirmed_flights → confirmed_cars
 *   → captured → completed, or, on a failure before the capture, → compensating → compensated.
 *
 * Money and inventory never disagree for longer than a repair takes: nothing is captured before every
 * item is booked, and a compensation cancels what was booked, voids the authorization (or refunds a
 * capture) and keeps still-valid holds so the customer can pay again with another card. Step changes
 * are compare-and-set on the saga's row: when two runners meet (a request and the reconciler, or a
 * Stripe event), the one that loses a step re-reads and follows the winner.
 */
export class PaySaga {
  readonly #stores: SagaStores;
  readonly #trips: TripsService;
  readonly #booking: HoldsService;
  readonly #gateway: PaymentGateway;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #faultAt: PaySagaStep | undefined;
  readonly #die: (step: PaySagaStep) => Promise<never>;
  readonly #metrics: Metrics | undefined;
  /** Attempts this process is running right now: the reconciler leaves them alone. */
  readonly #running = new Map<string, number>();

  constructor(
    stores: SagaStores,
    trips: TripsService,
    booking: HoldsService,
    gateway: PaymentGateway,
    deps: { clock: Clock; events: EventBus; logger: Logger; metrics?: Metrics },
    opts: PaySagaOptions = {},
  ) {
    this.#stores = stores;
    this.#trips = trips;
    this.#booking = booking;
    this.#gateway = gateway;
    this.#clock = deps.clock;
    this.#events = deps.events;
    this.#logger = deps.logger;
    this.#faultAt = opts.faultAt;
    this.#die = opts.die ?? killThisProcess;
    this.#metrics = deps.metrics;
  }

  get gatewayName(): 'local' | 'stripe' {
    return this.#gateway.name;
  }

  /** Attempt ids this process is running now. */
  running(): string[] {
    return [...this.#running.keys()];
  }

  /**
   * `POST /api/trips/{tripId}/pay`. Two pays of one trip with different keys: the first to write its
   * attempt proceeds, the other is `409 invalid_transition` (the one-live-payment index decides, not a
   * check in code). The same key again, after a crash or a 5xx, resumes that attempt.
   */
  async pay(user: User, tripId: string, paymentMethodId: string, idempotencyKey: string): Promise<Trip> {
    // Scope first: a trip the caller may not see is 404, as if it did not exist.
    await this.#trips.get(user, tripId);
    const earlier = await this.#stores.paymentRecords.findAttemptByKey(tripId, idempotencyKey);
    if (earlier) return this.#answer(await this.#run(earlier.saga.attemptId, earlier.saga.actor, 'live'));

    const now = this.#clock.now();
    const at = now.toISOString();
    const record = await this.#stores.trips.findTrip(tripId);
    if (!record) throw notFound('Trip');
    const status = tripStatusAt(record.trip, record.items, at);
    const held = record.items.filter((i) => i.status === 'held');
    const ran = held.filter((i) => i.hold_expires_at! <= at);
    if (status === 'expired' || ran.length > 0) {
      // Make the expiry show at once rather than at the next sweep, so the retry sees the trip as it is.
      await this.#trips.expireDueItems(tripId, now).catch((err: unknown) => {
        this.#logger.warn({ err, tripId }, 'pay: could not mark expired items');
      });
      throw holdExpired(ran.length > 0 ? ran.map((i) => i.id) : []);
    }
    // A paid trip takes more items (trips.ts acceptsItems): they are paid by themselves, in a new round.
    const paysAddedItems = status === 'confirmed' && held.length > 0;
    if (status !== 'held' && !paysAddedItems) {
      if (status === 'confirmed' && (await this.#stores.paymentRecords.findLivePayment(tripId))) {
        throw new DomainError('invalid_transition', 'This trip is paid already.', {
          from: status,
          to: 'confirmed',
        });
      }
      tripTransition(status, 'confirmed');
    }
    if (held.length === 0) {
      throw new DomainError('invalid_transition', 'There is nothing held on this trip to pay for.');
    }
    const currency = held[0]!.currency;
    const amount = held.reduce((sum, i) => sum + i.price_amount, 0);
    if (amount <= 0) {
      throw new DomainError(
        'invalid_transition',
        'There is nothing to pay: the held items are free of charge.',
      );
    }

    const attemptId = newId('att');
    let attempt: PayAttempt;
    try {
      ({ attempt } = await this.#stores.paymentRecords.createAttempt({
        attemptId,
        paymentId: newId('pay'),
        tripId,
        payRound: (await this.#stores.paymentRecords.countCapturedPayments(tripId)) + 1,
        itemIds: held.map((i) => i.id),
        actor: user.id,
        amount: money(amount, currency),
        gateway: this.#gateway.name,
        payerName: record.trip.customer_name,
        paymentMethod: paymentMethodId,
        description: describeSale(record.trip.id, held),
        idempotencyKey,
        now,
      }));
    } catch (err) {
      if (err instanceof LivePaymentExistsError) {
        const live = await this.#stores.paymentRecords.livePaymentsOfTrip(tripId);
        throw new DomainError(
          'invalid_transition',
          live.length > 0 && live.every((l) => CAPTURED_PAYMENT_STATUSES.includes(l.payment.status))
            ? 'This trip is paid already.'
            : 'A payment of this trip is in progress; wait for its answer before paying again.',
          { from: paysAddedItems ? 'confirmed' : 'held', to: 'confirmed' },
        );
      }
      throw err;
    }
    if (attempt.saga.attemptId === attemptId) await this.#stepPersisted('started');
    return this.#answer(await this.#run(attempt.saga.attemptId, user.id, 'live'));
  }

  /** For the reconciler: finishes or compensates a saga left half-way. */
  repair(attemptId: string): Promise<SagaOutcome> {
    return this.#run(attemptId, RECONCILER_ACTOR, 'recover');
  }

  /**
   * For the Stripe webhook: the gateway says the authorization is gone (canceled, failed). A saga that
   * has not captured yet is compensated; one that has is left alone (Stripe cannot cancel a capture).
   */
  async abandon(attemptId: string, error: PaySagaError): Promise<SagaOutcome | undefined> {
    const attempt = await this.#stores.paymentRecords.findAttempt(attemptId);
    if (!attempt || !BEFORE_CAPTURE.includes(attempt.saga.step)) return undefined;
    const moved = await this.#stores.paymentRecords.advance(
      attemptId,
      [attempt.saga.step],
      'compensating',
      this.#clock.now(),
      { ...error, fromStep: attempt.saga.step },
    );
    if (moved) await this.#stepPersisted('compensating');
    return this.#run(attemptId, RECONCILER_ACTOR, 'recover');
  }

  // ------------------------------------------------------------------------------------------

  async #answer(outcome: SagaOutcome): Promise<Trip> {
    const { saga, payment } = outcome.attempt;
    if (outcome.kind === 'pending') {
      throw new DomainError(
        'service_unavailable',
        `The payment could not be finished now (${outcome.reason}). Retry with the same Idempotency-Key; ` +
          'nothing is charged twice.',
      );
    }
    if (outcome.kind === 'compensated') throw sagaError(saga.error);
    const record = await this.#stores.trips.findTrip(saga.tripId);
    if (!record) throw notFound('Trip');
    // `payment` is the one this request made (on a paid trip, the added items' own); `payments` lists all.
    const view = await withPayments(this.#stores, tripView(record, this.#clock.now().toISOString()));
    const paid = paymentView(payment);
    return paid ? { ...view, payment: paid } : view;
  }

  /** Runs the saga from its last persisted step until it ends or cannot go on now. */
  async #run(attemptId: string, actor: string, mode: 'live' | 'recover'): Promise<SagaOutcome> {
    this.#running.set(attemptId, (this.#running.get(attemptId) ?? 0) + 1);
    try {
      for (let n = 0; n < MAX_STEPS_PER_RUN; n++) {
        const attempt = await this.#stores.paymentRecords.findAttempt(attemptId);
        if (!attempt) throw new Error(`pay attempt ${attemptId} vanished`);
        const next = await this.#step(attempt, actor, mode);
        if (next) return next;
      }
      const attempt = (await this.#stores.paymentRecords.findAttempt(attemptId))!;
      this.#logger.error({ attemptId, step: attempt.saga.step }, 'pay saga made no progress');
      return { kind: 'pending', attempt, reason: 'no progress' };
    } finally {
      const left = (this.#running.get(attemptId) ?? 1) - 1;
      if (left > 0) this.#running.set(attemptId, left);
      else this.#running.delete(attemptId);
    }
  }

  /** One step from where the saga stands; an outcome when it ended, undefined to go on. */
  async #step(
    attempt: PayAttempt,
    actor: string,
    mode: 'live' | 'recover',
  ): Promise<SagaOutcome | undefined> {
    const { saga } = attempt;
    const records = this.#stores.paymentRecords;
    const now = this.#clock.now();
    switch (saga.step) {
      case 'started': {
        if (mode === 'recover') {
          // The request died before asking the gateway: nothing was authorized, nothing booked.
          await this.#beginCompensation(attempt, {
            code: 'invalid_transition',
            detail:
              'The payment was interrupted before the card was charged; nothing was charged. Pay again.',
          });
          return undefined;
        }
        const refusal = await this.#checkHolds(attempt, now);
        if (refusal) {
          await this.#beginCompensation(attempt, refusal);
          return undefined;
        }
        if (await records.advance(saga.attemptId, ['started'], 'holds_checked', now)) {
          await this.#stepPersisted('holds_checked');
        }
        return undefined;
      }
      case 'holds_checked':
        return this.#authorize(attempt);
      case 'authorized':
      case 'confirmed_hotels':
      case 'confirmed_flights': {
        const step = CONFIRM_STEPS.find((s) => s.from === saga.step)!;
        const refusal = await this.#confirm(attempt, step.type, actor, now);
        if (refusal) {
          await this.#beginCompensation(attempt, refusal);
          return undefined;
        }
        if (await records.advance(saga.attemptId, [step.from], step.to, now)) {
          await this.#stepPersisted(step.to);
        }
        return undefined;
      }
      case 'confirmed_cars':
        return this.#capture(attempt);
      case 'captured':
        return this.#complete(attempt, actor);
      case 'completed':
        return { kind: 'completed', attempt };
      case 'compensating':
        return this.#compensate(attempt, actor);
      case 'compensated':
        return { kind: 'compensated', attempt };
    }
  }

  /**
   * Step 1: every item of the attempt is still held in its store and its hold runs beyond now.
   * A refusal says why not: `hold_expired` (410), or `invalid_transition` for an item removed meanwhile.
   */
  async #checkHolds(attempt: PayAttempt, now: Date): Promise<PaySagaError | undefined> {
    const items = await this.#items(attempt);
    const at = now.toISOString();
    const holds = await this.#booking.holdStatuses(items.map((i) => ({ id: holdIdOf(i), type: i.type })));
    const ran = items.filter(
      (i) => (i.status === 'held' && i.hold_expires_at! <= at) || holds.get(holdIdOf(i)) === 'expired',
    );
    if (ran.length > 0) return holdExpiredError(ran.map((i) => i.id));
    const gone = items.filter((i) => i.status !== 'held' || holds.get(holdIdOf(i)) !== 'held');
    if (gone.length > 0) return itemsChangedError(gone.map((i) => i.id));
    return undefined;
  }

  /** Step 2: authorize the attempt's amount. The same call, with the same key, resumes it after a crash. */
  async #authorize(attempt: PayAttempt): Promise<SagaOutcome | undefined> {
    const { saga, payment } = attempt;
    let result;
    try {
      result = await this.#gateway.authorize({
        amount: payment.amount,
        paymentMethodId: payment.paymentMethod,
        idempotencyKey: saga.attemptId,
        description: payment.description,
        metadata: { tripId: saga.tripId },
      });
    } catch (err) {
      if (err instanceof PaymentGatewayUnavailableError) {
        this.#logger.warn(
          { err, attemptId: saga.attemptId },
          'pay saga: the gateway could not authorize now',
        );
        return { kind: 'pending', attempt, reason: 'the payment gateway is unavailable' };
      }
      if (err instanceof PaymentGatewayRefusedError) {
        this.#logger.error({ err, attemptId: saga.attemptId }, 'pay saga: the gateway refused to authorize');
        await this.#beginCompensation(attempt, {
          code: 'internal_error',
          detail: `The payment gateway refused the payment: ${err.message}`,
        });
        return undefined;
      }
      throw err;
    }
    const after = this.#clock.now();
    if (!result.ok) {
      const error: PaySagaError = {
        code: 'payment_declined',
        detail: `The card was declined: ${result.message}`,
        declineCode: result.declineCode,
        fromStep: 'holds_checked',
      };
      if (await this.#stores.paymentRecords.markDeclined(saga.attemptId, result.declineCode, error, after)) {
        this.#metrics?.paymentFailed(error);
        await this.#stepPersisted('compensating');
      }
      return undefined;
    }
    const marked = await this.#stores.paymentRecords.markAuthorized(
      saga.attemptId,
      {
        transactionId: result.authorizationId,
        methodBrand: result.method.brand,
        methodLast4: result.method.last4,
      },
      after,
    );
    if (marked) await this.#stepPersisted('authorized');
    return undefined;
  }

  /**
   * Steps 3-5: confirm the attempt's items of one store. An item already booked (a step re-run) counts as
   * confirmed; a hold past its expiry is never confirmed (the store refuses it, whatever the sweeper did).
   */
  async #confirm(
    attempt: PayAttempt,
    type: ItemType,
    actor: string,
    now: Date,
  ): Promise<PaySagaError | undefined> {
    const items = (await this.#items(attempt)).filter((i) => i.type === type);
    for (const item of items) {
      const holdId = holdIdOf(item);
      if (await this.#booking.confirm(type, holdId, now, actor)) {
        this.#metrics?.holdConfirmed(type);
        continue;
      }
      const status = (await this.#booking.holdStatuses([{ id: holdId, type }])).get(holdId);
      if (status === 'booked') continue;
      const at = now.toISOString();
      if (status === 'expired' || (status === 'held' && item.hold_expires_at! <= at)) {
        return holdExpiredError([item.id]);
      }
      return itemsChangedError([item.id]);
    }
    return undefined;
  }

  /** Step 6: capture, then the payment is captured with its invoice number. Resumable with the same key. */
  async #capture(attempt: PayAttempt): Promise<SagaOutcome | undefined> {
    const { saga, payment } = attempt;
    // Before money is taken, make sure every item really is booked (a runner may have cancelled one).
    const refusal = await this.#verifyBooked(attempt);
    if (refusal) {
      await this.#beginCompensation(attempt, refusal);
      return undefined;
    }
    try {
      await this.#gateway.capture(payment.transactionId!, saga.attemptId);
    } catch (err) {
      if (err instanceof PaymentGatewayUnavailableError) {
        this.#logger.warn({ err, attemptId: saga.attemptId }, 'pay saga: the gateway could not capture now');
        return { kind: 'pending', attempt, reason: 'the payment gateway is unavailable' };
      }
      if (err instanceof PaymentGatewayRefusedError) {
        // The authorization is gone (voided, expired at the gateway): the booking cannot be paid.
        this.#logger.error({ err, attemptId: saga.attemptId }, 'pay saga: the gateway refused the capture');
        await this.#beginCompensation(attempt, {
          code: 'payment_declined',
          detail: `The payment could not be completed: ${err.message}`,
          declineCode: 'capture_refused',
        });
        return undefined;
      }
      throw err;
    }
    const captured = await this.#stores.paymentRecords.markCaptured(saga.attemptId, this.#clock.now());
    if (captured) this.#metrics?.paymentCaptured();
    if (captured) await this.#stepPersisted('captured');
    return undefined;
  }

  async #verifyBooked(attempt: PayAttempt): Promise<PaySagaError | undefined> {
    const items = await this.#items(attempt);
    const holds = await this.#booking.holdStatuses(items.map((i) => ({ id: holdIdOf(i), type: i.type })));
    const notBooked = items.filter((i) => holds.get(holdIdOf(i)) !== 'booked');
    return notBooked.length > 0 ? itemsChangedError(notBooked.map((i) => i.id)) : undefined;
  }

  /**
   * Step 7: the trip and its items confirmed in the payments store, with their history; then the saga
   * is completed. A trip that can no longer be confirmed (cancelled meanwhile) is unwound: refund.
   */
  async #complete(attempt: PayAttempt, actor: string): Promise<SagaOutcome | undefined> {
    const { saga, payment } = attempt;
    const now = this.#clock.now();
    const at = now.toISOString();
    const ids = new Set(saga.itemIds);
    let refused: PaySagaError | undefined;
    const result = await this.#stores.trips.changeTrip(saga.tripId, now, ({ trip, items }) => {
      const mine = items.filter((i) => ids.has(i.id));
      if (trip.status === 'confirmed' && mine.every((i) => i.status !== 'held')) return undefined;
      const wrong = mine.filter((i) => i.status !== 'held' && i.status !== 'confirmed');
      if (trip.status !== 'held' && trip.status !== 'confirmed') {
        refused = {
          code: 'invalid_transition',
          detail: `The trip was ${trip.status} while it was being paid.`,
        };
        return undefined;
      }
      if (wrong.length > 0) {
        refused = itemsChangedError(wrong.map((i) => i.id));
        return undefined;
      }
      const confirming = mine.filter((i) => i.status === 'held');
      const after: TripItemRow[] = items.map((i) =>
        ids.has(i.id) && i.status === 'held' ? { ...i, status: 'confirmed' } : i,
      );
      const paid = {
        transactionId: payment.transactionId,
        invoiceNumber: payment.invoiceNumber,
        amount: payment.amount,
      };
      return {
        trip: { ...tripTotals(after, at), status: 'confirmed' },
        itemStatuses: confirming.map((i) => ({ id: i.id, from: 'held' as const, to: 'confirmed' as const })),
        events: [
          ...confirming.map((i): NewTripEvent => ({
            type: 'item.confirmed',
            itemId: i.id,
            actor,
            from: 'held',
            to: 'confirmed',
          })),
          ...(trip.status === 'held'
            ? [{ type: 'trip.confirmed', actor, from: 'held', to: 'confirmed', detail: paid }]
            : confirming.length > 0
              ? [
                  {
                    type: 'trip.items_paid',
                    actor,
                    detail: { ...paid, itemIds: confirming.map((i) => i.id) },
                  },
                ]
              : []),
        ],
      };
    });
    if (!result) throw new Error(`trip ${saga.tripId} of pay attempt ${saga.attemptId} vanished`);
    if (refused) {
      await this.#beginCompensation(attempt, refused);
      return undefined;
    }
    if (result.changed) this.#publishTrip(result.record, at);
    if (
      await this.#stores.paymentRecords.advance(saga.attemptId, ['captured'], 'completed', this.#clock.now())
    ) {
      await this.#stepPersisted('completed');
    }
    return undefined;
  }

  /** Moves the saga to `compensating`, remembering why and from where; a lost race is followed on re-read. */
  async #beginCompensation(attempt: PayAttempt, error: PaySagaError): Promise<void> {
    const from = attempt.saga.step;
    const moved = await this.#stores.paymentRecords.advance(
      attempt.saga.attemptId,
      [from],
      'compensating',
      this.#clock.now(),
      { ...error, fromStep: from },
    );
    if (moved) this.#metrics?.paymentFailed(error);
    if (moved) await this.#stepPersisted('compensating');
  }

  /**
   * Undoes an attempt: cancels every item it booked back to its store, voids the authorization (or
   * refunds a capture), leaves holds still running so the customer can pay again, records it on the
   * trip, then `compensated`. Every part is idempotent, so a crash anywhere here is repaired by running
   * it again.
   */
  async #compensate(attempt: PayAttempt, actor: string): Promise<SagaOutcome | undefined> {
    const { saga } = attempt;
    const now = this.#clock.now();
    const at = now.toISOString();
    const items = await this.#items(attempt);
    const holds = await this.#booking.holdStatuses(items.map((i) => ({ id: holdIdOf(i), type: i.type })));
    const cancelled: TripItemRow[] = [];
    for (const item of items) {
      const holdId = holdIdOf(item);
      const status = holds.get(holdId);
      if (status === 'booked' && (await this.#booking.cancel(item.type, holdId, now, actor))) {
        this.#events.publish(availabilityChanged(item.type, item.details, at));
      }
      // Booked by this attempt and given back: the item lost its units (whoever cancelled them).
      if (status === 'booked' || status === 'cancelled') cancelled.push(item);
    }

    const undone = await this.#undoPayment(attempt);
    if (undone === 'pending')
      return { kind: 'pending', attempt, reason: 'the payment gateway is unavailable' };

    await this.#recordFailure(attempt, cancelled, actor, now);
    if (await this.#stores.paymentRecords.finishCompensation(saga.attemptId, undone, this.#clock.now())) {
      await this.#stepPersisted('compensated');
    }
    return undefined;
  }

  /** The money side of a compensation: what the payment becomes (`voided` or `failed`), or `pending`. */
  async #undoPayment(attempt: PayAttempt): Promise<'voided' | 'failed' | 'pending'> {
    const { saga } = attempt;
    const payment = (await this.#stores.paymentRecords.findPayment(saga.paymentId))!;
    const key = saga.attemptId;
    try {
      if (CAPTURED_PAYMENT_STATUSES.includes(payment.status)) {
        await this.#refundAll(payment, key);
        return 'voided';
      }
      if (payment.status === 'failed' || payment.status === 'voided') return payment.status;
      let authorizationId = payment.transactionId;
      if (!authorizationId && saga.error?.fromStep && saga.error.fromStep !== 'started') {
        // Authorize may have reached the gateway before the crash: replaying it (same key, same
        // request) answers what it did, so a lingering authorization is found and voided.
        const replay = await this.#gateway
          .authorize({
            amount: payment.amount,
            paymentMethodId: payment.paymentMethod,
            idempotencyKey: key,
            description: payment.description,
            metadata: { tripId: saga.tripId },
          })
          .catch((err: unknown) => {
            // Refused again (a request the gateway never took): nothing stands there to void.
            if (err instanceof PaymentGatewayRefusedError) return undefined;
            throw err;
          });
        if (!replay?.ok) return 'failed';
        authorizationId = replay.authorizationId;
      }
      if (!authorizationId) return 'failed';
      try {
        await this.#gateway.void(authorizationId, key);
      } catch (err) {
        // Already canceled at the gateway (Stripe said so, or it expired): nothing is held there.
        if (!(err instanceof PaymentGatewayRefusedError) || err.reason !== 'invalid_state') throw err;
        this.#logger.warn({ err, attemptId: saga.attemptId }, 'pay saga: the authorization was not voidable');
      }
      return 'voided';
    } catch (err) {
      if (err instanceof PaymentGatewayUnavailableError) {
        this.#logger.warn(
          { err, attemptId: saga.attemptId },
          'pay saga: the gateway could not undo the payment now',
        );
        return 'pending';
      }
      throw err;
    }
  }

  /** A capture whose trip could not be confirmed: everything back, recorded as a refund of the payment. */
  async #refundAll(payment: PaymentRecord, key: string): Promise<void> {
    const records = this.#stores.paymentRecords;
    const refundKey = `${key}:unwind`;
    const left = payment.amount.amount - payment.refundedAmount;
    const existing = (await records.listRefunds({ paymentId: payment.id })).find(
      (r) => r.idempotencyKey === refundKey,
    );
    if (!existing && left <= 0) return;
    const refund =
      existing ??
      (await records.beginRefund({
        id: newId('rfd'),
        paymentId: payment.id,
        amount: money(left, payment.amount.currency),
        reason: 'The trip could not be confirmed after the capture; refunded in full.',
        idempotencyKey: refundKey,
        now: this.#clock.now(),
      }));
    if (refund.status !== 'pending') return;
    const result = await this.#gateway.refund(payment.transactionId!, refund.amount, refundKey);
    await records.settleRefund(
      refund.id,
      { status: result.status === 'failed' ? 'failed' : 'succeeded', gatewayRefundId: result.refundId },
      this.#clock.now(),
    );
  }

  /**
   * The trip's side of a compensation: items whose bookings were cancelled back are released (their
   * units are gone), items whose hold ran out are expired, and the history says why the payment failed.
   * Runs again harmlessly: the history line is written once per attempt.
   */
  async #recordFailure(
    attempt: PayAttempt,
    cancelled: readonly TripItemRow[],
    actor: string,
    now: Date,
  ): Promise<void> {
    const { saga } = attempt;
    const at = now.toISOString();
    const error = saga.error ?? { code: 'internal_error', detail: 'The payment failed.' };
    if (error.code === 'hold_expired') await this.#trips.expireDueItems(saga.tripId, now);
    const before = await this.#stores.trips.findTrip(saga.tripId);
    const written = before?.events.some(
      (e) => e.detail?.attemptId === saga.attemptId && e.type.startsWith('payment.'),
    );
    const releasing = new Set(cancelled.map((i) => i.id));
    const result = await this.#stores.trips.changeTrip(saga.tripId, now, ({ trip, items }) => {
      const release = items.filter((i) => releasing.has(i.id) && i.status === 'held');
      if (written && release.length === 0) return undefined;
      const after = items.map((i) =>
        releasing.has(i.id) && i.status === 'held' ? { ...i, status: 'released' as const } : i,
      );
      let tripTo: TripStatus = trip.status;
      if (
        trip.status === 'held' &&
        !after.some((i) => itemStatusAt(i, at) === 'held' || i.status === 'confirmed')
      ) {
        tripTo = after.some((i) => i.status === 'expired' || itemStatusAt(i, at) === 'expired')
          ? 'expired'
          : 'open';
      }
      const reason = { reason: 'payment_failed', attemptId: saga.attemptId };
      return {
        trip: { ...tripTotals(after, at), status: tripTo },
        itemStatuses: release.map((i) => ({ id: i.id, from: 'held' as const, to: 'released' as const })),
        events: [
          ...release.map((i): NewTripEvent => ({
            type: 'item.released',
            itemId: i.id,
            actor,
            from: 'held',
            to: 'released',
            detail: reason,
          })),
          ...(tripTo !== trip.status
            ? [{ type: `trip.${tripTo}`, actor, from: trip.status, to: tripTo, detail: reason }]
            : []),
          ...(written
            ? []
            : [
                {
                  type: error.code === 'payment_declined' ? 'payment.declined' : 'payment.failed',
                  actor,
                  detail: {
                    attemptId: saga.attemptId,
                    code: error.code,
                    ...(error.declineCode ? { declineCode: error.declineCode } : {}),
                  },
                },
              ]),
        ],
      };
    });
    if (result?.changed) this.#publishTrip(result.record, at);
  }

  /** The trip's rows of the attempt's items (those it pays), in trip order. */
  async #items(attempt: PayAttempt): Promise<TripItemRow[]> {
    const record = await this.#stores.trips.findTrip(attempt.saga.tripId);
    if (!record)
      throw new Error(`trip ${attempt.saga.tripId} of pay attempt ${attempt.saga.attemptId} vanished`);
    const ids = new Set(attempt.saga.itemIds);
    return record.items.filter((i) => ids.has(i.id));
  }

  #publishTrip(record: TripRecord, at: string): void {
    this.#events.publish(tripChanged(record, at));
  }

  /** The fault switch: the one place a test can make the process die, right after `step` is persisted. */
  async #stepPersisted(step: PaySagaStep): Promise<void> {
    if (this.#faultAt === step) await this.#die(step);
  }
}

/** SIGKILL: no handler, no flush, no graceful close, exactly like a crash. */
function killThisProcess(step: PaySagaStep): Promise<never> {
  // Written synchronously: an asynchronous log line would be lost with the process.
  writeSync(2, `TRIPDESK_FAULT_AT: dying on purpose after the pay saga persisted "${step}"\n`);
  process.kill(process.pid, 'SIGKILL');
  // The signal is delivered asynchronously: nothing after this point may run.
  return new Promise<never>(() => {});
}

function holdExpiredError(itemIds: readonly string[]): PaySagaError {
  return {
    code: 'hold_expired',
    detail: `The hold of ${itemIds.length === 1 ? 'an item' : `${itemIds.length} items`} ran out before payment; nothing was charged.`,
    itemIds: [...itemIds],
  };
}

function holdExpired(itemIds: readonly string[]): DomainError {
  const e = holdExpiredError(itemIds);
  return new DomainError('hold_expired', e.detail, itemIds.length > 0 ? { itemIds } : {});
}

function itemsChangedError(itemIds: readonly string[]): PaySagaError {
  return {
    code: 'invalid_transition',
    detail:
      'An item of the trip changed while it was being paid; nothing was charged. Check the trip and pay again.',
    itemIds: [...itemIds],
  };
}

/** The problem a compensated attempt answers, every time it is asked again. */
function sagaError(error: PaySagaError | null): DomainError {
  if (!error) return new DomainError('internal_error', 'The payment failed.');
  const extra: Record<string, unknown> = {};
  if (error.declineCode) extra.declineCode = error.declineCode;
  if (error.itemIds && error.itemIds.length > 0) extra.itemIds = error.itemIds;
  const code = error.code as DomainError['code'];
  return new DomainError(code, error.detail, extra);
}

/** What the payment is for, in words: the gateway's record and the payment record both keep it. */
export function describeSale(tripId: string, items: readonly TripItemRow[]): string {
  const lines = items.map((i) => describeItem(i));
  const text = `Trip ${tripId}: ${lines.join('; ')}`;
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

/** One item in words, e.g. `Hotel Lisboa, Double, 2026-12-01 to 2026-12-03 (2 nights, 1 room)`. */
export function describeItem(i: Pick<TripItemRow, 'type' | 'details'>): string {
  const d = i.details as Record<string, unknown>;
  const s = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  switch (i.type) {
    case 'hotel': {
      const nights = nightsBetween(s('checkIn'), s('checkOut'));
      const rooms = Number(d.rooms ?? 1);
      return (
        `${s('hotelName') || 'Hotel'}, ${s('roomTypeName') || 'room'}, ${s('checkIn')} to ${s('checkOut')} ` +
        `(${nights} night${nights === 1 ? '' : 's'}, ${rooms} room${rooms === 1 ? '' : 's'})`
      );
    }
    case 'flight': {
      const passengers = Array.isArray(d.passengers) ? d.passengers.length : 0;
      const seats =
        Array.isArray(d.seats) && d.seats.length > 0 ? `, seats ${(d.seats as string[]).join(' ')}` : '';
      // Local time at the origin when the item kept its airport (as timetables and boarding passes say).
      const zone = (d.origin as { timeZone?: unknown } | undefined)?.timeZone;
      const departs =
        typeof zone === 'string' && s('departureAt')
          ? `${instantInZone(s('departureAt'), zone).slice(0, 16).replace('T', ' ')} local time`
          : `${s('departureAt').slice(0, 16).replace('T', ' ')} UTC`;
      return (
        `Flight ${s('flightNumber')} ${s('from')}-${s('to')} ${departs}, ` +
        `fare class ${s('fareClass')}, ${passengers} passenger${passengers === 1 ? '' : 's'}${seats}`
      );
    }
    case 'car': {
      const days = nightsBetween(s('pickUp'), s('dropOff'));
      return `Car ${s('category')} at ${s('locationCode')}, ${s('pickUp')} to ${s('dropOff')} (${days} day${days === 1 ? '' : 's'})`;
    }
  }
}

function nightsBetween(from: string, to: string): number {
  return from && to ? daysBetween(from, to) : 0;
}
