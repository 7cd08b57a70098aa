import { z } from 'zod';

/** The stable error codes of API.md, with the HTTP status each one always travels with. */
export const errorStatus = {
  validation_failed: 400,
  idempotency_key_missing: 400,
  unauthenticated: 401,
  payment_declined: 402,
  forbidden: 403,
  /** Extension: the account's password was reset by an admin and must be changed before anything else. */
  password_change_required: 403,
  not_found: 404,
  sold_out: 409,
  seat_taken: 409,
  invalid_transition: 409,
  idempotency_conflict: 409,
  /** Extension: lowering a capacity below what is held or sold on some date. */
  capacity_in_use: 409,
  /** Extension: the unit is retired, or closed to sale (stop-sell) on a date asked for. */
  closed_to_sale: 409,
  /** Extension: the request (headers and body) did not arrive in time. */
  request_timeout: 408,
  hold_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  /** Extension: the request's headers are larger than the server accepts. */
  headers_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const ErrorCodeSchema = z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]);

export const FieldErrorSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the offending field, e.g. `body.customer.email`.' }),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: ErrorCodeSchema,
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    declineCode: z.string().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** True for one of the stable codes: clients branch on `code`, and may meet a server newer than they are. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** The `type` URI of a problem: stable, one per code. */
export function problemType(code: ErrorCode): string {
  return `https://tripdesk.dev/problems/${code.replaceAll('_', '-')}`;
}
