import { describe, expect, it } from 'vitest';
import { errorStatus, isErrorCode, ProblemSchema, problemType } from './errors.ts';

describe('error codes', () => {
  it('carries the statuses of API.md', () => {
    expect(errorStatus).toMatchObject({
      validation_failed: 400,
      idempotency_key_missing: 400,
      unauthenticated: 401,
      payment_declined: 402,
      forbidden: 403,
      not_found: 404,
      sold_out: 409,
      seat_taken: 409,
      invalid_transition: 409,
      idempotency_conflict: 409,
      hold_expired: 410,
      idempotency_key_reused: 422,
      rate_limited: 429,
    });
  });

  it('recognises its own codes only', () => {
    expect(isErrorCode('sold_out')).toBe(true);
    expect(isErrorCode('teapot')).toBe(false);
    expect(isErrorCode('constructor')).toBe(false);
    expect(isErrorCode(409)).toBe(false);
  });

  it('parses a problem and keeps its extension members', () => {
    const problem = {
      type: problemType('payment_declined'),
      title: 'Payment declined',
      status: 402,
      detail: 'The card was declined.',
      code: 'payment_declined',
      declineCode: 'insufficient_funds',
      tripId: 't1',
    };
    expect(ProblemSchema.parse(problem)).toEqual(problem);
    expect(problem.type).toBe('https://tripdesk.dev/problems/payment-declined');
  });
});
