import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.ts';

/**
 * Two checks on the generated OpenAPI document: that it is a well-formed OpenAPI 3.1 document,
 * and that it has not drifted from API.md, the fixed contract outside tools rely on.
 */

/** The repository's copy of the contract (apps/server/src/http → ../../../../docs). */
const API_MD = path.resolve(import.meta.dirname, '../../../../docs/API.md');
/**
 * The contract itself, in the `shared` folder beside the repository root when there is one (in CI there
 * always is): the copy must not drift from it.
 */
const SHARED_API_MD = path.resolve(import.meta.dirname, '../../../../../shared/API.md');

/**
 * Paths the document may hold beyond API.md (API.md: "Extend it freely"). Every entry says why;
 * adding a route to the server without listing it here, or in API.md, fails the drift check.
 */
const EXTENSIONS: readonly string[] = [
  // Admins edit users (rename, role, hotel, password reset, disable).
  'PATCH /api/users/{}',
  // Accounts: change your own password, your sessions, an admin's password reset, the audit log.
  'POST /api/me/password',
  'GET /api/me/sessions',
  'DELETE /api/me/sessions/{}',
  'POST /api/me/sessions/end-others',
  'POST /api/users/{}/password-reset',
  'GET /api/admin/audit-log',
  // Server-sent events: the desktop refreshes trips and availability live.
  'GET /api/events',
  // The desktop's inventory admin screens: hotel list, room-type edits (rooms in and out), a flight's
  // counters, car locations with their fleets, a location's cars, and taking a car out of the fleet.
  'GET /api/hotels',
  'PATCH /api/hotels/{}/room-types/{}',
  'GET /api/flights/{}',
  'GET /api/car-locations',
  'GET /api/car-locations/{}/cars',
  'DELETE /api/car-locations/{}/cars/{}',
  // Editing and retiring the catalog, rooms out of order and stop-sell (issue 14).
  'PATCH /api/hotels/{}',
  'GET /api/hotels/{}/out-of-order',
  'POST /api/hotels/{}/out-of-order',
  'DELETE /api/hotels/{}/out-of-order/{}',
  'GET /api/hotels/{}/closures',
  'POST /api/hotels/{}/closures',
  'DELETE /api/hotels/{}/closures/{}',
  'PATCH /api/flights/{}',
  'PATCH /api/flights/{}/fare-classes/{}',
  'GET /api/flight-closures',
  'POST /api/flight-closures',
  'DELETE /api/flight-closures/{}',
  'PATCH /api/car-locations/{}',
  'PATCH /api/car-locations/{}/cars/{}',
  'GET /api/car-locations/{}/closures',
  'POST /api/car-locations/{}/closures',
  'DELETE /api/car-locations/{}/closures/{}',
  // Airports with their time zones: lookup by code, city or name, and an admin adds one.
  'GET /api/airports',
  'POST /api/airports',
  // The extras catalogue of each hotel, flight and car location: read by all, set or reset by admins.
  'GET /api/hotels/{}/extras',
  'PUT /api/hotels/{}/extras',
  'DELETE /api/hotels/{}/extras',
  'GET /api/flights/{}/extras',
  'PUT /api/flights/{}/extras',
  'DELETE /api/flights/{}/extras',
  'GET /api/car-locations/{}/extras',
  'PUT /api/car-locations/{}/extras',
  'DELETE /api/car-locations/{}/extras',
  // Taxes and fees of each hotel, flight and car location: read by all, set by admins.
  'GET /api/hotels/{}/taxes',
  'PUT /api/hotels/{}/taxes',
  'GET /api/flights/{}/taxes',
  'PUT /api/flights/{}/taxes',
  'GET /api/car-locations/{}/taxes',
  'PUT /api/car-locations/{}/taxes',
  // Overbooking: a room type's allowance of rooms sold beyond its rooms; the desk walks a stay it cannot room.
  'PUT /api/hotels/{}/room-types/{}/overbooking',
  'POST /api/trips/{}/items/{}/walk',
  // Recurring flight schedules: a flight number on days of the week over a period, made and edited as one.
  'POST /api/flight-schedules',
  'GET /api/flight-schedules',
  'GET /api/flight-schedules/{}',
  'PATCH /api/flight-schedules/{}',
  'DELETE /api/flight-schedules/{}',
  // Stripe's webhook (PAYMENT_GATEWAY=stripe): payment events, authenticated by Stripe's signature.
  'POST /api/webhooks/stripe',
  // The receipt of a paid trip, as JSON and as a printable invoice page.
  'GET /api/trips/{}/receipt',
  'GET /api/trips/{}/receipt.html',
  // Cancelling one item, the refund the policies give now (trip and item) shown before cancelling, and
  // changing a paid item (dates, room type, seats, fare class, car category).
  'GET /api/trips/{}/cancel-quote',
  'POST /api/trips/{}/items/{}/cancel',
  'GET /api/trips/{}/items/{}/cancel-quote',
  'POST /api/trips/{}/items/{}/change',
  // Holding a lapsed trip's items again, in the same trip.
  'POST /api/trips/{}/hold-again',
  // A trip's travellers, entered once: flights, stays and the car pick from them.
  'PATCH /api/trips/{}/travellers',
  // The front desk's room chart: a hotel's stays over a range of dates, checked-out ones included.
  'GET /api/hotels/{}/bookings',
  // In-app notifications: the signed-in user's own list, mark one read, mark all read.
  'GET /api/notifications',
  'POST /api/notifications/{}/read',
  'POST /api/notifications/read-all',
  // Reports for admins and the desk: occupancy/ADR/RevPAR, sales and refunds, conversion (JSON or CSV).
  'GET /api/reports/occupancy',
  'GET /api/reports/sales',
  'GET /api/reports/conversion',
  // Backups of the five stores for admins: take one, list them, download one, restore one (restart).
  'POST /api/admin/backups',
  'GET /api/admin/backups',
  'GET /api/admin/backups/{}/archive',
  'POST /api/admin/backups/{}/restore',
  // The consistency checker for admins: run it (optionally repairing what is safe), list and read reports.
  'POST /api/admin/consistency-checks',
  'GET /api/admin/consistency-checks',
  'GET /api/admin/consistency-checks/{}',
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const doc = buildOpenApiDocument() as unknown as JsonObject;
const paths = doc.paths as Record<string, Record<string, JsonObject>>;

/** `/api/trips/{id}/pay` and `/api/trips/{tripId}/pay` are one route: parameter names are not the contract. */
const routeKey = (method: string, p: string) => `${method.toUpperCase()} ${p.replace(/\{[^}]*\}/g, '{}')}`;

function documentedRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const [p, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) routes.add(routeKey(method, p));
  }
  return routes;
}

/** Every "`METHOD /api/...`" in API.md, query string dropped. */
function contractRoutes(markdown: string): Set<string> {
  const routes = new Set<string>();
  for (const m of markdown.matchAll(/`(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (\/api\/[^`\s?]*)[^`]*`/g)) {
    routes.add(routeKey(m[1]!, m[2]!));
  }
  return routes;
}

function operations(): { route: string; op: JsonObject }[] {
  return Object.entries(paths).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${p}`, op: item[m]! })),
  );
}

/** Every `$ref` in the document, with where it was found. */
function refs(node: Json, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => refs(n, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
  );
}

/** Resolves a local JSON pointer (`#/components/schemas/Trip`) in the document. */
function resolvePointer(ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with info and paths', () => {
    expect(String(doc.openapi)).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(paths).length).toBeGreaterThan(20);
  });

  it('resolves every $ref', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(50);
    const broken = all.filter(({ ref }) => resolvePointer(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('gives every operation a unique operationId and a 2xx response', () => {
    const ids = new Set<string>();
    for (const { route, op } of operations()) {
      expect(op.operationId, route).toEqual(expect.any(String));
      expect(ids.has(op.operationId as string), `${route}: duplicate operationId`).toBe(false);
      ids.add(op.operationId as string);
      const statuses = Object.keys(op.responses as JsonObject);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${route} has no 2xx response`,
      ).toBe(true);
    }
  });

  it('declares every path parameter of every path', () => {
    for (const { route, op } of operations()) {
      const inPath = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters ?? []) as JsonObject[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect(declared.sort(), route).toEqual(inPath.sort());
    }
  });

  it('requires the bearer token everywhere but health, the document itself and login', () => {
    const schemes = (doc.components as JsonObject).securitySchemes as JsonObject;
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Stripe's webhook is signed by Stripe instead (STRIPE_WEBHOOK_SECRET).
    const open = new Set([
      'GET /api/health',
      'GET /api/openapi.json',
      'POST /api/auth/login',
      'POST /api/webhooks/stripe',
    ]);
    for (const { route, op } of operations()) {
      expect(op.security, route).toEqual(open.has(route) ? [] : [{ bearerAuth: [] }]);
      if (!open.has(route)) expect(op.responses, route).toHaveProperty('401');
    }
  });

  it('answers errors as application/problem+json Problem', () => {
    for (const { route, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, JsonObject>)) {
        if (!/^4\d\d$/.test(status)) continue;
        expect(response.content, `${route} ${status}`).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
      }
    }
  });

  it('describes the contract’s special statuses where API.md puts them', () => {
    const pay = paths['/api/trips/{tripId}/pay']!.post!;
    expect(Object.keys(pay.responses as JsonObject)).toEqual(
      expect.arrayContaining(['200', '400', '402', '409', '410', '422']),
    );
    const idempotencyKey = (pay.parameters as JsonObject[]).find((p) => p.name === 'Idempotency-Key');
    expect(idempotencyKey).toMatchObject({ in: 'header', required: true });
    const addItem = paths['/api/trips/{tripId}/items']!.post!;
    expect((addItem.responses as JsonObject)['409']).toMatchObject({
      description: expect.stringContaining('sold_out'),
    });
    expect(paths['/api/trips/{tripId}/cancel']!.post!.requestBody).toMatchObject({ required: false });
    expect(paths['/api/trips/{tripId}/pay']!.post!.requestBody).toMatchObject({ required: true });
    expect(Object.keys(paths['/api/health']!.get!.responses as JsonObject)).toContain('503');
    expect(paths['/api/events']!.get!.responses).toMatchObject({
      '200': { content: { 'text/event-stream': {} } },
    });
  });

  it('builds request schemas from the shared zod schemas', () => {
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    expect(schemas).toHaveProperty('Money');
    expect(schemas).toHaveProperty('Trip');
    expect(schemas.AddItemRequest).toMatchObject({
      discriminator: { propertyName: 'type' },
    });
    const login = paths['/api/auth/login']!.post!;
    expect(login.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } } },
    });
  });
});

describe('drift against API.md', () => {
  it('keeps the contract in the repository, word for word the same as the shared one', () => {
    expect(existsSync(API_MD), API_MD).toBe(true);
    // A plain clone has no ../shared: the copy is the contract then. Beside the shared folder, any
    // difference fails, so the copy is refreshed whenever the contract is extended.
    if (existsSync(SHARED_API_MD)) {
      expect(readFileSync(API_MD, 'utf8'), `docs/API.md differs from ${SHARED_API_MD}`).toBe(
        readFileSync(SHARED_API_MD, 'utf8'),
      );
    }
  });

  const contract = contractRoutes(readFileSync(API_MD, 'utf8'));
  const documented = documentedRoutes();

  it('reads the routes of API.md', () => {
    // A sanity floor, so a change of API.md's formatting cannot make the check vacuous.
    expect(contract.size).toBeGreaterThanOrEqual(25);
    expect(contract).toContain('POST /api/trips/{}/pay');
    expect(contract).toContain('GET /api/availability/hotels');
  });

  it('documents every route of API.md', () => {
    const missing = [...contract].filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it('documents nothing that is neither in API.md nor a listed extension', () => {
    const extensions = new Set(EXTENSIONS);
    const unlisted = [...documented].filter((r) => !contract.has(r) && !extensions.has(r));
    expect(unlisted).toEqual([]);
  });

  it('lists no extension that API.md has since absorbed, nor one the document lacks', () => {
    for (const extension of EXTENSIONS) {
      expect(contract.has(extension), `${extension} is in API.md now`).toBe(false);
      expect(documented.has(extension), `${extension} is not documented`).toBe(true);
    }
  });
});
