import { errorStatus, type ErrorCode, type FieldError } from '@tripdesk/shared';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  idempotency_key_missing: 'An Idempotency-Key header is required',
  unauthenticated: 'Sign-in required',
  payment_declined: 'The payment was declined',
  forbidden: 'Not allowed',
  password_change_required: 'Choose a new password first',
  not_found: 'Not found',
  sold_out: 'Sold out',
  seat_taken: 'Seat taken',
  invalid_transition: 'Not possible in the current state',
  idempotency_conflict: 'The same request is still being processed',
  capacity_in_use: 'The units are held or sold',
  closed_to_sale: 'Not for sale on those dates',
  request_timeout: 'The request took too long to arrive',
  hold_expired: 'A hold has expired',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  rate_limited: 'Too many requests',
  headers_too_large: 'The request headers are too large',
  internal_error: 'Something went wrong on the server',
  service_unavailable: 'The service is unavailable',
};

/**
 * A typed domain error: services throw it, the problem middleware turns it into RFC 9457
 * problem+json. `extra` members (e.g. `errors`, `declineCode`) are added to the body.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly extra: Record<string, unknown>;
  /** Response headers the error needs, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.status = errorStatus[code];
    this.title = titles[code];
    this.extra = extra;
    this.headers = headers;
  }
}

export const validationFailed = (detail: string, errors: FieldError[]) =>
  new DomainError('validation_failed', detail, { errors });
export const unauthenticated = (detail = 'Sign in to continue.') =>
  new DomainError('unauthenticated', detail);
export const forbidden = (detail = 'Your role does not allow this.') => new DomainError('forbidden', detail);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const rateLimited = (retryAfterSeconds: number, detail: string) =>
  new DomainError(
    'rate_limited',
    detail,
    { retryAfter: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
