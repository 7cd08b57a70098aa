import express, { type RequestHandler } from 'express';
import { addDays, type FieldError } from '@tripdesk/shared';
import type { Clock } from '../clock.ts';
import { DomainError, validationFailed } from '../errors.ts';

/**
 * The edge of the API: what no route should ever see. Bodies larger than the server accepts are refused
 * from their Content-Length before a byte is read; NUL characters (PostgreSQL cannot store them, SQLite
 * would) and JSON nested deeper than any request of ours are refused as `validation_failed`, the same on
 * both databases, before a route or the idempotency fingerprint walks them.
 */

/** The largest JSON body any route takes: a flight with its seat map is the biggest, at ~40 kB. */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** Deeper than any request schema of ours nests (a flight's fare classes' seats: 4). */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';

/** 413 from the header: a client announcing 50 MB is told at once, and its body is never read. */
export function declaredBodyLimit(limit: number = BODY_LIMIT_BYTES): RequestHandler {
  return (req, _res, next) => {
    const declared = req.get('content-length');
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) {
      next(
        new DomainError(
          'payload_too_large',
          `The request body is ${declared} bytes; the server accepts at most ${limit}.`,
          { limit },
        ),
      );
      return;
    }
    next();
  };
}

/** NUL in the path or the query string: 400 before routing, so no parameter carries one to a store. */
export const refuseNulInUrl: RequestHandler = (req, _res, next) => {
  const url = req.originalUrl;
  const hits = [url.indexOf(NUL), url.search(/%00/i)].filter((i) => i >= 0);
  if (hits.length > 0) {
    const at = Math.min(...hits);
    const q = url.indexOf('?');
    const part = q >= 0 && at > q ? 'query' : 'path';
    next(
      validationFailed('The URL contains a NUL character (U+0000), which no field may hold.', [
        { path: part, message: 'contains a NUL character' },
      ]),
    );
    return;
  }
  next();
};

/** The first problem of a parsed JSON body: too deep, or a NUL in a string or a member name. */
export function bodyProblem(body: unknown): FieldError | undefined {
  // Iterative, so a body nested a million deep cannot overflow the stack here either.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: 'body', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return { path, message: 'contains a NUL character (U+0000)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}.${i}`, depth: depth + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key.includes(NUL)) return { path, message: 'a member name contains a NUL character (U+0000)' };
      stack.push({ value: v, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

const checkBody: RequestHandler = (req, _res, next) => {
  const problem = bodyProblem(req.body);
  if (problem) {
    next(validationFailed(`The body cannot be accepted: ${problem.path} ${problem.message}.`, [problem]));
    return;
  }
  next();
};

/** The JSON body parser every route uses, followed by the checks above. */
export function jsonBody(): RequestHandler[] {
  return [
    express.json({
      limit: BODY_LIMIT_BYTES,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
    checkBody,
  ];
}

/**
 * API answers carry tokens and personal data (sign-in, the user, trips, receipts, users, reports):
 * no cache, shared or private, may keep them.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** A value that is wholly a calendar date or an ISO 8601 instant: what the horizon applies to. */
const DATE_LIKE = /^(\d{4,})-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Dates more than BOOKING_HORIZON_DAYS ahead (default two years), wherever a request carries them: a
 * stay, a rental, a search, a flight, a range. Nobody sells that far ahead, and a date in year 9999 must
 * not reach a store or a loop over days. Checked on every query parameter and body string that is
 * wholly a date or an instant.
 */
export function refuseDatesBeyondHorizon(horizonDays: number, clock: Clock): RequestHandler {
  // The limit per UTC day, worked out again only when the day changes (an ISO string's date is UTC's).
  let day = '';
  let limit = '';
  const limitNow = () => {
    const today = clock.now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      limit = addDays(today, horizonDays + 1);
    }
    return limit;
  };
  return (req, _res, next) => {
    const problem =
      datesBeyond(req.query, 'query', limitNow) ??
      (req.body === undefined ? undefined : datesBeyond(req.body, 'body', limitNow));
    if (problem) {
      next(
        validationFailed(
          `${problem.path} is more than ${horizonDays} days ahead; bookings open at most that far.`,
          [
            {
              path: problem.path,
              message: `must be at most ${horizonDays} days ahead (before ${limitNow()})`,
            },
          ],
        ),
      );
      return;
    }
    next();
  };
}

function datesBeyond(value: unknown, path: string, limit: () => string): { path: string } | undefined {
  // The body passed bodyProblem already: at most MAX_JSON_DEPTH deep.
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0) {
    const { value: v, path: p } = stack.pop()!;
    if (typeof v === 'string') {
      const m = DATE_LIKE.exec(v);
      // Five-digit years sort after 9999 as strings only by length: compare the year first.
      if (m && (m[1]!.length > 4 || v.slice(0, 10) >= limit())) return { path: p };
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ value: x, path: `${p}.${i}` }));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        // A traveller's passport runs ten years: its expiry is no booking date (stored as given, never looped over).
        if (k === 'document') continue;
        stack.push({ value: x, path: `${p}.${k}` });
      }
    }
  }
  return undefined;
}
