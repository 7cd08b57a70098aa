import type { z } from 'zod';
import { authRoutes } from './auth.ts';
import { availabilityRoutes } from './availability.ts';
import { extrasRoutes } from './extras.ts';
import { taxRoutes } from './taxes.ts';
import { frontDeskRoutes } from './frontdesk.ts';
import { inventoryRoutes } from './inventory.ts';
import { inventoryEditRoutes } from './inventory-edits.ts';
import { notificationRoutes } from './notifications.ts';
import { operationsRoutes } from './operations.ts';
import { reportRoutes } from './reports.ts';
import type { RouteSpec } from './route.ts';
import { systemRoutes } from './system.ts';
import { tripRoutes } from './trips.ts';
import { userRoutes } from './users.ts';

export * from './route.ts';

/**
 * The one route table: every API action by its operationId. The server mounts from it, the OpenAPI
 * document is generated from it, and the desktop's client calls through it. Document order follows
 * this order.
 */
export const apiRoutes = {
  ...authRoutes,
  ...userRoutes,
  ...inventoryRoutes,
  ...extrasRoutes,
  ...taxRoutes,
  ...inventoryEditRoutes,
  ...availabilityRoutes,
  ...tripRoutes,
  ...frontDeskRoutes,
  ...systemRoutes,
  ...notificationRoutes,
  ...reportRoutes,
  ...operationsRoutes,
} as const satisfies Record<string, RouteSpec>;

export type ApiRoutes = typeof apiRoutes;
export type OperationId = keyof ApiRoutes;

type Part<Id extends OperationId, K extends 'params' | 'query' | 'body'> = ApiRoutes[Id] extends {
  readonly [P in K]: infer S extends z.ZodType;
}
  ? S
  : undefined;
/** What a client sends for a schema; `undefined` where the action takes nothing there. */
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
/** What the server hands a handler after parsing: the schema's output. */
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteParams<Id extends OperationId> = Input<Part<Id, 'params'>>;
export type RouteQuery<Id extends OperationId> = Input<Part<Id, 'query'>>;
export type RouteBody<Id extends OperationId> = Input<Part<Id, 'body'>>;
export type ParsedParams<Id extends OperationId> = Output<Part<Id, 'params'>>;
export type ParsedQuery<Id extends OperationId> = Output<Part<Id, 'query'>>;
export type ParsedBody<Id extends OperationId> = Output<Part<Id, 'body'>>;
/** The success answer of an action (`undefined` for a 204). */
export type RouteResponse<Id extends OperationId> = ApiRoutes[Id]['success'] extends {
  readonly schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;
/** The other answers an action gives as data rather than as a problem (health's 503), by their schemas. */
export type RouteExtraResponse<Id extends OperationId> = ApiRoutes[Id] extends {
  readonly extraResponses: infer E;
}
  ? {
      [K in keyof E]: E[K] extends { readonly schema: infer S extends z.ZodType } ? z.output<S> : never;
    }[keyof E]
  : never;
