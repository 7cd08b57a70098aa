import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { apiRoutes, HealthResponseSchema } from '@tripdesk/shared';
import type { ServerCertificate, ServerTestResult } from '../bridge/bridge.d.ts';
import { normalizeFingerprint } from './certificate-trust.ts';
import { parseServerAddress } from './server-address.ts';

/** The certificate a TLS server presented, before any pin is compared with it. */
export type PeerCertificate = Omit<ServerCertificate, 'pinned'>;

/** One GET over TLS that accepts any certificate, to read it: never with credentials nor customer data. */
export interface TlsProbeResult {
  readonly certificate: PeerCertificate;
  readonly status: number;
  /** The parsed JSON body, or undefined when it is not JSON. */
  readonly body: unknown;
}

/** Fails with an Error named `TimeoutError` when `timeoutMs` passes first. */
export type TlsProbe = (url: string, options: { readonly timeoutMs: number }) => Promise<TlsProbeResult>;

export interface ServerCheckOptions {
  readonly fetch?: typeof globalThis.fetch;
  /** Used for https:// addresses (fetch cannot show the certificate nor accept a self-signed one). */
  readonly tlsProbe?: TlsProbe;
  /** The fingerprint this desk pinned for an origin, if any. */
  readonly pinnedFingerprint?: (origin: string) => string | null;
  readonly timeoutMs?: number;
}

const MAX_BODY_BYTES = 256 * 1024;

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no answer within ${timeoutMs} ms`);
  error.name = 'TimeoutError';
  return error;
}

/** `{ CN: 'desk', O: ['A', 'B'] }` as `CN=desk, O=A, O=B`. */
function distinguishedName(name: unknown): string {
  if (typeof name !== 'object' || name === null) return '';
  return Object.entries(name as Record<string, unknown>)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`))
    .join(', ');
}

/** Reads the certificate the server presented on a TLS socket, and whether an authority vouches for it. */
export function peerCertificateOf(socket: TLSSocket): PeerCertificate | null {
  const peer = socket.getPeerCertificate();
  const fingerprint256 = normalizeFingerprint(peer?.fingerprint256);
  if (!peer || fingerprint256 === null) return null;
  const validTo = new Date(peer.valid_to);
  const trustError = socket.authorizationError ? String(socket.authorizationError) : undefined;
  return {
    fingerprint256,
    subject: distinguishedName(peer.subject),
    issuer: distinguishedName(peer.issuer),
    validTo: Number.isNaN(validTo.getTime()) ? String(peer.valid_to) : validTo.toISOString(),
    trustedByCa: socket.authorized,
    ...(trustError ? { trustError } : {}),
  };
}

/**
 * GET over https with Node's own client, certificate verification reported instead of enforced: the
 * point is to show the certificate so a person can compare it. Sends no credentials, reads at most
 * 256 KiB, follows no redirect, and uses a fresh connection (no session resumed from another probe).
 */
export const tlsProbe: TlsProbe = (url, { timeoutMs }) =>
  new Promise<TlsProbeResult>((resolve, reject) => {
    let settled = false;
    const finish = (run: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run();
    };
    const request = httpsRequest(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        rejectUnauthorized: false,
        agent: false,
      },
      (response) => {
        const certificate = peerCertificateOf(response.socket as TLSSocket);
        if (!certificate) {
          request.destroy();
          finish(() => reject(new Error('the server presented no certificate')));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy();
            finish(() => resolve({ certificate, status: response.statusCode ?? 0, body: undefined }));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          finish(() => resolve({ certificate, status: response.statusCode ?? 0, body }));
        });
        response.on('error', (error) => finish(() => reject(error)));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(() => reject(timeoutError(timeoutMs)));
    }, timeoutMs);
    request.on('error', (error) => finish(() => reject(error)));
    request.end();
  });

/** The certificate an https:// origin presents now, or null when nothing (TLS) answers. */
export async function presentedCertificate(
  origin: string,
  options: { readonly tlsProbe?: TlsProbe; readonly timeoutMs?: number } = {},
): Promise<PeerCertificate | null> {
  if (!origin.startsWith('https:')) return null;
  const probe = options.tlsProbe ?? tlsProbe;
  try {
    return (await probe(`${origin}${apiRoutes.getHealth.path}`, { timeoutMs: options.timeoutMs ?? 5000 }))
      .certificate;
  } catch {
    return null;
  }
}

const isTimeout = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');

/**
 * Asks a server address for `GET /api/health`. Runs in the main process because the renderer's
 * content security policy only lets it talk to the server already saved, not to one being tried.
 * For https:// it also reads the certificate, and compares it with the one pinned for the address.
 */
export async function checkServer(
  input: unknown,
  options: ServerCheckOptions = {},
): Promise<ServerTestResult> {
  const address = parseServerAddress(input);
  if (!address.ok) return { ok: false, reason: 'invalid_address', message: address.message };
  const { origin } = address;
  const timeoutMs = options.timeoutMs ?? 5000;
  const timeoutResult = (): ServerTestResult => ({
    ok: false,
    reason: 'timeout',
    message: `The server at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
  });
  const unreachable = (): ServerTestResult => ({
    ok: false,
    reason: 'unreachable',
    message: `Nothing answered at ${origin}. Check the address, the network, and that the server is running.`,
  });

  let status: number;
  let body: unknown;
  let tls: ServerCertificate | undefined;
  if (origin.startsWith('https:')) {
    const probe = options.tlsProbe ?? tlsProbe;
    let answer: TlsProbeResult;
    try {
      answer = await probe(`${origin}${apiRoutes.getHealth.path}`, { timeoutMs });
    } catch (err) {
      return isTimeout(err) ? timeoutResult() : unreachable();
    }
    const pinned = options.pinnedFingerprint?.(origin) ?? null;
    const presented = answer.certificate.fingerprint256;
    tls = { ...answer.certificate, pinned: pinned === presented };
    if (pinned !== null && pinned !== presented) {
      return {
        ok: false,
        reason: 'certificate_changed',
        serverUrl: origin,
        pinned,
        presented,
        tls,
        message:
          `The server at ${origin} presents a different certificate from the one this desk trusts. ` +
          'If your administrator replaced it, compare the new fingerprint with the one the server printed ' +
          'when it started before trusting it. Otherwise someone may be intercepting the connection: ' +
          'do not sign in.',
      };
    }
    status = answer.status;
    body = answer.body;
  } else {
    const fetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetch(`${origin}${apiRoutes.getHealth.path}`, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return isTimeout(err) ? timeoutResult() : unreachable();
    }
    status = response.status;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
  }

  const health = HealthResponseSchema.safeParse(body);
  if (!health.success) {
    return {
      ok: false,
      reason: 'not_tripdesk',
      message: `Something answered at ${origin} (HTTP ${status}), but it is not a Tripdesk server.`,
    };
  }
  return {
    ok: true,
    serverUrl: origin,
    status: health.data.status,
    stores: health.data.stores,
    ...(health.data.version ? { version: health.data.version } : {}),
    ...(tls ? { tls } : {}),
  };
}
