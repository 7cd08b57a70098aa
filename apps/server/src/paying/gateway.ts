import type { ErrorCode, Money, RefundStatus } from '@tripdesk/shared';
import { DomainError } from '../errors.ts';

/**
 * The payment gateway the pay saga talks to: authorize the whole trip, capture once every store
 * has confirmed its items, void when a step fails, refund on cancellation. Two adapters: `local`
 * (embedded, recorded in the payments store) and `stripe` (PaymentIntents with manual capture).
 *
 * Every call is idempotent per `idempotencyKey`: a retry with the same key returns the first
 * outcome and never charges, captures or refunds twice. Keys must identify one logical operation
 * across the whole system (the saga derives them from the trip id and the request's
 * Idempotency-Key), since the gateway cannot tell two trips' retries apart otherwise.
 *
 * Three kinds of outcome, kept apart so the saga can act on each:
 * - a decline (`{ ok: false }` from authorize): the customer's card said no; nothing is held;
 * - `PaymentGatewayRefusedError`: the gateway understood and refused (wrong state, over-refund,
 *   key reused for another request); a bug or a race in the caller, never retried blindly;
 * - `PaymentGatewayUnavailableError`: the gateway could not be reached or failed; the operation
 *   may or may not have happened, so the saga retries with the same key or compensates.
 */
export interface PaymentGateway {
  readonly name: 'local' | 'stripe';
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(authorizationId: string, idempotencyKey: string): Promise<CaptureResult>;
  void(authorizationId: string, idempotencyKey: string): Promise<VoidResult>;
  /** Gives back part or all of what was captured; `authorizationId` is the id authorize returned. */
  refund(authorizationId: string, amount: Money, idempotencyKey: string): Promise<RefundResult>;
}

export interface AuthorizeRequest {
  readonly amount: Money;
  /** A payment method id (`pm_...`): card numbers never reach the server. */
  readonly paymentMethodId: string;
  /** A retry sends the same request with the same key; the same key with other fields is refused. */
  readonly idempotencyKey: string;
  /** What is paid, e.g. the trip's items; shown on the gateway's records. */
  readonly description: string;
  readonly metadata: { readonly tripId: string };
}

/** Brand and last four digits: all the server ever knows of a card. */
export interface CardSummary {
  readonly brand: string;
  readonly last4: string;
}

export type AuthorizeResult =
  | {
      readonly ok: true;
      /** The gateway's id of the authorization: the payment's transaction id. */
      readonly authorizationId: string;
      readonly amount: Money;
      readonly method: CardSummary;
    }
  | {
      readonly ok: false;
      /** Stripe's decline code, e.g. `generic_decline`, `insufficient_funds`, `expired_card`. */
      readonly declineCode: string;
      readonly message: string;
    };

export interface CaptureResult {
  readonly authorizationId: string;
  readonly status: 'captured';
  readonly amount: Money;
}

export interface VoidResult {
  readonly authorizationId: string;
  readonly status: 'voided';
}

export interface RefundResult {
  readonly refundId: string;
  readonly authorizationId: string;
  readonly amount: Money;
  readonly status: RefundStatus;
}

export type GatewayOperation = 'authorize' | 'capture' | 'void' | 'refund';

export type GatewayRefusalReason =
  /** No such authorization at this gateway. */
  | 'not_found'
  /** Capture of a voided or declined one, void of a captured one, refund before capture... */
  | 'invalid_state'
  /** The refunds would add up to more than was captured. */
  | 'refund_exceeds_captured'
  /** The amount is in another currency than the authorization. */
  | 'currency_mismatch'
  /** The idempotency key was used before for a different request. */
  | 'idempotency_key_reused'
  /** The gateway refused the parameters (unknown payment method, zero amount...). */
  | 'invalid_request';

/** If a refusal escapes the saga, the client sees the closest stable code (API.md). */
const refusalCodes: Record<GatewayRefusalReason, ErrorCode> = {
  not_found: 'internal_error',
  invalid_state: 'invalid_transition',
  refund_exceeds_captured: 'invalid_transition',
  currency_mismatch: 'internal_error',
  idempotency_key_reused: 'idempotency_key_reused',
  invalid_request: 'internal_error',
};

/** The gateway understood the request and refused it; repeating it will not help. */
export class PaymentGatewayRefusedError extends DomainError {
  readonly operation: GatewayOperation;
  readonly reason: GatewayRefusalReason;
  constructor(operation: GatewayOperation, reason: GatewayRefusalReason, detail: string) {
    super(refusalCodes[reason], detail);
    this.name = 'PaymentGatewayRefusedError';
    this.operation = operation;
    this.reason = reason;
  }
}

/**
 * The gateway could not be reached, timed out, failed, throttled us or refused our credentials.
 * Not a decline: the outcome is unknown, the saga retries with the same key or compensates.
 */
export class PaymentGatewayUnavailableError extends DomainError {
  readonly operation: GatewayOperation;
  constructor(operation: GatewayOperation, detail: string, options: { cause?: unknown } = {}) {
    super('service_unavailable', detail);
    this.name = 'PaymentGatewayUnavailableError';
    this.operation = operation;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Amounts a gateway can move: a positive safe integer of minor units. */
export function assertPositiveAmount(operation: GatewayOperation, amount: Money): void {
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) {
    throw new PaymentGatewayRefusedError(
      operation,
      'invalid_request',
      `The amount must be a positive number of minor units, got ${amount.amount}.`,
    );
  }
  if (!/^[A-Z]{3}$/.test(amount.currency)) {
    throw new PaymentGatewayRefusedError(
      operation,
      'invalid_request',
      `The currency must be an ISO 4217 code, got ${JSON.stringify(amount.currency)}.`,
    );
  }
}

export function assertIdempotencyKey(operation: GatewayOperation, key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
    throw new PaymentGatewayRefusedError(
      operation,
      'invalid_request',
      'An idempotency key of 1 to 255 characters is required.',
    );
  }
}
