import type { ErrorRequestHandler, RequestHandler } from 'express';
import { problemType, type Problem } from '@tripdesk/shared';
import { DomainError } from '../errors.ts';

/** Errors body-parser raises for bad input, mapped to client errors: malformed input is never a 500. */
function fromBodyParser(err: { type?: string; status?: number; message?: string }): DomainError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError('validation_failed', 'The body is not valid JSON.', {
        errors: [{ path: 'body', message: 'malformed JSON' }],
      });
    case 'entity.too.large':
      return new DomainError('payload_too_large', 'The request body is larger than the server accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('unsupported_media_type', 'Send JSON in UTF-8 without content encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return new DomainError('validation_failed', 'The request body could not be read.', {
        errors: [{ path: 'body', message: err.type }],
      });
    default:
      if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        return new DomainError('validation_failed', err.message ?? 'Bad request.', { errors: [] });
      }
      return undefined;
  }
}

/** PostgreSQL SQLSTATEs that say the database cannot serve now, not that the request was wrong. */
const UNAVAILABLE_SQLSTATES = new Set([
  '53300', // too_many_connections: max_connections reached
  '53400', // configuration_limit_exceeded
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '40001', // serialization_failure: a retry succeeds
  '40P01', // deadlock_detected: likewise
]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);
/**
 * node-postgres' own words for a connection that died under a query (it has no code for these): ended by
 * the server, or met by a query after its socket closed (a race when a database drops its sessions).
 * knex puts the query's SQL in front (`select … - Connection terminated unexpectedly`).
 */
const PG_CONNECTION_LOST =
  /(^|- )(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;
/** Seconds a client is asked to wait when a database is busy or away. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * A database that is overloaded, refuses connections or is away: the request was fine and may be sent
 * again, so it is 503 with Retry-After, never a 500. Covers knex's pool timeout (every pooled connection
 * busy for ACQUIRE_TIMEOUT_MS), PostgreSQL's "too many clients", a database refusing or dropping
 * connections (any FATAL), shutdowns, lost connections, and a SQLite file locked by another process.
 */
export function fromUnavailableDatabase(err: unknown): DomainError | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, code, message, severity } = e as Record<string, unknown>;
    const transient =
      name === 'KnexTimeoutError' ||
      // PostgreSQL ends the session on a FATAL: the database refused the connection or dropped it.
      severity === 'FATAL' ||
      severity === 'PANIC' ||
      (typeof code === 'string' &&
        (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) ||
      (typeof message === 'string' && PG_CONNECTION_LOST.test(message));
    if (transient) {
      return new DomainError(
        'service_unavailable',
        'The database is busy or unreachable right now; try again in a moment.',
        { retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS },
        { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      );
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], err: DomainError, instance?: string): void {
  const body: Problem = {
    type: problemType(err.code),
    title: err.title,
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...err.extra,
  };
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).type('application/problem+json').send(JSON.stringify(body));
}

/** The one error middleware, mounted last: every error leaves as RFC 9457 problem+json. */
export const problemHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  let domain =
    err instanceof DomainError
      ? err
      : (fromBodyParser(err as { type?: string }) ?? fromUnavailableDatabase(err) ?? fromDataException(err));
  if (domain && !(err instanceof DomainError) && !isBodyParserError(err)) {
    req.log?.warn({ err }, `a database error answered as ${domain.status} ${domain.code}`);
  }
  if (!domain) {
    req.log?.error({ err }, 'unhandled error');
    domain = new DomainError(
      'internal_error',
      'The server could not complete the request. It has been logged.',
    );
  }
  // Refused before its body was read (too large, not signed in): close the connection rather than read
  // or wait for what the client still sends.
  if (!req.complete) res.setHeader('Connection', 'close');
  sendProblem(res, domain, req.originalUrl);
};

function isBodyParserError(err: unknown): boolean {
  return typeof (err as { type?: unknown })?.type === 'string';
}

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a value out of range, a byte sequence it cannot
 * store) come from input the edge should have refused; answered as the client error they are rather
 * than as a 500, and logged so that the edge can be taught.
 */
function fromDataException(err: unknown): DomainError | undefined {
  const { code, severity } = (err ?? {}) as { code?: unknown; severity?: unknown };
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string') {
    return new DomainError('validation_failed', 'A value in the request cannot be stored.', { errors: [] });
  }
  return undefined;
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new DomainError('not_found', `There is no ${req.method} ${req.path} in this API.`));
};
