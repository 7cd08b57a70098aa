import { HealthResponseSchema } from '@tripdesk/shared';
import type { ServerTestResult } from '../bridge/bridge.d.ts';
import { parseServerAddress } from './server-address.ts';

export interface ServerCheckOptions {
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

/**
 * Asks a server address for `GET /api/health`. Runs in the main process because the renderer's
 * content security policy only lets it talk to the server already saved, not to one being tried.
 */
export async function checkServer(
  input: unknown,
  options: ServerCheckOptions = {},
): Promise<ServerTestResult> {
  const address = parseServerAddress(input);
  if (!address.ok) return { ok: false, reason: 'invalid_address', message: address.message };
  const { origin } = address;
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;

  let response: Response;
  try {
    response = await fetch(`${origin}/api/health`, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      return {
        ok: false,
        reason: 'timeout',
        message: `The server at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
      };
    }
    return {
      ok: false,
      reason: 'unreachable',
      message: `Nothing answered at ${origin}. Check the address, the network, and that the server is running.`,
    };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const health = HealthResponseSchema.safeParse(body);
  if (!health.success) {
    return {
      ok: false,
      reason: 'not_tripdesk',
      message: `Something answered at ${origin} (HTTP ${response.status}), but it is not a Tripdesk server.`,
    };
  }
  return {
    ok: true,
    serverUrl: origin,
    status: health.data.status,
    stores: health.data.stores,
    ...(health.data.version ? { version: health.data.version } : {}),
  };
}
