import { createHash } from 'node:crypto';
import type { Money, RefundStatus } from '@tripdesk/shared';
import Stripe from 'stripe';
import {
  assertIdempotencyKey,
  assertPositiveAmount,
  PaymentGatewayRefusedError,
  PaymentGatewayUnavailableError,
  type AuthorizeRequest,
  type AuthorizeResult,
  type CaptureResult,
  type CardSummary,
  type GatewayOperation,
  type PaymentGateway,
  type RefundResult,
  type VoidResult,
} from './gateway.ts';

export interface StripeClientOptions {
  readonly secretKey: string;
  /**
   * Where the Stripe API is, e.g. `http://127.0.0.1:12111` for a local fake or stripe-mock;
   * unset: api.stripe.com.
   */
  readonly apiBase?: string | undefined;
  /** The SDK's own retries of connection errors, 409s and 5xx, with our idempotency key. */
  readonly maxNetworkRetries?: number;
  readonly timeoutMs?: number;
}

/** The official SDK's client, pointed at `apiBase` when one is given. */
export function createStripeClient(options: StripeClientOptions): Stripe {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    appInfo: { name: 'Tripdesk' },
  };
  if (options.apiBase) {
    const url = new URL(options.apiBase);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`STRIPE_API_BASE must be an http(s) URL, got ${options.apiBase}`);
    }
    config.protocol = url.protocol === 'https:' ? 'https' : 'http';
    // URL keeps IPv6 hosts in brackets; node's http wants them bare.
    config.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    config.port = url.port || (url.protocol === 'https:' ? 443 : 80);
  }
  return new Stripe(options.secretKey, config);
}

/** Stripe keeps idempotency keys of up to 255 characters; a longer derived key is hashed, stably. */
const STRIPE_KEY_MAX = 255;

/**
 * Our key for one step of one payment, as Stripe's idempotency key. Each step has its own
 * suffix, because Stripe refuses a key reused on another endpoint or with other parameters.
 */
export function stripeIdempotencyKey(key: string, step: 'authorize' | 'capture' | 'void' | 'refund'): string {
  const derived = `${key}:${step}`;
  return derived.length <= STRIPE_KEY_MAX
    ? derived
    : `tripdesk:${createHash('sha256').update(derived).digest('hex')}:${step}`;
}

/**
 * The `stripe` gateway: one PaymentIntent per trip payment, confirmed with `capture_method:
 * manual` at authorize (the card is held, nothing is charged), captured once every store has
 * confirmed its items, cancelled to void, refunded through Refunds. The authorization id is the
 * PaymentIntent id.
 */
export class StripePaymentGateway implements PaymentGateway {
  readonly name = 'stripe';
  readonly #stripe: Stripe;

  constructor(stripe: Stripe) {
    this.#stripe = stripe;
  }

  async authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    assertIdempotencyKey('authorize', request.idempotencyKey);
    assertPositiveAmount('authorize', request.amount);
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.#stripe.paymentIntents.create(
        {
          amount: request.amount.amount,
          currency: request.amount.currency.toLowerCase(),
          payment_method: request.paymentMethodId,
          // Cards only, and no 3-D Secure challenge: the cardholder is not at the desk to answer it,
          // so Stripe declines with `authentication_required` instead of waiting in requires_action.
          allowed_payment_method_types: ['card'],
          error_on_requires_action: true,
          confirm: true,
          capture_method: 'manual',
          description: request.description,
          metadata: { tripId: request.metadata.tripId },
          expand: ['payment_method'],
        },
        { idempotencyKey: stripeIdempotencyKey(request.idempotencyKey, 'authorize') },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        return {
          ok: false,
          declineCode: err.decline_code ?? err.code ?? 'card_declined',
          message: err.message,
        };
      }
      throw failure('authorize', err);
    }

    switch (intent.status) {
      case 'requires_capture':
        return {
          ok: true,
          authorizationId: intent.id,
          amount: moneyOf(intent.amount_capturable, intent.currency),
          method: cardOf(intent),
        };
      case 'requires_action':
        // error_on_requires_action should prevent this; should it happen, the intent holds nothing.
        // Cancel it so it does not linger; the same key makes a retry's cancel a replay.
        await this.#stripe.paymentIntents
          .cancel(intent.id, {}, { idempotencyKey: stripeIdempotencyKey(request.idempotencyKey, 'void') })
          .catch(() => undefined);
        return {
          ok: false,
          declineCode: 'authentication_required',
          message: 'The card needs the cardholder to authenticate (3-D Secure); use another card.',
        };
      case 'requires_payment_method':
        return {
          ok: false,
          declineCode:
            intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? 'card_declined',
          message: intent.last_payment_error?.message ?? 'Your card was declined.',
        };
      default:
        throw new PaymentGatewayUnavailableError(
          'authorize',
          `Stripe left PaymentIntent ${intent.id} in status ${intent.status}, expected requires_capture.`,
        );
    }
  }

  async capture(authorizationId: string, idempotencyKey: string): Promise<CaptureResult> {
    assertIdempotencyKey('capture', idempotencyKey);
    const intent = await this.#call('capture', () =>
      this.#stripe.paymentIntents.capture(
        authorizationId,
        {},
        { idempotencyKey: stripeIdempotencyKey(idempotencyKey, 'capture') },
      ),
    );
    if (intent.status !== 'succeeded') {
      throw new PaymentGatewayUnavailableError(
        'capture',
        `Stripe left PaymentIntent ${intent.id} in status ${intent.status} after capture.`,
      );
    }
    return {
      authorizationId: intent.id,
      status: 'captured',
      amount: moneyOf(intent.amount_received, intent.currency),
    };
  }

  async void(authorizationId: string, idempotencyKey: string): Promise<VoidResult> {
    assertIdempotencyKey('void', idempotencyKey);
    const intent = await this.#call('void', () =>
      this.#stripe.paymentIntents.cancel(
        authorizationId,
        {},
        { idempotencyKey: stripeIdempotencyKey(idempotencyKey, 'void') },
      ),
    );
    if (intent.status !== 'canceled') {
      throw new PaymentGatewayUnavailableError(
        'void',
        `Stripe left PaymentIntent ${intent.id} in status ${intent.status} after cancel.`,
      );
    }
    return { authorizationId: intent.id, status: 'voided' };
  }

  async refund(authorizationId: string, amount: Money, idempotencyKey: string): Promise<RefundResult> {
    assertIdempotencyKey('refund', idempotencyKey);
    assertPositiveAmount('refund', amount);
    // Stripe refunds in the charge's currency whatever we think it is: check first, since 1000
    // minor units of JPY are not 1000 of USD.
    const intent = await this.#call('refund', () => this.#stripe.paymentIntents.retrieve(authorizationId));
    if (intent.currency.toUpperCase() !== amount.currency) {
      throw new PaymentGatewayRefusedError(
        'refund',
        'currency_mismatch',
        `PaymentIntent ${intent.id} is in ${intent.currency.toUpperCase()}, the refund in ${amount.currency}.`,
      );
    }
    const refund = await this.#call('refund', () =>
      this.#stripe.refunds.create(
        { payment_intent: authorizationId, amount: amount.amount },
        { idempotencyKey: stripeIdempotencyKey(idempotencyKey, 'refund') },
      ),
    );
    return {
      refundId: refund.id,
      authorizationId,
      amount: moneyOf(refund.amount, refund.currency),
      status: refundStatus(refund.status),
    };
  }

  async #call<T>(operation: GatewayOperation, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw failure(operation, err);
    }
  }
}

const moneyOf = (amount: number, currency: string): Money => ({ amount, currency: currency.toUpperCase() });

function cardOf(intent: Stripe.PaymentIntent): CardSummary {
  const method = typeof intent.payment_method === 'object' ? intent.payment_method : null;
  return { brand: method?.card?.brand ?? 'unknown', last4: method?.card?.last4 ?? '????' };
}

function refundStatus(status: string | null): RefundStatus {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      // `pending`, `requires_action`: Stripe finishes it later and says so with charge.refunded.
      return 'pending';
  }
}

/** Invalid-request codes that mean "not in a state for this", per operation. */
const STATE_CODES = new Set(['payment_intent_unexpected_state', 'charge_not_refundable']);
const OVER_REFUND_CODES = new Set(['amount_too_large', 'charge_already_refunded']);
/** Invalid-request codes that are really "try again later". */
const BUSY_CODES = new Set(['idempotency_key_in_use', 'lock_timeout']);

/**
 * Sorts what the SDK threw into the gateway's two error kinds (declines are handled by the caller):
 * Stripe understood and refused → refused; Stripe unreachable, failing, throttling us or not
 * accepting our key → unavailable. Anything that is not a Stripe error is a bug and passes through.
 */
function failure(operation: GatewayOperation, err: unknown): unknown {
  const E = Stripe.errors;
  if (!(err instanceof E.StripeError)) return err;
  const detail = `Stripe: ${err.message}`;
  if (err instanceof E.StripeIdempotencyError) {
    return new PaymentGatewayRefusedError(operation, 'idempotency_key_reused', detail);
  }
  if (err instanceof E.StripeInvalidRequestError) {
    const code = err.code ?? '';
    if (BUSY_CODES.has(code)) return new PaymentGatewayUnavailableError(operation, detail, { cause: err });
    if (STATE_CODES.has(code)) return new PaymentGatewayRefusedError(operation, 'invalid_state', detail);
    if (operation === 'refund' && (OVER_REFUND_CODES.has(code) || err.param === 'amount')) {
      return new PaymentGatewayRefusedError(operation, 'refund_exceeds_captured', detail);
    }
    if (code === 'resource_missing' && operation !== 'authorize') {
      return new PaymentGatewayRefusedError(operation, 'not_found', detail);
    }
    return new PaymentGatewayRefusedError(operation, 'invalid_request', detail);
  }
  if (err instanceof E.StripeCardError) {
    // Only authorize meets a card; a card error later (an expired authorization) is a state problem.
    return new PaymentGatewayRefusedError(operation, 'invalid_state', detail);
  }
  return new PaymentGatewayUnavailableError(operation, detail, { cause: err });
}
