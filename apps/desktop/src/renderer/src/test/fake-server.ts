import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios';
import type { Problem } from '@tripdesk/shared';
import { api } from '../api/client.ts';

/** A canned answer, or `'unreachable'` for a request that gets no answer at all. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'unreachable';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

type Route = (request: SeenRequest) => Reply | Promise<Reply>;

export function problem(status: number, code: Problem['code'], detail: string, extra: object = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { type: `https://tripdesk.dev/problems/${code}`, title: code, status, detail, code, ...extra },
  };
}

export const healthy: Reply = {
  status: 200,
  body: { status: 'ok', stores: { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' } },
};

/** A request URL's path and its query as an object of strings, as the server would read them. */
export function readUrl(url: string): { path: string; query: Record<string, string> } {
  const [path = '', search = ''] = url.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

/**
 * Stands in for the Tripdesk server behind the renderer's axios instance: routes by "METHOD /path?query",
 * records every request, and fails like axios does (AxiosError with or without a response). A route
 * registered with a query answers that URL only; one without answers its path whatever the query.
 */
export function fakeServer() {
  const routes = new Map<string, Route>();
  const requests: SeenRequest[] = [];

  const adapter: AxiosAdapter = async (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const url = config.url ?? '';
    const body: unknown = typeof config.data === 'string' ? JSON.parse(config.data) : config.data;
    const authorization = AxiosHeaders.from(config.headers).get('Authorization');
    const request: SeenRequest = {
      method,
      url,
      body,
      authorization: typeof authorization === 'string' ? authorization : undefined,
    };
    requests.push(request);
    const route = routes.get(`${method} ${url}`) ?? routes.get(`${method} ${readUrl(url).path}`);
    const reply = route ? await route(request) : problem(404, 'not_found', `There is no ${method} ${url}.`);
    if (reply === 'unreachable') throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {});
    const response: AxiosResponse = {
      data: reply.body,
      status: reply.status,
      statusText: String(reply.status),
      headers: new AxiosHeaders(reply.headers ?? { 'content-type': 'application/json' }),
      config,
      request: {},
    };
    const ok = config.validateStatus ? config.validateStatus(reply.status) : reply.status < 400;
    if (!ok) {
      const code = reply.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
      throw new AxiosError(`Request failed with status code ${reply.status}`, code, config, {}, response);
    }
    return response;
  };
  api.defaults.adapter = adapter;

  return {
    requests,
    on(method: string, path: string, route: Route | Reply) {
      routes.set(`${method} ${path}`, typeof route === 'function' ? route : () => route);
      return this;
    },
    /** Every request unanswered, as when the server is down or the network is out. */
    down() {
      routes.clear();
      for (const path of ['/api/health', '/api/auth/login', '/api/me', '/api/users']) {
        for (const method of ['GET', 'POST']) routes.set(`${method} ${path}`, () => 'unreachable');
      }
      return this;
    },
  };
}

/** A promise you settle from the test, to look at a screen while a request is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
