import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session } from 'electron';
import { originOf, type RendererLocation } from './renderer-location.ts';

/**
 * The renderer's content security policy: its own bundle and nothing else, and network access to the
 * configured Tripdesk server only (none at all before one is configured).
 */
export function rendererContentSecurityPolicy(
  serverOrigin: string | null,
  renderer: RendererLocation,
): string {
  const connect = [serverOrigin ?? "'none'"];
  // The dev server's hot reload needs its websocket, an inline preamble script and injected <style>
  // elements; a build needs none of them.
  if (renderer.dev) connect.push(renderer.origin.replace(/^http/, 'ws'));
  return [
    "default-src 'none'",
    renderer.dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    renderer.dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export interface HeaderPolicy {
  readonly renderer: RendererLocation;
  /** Read on every response: the server address can change while the app runs. */
  readonly serverOrigin: () => string | null;
}

type Headers = Record<string, string[]>;

function withoutHeaders(headers: Headers | undefined, names: readonly string[]): Headers {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !drop.has(name.toLowerCase())));
}

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
];

/**
 * What to change on one HTTP response:
 * - the dev server's pages get the renderer CSP (built pages get it from the app:// handler);
 * - responses of the configured server get CORS headers for the renderer's origin alone. The renderer
 *   (app://tripdesk) calls the server cross-origin, and the server, built for same-origin browser use,
 *   sends none; a CORS preflight (OPTIONS, sent without the bearer token) is answered 204 here.
 */
export function adjustResponseHeaders(
  details: Pick<OnHeadersReceivedListenerDetails, 'url' | 'method' | 'resourceType' | 'responseHeaders'>,
  policy: HeaderPolicy,
): HeadersReceivedResponse {
  const origin = originOf(details.url);
  const { renderer } = policy;
  if (renderer.dev && origin === renderer.origin && details.resourceType === 'mainFrame') {
    return {
      responseHeaders: {
        ...withoutHeaders(details.responseHeaders, ['content-security-policy']),
        'Content-Security-Policy': [rendererContentSecurityPolicy(policy.serverOrigin(), renderer)],
      },
    };
  }
  const server = policy.serverOrigin();
  if (server !== null && origin === server) {
    const responseHeaders: Headers = {
      ...withoutHeaders(details.responseHeaders, CORS_HEADERS),
      'Access-Control-Allow-Origin': [renderer.origin],
      'Access-Control-Allow-Methods': ['GET, POST, PUT, PATCH, DELETE'],
      'Access-Control-Allow-Headers': ['Authorization, Content-Type, Idempotency-Key'],
      // Neither is CORS-safelisted: the sign-in screen reads Retry-After, the hold countdowns read
      // Date to run on the server's clock.
      'Access-Control-Expose-Headers': ['Retry-After, Date'],
      'Access-Control-Max-Age': ['600'],
    };
    return details.method === 'OPTIONS'
      ? { responseHeaders, statusLine: 'HTTP/1.1 204 No Content' }
      : { responseHeaders };
  }
  return {};
}

/** Session-wide guards: response headers as above, and every permission request refused. */
export function installSessionGuards(session: Session, policy: HeaderPolicy): void {
  session.webRequest.onHeadersReceived((details, callback) =>
    callback(adjustResponseHeaders(details, policy)),
  );
  // A booking desk needs no camera, microphone, location, notifications, USB, MIDI...
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
