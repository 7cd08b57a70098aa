import axios from 'axios';
import { ProblemSchema, type Problem } from '@tripdesk/shared';

export type ProblemCode = Problem['code'];
export type FieldError = NonNullable<Problem['errors']>[number];
/** The server's stable codes, plus what can go wrong before a problem document arrives. */
export type ApiErrorCode =
  | ProblemCode
  | 'network_error'
  | 'timeout'
  | 'unexpected_response'
  /** The server answered, but not in the shape the route table says: another version of the API. */
  | 'contract_mismatch';

export interface ApiErrorContext {
  /** Origin of the server the request went to, for messages like "Cannot reach the server at …". */
  readonly serverUrl: string;
  /** The request was the sign-in itself: a 401 there means wrong credentials, not an ended session. */
  readonly signingIn?: boolean;
}

/** An API failure in words a desk clerk can act on; `message` is what the screen shows. */
export class ApiError extends Error {
  /** HTTP status; 0 when no response came back. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];
  readonly retryAfterSeconds: number | null;
  /** The problem's extension members (`declineCode`, `date`, `inUse`, …), for messages that name them. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    title: string;
    detail: string;
    errors?: readonly FieldError[];
    retryAfterSeconds?: number | null;
    extensions?: Readonly<Record<string, unknown>>;
    message: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.extensions = init.extensions ?? {};
  }

  /** Field errors keyed by the field name in the request body (`body.email` → `email`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.errors) {
      const field = path.replace(/^body\.?/, '');
      if (field !== '' && byField[field] === undefined) byField[field] = message;
    }
    return byField;
  }
}

export function waitInWords(seconds: number | null): string {
  if (seconds === null) return 'in a moment';
  if (seconds < 90) return `in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}

/** One sentence per code, for the person at the desk; never a stack trace or a status number. */
export function clerkMessage(
  code: ApiErrorCode,
  context: ApiErrorContext & { readonly retryAfterSeconds?: number | null },
): string {
  const messages: Record<ApiErrorCode, string> = {
    unauthenticated: context.signingIn
      ? 'That email and password do not match an active account. Check them and try again.'
      : 'Your session has ended. Please sign in again.',
    rate_limited: `Too many attempts. Try again ${waitInWords(context.retryAfterSeconds ?? null)}.`,
    network_error: `Cannot reach the server at ${context.serverUrl}. Check the network connection and try again.`,
    timeout: `The server at ${context.serverUrl} did not answer in time. Try again.`,
    validation_failed: 'Some details need correcting. See the highlighted fields.',
    forbidden: 'Your role does not allow this. Ask an administrator if you need it.',
    password_change_required: 'An administrator reset your password. Choose a new one to go on.',
    not_found: 'That record does not exist, or it is not one you can see.',
    sold_out: 'Not enough left to book for those dates. Pick other dates or another option.',
    seat_taken: 'That seat was just taken. Choose another seat.',
    capacity_in_use:
      'Those rooms or cars are held or sold on some dates, so they cannot be removed. Try again after those dates.',
    closed_to_sale:
      'That is not for sale on those dates: it is closed to sale or retired. Pick other dates or another option.',
    invalid_transition: 'That is not possible in the booking’s current state. Refresh and check it.',
    idempotency_conflict: 'The same request is still being processed. Wait a moment, then check the result.',
    idempotency_key_reused: 'That request was already sent with different details. Start it again.',
    idempotency_key_missing: 'The payment request was incomplete. Try again.',
    payment_declined: 'The card was declined. Ask for another payment method.',
    hold_expired: 'The hold on this booking ran out before payment. Nothing was charged; hold it again.',
    payload_too_large: 'That is more data than the server accepts in one go.',
    request_timeout: 'The request took too long to reach the server. Check the network and try again.',
    headers_too_large: 'The app sent more than the server accepts. Sign out and in again, then retry.',
    unsupported_media_type: 'The app sent something the server could not read. Reload and try again.',
    internal_error:
      'The server ran into a problem and logged it. Try again; tell your administrator if it keeps happening.',
    service_unavailable: `The server is busy or part of it is down. Try again ${waitInWords(context.retryAfterSeconds ?? null)}.`,
    unexpected_response: `The server at ${context.serverUrl} gave an answer the app did not expect. Try again.`,
    contract_mismatch: `The server at ${context.serverUrl} answered in a form this version of the app cannot read. Try again; if it keeps happening, ask your administrator to bring the app and the server to the same version.`,
  };
  return messages[code];
}

function retryAfterSeconds(header: unknown, problem: Record<string, unknown> | undefined): number | null {
  if (typeof header === 'string' && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  const fromBody = problem?.retryAfter;
  return typeof fromBody === 'number' && Number.isFinite(fromBody) ? Math.max(0, Math.ceil(fromBody)) : null;
}

/** Turns whatever a request threw into an ApiError. */
export function toApiError(err: unknown, context: ApiErrorContext): ApiError {
  if (err instanceof ApiError) return err;
  if (!axios.isAxiosError(err)) {
    const detail = err instanceof Error ? err.message : String(err);
    return new ApiError({
      status: 0,
      code: 'unexpected_response',
      title: 'Unexpected response',
      detail,
      message: clerkMessage('unexpected_response', context),
    });
  }
  const response = err.response;
  if (!response) {
    const code = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? 'timeout' : 'network_error';
    return new ApiError({
      status: 0,
      code,
      title: code === 'timeout' ? 'Timed out' : 'Server unreachable',
      detail: err.message,
      message: clerkMessage(code, context),
    });
  }
  const parsed = ProblemSchema.safeParse(response.data);
  const loose =
    typeof response.data === 'object' && response.data !== null
      ? (response.data as Record<string, unknown>)
      : undefined;
  const retry = retryAfterSeconds(response.headers['retry-after'], loose);
  if (!parsed.success) {
    return new ApiError({
      status: response.status,
      code: 'unexpected_response',
      title: `HTTP ${response.status}`,
      detail: typeof loose?.detail === 'string' ? loose.detail : '',
      retryAfterSeconds: retry,
      message: clerkMessage('unexpected_response', context),
    });
  }
  const problem = parsed.data;
  const {
    type: _type,
    title: _title,
    status: _status,
    detail: _detail,
    code: _code,
    errors: _errors,
    ...extensions
  } = problem;
  return new ApiError({
    status: problem.status,
    code: problem.code,
    title: problem.title,
    detail: problem.detail,
    errors: problem.errors ?? [],
    retryAfterSeconds: retry,
    extensions,
    message: clerkMessage(problem.code, { ...context, retryAfterSeconds: retry }),
  });
}

/**
 * An answer whose status says success but whose body does not match the route table's schema: the
 * server's fault (or another version's), said as such, never a crash of the screen.
 */
export function contractMismatch(status: number, detail: string, context: ApiErrorContext): ApiError {
  return new ApiError({
    status,
    code: 'contract_mismatch',
    title: 'Answer does not match the API',
    detail,
    message: clerkMessage('contract_mismatch', context),
  });
}
