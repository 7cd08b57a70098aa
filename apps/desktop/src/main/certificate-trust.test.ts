import { X509Certificate } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  ACCEPT,
  comparableHost,
  createConnectionProblems,
  decideCertificate,
  fingerprintOfPem,
  formatFingerprint,
  installCertificateTrust,
  normalizeFingerprint,
  USE_CHROMIUM_RESULT,
  type VerifyRequest,
} from './certificate-trust.ts';
import { FINGERPRINT, PEM } from './test-certificate.ts';

const OTHER = `${'AB:'.repeat(31)}CD`;
const PIN = { origin: 'https://desk-server:4443', fingerprint: FINGERPRINT };

const request = (over: Partial<VerifyRequest> = {}): VerifyRequest => ({
  hostname: 'desk-server',
  certificate: { data: PEM },
  verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
  errorCode: -202,
  ...over,
});

describe('certificate fingerprints', () => {
  it('computes the SHA-256 of the DER inside a PEM, formatted like openssl and Node', () => {
    expect(fingerprintOfPem(PEM)).toBe(FINGERPRINT);
    expect(fingerprintOfPem(PEM)).toBe(new X509Certificate(PEM).fingerprint256);
    // Windows line ends, and a chain: the first certificate counts.
    expect(fingerprintOfPem(`${PEM.replace(/\n/g, '\r\n')}${PEM}`)).toBe(FINGERPRINT);
  });

  it('finds none in text that holds no certificate', () => {
    expect(fingerprintOfPem('')).toBeNull();
    expect(fingerprintOfPem('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----')).toBeNull();
    expect(fingerprintOfPem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toBeNull();
  });

  it('formats bytes as uppercase colon-separated pairs', () => {
    expect(formatFingerprint(new Uint8Array([0, 10, 171, 255]))).toBe('00:0A:AB:FF');
  });

  it.each([
    [FINGERPRINT, FINGERPRINT],
    [FINGERPRINT.toLowerCase(), FINGERPRINT],
    [`  ${FINGERPRINT}\n`, FINGERPRINT],
    [FINGERPRINT.replace(/:/g, ''), FINGERPRINT],
  ])('reads %j as a fingerprint', (input, expected) => {
    expect(normalizeFingerprint(input)).toBe(expected);
  });

  it.each([
    '',
    'AB:CD',
    FINGERPRINT.slice(0, -3),
    `${FINGERPRINT}:00`,
    FINGERPRINT.replace('83', 'G3'),
    FINGERPRINT.replace(/:/g, '-'),
    FINGERPRINT.replace(/:/g, ' '),
    42,
    null,
  ])('refuses %j as a fingerprint', (input) => {
    expect(normalizeFingerprint(input)).toBeNull();
  });

  it('compares hosts of origins with Chromium host names', () => {
    expect(comparableHost('https://Desk-Server:4443')).toBe('desk-server');
    expect(comparableHost('https://[::1]:4443')).toBe('::1');
    expect(comparableHost('[::1]')).toBe('::1');
    expect(comparableHost('DESK-SERVER.')).toBe('desk-server');
  });
});

describe('the certificate verify decision', () => {
  it('leaves a certificate Chromium accepts to Chromium', () => {
    const ok = request({ verificationResult: 'net::OK', errorCode: 0 });
    expect(decideCertificate(ok, PIN)).toEqual({ result: USE_CHROMIUM_RESULT, reason: 'chromium_ok' });
    expect(decideCertificate(ok, null).result).toBe(USE_CHROMIUM_RESULT);
  });

  it('accepts a certificate Chromium refused when it is the one pinned for the saved server', () => {
    expect(decideCertificate(request(), PIN)).toEqual({
      result: ACCEPT,
      reason: 'pinned',
      presented: FINGERPRINT,
    });
    expect(decideCertificate(request({ hostname: 'DESK-SERVER' }), PIN).result).toBe(ACCEPT);
  });

  it('treats mixed signals from Chromium as a refusal, so only the pin can accept', () => {
    const mixed = request({ verificationResult: 'net::OK', errorCode: -202 });
    expect(decideCertificate(mixed, PIN).result).toBe(ACCEPT);
    expect(decideCertificate(mixed, { ...PIN, fingerprint: OTHER }).result).toBe(USE_CHROMIUM_RESULT);
  });

  it('keeps Chromium’s refusal when the pinned server presents another certificate', () => {
    expect(decideCertificate(request(), { ...PIN, fingerprint: OTHER })).toEqual({
      result: USE_CHROMIUM_RESULT,
      reason: 'changed',
      pinned: OTHER,
      presented: FINGERPRINT,
    });
  });

  it('never lends the pin to another host, nor applies without one', () => {
    expect(decideCertificate(request({ hostname: 'evil.example' }), PIN)).toEqual({
      result: USE_CHROMIUM_RESULT,
      reason: 'not_pinned',
      presented: FINGERPRINT,
    });
    expect(decideCertificate(request(), null)).toMatchObject({
      result: USE_CHROMIUM_RESULT,
      reason: 'not_pinned',
    });
  });

  it('keeps Chromium’s refusal when the certificate cannot be read', () => {
    expect(decideCertificate(request({ certificate: { data: 'garbage' } }), PIN)).toEqual({
      result: USE_CHROMIUM_RESULT,
      reason: 'changed',
      pinned: FINGERPRINT,
      presented: null,
    });
  });
});

describe('connection problems', () => {
  const changedPin = { ...PIN, fingerprint: OTHER };

  it('remembers a changed certificate of the saved server until it is trusted again', () => {
    const problems = createConnectionProblems();
    problems.note('desk-server', decideCertificate(request(), changedPin), changedPin);
    const expected = {
      kind: 'certificate_changed',
      serverUrl: PIN.origin,
      pinned: OTHER,
      presented: FINGERPRINT,
    };
    expect(problems.current(PIN.origin)).toEqual(expected);
    // Only for the saved server.
    expect(problems.current('https://other:4443')).toBeNull();
    expect(problems.current(null)).toBeNull();
    // Another host verified fine: the problem stays.
    problems.note('cdn.example', { result: USE_CHROMIUM_RESULT, reason: 'chromium_ok' }, changedPin);
    expect(problems.current(PIN.origin)).toEqual(expected);
    // The server's certificate passes again: gone.
    problems.note('desk-server', decideCertificate(request(), PIN), PIN);
    expect(problems.current(PIN.origin)).toBeNull();
  });

  it('clears on demand', () => {
    const problems = createConnectionProblems();
    problems.note('desk-server', decideCertificate(request(), changedPin), changedPin);
    problems.clear();
    expect(problems.current(PIN.origin)).toBeNull();
  });

  it('knows which certificates Chromium refused for which host', () => {
    const problems = createConnectionProblems();
    expect(problems.wasRefused(PIN.origin, FINGERPRINT)).toBe(false);
    problems.note('desk-server', decideCertificate(request(), changedPin), changedPin);
    expect(problems.wasRefused(PIN.origin, FINGERPRINT)).toBe(true);
    expect(problems.wasRefused('https://other:4443', FINGERPRINT)).toBe(false);

    problems.note('fresh', decideCertificate(request({ hostname: 'fresh' }), null), null);
    expect(problems.wasRefused('https://fresh', FINGERPRINT)).toBe(true);
    expect(problems.current('https://fresh')).toBeNull();
  });
});

describe('installCertificateTrust', () => {
  it('answers Chromium from the pin read at each verification, and records what it saw', () => {
    let proc: ((req: VerifyRequest, callback: (result: number) => void) => void) | undefined;
    const session = {
      setCertificateVerifyProc: vi.fn((p: typeof proc) => {
        proc = p;
      }),
    };
    let pin: typeof PIN | null = PIN;
    const problems = createConnectionProblems();
    installCertificateTrust(session as never, { pin: () => pin, problems });
    expect(session.setCertificateVerifyProc).toHaveBeenCalledTimes(1);

    const callback = vi.fn();
    proc!(request(), callback);
    expect(callback).toHaveBeenLastCalledWith(ACCEPT);

    pin = { ...PIN, fingerprint: OTHER };
    proc!(request(), callback);
    expect(callback).toHaveBeenLastCalledWith(USE_CHROMIUM_RESULT);
    expect(problems.current(PIN.origin)).toMatchObject({ pinned: OTHER, presented: FINGERPRINT });

    pin = null;
    proc!(request(), callback);
    expect(callback).toHaveBeenLastCalledWith(USE_CHROMIUM_RESULT);
    expect(callback).toHaveBeenCalledTimes(3);
  });
});
