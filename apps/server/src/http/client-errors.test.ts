import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import {
  HEADERS_TIMEOUT_MS,
  hardenHttpServer,
  KEEP_ALIVE_TIMEOUT_MS,
  REQUEST_TIMEOUT_MS,
} from './client-errors.ts';

describe('hardenHttpServer', () => {
  it('bounds how long a request, its headers and an idle connection may take', () => {
    const server = createServer();
    // Node's defaults: 300 s for a request, 60 s for headers.
    expect(server.requestTimeout).toBe(300_000);
    hardenHttpServer(server, createLogger('silent'));
    expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    expect(server.listenerCount('clientError')).toBe(1);
  });
});
