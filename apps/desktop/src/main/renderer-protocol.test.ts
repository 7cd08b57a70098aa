import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));
const { rendererFileResponse } = await import('./renderer-protocol.ts');

let base: string;
let root: string;
const csp = "default-src 'none'; connect-src http://127.0.0.1:4000";

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tripdesk-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tripdesk</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.html'), 'not for the renderer');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  rendererFileResponse(new Request(url, { method }), { root, contentSecurityPolicy: () => csp });

describe('app://tripdesk/ files', () => {
  it('serves the page with the CSP and a content type', async () => {
    const response = await get('app://tripdesk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Tripdesk');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('app://tripdesk/assets/index-abc.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://tripdesk/%2e%2e/secret.html',
    'app://tripdesk/..%2fsecret.html',
    'app://tripdesk/assets/missing.js',
    'app://other/index.html',
    'app://tripdesk/index.html.bak',
  ])('answers 404 for %s', async (url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('serves nothing but reads', async () => {
    expect((await get('app://tripdesk/index.html', 'POST')).status).toBe(405);
  });
});
