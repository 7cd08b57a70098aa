import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import {
  adjustResponseHeaders,
  installSessionGuards,
  rendererContentSecurityPolicy,
} from './content-security.ts';
import { rendererLocation } from './renderer-location.ts';

vi.mock('electron', () => ({}));

const packaged = rendererLocation(undefined);
const server = 'http://192.168.1.20:4000';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('rendererContentSecurityPolicy', () => {
  it('lets the renderer connect to the configured server origin and nothing else', () => {
    const csp = directives(rendererContentSecurityPolicy(server, packaged));
    expect(csp.get('connect-src')).toEqual([server]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows nothing broader: no wildcards, bare schemes, inline code or eval', () => {
    for (const [name, values] of directives(rendererContentSecurityPolicy(server, packaged))) {
      for (const value of values) {
        expect(value).not.toContain('*');
        expect(value).not.toMatch(/^'unsafe-/);
        // A bare scheme (`http:`) would admit every host; only images may be data: URLs.
        if (name !== 'img-src') expect(value).not.toMatch(/^[a-z][a-z0-9+.-]*:$/);
      }
    }
  });

  it('allows no network at all before a server is configured', () => {
    expect(directives(rendererContentSecurityPolicy(null, packaged)).get('connect-src')).toEqual(["'none'"]);
  });
});

describe('adjustResponseHeaders', () => {
  const policy = { renderer: packaged, serverOrigin: () => server };

  it('adds CORS for the renderer origin alone on the server’s responses', () => {
    const result = adjustResponseHeaders(
      {
        url: `${server}/api/users`,
        method: 'GET',
        resourceType: 'xhr',
        responseHeaders: { 'access-control-allow-origin': ['*'], 'Content-Type': ['application/json'] },
      },
      policy,
    );
    expect(result.responseHeaders?.['Access-Control-Allow-Origin']).toEqual(['app://tripdesk']);
    expect(result.responseHeaders).not.toHaveProperty('access-control-allow-origin');
    expect(result.responseHeaders?.['Access-Control-Expose-Headers']).toEqual(['Retry-After, Date']);
    expect(result.responseHeaders?.['Content-Type']).toEqual(['application/json']);
    expect(result.statusLine).toBeUndefined();
  });

  it('answers the server’s CORS preflight with 204', () => {
    const result = adjustResponseHeaders(
      { url: `${server}/api/users`, method: 'OPTIONS', resourceType: 'xhr', responseHeaders: {} },
      policy,
    );
    expect(result.statusLine).toBe('HTTP/1.1 204 No Content');
  });

  it('leaves every other origin alone, even the same host on another port', () => {
    for (const url of [
      'http://192.168.1.20:5000/api/users',
      'https://192.168.1.20:4000/',
      'https://example.com/',
    ]) {
      expect(
        adjustResponseHeaders({ url, method: 'GET', resourceType: 'xhr', responseHeaders: {} }, policy),
      ).toEqual({});
    }
  });

  it('puts the CSP on dev server pages, with hot reload allowed', () => {
    const dev = rendererLocation('http://localhost:5173/');
    const result = adjustResponseHeaders(
      { url: 'http://localhost:5173/', method: 'GET', resourceType: 'mainFrame', responseHeaders: {} },
      { renderer: dev, serverOrigin: () => server },
    );
    const csp = directives(result.responseHeaders?.['Content-Security-Policy']?.[0] ?? '');
    expect(csp.get('connect-src')).toEqual([server, 'ws://localhost:5173']);
  });
});

describe('installSessionGuards', () => {
  it('refuses every permission and installs the header hook', () => {
    const session = {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    installSessionGuards(session as unknown as Session, { renderer: packaged, serverOrigin: () => server });

    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check(null, 'media', 'app://tripdesk', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({})).toBe(false);

    const hook = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: unknown,
      callback: (response: unknown) => void,
    ) => void;
    const callback = vi.fn();
    hook(
      { url: `${server}/api/health`, method: 'OPTIONS', resourceType: 'xhr', responseHeaders: {} },
      callback,
    );
    expect(callback).toHaveBeenCalledWith(expect.objectContaining({ statusLine: 'HTTP/1.1 204 No Content' }));
  });
});
