import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import {
  apiRoutes,
  expressPath,
  type OperationId,
  type ParsedBody,
  type ParsedParams,
  type ParsedQuery,
  RoleSchema,
  type Role,
  type RouteResponse,
  type RouteSpec,
  type User,
} from '@tripdesk/shared';
import { DomainError, notFound } from '../errors.ts';
import { currentUser, requireRole } from './auth.ts';
import { parse } from './validate.ts';

/**
 * Mounts the route table's actions on their handlers: for each, the roles the table allows, then its
 * params, query, Idempotency-Key and body parsed with the table's schemas (400 problems), then the
 * handler, whose return value is sent with the table's success status.
 */

/**
 * Actions the server answers outside `mount()`, where Express makes them special: public ones that run
 * before `authenticate` (login reads its own body, health, the document, Stripe's signed webhook) and the
 * event stream, which takes its token from the query string too.
 */
type MountedElsewhere =
  'login' | 'getHealth' | 'getOpenApiDocument' | 'receiveStripeWebhook' | 'streamEvents';
export type MountedId = Exclude<OperationId, MountedElsewhere>;

/** A handler that wrote the answer itself (a file, CSV, HTML) returns this. */
export interface Responded {
  readonly kind: 'responded';
}
export const responded: Responded = Object.freeze({ kind: 'responded' });

export interface RouteContext<Id extends OperationId> {
  readonly params: ParsedParams<Id>;
  readonly query: ParsedQuery<Id>;
  readonly body: ParsedBody<Id>;
  readonly user: User;
  /** The request's Idempotency-Key; always there when the table requires one. */
  readonly idempotencyKey: string | undefined;
  readonly req: Request;
  readonly res: Response;
}

/** The success body, sent as JSON with the table's status; nothing for a 204. */
type Answer<Id extends OperationId> =
  (RouteResponse<Id> extends undefined ? void : RouteResponse<Id>) | Responded;
export type RouteHandler<Id extends OperationId> = (
  ctx: RouteContext<Id>,
) => Answer<Id> | Promise<Answer<Id>>;

/**
 * A handler, or one with a body schema narrower than the table's: the payment method names the
 * configured gateway accepts (the document describes every gateway's).
 */
export type HandlerEntry<Id extends OperationId> =
  RouteHandler<Id> | { readonly body: z.ZodType<ParsedBody<Id>>; readonly handle: RouteHandler<Id> };

export type Handlers<Ids extends MountedId = MountedId> = { readonly [Id in Ids]: HandlerEntry<Id> };

const tableEntries = Object.entries(apiRoutes) as [OperationId, RouteSpec][];

/** A Router with every action of `handlers` mounted, in table order. */
export function mount(handlers: Handlers): Router {
  const r = Router();
  for (const [prefix, roles] of roleAreas()) r.use(prefix, requireRole(...roles));
  for (const [id, spec] of tableEntries) {
    const entry = (handlers as Partial<Record<OperationId, HandlerEntry<MountedId>>>)[id];
    if (!entry) continue;
    const handle = typeof entry === 'function' ? entry : entry.handle;
    const bodySchema = typeof entry === 'function' ? spec.body : entry.body;
    const checks: RequestHandler[] =
      spec.access !== 'public' && spec.rolesCheckedBy !== 'service' ? [requireRole(...spec.access)] : [];
    r[spec.method](expressPath(spec.path), ...checks, async (req, res) => {
      const ctx = {
        params: spec.params ? parseParams(spec, req.params) : undefined,
        query: spec.query ? parse(spec.query, req.query, 'query') : undefined,
        idempotencyKey: idempotencyKeyOf(spec, req),
        body: bodySchema
          ? parse(bodySchema, spec.bodyRequired === false ? (req.body ?? {}) : req.body, 'body')
          : undefined,
        user: currentUser(req),
        req,
        res,
      } as RouteContext<MountedId>;
      const answer = await handle(ctx as never);
      if (answer === responded) return;
      if (spec.success.status === 204) res.status(204).end();
      else res.status(spec.success.status).json(answer);
    });
  }
  return r;
}

function parseParams(spec: RouteSpec, params: unknown): unknown {
  if (spec.invalidParams !== 'not_found') return parse(spec.params!, params, 'params');
  // Ids that are file names: a malformed one is no backup of ours, 404 like an unknown one (and never a path).
  const parsed = spec.params!.safeParse(params);
  if (!parsed.success) throw notFound('Backup');
  return parsed.data;
}

function idempotencyKeyOf(spec: RouteSpec, req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (!key && spec.idempotencyKey === 'required') {
    throw new DomainError(
      'idempotency_key_missing',
      'Send an Idempotency-Key header (a new random value per request): this request may charge or refund.',
    );
  }
  return key;
}

/**
 * Path prefixes that are one role's area as a whole (the users admin, backups, the consistency checker):
 * the roles are checked for anything under them, so a path the server does not answer there is 403 to
 * other roles, not 404. A prefix is an area when it is an action's parameterless path and every action on
 * or under it allows the same roles, checked here.
 */
export function roleAreas(): [string, Role[]][] {
  const areas: [string, Role[]][] = [];
  for (const [, spec] of tableEntries) {
    if (spec.path.includes('{') || spec.access === 'public' || spec.rolesCheckedBy) continue;
    const under = tableEntries.filter(([, s]) => s.path === spec.path || s.path.startsWith(`${spec.path}/`));
    const same = under.every(
      ([, s]) => s.access !== 'public' && !s.rolesCheckedBy && sameRoles(s.access, spec.access as Role[]),
    );
    const roles = [...spec.access];
    // An area every role may enter needs no guard.
    if (same && roles.length < RoleSchema.options.length && !areas.some(([p]) => p === spec.path))
      areas.push([spec.path, roles]);
  }
  return areas;
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}
