import express, { Router } from 'express';
import type { Money } from '@tripdesk/shared';
import Stripe from 'stripe';
import type { Clock } from '../clock.ts';
import { DomainError, validationFailed } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { GatewayRepository } from '../stores/payments/gateway.ts';

export const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';

/** The events the reconciler acts on; every other type is acknowledged and ignored. */
export const RECONCILED_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.amount_capturable_updated',
  'charge.refunded',
] as const;
export type ReconciledStripeEventType = (typeof RECONCILED_STRIPE_EVENTS)[number];

type ReconciledStripeEvent = Extract<Stripe.Event, { type: ReconciledStripeEventType }>;

/** A verified Stripe event about one of our payments, with what the reconciler needs up front. */
export interface StripePaymentEvent {
  readonly eventId: string;
  readonly type: ReconciledStripeEventType;
  /** When Stripe created the event: events may arrive out of order. */
  readonly createdAt: string;
  /** The PaymentIntent, i.e. the authorization id the gateway returned; undefined for a charge without one. */
  readonly authorizationId: string | undefined;
  /** Our trip, from the PaymentIntent's metadata (or the charge's, when Stripe copied it there). */
  readonly tripId: string | undefined;
  /** `payment_intent.*`: the PaymentIntent's status at the event. */
  readonly paymentIntentStatus?: string;
  /** `charge.refunded`: everything refunded on the charge so far. */
  readonly amountRefunded?: Money;
  /** The whole verified event, for anything beyond the above. */
  readonly event: ReconciledStripeEvent;
}

/** What handles reconciled events: the pay saga's reconciler. Must be idempotent by event id. */
export interface StripeEventSink {
  handle(event: StripePaymentEvent): Promise<void>;
}

export interface StripeWebhookOptions {
  /** STRIPE_WEBHOOK_SECRET; undefined when the gateway is not Stripe: the endpoint answers 404. */
  readonly webhookSecret: string | undefined;
  readonly records: GatewayRepository;
  readonly sink: StripeEventSink;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** How old a signature may be, in seconds (Stripe's default: 300). */
  readonly toleranceSeconds?: number;
  /** A claim older than this whose handler never finished (a crash) is taken over. */
  readonly claimLeaseSeconds?: number;
}

const isReconciled = (e: Stripe.Event): e is ReconciledStripeEvent =>
  (RECONCILED_STRIPE_EVENTS as readonly string[]).includes(e.type);

/**
 * `POST /api/webhooks/stripe`: Stripe's calls about our PaymentIntents and charges. Mount it
 * before the JSON body parser (the signature is over the raw bytes) and outside bearer auth (Stripe
 * signs instead). A redelivered event is acknowledged and changes nothing; a sink failure answers
 * 500 so that Stripe delivers again.
 */
export function stripeWebhookRoutes(options: StripeWebhookOptions): Router {
  const { webhookSecret, records, sink, clock } = options;
  const tolerance = options.toleranceSeconds ?? Stripe.webhooks.DEFAULT_TOLERANCE;
  const leaseMs = (options.claimLeaseSeconds ?? 300) * 1000;
  const r = Router();
  r.post(STRIPE_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    if (!webhookSecret) {
      throw new DomainError('not_found', 'Stripe webhooks are not enabled: PAYMENT_GATEWAY is not stripe.');
    }
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0) {
      throw validationFailed('The request needs the event as its body.', [
        { path: 'body', message: 'empty' },
      ]);
    }
    const event = verify(raw, req.get('stripe-signature'), webhookSecret, tolerance, clock);
    if (!isReconciled(event)) {
      res.status(200).json({ received: true, handled: false });
      return;
    }
    const now = clock.now();
    const claim = await records.claimStripeEvent(
      event.id,
      event.type,
      now.toISOString(),
      new Date(now.getTime() - leaseMs).toISOString(),
    );
    if (claim === 'processed') {
      res.status(200).json({ received: true, handled: true, duplicate: true });
      return;
    }
    if (claim === 'in_flight') {
      throw new DomainError(
        'idempotency_conflict',
        `Event ${event.id} is being handled; deliver it again later.`,
      );
    }
    try {
      await sink.handle(summarise(event));
    } catch (err) {
      await records.releaseStripeEvent(event.id);
      options.logger?.error({ err, eventId: event.id, type: event.type }, 'stripe event sink failed');
      throw err;
    }
    await records.markStripeEventProcessed(event.id, clock.now().toISOString());
    res.status(200).json({ received: true, handled: true });
  });
  return r;
}

function verify(
  raw: Buffer,
  signature: string | undefined,
  secret: string,
  tolerance: number,
  clock: Clock,
): Stripe.Event {
  if (!signature) {
    throw validationFailed('The Stripe-Signature header is missing.', [
      { path: 'headers.stripe-signature', message: 'required' },
    ]);
  }
  try {
    // The injected clock judges the signature's age, so tests can move time.
    return Stripe.webhooks.constructEvent(
      raw,
      signature,
      secret,
      tolerance,
      undefined,
      clock.now().getTime(),
    );
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw validationFailed('The Stripe-Signature header does not verify against the body.', [
        { path: 'headers.stripe-signature', message: firstLine(err.message) },
      ]);
    }
    if (err instanceof SyntaxError) {
      throw validationFailed('The signed body is not JSON.', [{ path: 'body', message: 'malformed JSON' }]);
    }
    throw err;
  }
}

const firstLine = (s: string) => s.split('\n')[0]?.trim() ?? s;

function summarise(event: ReconciledStripeEvent): StripePaymentEvent {
  const base = { eventId: event.id, createdAt: new Date(event.created * 1000).toISOString() };
  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    const intent = charge.payment_intent;
    return {
      ...base,
      type: event.type,
      authorizationId: typeof intent === 'string' ? intent : intent?.id,
      tripId: charge.metadata?.tripId ?? (typeof intent === 'object' ? intent?.metadata?.tripId : undefined),
      amountRefunded: { amount: charge.amount_refunded, currency: charge.currency.toUpperCase() },
      event,
    };
  }
  const intent = event.data.object;
  return {
    ...base,
    type: event.type,
    authorizationId: intent.id,
    tripId: intent.metadata?.tripId,
    paymentIntentStatus: intent.status,
    event,
  };
}
