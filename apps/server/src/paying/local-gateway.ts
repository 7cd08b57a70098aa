import {
  LOCAL_TEST_PAYMENT_METHODS,
  LocalTestPaymentMethodSchema,
  type LocalTestPaymentMethod,
  type Money,
} from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../stores/ids.ts';
import type { GatewayRefund, GatewayRepository, GatewayTransaction } from '../stores/payments/gateway.ts';
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

/** The cards behind Stripe's test payment methods (Stripe's testing docs), so receipts read the same. */
const TEST_CARDS: Record<LocalTestPaymentMethod, CardSummary> = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_visa_chargeDeclined: { brand: 'visa', last4: '0002' },
  pm_card_visa_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995' },
  pm_card_chargeDeclinedExpiredCard: { brand: 'visa', last4: '0069' },
};

/** Stripe's own wording for these declines. */
const DECLINE_MESSAGES: Record<string, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
};

/**
 * The embedded gateway (`PAYMENT_GATEWAY=local`, the default): no money moves, but every
 * authorization, capture, void and refund is recorded in the payments store with the same rules
 * and the same idempotency a real gateway has, and Stripe's test payment methods give Stripe's
 * outcomes, so the pay saga behaves the same with either gateway.
 */
export class LocalPaymentGateway implements PaymentGateway {
  readonly name = 'local';
  readonly #records: GatewayRepository;
  readonly #clock: Clock;

  constructor(records: GatewayRepository, clock: Clock) {
    this.#records = records;
    this.#clock = clock;
  }

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    return this.#guard('authorize', () => this.#authorize(request));
  }

  capture(authorizationId: string, idempotencyKey: string): Promise<CaptureResult> {
    return this.#guard('capture', () => this.#capture(authorizationId, idempotencyKey));
  }

  void(authorizationId: string, idempotencyKey: string): Promise<VoidResult> {
    return this.#guard('void', () => this.#void(authorizationId, idempotencyKey));
  }

  refund(authorizationId: string, amount: Money, idempotencyKey: string): Promise<RefundResult> {
    return this.#guard('refund', () => this.#refund(authorizationId, amount, idempotencyKey));
  }

  /**
   * The payments store is this gateway's bank: when it cannot be reached the outcome is unknown,
   * exactly as when Stripe cannot be, so the saga gets the same outage error.
   */
  async #guard<T>(operation: GatewayOperation, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new PaymentGatewayUnavailableError(
        operation,
        `The local gateway's payments store failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  async #authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    assertIdempotencyKey('authorize', request.idempotencyKey);
    assertPositiveAmount('authorize', request.amount);
    const method = LocalTestPaymentMethodSchema.safeParse(request.paymentMethodId);
    if (!method.success) {
      throw new PaymentGatewayRefusedError(
        'authorize',
        'invalid_request',
        `The local gateway takes only Stripe's test payment methods, not ${JSON.stringify(request.paymentMethodId)}.`,
      );
    }
    const outcome = LOCAL_TEST_PAYMENT_METHODS[method.data];
    const card = TEST_CARDS[method.data];
    const declineCode = outcome.outcome === 'declined' ? outcome.declineCode : null;
    const { inserted, transaction } = await this.#records.insertTransactionOnce({
      id: newId('txn'),
      idempotencyKey: request.idempotencyKey,
      tripId: request.metadata.tripId,
      paymentMethod: method.data,
      description: request.description,
      amount: request.amount.amount,
      currency: request.amount.currency,
      status: declineCode ? 'declined' : 'authorized',
      declineCode,
      declineMessage: declineCode ? (DECLINE_MESSAGES[declineCode] ?? 'Your card was declined.') : null,
      cardBrand: card.brand,
      cardLast4: card.last4,
      createdAt: this.#now(),
    });
    if (!inserted && !sameAuthorizeRequest(transaction, request)) {
      throw new PaymentGatewayRefusedError(
        'authorize',
        'idempotency_key_reused',
        'This idempotency key was used to authorize a different payment.',
      );
    }
    // A retry answers what the first call answered, whatever happened to the authorization since.
    if (transaction.status === 'declined') {
      return {
        ok: false,
        declineCode: transaction.declineCode ?? 'generic_decline',
        message: transaction.declineMessage ?? 'Your card was declined.',
      };
    }
    return {
      ok: true,
      authorizationId: transaction.id,
      amount: { amount: transaction.amount, currency: transaction.currency },
      method: { brand: transaction.cardBrand, last4: transaction.cardLast4 },
    };
  }

  async #capture(authorizationId: string, idempotencyKey: string): Promise<CaptureResult> {
    assertIdempotencyKey('capture', idempotencyKey);
    const before = await this.#find('capture', authorizationId);
    if (before.captureIdempotencyKey !== idempotencyKey) {
      const step = await this.#records.markCaptured(authorizationId, idempotencyKey, this.#now());
      if (step === 'key_taken') throw keyReused('capture');
    }
    // Re-read rather than trust the update count: a racing retry with this key may have won.
    const after = await this.#find('capture', authorizationId);
    if (after.status === 'captured' && after.captureIdempotencyKey === idempotencyKey) {
      return {
        authorizationId,
        status: 'captured',
        amount: { amount: after.capturedAmount, currency: after.currency },
      };
    }
    throw new PaymentGatewayRefusedError(
      'capture',
      'invalid_state',
      `Authorization ${authorizationId} is ${describeState(after)}; only an authorized payment can be captured.`,
    );
  }

  async #void(authorizationId: string, idempotencyKey: string): Promise<VoidResult> {
    assertIdempotencyKey('void', idempotencyKey);
    const before = await this.#find('void', authorizationId);
    if (before.voidIdempotencyKey !== idempotencyKey) {
      const step = await this.#records.markVoided(authorizationId, idempotencyKey, this.#now());
      if (step === 'key_taken') throw keyReused('void');
    }
    const after = await this.#find('void', authorizationId);
    if (after.status === 'voided' && after.voidIdempotencyKey === idempotencyKey) {
      return { authorizationId, status: 'voided' };
    }
    throw new PaymentGatewayRefusedError(
      'void',
      'invalid_state',
      `Authorization ${authorizationId} is ${describeState(after)}; only an authorized payment that is not captured can be voided.`,
    );
  }

  async #refund(authorizationId: string, amount: Money, idempotencyKey: string): Promise<RefundResult> {
    assertIdempotencyKey('refund', idempotencyKey);
    assertPositiveAmount('refund', amount);
    const earlier = await this.#records.findRefundByKey(idempotencyKey);
    if (earlier) return replayRefund(earlier, authorizationId, amount);

    const t = await this.#find('refund', authorizationId);
    assertRefundable(t, amount);
    const refund: GatewayRefund = {
      id: newId('rfd'),
      transactionId: authorizationId,
      idempotencyKey,
      amount: amount.amount,
      currency: amount.currency,
      status: 'succeeded',
      createdAt: this.#now(),
    };
    const step = await this.#records.insertRefund(refund);
    if (step === 'applied') return refundResult(refund);
    if (step === 'key_taken') {
      const winner = await this.#records.findRefundByKey(idempotencyKey);
      if (winner) return replayRefund(winner, authorizationId, amount);
    }
    // Another refund got in between the check and the write: explain with the state now.
    assertRefundable(await this.#find('refund', authorizationId), amount);
    throw new Error(`refund of ${authorizationId} was neither applied nor refused`);
  }

  async #find(operation: 'capture' | 'void' | 'refund', id: string): Promise<GatewayTransaction> {
    const t = await this.#records.findTransaction(id);
    if (!t)
      throw new PaymentGatewayRefusedError(
        operation,
        'not_found',
        `No authorization ${id} at the local gateway.`,
      );
    return t;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}

function sameAuthorizeRequest(t: GatewayTransaction, r: AuthorizeRequest): boolean {
  return (
    t.amount === r.amount.amount &&
    t.currency === r.amount.currency &&
    t.paymentMethod === r.paymentMethodId &&
    t.tripId === r.metadata.tripId &&
    t.description === r.description
  );
}

function describeState(t: GatewayTransaction): string {
  return t.status === 'captured' && t.refundedAmount > 0 ? 'captured and refunded' : t.status;
}

const keyReused = (operation: 'capture' | 'void' | 'refund') =>
  new PaymentGatewayRefusedError(
    operation,
    'idempotency_key_reused',
    `This idempotency key was used for a different ${operation}.`,
  );

function assertRefundable(t: GatewayTransaction, amount: Money): void {
  if (t.currency !== amount.currency) {
    throw new PaymentGatewayRefusedError(
      'refund',
      'currency_mismatch',
      `Authorization ${t.id} is in ${t.currency}, the refund in ${amount.currency}.`,
    );
  }
  if (t.status !== 'captured') {
    throw new PaymentGatewayRefusedError(
      'refund',
      'invalid_state',
      `Authorization ${t.id} is ${t.status}; only a captured payment can be refunded.`,
    );
  }
  const left = t.capturedAmount - t.refundedAmount;
  if (amount.amount > left) {
    throw new PaymentGatewayRefusedError(
      'refund',
      'refund_exceeds_captured',
      `Only ${left} ${t.currency} minor units of ${t.id} are left to refund, not ${amount.amount}.`,
    );
  }
}

function replayRefund(r: GatewayRefund, authorizationId: string, amount: Money): RefundResult {
  if (r.transactionId !== authorizationId || r.amount !== amount.amount || r.currency !== amount.currency) {
    throw keyReused('refund');
  }
  return refundResult(r);
}

const refundResult = (r: GatewayRefund): RefundResult => ({
  refundId: r.id,
  authorizationId: r.transactionId,
  amount: { amount: r.amount, currency: r.currency },
  status: r.status,
});
