import { createHash } from 'node:crypto';
import type { Session } from 'electron';
import type { ConnectionProblem } from '../bridge/bridge.d.ts';

/**
 * Trust on first use for the saved server's certificate. The person compares the certificate's
 * fingerprint with the one the server printed at start and pins it (settings.ts); from then on the
 * renderer's connections accept exactly that certificate for that host when Chromium itself cannot
 * vouch for it (a self-signed certificate), and nothing else Chromium refuses.
 */

/** Chromium's answers to a certificate verify proc: accept, or keep Chromium's own verdict. */
export const ACCEPT = 0;
export const USE_CHROMIUM_RESULT = -3;

/** A SHA-256 digest as `AB:CD:…`, the way openssl and Node's `fingerprint256` print it. */
export function formatFingerprint(digest: Uint8Array): string {
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/;

/** SHA-256 fingerprint of the (first) certificate of a PEM text, or null when there is none. */
export function fingerprintOfPem(pem: string): string | null {
  const base64 = PEM_CERTIFICATE.exec(pem)?.[1]?.replace(/\s+/g, '');
  if (!base64) return null;
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0) return null;
  return formatFingerprint(createHash('sha256').update(der).digest());
}

const COLON_PAIRS = /^(?:[0-9a-f]{2}:){31}[0-9a-f]{2}$/i;
const BARE_HEX = /^[0-9a-f]{64}$/i;

/**
 * A SHA-256 fingerprint in the canonical `AB:CD:…` form, from `AB:CD:…` in either case or 64 bare
 * hex digits; null for anything else.
 */
export function normalizeFingerprint(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (!COLON_PAIRS.test(text) && !BARE_HEX.test(text)) return null;
  const hex = text.replace(/:/g, '').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** The saved server and the certificate fingerprint pinned for it. */
export interface ServerPin {
  readonly origin: string;
  readonly fingerprint: string;
}

/** Host name of an origin, or of Chromium's `request.hostname`, comparable with each other. */
export function comparableHost(hostOrOrigin: string): string {
  let host = hostOrOrigin;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrOrigin)) {
    try {
      host = new URL(hostOrOrigin).hostname;
    } catch {
      return '';
    }
  }
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** The parts of Electron's verify-proc request the decision reads. */
export interface VerifyRequest {
  readonly hostname: string;
  readonly certificate: { readonly data: string };
  readonly verificationResult: string;
  readonly errorCode: number;
}

export type CertificateDecision =
  /** Chromium refused it, but it is the certificate pinned for the saved server. */
  | { readonly result: typeof ACCEPT; readonly reason: 'pinned'; readonly presented: string }
  /** Chromium accepted it: nothing to add. */
  | { readonly result: typeof USE_CHROMIUM_RESULT; readonly reason: 'chromium_ok' }
  /** Chromium refused it and no pin applies: the refusal stands. */
  | {
      readonly result: typeof USE_CHROMIUM_RESULT;
      readonly reason: 'not_pinned';
      readonly presented: string | null;
    }
  /** Chromium refused it, and it is not the certificate pinned for this host: the refusal stands. */
  | {
      readonly result: typeof USE_CHROMIUM_RESULT;
      readonly reason: 'changed';
      readonly pinned: string;
      readonly presented: string | null;
    };

function chromiumAccepted(request: VerifyRequest): boolean {
  // Both say so, or it counts as refused: a refusal only leads to the pin check, never to acceptance.
  return (
    request.errorCode === 0 &&
    (request.verificationResult === 'net::OK' || request.verificationResult === 'OK')
  );
}

/** What to answer Chromium about one certificate, given the pin of the saved server (if any). */
export function decideCertificate(request: VerifyRequest, pin: ServerPin | null): CertificateDecision {
  if (chromiumAccepted(request)) return { result: USE_CHROMIUM_RESULT, reason: 'chromium_ok' };
  const presented = fingerprintOfPem(request.certificate?.data ?? '');
  if (pin === null || comparableHost(request.hostname) !== comparableHost(pin.origin)) {
    return { result: USE_CHROMIUM_RESULT, reason: 'not_pinned', presented };
  }
  if (presented !== null && presented === pin.fingerprint) {
    return { result: ACCEPT, reason: 'pinned', presented };
  }
  return { result: USE_CHROMIUM_RESULT, reason: 'changed', pinned: pin.fingerprint, presented };
}

/** What the verify proc saw, kept so the renderer can explain why the server cannot be reached. */
export interface ConnectionProblems {
  note(hostname: string, decision: CertificateDecision, pin: ServerPin | null): void;
  /** The certificate change seen for this server origin, if that is still the latest word on it. */
  current(serverOrigin: string | null): ConnectionProblem | null;
  /**
   * Whether Chromium refused this certificate for this host since the app started: it keeps that
   * verdict in its cache, so trusting the certificate now takes effect only after a restart.
   */
  wasRefused(origin: string, fingerprint: string): boolean;
  clear(): void;
}

export function createConnectionProblems(): ConnectionProblems {
  let problem: ConnectionProblem | null = null;
  const refused = new Set<string>();
  return {
    note(hostname, decision, pin) {
      const host = comparableHost(hostname);
      const forProblemHost = problem !== null && comparableHost(problem.serverUrl) === host;
      switch (decision.reason) {
        case 'chromium_ok':
        case 'pinned':
          if (forProblemHost) problem = null;
          return;
        case 'not_pinned':
          if (decision.presented) refused.add(`${host} ${decision.presented}`);
          return;
        case 'changed':
          if (decision.presented) refused.add(`${host} ${decision.presented}`);
          if (pin && decision.presented) {
            problem = {
              kind: 'certificate_changed',
              serverUrl: pin.origin,
              pinned: decision.pinned,
              presented: decision.presented,
            };
          }
          return;
      }
    },
    current: (serverOrigin) => (problem !== null && problem.serverUrl === serverOrigin ? problem : null),
    wasRefused: (origin, fingerprint) => refused.has(`${comparableHost(origin)} ${fingerprint}`),
    clear() {
      problem = null;
    },
  };
}

/**
 * Installs the verify proc on the session: Chromium's verdict, except that the certificate pinned for
 * the saved server is accepted on that server's host. `pin` is read on every verification, since the
 * saved server can change while the app runs.
 */
export function installCertificateTrust(
  session: Pick<Session, 'setCertificateVerifyProc'>,
  deps: { readonly pin: () => ServerPin | null; readonly problems: ConnectionProblems },
): void {
  session.setCertificateVerifyProc((request, callback) => {
    const pin = deps.pin();
    const decision = decideCertificate(request, pin);
    deps.problems.note(request.hostname, decision, pin);
    callback(decision.result);
  });
}
