import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { startTestServer, type TestServer } from './harness.ts';

/**
 * The third side of the contract: what Express really mounts. Every route the server answers under /api
 * is in `/api/openapi.json`, and every route the document promises is mounted. The routes are read by
 * walking the app's router, so a route added in code but not documented (or the reverse) fails here
 * without anyone keeping a list.
 */

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
  slash?: boolean;
}

/** `METHOD /path/{}` for every route in a router, descending into the routers mounted on it. */
function walk(stack: readonly RouteLayer[], found: Set<string>, unknown: string[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const { path, methods } = layer.route;
      if (typeof path !== 'string') {
        // A pattern route (the renderer's catch-all for everything outside /api) is not an API route.
        continue;
      }
      for (const [method, on] of Object.entries(methods)) {
        if (on && method !== '_all') found.add(routeKey(method, path));
      }
    } else if (layer.handle?.stack) {
      // Sub-routers are mounted at '/', with full paths inside; a prefix would be lost in this walk.
      if (!layer.slash) unknown.push('a router mounted under a path prefix');
      walk(layer.handle.stack, found, unknown);
    }
  }
}

/** `/api/trips/:tripId` and `/api/trips/{tripId}` are one route: parameter names are not the contract. */
function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:[A-Za-z0-9_]+/g, '{}').replace(/\{[^}]*\}/g, '{}')}`;
}

function mountedApiRoutes(app: Express): Set<string> {
  const found = new Set<string>();
  const unknown: string[] = [];
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, found, unknown);
  expect(unknown).toEqual([]);
  return new Set([...found].filter((r) => r.split(' ')[1]!.startsWith('/api/')));
}

describe('mounted routes and the OpenAPI document', () => {
  let server: TestServer;
  let mounted: Set<string>;
  let documented: Set<string>;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    mounted = mountedApiRoutes(server.app.express);
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'put', 'post', 'delete', 'patch'].includes(m))
          .map((m) => routeKey(m, path)),
      ),
    );
  });
  afterAll(() => server?.stop());

  it('finds the routes by walking the router', () => {
    // A floor, so a change in Express's router internals cannot make the next checks vacuous.
    expect(mounted.size).toBeGreaterThan(50);
    expect(mounted).toContain('POST /api/trips/{}/pay');
    expect(mounted).toContain('GET /api/health');
  });

  it('documents every mounted route', () => {
    expect([...mounted].filter((r) => !documented.has(r)).sort()).toEqual([]);
  });

  it('mounts every documented route', () => {
    expect([...documented].filter((r) => !mounted.has(r)).sort()).toEqual([]);
  });
});
