import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { RENDERER_HOST, RENDERER_SCHEME } from './renderer-location.ts';

/** Must run before `app` is ready. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: RENDERER_SCHEME,
      // standard: relative URLs resolve and web storage works; secure: a secure context;
      // supportFetchAPI + corsEnabled: Chromium loads ES module scripts from it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface RendererFiles {
  /** Absolute path of the built renderer (`out/renderer`). */
  readonly root: string;
  /** The CSP every page carries, computed per request because the server address can change. */
  readonly contentSecurityPolicy: () => string;
  readonly readFile?: (path: string) => Promise<Uint8Array>;
}

/** Answers one request for `app://tripdesk/...` with a file of the built renderer, or 404. */
export async function rendererFileResponse(request: Request, files: RendererFiles): Promise<Response> {
  const notFound = () =>
    new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return notFound();

  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return notFound();
  }
  const file = resolve(files.root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(files.root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return notFound();
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!type) return notFound();

  let body: Uint8Array;
  try {
    body = await (files.readFile ?? readFile)(file);
  } catch {
    return notFound();
  }
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': files.contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/** Serves the built renderer on `app://tripdesk/`. Call once `app` is ready. */
export function serveRendererFiles(files: RendererFiles): void {
  protocol.handle(RENDERER_SCHEME, (request) => rendererFileResponse(request, files));
}
