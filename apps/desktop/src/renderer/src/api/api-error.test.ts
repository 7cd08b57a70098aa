import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './api-error.ts';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;
const context = { serverUrl: 'http://desk.test:4000' };

function answered(status: number, data: unknown, headers: Record<string, string> = {}) {
  return new AxiosError(
    'failed',
    AxiosError.ERR_BAD_REQUEST,
    config,
    {},
    {
      status,
      statusText: '',
      data,
      headers: new AxiosHeaders(headers),
      config,
    },
  );
}

const problemBody = (status: number, code: string, extra = {}) => ({
  type: `https://tripdesk.dev/problems/${code}`,
  title: code,
  status,
  detail: `detail of ${code}`,
  code,
  ...extra,
});

describe('toApiError', () => {
  it('keeps the problem fields and adds words for the desk', () => {
    const error = toApiError(
      answered(
        400,
        problemBody(400, 'validation_failed', { errors: [{ path: 'body.email', message: 'bad' }] }),
      ),
      context,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', title: 'validation_failed' });
    expect(error.detail).toBe('detail of validation_failed');
    expect(error.fieldErrors()).toEqual({ email: 'bad' });
  });

  it('says an ended session in words, but a failed sign-in differently', () => {
    const body = problemBody(401, 'unauthenticated');
    expect(toApiError(answered(401, body), context).message).toBe(
      'Your session has ended. Please sign in again.',
    );
    expect(toApiError(answered(401, body), { ...context, signingIn: true }).message).toMatch(
      /email and password/,
    );
  });

  it('reads Retry-After in seconds or as a date', () => {
    const body = problemBody(429, 'rate_limited');
    expect(toApiError(answered(429, body, { 'retry-after': '7' }), context).message).toBe(
      'Too many attempts. Try again in 7 seconds.',
    );
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(toApiError(answered(429, body, { 'retry-after': inTwoMinutes }), context).message).toMatch(
      /Try again in 2 minutes\./,
    );
    expect(toApiError(answered(429, body), context).message).toBe(
      'Too many attempts. Try again in a moment.',
    );
  });

  it('names the server when nothing answers', () => {
    const error = toApiError(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config), context);
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(error.message).toBe(
      'Cannot reach the server at http://desk.test:4000. Check the network connection and try again.',
    );
    expect(toApiError(new AxiosError('timeout', 'ECONNABORTED', config), context).code).toBe('timeout');
  });

  it('copes with an answer that is not a problem document', () => {
    const error = toApiError(answered(502, '<html>Bad gateway</html>'), context);
    expect(error).toMatchObject({ status: 502, code: 'unexpected_response' });
    expect(error.message).toMatch(/did not expect/);
  });
});
