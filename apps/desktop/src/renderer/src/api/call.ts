import {
  apiRoutes,
  pathWith,
  type ApiRoutes,
  type OperationId,
  type RouteBody,
  type RouteExtraResponse,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  type RouteSpec,
} from '@tripdesk/shared';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import { contractMismatch } from './api-error.ts';
import { api } from './client.ts';
import { useConnection } from '../connection/connection-store.ts';
import { pathWithQuery, type QueryValue } from './query-string.ts';

/**
 * The one way the renderer calls the API: by operationId, through the shared route table. What a call
 * sends and what it answers are the table's schemas, so a request or an answer cannot drift from the
 * server's contract without the typecheck (or, for an answer at run time, an ApiError) saying so.
 */

/**
 * The query as the client sends it: the schema's input, where a field the server preprocesses (typed
 * `unknown` there) is a plain query value.
 */
export type CallQuery<Id extends OperationId> =
  RouteQuery<Id> extends undefined
    ? undefined
    : { [K in keyof RouteQuery<Id>]: unknown extends RouteQuery<Id>[K] ? QueryValue : RouteQuery<Id>[K] };

type Optional<T> = { [K in keyof T]?: T[K] };
/** A part the action has not is left out; one that may be empty is optional; the rest are required. */
type Part<Name extends string, T, Required extends boolean> = [T] extends [undefined]
  ? { readonly [K in Name]?: never }
  : Required extends true
    ? { readonly [K in Name]: T }
    : { readonly [K in Name]?: T };

type Spec<Id extends OperationId> = ApiRoutes[Id];
type ParamsPart<Id extends OperationId> = Part<'params', RouteParams<Id>, true>;
type QueryPart<Id extends OperationId> = Part<
  'query',
  CallQuery<Id>,
  Optional<CallQuery<Id>> extends CallQuery<Id> ? false : true
>;
type BodyPart<Id extends OperationId> = Part<
  'body',
  RouteBody<Id>,
  Spec<Id> extends { readonly bodyRequired: false } ? false : true
>;
/** The `Idempotency-Key`: required where the table requires one, never sent where it takes none. */
type KeyPart<Id extends OperationId> = Part<
  'idempotencyKey',
  Spec<Id> extends { readonly idempotencyKey: 'optional' | 'required' } ? string : undefined,
  Spec<Id> extends { readonly idempotencyKey: 'required' } ? true : false
>;

export type CallInput<Id extends OperationId> = ParamsPart<Id> &
  QueryPart<Id> &
  BodyPart<Id> &
  KeyPart<Id> & {
    readonly signal?: AbortSignal;
    /** Milliseconds, for the calls that may take longer than the client's default (paying, backups). */
    readonly timeout?: number;
  };

/** The arguments after the operationId: none needed when every part is optional. */
type CallArgs<Id extends OperationId> =
  Optional<CallInput<Id>> extends CallInput<Id> ? [input?: CallInput<Id>] : [input: CallInput<Id>];

/** The success answer, or another answer the table lists as data (health's 503). */
export type CallAnswer<Id extends OperationId> = RouteResponse<Id> | RouteExtraResponse<Id>;

interface AnyInput {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  readonly timeout?: number;
}

const specOf = (id: OperationId): RouteSpec => apiRoutes[id];

const urlOf = (spec: RouteSpec, input: AnyInput) =>
  pathWithQuery(pathWith(spec.path, input.params ?? {}), input.query ?? {});

/** The URL path and query of an action, relative to the server: `/api/trips/trp_1?…`. */
export function routeUrl<Id extends OperationId>(
  id: Id,
  input: Pick<CallInput<Id>, 'params' | 'query'>,
): string {
  return urlOf(specOf(id), input as AnyInput);
}

function requestOf(spec: RouteSpec, input: AnyInput): AxiosRequestConfig {
  return {
    method: spec.method,
    url: urlOf(spec, input),
    data: input.body,
    headers: input.idempotencyKey === undefined ? {} : { 'Idempotency-Key': input.idempotencyKey },
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.timeout === undefined ? {} : { timeout: input.timeout }),
  };
}

/**
 * A text answer (the receipt page) is kept as text, except a problem document, which the error handling
 * reads as JSON.
 */
function asTextUnlessJson(data: unknown, headers: AxiosResponse['headers']): unknown {
  if (typeof data !== 'string' || !/json/.test(String(headers['content-type'] ?? ''))) return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/**
 * Calls an action and answers its success body parsed by the table's schema (`undefined` for a 204). Every
 * failure is an ApiError, an answer that does not match the contract included (`contract_mismatch`).
 */
export async function call<Id extends OperationId>(id: Id, ...args: CallArgs<Id>): Promise<CallAnswer<Id>> {
  const spec = specOf(id);
  const config = requestOf(spec, (args[0] ?? {}) as AnyInput);
  const mediaType = spec.success.mediaType;
  if (mediaType !== undefined) {
    config.headers = { ...config.headers, Accept: mediaType };
    config.responseType = 'text';
    config.transformResponse = asTextUnlessJson;
  }
  const extra = spec.extraResponses ?? {};
  if (Object.keys(extra).length > 0) {
    config.validateStatus = (status) => (status >= 200 && status < 300) || String(status) in extra;
  }
  const response = await api.request(config);
  const schema = extra[String(response.status)]?.schema ?? spec.success.schema;
  if (schema === undefined || response.status === 204) return undefined as CallAnswer<Id>;
  const parsed = schema.safeParse(response.data);
  if (parsed.success) return parsed.data as CallAnswer<Id>;
  throw contractMismatch(
    response.status,
    `${spec.method.toUpperCase()} ${spec.path}: ${parsed.error.message}`,
    {
      serverUrl: useConnection.getState().serverUrl,
    },
  );
}

/** The media types an action answers in: its own, and the ones it also serves (a report as CSV). */
type MediaTypeOf<Id extends OperationId> =
  | (Spec<Id>['success'] extends { readonly mediaType: infer M extends string } ? M : never)
  | (Spec<Id>['success'] extends { readonly alsoAs: infer A } ? keyof A & string : never);

/**
 * Fetches a file an action answers (a backup archive, a report as CSV) as a Blob, for saveDownload(). Its
 * bytes are not the JSON the schemas check; a failure is an ApiError as for any call.
 */
export async function download<Id extends OperationId>(
  id: Id,
  accept: MediaTypeOf<Id>,
  ...args: CallArgs<Id>
): Promise<Blob> {
  const config = requestOf(specOf(id), (args[0] ?? {}) as AnyInput);
  config.headers = { ...config.headers, Accept: accept };
  config.responseType = 'blob';
  const data: unknown = (await api.request(config)).data;
  return data instanceof Blob ? data : new Blob([String(data)], { type: accept });
}
