import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small local Stripe for tests: the real `stripe` SDK is pointed at it (host, port, protocol)
 * and it answers with Stripe's documented shapes for the part of the API the gateway uses:
 * PaymentIntents (create + confirm, capture, cancel, retrieve), Refunds, card errors for Stripe's
 * test payment methods, invalid-request errors for bad states, and idempotent replays. It records
 * every request (what the SDK really sent) and the events Stripe would have sent, and signs webhook
 * deliveries with the SDK's own test-header helper.
 *
 * Shapes follow Stripe's API reference and the SDK's types (node_modules/stripe/esm/resources):
 * only fields the gateway reads are guaranteed; others are present with plausible values.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
  readonly idempotencyKey: string | undefined;
  readonly status: number;
  readonly replayed: boolean;
}

type Json = Record<string, unknown>;

interface TestCard {
  readonly brand: string;
  readonly last4: string;
  /** A decline as Stripe gives it: the card_error's `code`, `decline_code`, message and param. */
  readonly decline?: { code: string; declineCode?: string; message: string; param?: string };
  /** The issuer wants 3-D Secure: the PaymentIntent stops at `requires_action`. */
  readonly requiresAction?: boolean;
}

/** Stripe's test PaymentMethods (docs.stripe.com/testing) with the outcome Stripe gives each. */
const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_amex: { brand: 'amex', last4: '8431' },
  pm_card_visa_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    decline: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  },
  pm_card_visa_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    decline: {
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    },
  },
  pm_card_visa_chargeDeclinedLostCard: {
    brand: 'visa',
    last4: '9987',
    decline: { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' },
  },
  pm_card_visa_chargeDeclinedStolenCard: {
    brand: 'visa',
    last4: '9979',
    decline: { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' },
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    decline: {
      code: 'expired_card',
      declineCode: 'expired_card',
      message: 'Your card has expired.',
      param: 'exp_month',
    },
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    decline: {
      code: 'incorrect_cvc',
      declineCode: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
      param: 'cvc',
    },
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    decline: {
      code: 'processing_error',
      declineCode: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', requiresAction: true },
  pm_card_threeDSecure2Required: { brand: 'visa', last4: '3220', requiresAction: true },
};

/** Parameters each endpoint takes (the SDK's *Params types); Stripe refuses any other with 400. */
const KNOWN_PARAMS: Record<string, readonly string[]> = {
  create: [
    'amount',
    'currency',
    'allowed_payment_method_types',
    'automatic_payment_methods',
    'capture_method',
    'confirm',
    'customer',
    'description',
    'error_on_requires_action',
    'expand',
    'metadata',
    'off_session',
    'payment_method',
    'payment_method_options',
    'receipt_email',
    'return_url',
    'statement_descriptor',
    'statement_descriptor_suffix',
  ],
  retrieve: ['expand', 'client_secret'],
  capture: [
    'amount_to_capture',
    'expand',
    'final_capture',
    'metadata',
    'statement_descriptor',
    'statement_descriptor_suffix',
  ],
  cancel: ['cancellation_reason', 'expand'],
  refund: [
    'amount',
    'charge',
    'expand',
    'metadata',
    'payment_intent',
    'reason',
    'refund_application_fee',
    'reverse_transfer',
  ],
};

function assertKnownParams(endpoint: keyof typeof KNOWN_PARAMS, params: Json): void {
  const unknown = Object.keys(params).find((k) => !KNOWN_PARAMS[endpoint]!.includes(k));
  if (unknown) {
    throw invalidRequest(`Received unknown parameter: ${unknown}`, {
      code: 'parameter_unknown',
      param: unknown,
    });
  }
}

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

class StripeHttpError extends Error {
  readonly status: number;
  readonly body: Json;
  /** Stripe saves the outcome of a request that started executing (declines) for replays. */
  readonly saved: boolean;
  constructor(status: number, error: Json, saved = false) {
    super(String(error.message));
    this.status = status;
    this.body = { error };
    this.saved = saved;
  }
}

const invalidRequest = (message: string, extra: Json = {}) =>
  new StripeHttpError(400, { type: 'invalid_request_error', message, ...extra });
const missing = (kind: string, id: string, param = 'id') =>
  new StripeHttpError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });

interface SavedResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: Json;
}

export interface FakeEvent {
  readonly id: string;
  readonly object: 'event';
  readonly type: string;
  readonly created: number;
  readonly data: { readonly object: Json };
  readonly livemode: false;
  readonly api_version: string;
  readonly pending_webhooks: number;
  readonly request: { id: string | null; idempotency_key: string | null };
}

export class StripeFake {
  readonly #server: Server;
  readonly requests: RecordedRequest[] = [];
  readonly events: FakeEvent[] = [];
  readonly #intents = new Map<string, Json>();
  readonly #charges = new Map<string, Json>();
  readonly #refunds = new Map<string, Json>();
  readonly #methods = new Map<string, Json>();
  readonly #saved = new Map<string, SavedResponse>();
  #faults: { status: number; remaining: number } | undefined;
  #url = '';

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Starts on a free port of 127.0.0.1. */
  static async start(): Promise<StripeFake> {
    const server = createServer();
    const fake = new StripeFake(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.#handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Base URL for STRIPE_API_BASE / `createStripeClient({ apiBase })`. */
  get url(): string {
    return this.#url;
  }

  /** The next `times` requests are answered with `status` and an `api_error`, saving nothing. */
  fail(times: number, status = 500): void {
    this.#faults = { status, remaining: times };
  }

  paymentIntent(id: string): Json | undefined {
    return this.#intents.get(id);
  }

  get paymentIntentCount(): number {
    return this.#intents.size;
  }

  get refundCount(): number {
    return this.#refunds.size;
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  async stop(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  /** A Stripe event of `type` about `object`, as Stripe would send it to a webhook endpoint. */
  static event(type: string, object: Json, id = newId('evt')): FakeEvent {
    return {
      id,
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      api_version: Stripe.API_VERSION,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
  }

  /** The body and Stripe-Signature header of a webhook delivery, signed with the SDK's own helper. */
  static signedDelivery(
    event: unknown,
    secret: string,
    timestampSeconds: number = Math.floor(Date.now() / 1000),
  ): { payload: string; signature: string } {
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: timestampSeconds,
    });
    return { payload, signature };
  }

  // ---------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const params = parseForm(method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'));
    const key = header(req.headers['idempotency-key']);
    const record = (status: number, replayed: boolean) =>
      this.requests.push({
        method,
        path: url.pathname,
        params,
        headers: req.headers,
        idempotencyKey: key,
        status,
        replayed,
      });
    const send = (status: number, body: Json, extraHeaders: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': newId('req'),
        'stripe-version': header(req.headers['stripe-version']) ?? Stripe.API_VERSION,
        ...(key ? { 'idempotency-key': key } : {}),
        ...extraHeaders,
      });
      res.end(JSON.stringify(body));
    };

    if (this.#faults && this.#faults.remaining > 0) {
      this.#faults.remaining -= 1;
      record(this.#faults.status, false);
      send(this.#faults.status, {
        error: { type: 'api_error', message: 'An unknown error occurred (injected by the Stripe fake).' },
      });
      return;
    }

    const auth = header(req.headers.authorization) ?? '';
    if (!/^Bearer sk_(test|live)_\S+$/.test(auth)) {
      record(401, false);
      send(401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
      });
      return;
    }

    // Idempotency (docs.stripe.com/api/idempotent_requests): POSTs only, keyed per account.
    const fingerprint = `${method} ${url.pathname} ${canonical(params)}`;
    if (method === 'POST' && key) {
      const saved = this.#saved.get(key);
      if (saved) {
        if (saved.fingerprint !== fingerprint) {
          record(400, false);
          send(400, {
            error: {
              type: 'idempotency_error',
              message:
                `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
                `Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          });
          return;
        }
        record(saved.status, true);
        send(saved.status, saved.body, { 'idempotent-replayed': 'true' });
        return;
      }
    }

    let status = 200;
    let body: Json;
    let save = true;
    try {
      body = this.#route(method, url.pathname, params, key);
    } catch (err) {
      if (!(err instanceof StripeHttpError)) throw err;
      status = err.status;
      body = err.body;
      save = err.saved;
    }
    // A copy: the objects go on changing (a later cancel), the saved answer must not.
    if (method === 'POST' && key && save)
      this.#saved.set(key, { fingerprint, status, body: structuredClone(body) });
    record(status, false);
    send(status, body);
  }

  #route(method: string, path: string, params: Json, key: string | undefined): Json {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') {
      assertKnownParams('create', params);
      return this.#createIntent(params, key);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === 'GET') {
      assertKnownParams('retrieve', params);
      return this.#expand(this.#intent(m[1]!), params);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(path)) && method === 'POST') {
      assertKnownParams('capture', params);
      return this.#capture(m[1]!, params);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path)) && method === 'POST') {
      assertKnownParams('cancel', params);
      return this.#cancel(m[1]!, params);
    }
    if (method === 'POST' && path === '/v1/refunds') {
      assertKnownParams('refund', params);
      return this.#refund(params);
    }
    throw new StripeHttpError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  #intent(id: string): Json {
    const intent = this.#intents.get(id);
    if (!intent) throw missing('payment_intent', id);
    return intent;
  }

  #createIntent(params: Json, key: string | undefined): Json {
    const amount = Number(params.amount);
    if (params.amount === undefined)
      throw invalidRequest('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
    if (!Number.isInteger(amount) || amount < 1) {
      throw invalidRequest('Invalid integer: ' + String(params.amount), {
        code: 'parameter_invalid_integer',
        param: 'amount',
      });
    }
    const currency = String(params.currency ?? '');
    if (!/^[a-z]{3}$/i.test(currency)) {
      throw invalidRequest(`Invalid currency: ${currency}.`, {
        code: 'parameter_invalid_string',
        param: 'currency',
      });
    }
    const pmId = params.payment_method === undefined ? null : String(params.payment_method);
    const card = pmId ? TEST_CARDS[pmId] : undefined;
    if (pmId && !card) throw missing('PaymentMethod', pmId, 'payment_method');
    const manual = params.capture_method === 'manual';
    const id = newId('pi');
    const intent: Json = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: manual ? 'manual' : 'automatic',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      confirmation_method: 'automatic',
      created: Math.floor(Date.now() / 1000),
      currency: currency.toLowerCase(),
      customer: null,
      description: params.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: (params.metadata as Json | undefined) ?? {},
      next_action: null,
      on_behalf_of: null,
      payment_method: pmId ? this.#paymentMethod(pmId, card!).id : null,
      payment_method_options: { card: { request_three_d_secure: 'automatic' } },
      payment_method_types: (params.allowed_payment_method_types as string[] | undefined) ?? ['card'],
      processing: null,
      receipt_email: null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: pmId ? 'requires_confirmation' : 'requires_payment_method',
      transfer_data: null,
      transfer_group: null,
    };
    this.#intents.set(id, intent);
    this.#emit('payment_intent.created', intent, key);
    if (params.confirm !== 'true') return this.#expand(intent, params);
    if (!pmId || !card) {
      throw invalidRequest(
        'You cannot confirm this PaymentIntent because it\u2019s missing a payment method.',
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }

    if (card.decline) {
      const charge = this.#charge(intent, card, 'failed');
      const error: Json = {
        type: 'card_error',
        code: card.decline.code,
        ...(card.decline.declineCode ? { decline_code: card.decline.declineCode } : {}),
        message: card.decline.message,
        ...(card.decline.param ? { param: card.decline.param } : {}),
        charge: charge.id,
        doc_url: `https://stripe.com/docs/error-codes/${card.decline.code.replaceAll('_', '-')}`,
      };
      Object.assign(intent, {
        status: 'requires_payment_method',
        latest_charge: charge.id,
        last_payment_error: { ...error, payment_method: this.#methods.get(pmId) },
      });
      this.#emit('payment_intent.payment_failed', intent, key);
      // Stripe answers a declined confirmation with 402 and the PaymentIntent inside the error.
      throw new StripeHttpError(
        402,
        { ...error, payment_intent: intent, payment_method: this.#methods.get(pmId) },
        true,
      );
    }
    if (card.requiresAction && params.error_on_requires_action === 'true') {
      // Stripe fails the attempt instead of asking for 3-D Secure: a card error, like a decline.
      const error: Json = {
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      };
      Object.assign(intent, { status: 'requires_payment_method', last_payment_error: error });
      this.#emit('payment_intent.payment_failed', intent, key);
      throw new StripeHttpError(402, { ...error, payment_intent: intent }, true);
    }
    if (card.requiresAction) {
      Object.assign(intent, {
        status: 'requires_action',
        next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } },
      });
      this.#emit('payment_intent.requires_action', intent, key);
      return this.#expand(intent, params);
    }
    const charge = this.#charge(intent, card, 'succeeded');
    if (manual) {
      Object.assign(intent, {
        status: 'requires_capture',
        amount_capturable: amount,
        latest_charge: charge.id,
      });
      this.#emit('payment_intent.amount_capturable_updated', intent, key);
    } else {
      Object.assign(charge, { captured: true, amount_captured: amount });
      Object.assign(intent, { status: 'succeeded', amount_received: amount, latest_charge: charge.id });
      this.#emit('payment_intent.succeeded', intent, key);
    }
    return this.#expand(intent, params);
  }

  #capture(id: string, params: Json): Json {
    const intent = this.#intent(id);
    if (intent.status !== 'requires_capture') {
      throw invalidRequest(
        `This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. ` +
          'Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }
    const amount =
      params.amount_to_capture === undefined ? Number(intent.amount) : Number(params.amount_to_capture);
    if (!Number.isInteger(amount) || amount < 1 || amount > Number(intent.amount_capturable)) {
      throw invalidRequest('The amount to capture is larger than the amount capturable.', {
        code: 'amount_too_large',
        param: 'amount_to_capture',
      });
    }
    const charge = this.#charges.get(String(intent.latest_charge))!;
    Object.assign(charge, { captured: true, amount_captured: amount });
    Object.assign(intent, { status: 'succeeded', amount_capturable: 0, amount_received: amount });
    this.#emit('payment_intent.succeeded', intent, undefined);
    return this.#expand(intent, params);
  }

  #cancel(id: string, params: Json): Json {
    const intent = this.#intent(id);
    if (!CANCELABLE.includes(String(intent.status))) {
      throw invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. ` +
          `Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }
    Object.assign(intent, {
      status: 'canceled',
      amount_capturable: 0,
      canceled_at: Math.floor(Date.now() / 1000),
      cancellation_reason: params.cancellation_reason ?? null,
    });
    this.#emit('payment_intent.canceled', intent, undefined);
    return this.#expand(intent, params);
  }

  #refund(params: Json): Json {
    let charge: Json | undefined;
    let intent: Json | undefined;
    if (params.payment_intent !== undefined) {
      intent = this.#intent(String(params.payment_intent));
      charge = intent.latest_charge ? this.#charges.get(String(intent.latest_charge)) : undefined;
      if (intent.status !== 'succeeded' || !charge) {
        throw invalidRequest(
          `This PaymentIntent (${String(intent.id)}) does not have a successful charge to refund.`,
          { code: 'payment_intent_unexpected_state', payment_intent: intent },
        );
      }
    } else if (params.charge !== undefined) {
      charge = this.#charges.get(String(params.charge));
      if (!charge) throw missing('charge', String(params.charge), 'charge');
      intent = this.#intents.get(String(charge.payment_intent));
    } else {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
        {
          code: 'parameter_missing',
        },
      );
    }
    const left = Number(charge.amount_captured) - Number(charge.amount_refunded);
    if (left <= 0) {
      throw invalidRequest(`Charge ${String(charge.id)} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    }
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (!Number.isInteger(amount) || amount < 1) {
      throw invalidRequest('Invalid positive integer', {
        code: 'parameter_invalid_integer',
        param: 'amount',
      });
    }
    if (amount > left) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    const refund: Json = {
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: newId('txn'),
      charge: charge.id,
      created: Math.floor(Date.now() / 1000),
      currency: charge.currency,
      destination_details: { type: 'card', card: { type: 'refund' } },
      metadata: (params.metadata as Json | undefined) ?? {},
      payment_intent: intent?.id ?? null,
      reason: params.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.#refunds.set(String(refund.id), refund);
    const refunded = Number(charge.amount_refunded) + amount;
    Object.assign(charge, {
      amount_refunded: refunded,
      refunded: refunded === Number(charge.amount_captured),
    });
    this.#emit('charge.refunded', charge, undefined);
    return refund;
  }

  #paymentMethod(id: string, card: TestCard): Json {
    const existing = this.#methods.get(id);
    if (existing) return existing;
    const method: Json = {
      id,
      object: 'payment_method',
      type: 'card',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: card.brand,
        last4: card.last4,
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        funding: 'credit',
        country: 'US',
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      },
      created: Math.floor(Date.now() / 1000),
      customer: null,
      livemode: false,
      metadata: {},
    };
    this.#methods.set(id, method);
    return method;
  }

  #charge(intent: Json, card: TestCard, status: 'succeeded' | 'failed'): Json {
    const charge: Json = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: 0,
      amount_refunded: 0,
      captured: false,
      created: Math.floor(Date.now() / 1000),
      currency: intent.currency,
      description: intent.description,
      failure_code: status === 'failed' ? (card.decline?.code ?? null) : null,
      failure_message: status === 'failed' ? (card.decline?.message ?? null) : null,
      livemode: false,
      metadata: intent.metadata,
      outcome: {
        network_status: status === 'failed' ? 'declined_by_network' : 'approved_by_network',
        reason: card.decline?.declineCode ?? null,
        type: status === 'failed' ? 'issuer_declined' : 'authorized',
      },
      paid: status === 'succeeded',
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      payment_method_details: {
        type: 'card',
        card: { brand: card.brand, last4: card.last4, exp_month: 12, funding: 'credit', country: 'US' },
      },
      refunded: false,
      status,
    };
    this.#charges.set(String(charge.id), charge);
    return charge;
  }

  #expand(intent: Json, params: Json): Json {
    const expand = Array.isArray(params.expand) ? (params.expand as string[]) : [];
    const out: Json = { ...intent };
    if (expand.includes('payment_method') && typeof intent.payment_method === 'string') {
      out.payment_method = this.#methods.get(intent.payment_method) ?? intent.payment_method;
    }
    if (expand.includes('latest_charge') && typeof intent.latest_charge === 'string') {
      out.latest_charge = this.#charges.get(intent.latest_charge) ?? intent.latest_charge;
    }
    return out;
  }

  #emit(type: string, object: Json, key: string | undefined): void {
    const event = StripeFake.event(type, structuredClone(object));
    this.events.push({ ...event, request: { id: newId('req'), idempotency_key: key ?? null } });
  }
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `a[b][0]=x` form encoding (the SDK's, qs-compatible) back into nested objects and arrays. */
function parseForm(encoded: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return out;
}

/** Parameters in a stable order, so the same request encodes the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
