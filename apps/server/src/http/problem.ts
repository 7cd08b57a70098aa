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
  let domain = err instanceof DomainError ? err : fromBodyParser(err as { type?: string });
  if (!domain) {
    req.log?.error({ err }, 'unhandled error');
    domain = new DomainError(
      'internal_error',
      'The server could not complete the request. It has been logged.',
    );
  }
  sendProblem(res, domain, req.originalUrl);
};

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new DomainError('not_found', `There is no ${req.method} ${req.path} in this API.`));
};
