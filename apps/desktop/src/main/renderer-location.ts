/**
 * Where the renderer is loaded from. The packaged renderer is served on a custom scheme rather than
 * file://, because file:// responses never pass through `webRequest` and could carry no CSP header,
 * and because a file:// page may read any other local file.
 */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'tripdesk';

export interface RendererLocation {
  /** `app://tripdesk`, or the electron-vite dev server's origin in development. */
  readonly origin: string;
  /** The URL the main window loads. */
  readonly entryUrl: string;
  /** True when served by the electron-vite dev server (hot reload; relaxed CSP for its inline preamble). */
  readonly dev: boolean;
}

export function rendererLocation(devServerUrl: string | undefined): RendererLocation {
  if (devServerUrl) {
    const origin = originOf(devServerUrl);
    if (origin) return { origin, entryUrl: devServerUrl, dev: true };
  }
  const origin = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
  return { origin, entryUrl: `${origin}/index.html`, dev: false };
}

/**
 * `scheme://host[:port]` of a URL, or null if it is not one. Computed by hand because WHATWG `URL`
 * reports an opaque origin ("null") for custom schemes like `app:`.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
}

export function isRendererUrl(url: string, location: RendererLocation): boolean {
  return originOf(url) === location.origin;
}
