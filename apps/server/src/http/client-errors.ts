import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorStatus, problemType, type ErrorCode, type Problem } from '@tripdesk/shared';
import type { Logger } from '../logger.ts';

/** The whole request (headers and body) must arrive within this: a trickle cannot keep a socket. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** The headers alone, within this. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** An idle keep-alive connection is closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

const REASONS: Partial<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/** What Node's HTTP parser refused, before there was a request for Express to answer. */
function problemOf(err: NodeJS.ErrnoException): { code: ErrorCode; detail: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers_too_large', detail: 'The request headers are larger than the server accepts.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', detail: 'The request did not arrive in time.' };
    default:
      return { code: 'validation_failed', detail: 'The request is not valid HTTP/1.1.' };
  }
}

/**
 * Timeouts for requests, headers and idle keep-alive connections, and Node's own parser errors (400,
 * 408, 431) answered as problem+json like every other error, then the connection closed.
 */
export function hardenHttpServer(server: Server, logger: Logger): void {
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A client that went away, or a response already under way: nothing to tell it.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { code, detail } = problemOf(err);
    const status = errorStatus[code];
    const problem: Problem = {
      type: problemType(code),
      title: REASONS[status] ?? 'Bad Request',
      status,
      detail,
      code,
      ...(code === 'validation_failed' ? { errors: [] } : {}),
    };
    const body = JSON.stringify(problem);
    logger.debug({ code: err.code, status }, 'refused a request the HTTP parser could not take');
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
