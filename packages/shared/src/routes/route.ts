import type { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import type { Role } from '../users.ts';

/**
 * One API action: everything the server mounts it by, the OpenAPI document describes it by, and a
 * client calls it by. Types are `z.infer` of the schemas here, never written again beside them.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: no token at all, or a signed-in user of one of these roles. */
export type Access = 'public' | readonly Role[];

export const signedIn = ['admin', 'agent', 'frontdesk'] as const satisfies readonly Role[];
export const adminOnly = ['admin'] as const satisfies readonly Role[];
export const deskAndAdmin = ['admin', 'frontdesk'] as const satisfies readonly Role[];

/** A response other than the success one (health's 503), in its media type. */
export interface ExtraResponse {
  readonly description: string;
  readonly schema: z.ZodType;
  /** Defaults to application/json. */
  readonly mediaType?: string;
}

export interface RouteSpec {
  readonly method: Method;
  /** OpenAPI style, `/api/trips/{tripId}`; `expressPath()` gives Express's `:tripId`. */
  readonly path: string;
  readonly tag: RouteTag;
  readonly summary: string;
  readonly description?: string;
  readonly access: Access;
  /**
   * `service` when the service refuses the other roles itself (after validating the request, with its own
   * detail), so the server must not check them first; the roles are still who may call.
   */
  readonly rolesCheckedBy?: 'service';
  readonly params?: z.ZodObject;
  /** `not_found` when a malformed id must answer as an unknown one (never 400): backups, whose ids are file names. */
  readonly invalidParams?: 'not_found';
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** False when the body may be left out (cancel, check-in). */
  readonly bodyRequired?: boolean;
  readonly success: {
    readonly status: 200 | 201 | 202 | 204;
    readonly description: string;
    readonly schema?: z.ZodType;
    /** Defaults to application/json. */
    readonly mediaType?: string;
    /** The same answer in other media types, by content negotiation (a report as CSV). */
    readonly alsoAs?: Readonly<Record<string, z.ZodType>>;
  };
  /** Problem codes specific to this action; the ones every action of its kind shares come from `answerCodes()`. */
  readonly errors?: readonly ErrorCode[];
  /** Non-problem answers besides the success one, by status. */
  readonly extraResponses?: Readonly<Record<string, ExtraResponse>>;
  readonly idempotencyKey?: 'optional' | 'required';
  /** False for the few actions that read no store (the document itself): they never answer 503. */
  readonly usesDatabase?: false;
}

/** The tags of the API, in document order, with what each groups. */
export const routeTags = {
  auth: 'Log in and out.',
  users: 'Staff accounts: admins, agents and front desk.',
  inventory:
    'Hotels, room types, flights, fare classes, car locations and cars. Admins write, everyone reads.',
  availability: 'What is free to sell; may be slightly stale, holds re-check.',
  trips: 'Trips, their items (holds), payment and cancellation.',
  frontdesk: 'Arrivals, in-house guests and departures; check-in and check-out.',
  system: 'Health, the API description, live events.',
  notifications: 'What happened to your trips, in the app and by email (extension).',
  reports: 'Occupancy, sales, conversion, cancellations and payment failures (extension).',
  operations: 'Backups, restore and the consistency checker, for admins (extension).',
} as const;
export type RouteTag = keyof typeof routeTags;

/** Keeps the literal types of an entry (its schemas, status, access) so clients can infer from it. */
export function route<const R extends RouteSpec>(spec: R): R {
  return spec;
}

/**
 * Every problem code an action can answer: its own, plus the ones every action of its kind shares (401
 * when signed in, 400 when it takes input, 413/415 with a body, the idempotency conflicts, 429, and 503
 * when it reads a store).
 */
export function answerCodes(spec: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.errors);
  if (spec.access !== 'public') codes.add('unauthenticated');
  if (spec.params || spec.query || spec.body) codes.add('validation_failed');
  if (spec.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (spec.idempotencyKey) {
    codes.add('idempotency_conflict');
    codes.add('idempotency_key_reused');
    if (spec.idempotencyKey === 'required') codes.add('idempotency_key_missing');
  }
  codes.add('rate_limited');
  // A database that is overloaded or away: 503 with Retry-After, unless the action describes its own 503.
  if (spec.usesDatabase !== false && !spec.extraResponses?.['503']) codes.add('service_unavailable');
  return [...codes];
}

/** `/api/trips/{tripId}` → `/api/trips/:tripId`. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** The URL path of an action with its parameters filled in, each percent-encoded. */
export function pathWith(path: string, params: Readonly<Record<string, string | number>>): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
