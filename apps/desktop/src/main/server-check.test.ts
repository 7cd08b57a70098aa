import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fingerprintOfPem } from './certificate-trust.ts';
import {
  checkServer,
  presentedCertificate,
  tlsProbe,
  type PeerCertificate,
  type TlsProbe,
} from './server-check.ts';

let server: Server | undefined;

async function serve(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const healthy = {
  status: 'ok',
  stores: { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' },
  version: '0.1.0',
};

describe('checkServer', () => {
  it('reports a healthy Tripdesk server with each store', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(healthy));
    });
    expect(await checkServer(`${url}/`)).toEqual({
      ok: true,
      serverUrl: url,
      status: 'ok',
      stores: healthy.stores,
      version: '0.1.0',
    });
  });

  it('reports a server whose store is down as degraded', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'degraded', stores: { ...healthy.stores, payments: 'SQLITE_CANTOPEN' } }),
      );
    });
    const result = await checkServer(url);
    expect(result).toMatchObject({ ok: true, status: 'degraded', stores: { payments: 'SQLITE_CANTOPEN' } });
  });

  it('tells when something else answers', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Printer admin</h1>');
    });
    expect(await checkServer(url)).toMatchObject({ ok: false, reason: 'not_tripdesk' });
  });

  it('tells when nothing answers', async () => {
    const url = await serve(() => undefined);
    server!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await checkServer(url);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    if (!result.ok) expect(result.message).toContain(url);
  });

  it('gives up after the timeout', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    expect(await checkServer(url, { timeoutMs: 150 })).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('does not fetch an invalid address', async () => {
    expect(await checkServer('ftp://desk')).toMatchObject({ ok: false, reason: 'invalid_address' });
  });
});

const FINGERPRINT = `${'5E:'.repeat(31)}C1`;
const OTHER = `${'0D:'.repeat(31)}44`;
const selfSigned: PeerCertificate = {
  fingerprint256: FINGERPRINT,
  subject: 'CN=desk-server',
  issuer: 'CN=desk-server',
  validTo: '2027-01-31T12:00:00.000Z',
  trustedByCa: false,
  trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
};
const answering =
  (certificate: PeerCertificate, body: unknown = healthy, status = 200): TlsProbe =>
  async () => ({ certificate, status, body });

describe('checkServer over https', () => {
  const origin = 'https://desk-server:4443';

  it('asks /api/health through the TLS probe and shows the certificate', async () => {
    const probe = vi.fn(answering(selfSigned));
    const fetch = vi.fn();
    const result = await checkServer(`${origin}/`, { tlsProbe: probe, fetch, timeoutMs: 1234 });
    expect(probe).toHaveBeenCalledWith(`${origin}/api/health`, { timeoutMs: 1234 });
    expect(fetch).not.toHaveBeenCalled();
    expect(result).toEqual({
      ok: true,
      serverUrl: origin,
      status: 'ok',
      stores: healthy.stores,
      version: '0.1.0',
      tls: { ...selfSigned, pinned: false },
    });
  });

  it('says when the certificate is the one already pinned', async () => {
    const result = await checkServer(origin, {
      tlsProbe: answering(selfSigned),
      pinnedFingerprint: (o) => (o === origin ? FINGERPRINT : null),
    });
    expect(result).toMatchObject({ ok: true, tls: { fingerprint256: FINGERPRINT, pinned: true } });
  });

  it('reports a certificate that differs from the pinned one, whatever the health', async () => {
    const pinnedFingerprint = vi.fn(() => OTHER);
    const result = await checkServer(origin, { tlsProbe: answering(selfSigned), pinnedFingerprint });
    expect(pinnedFingerprint).toHaveBeenCalledWith(origin);
    expect(result).toMatchObject({
      ok: false,
      reason: 'certificate_changed',
      serverUrl: origin,
      pinned: OTHER,
      presented: FINGERPRINT,
      tls: { fingerprint256: FINGERPRINT, pinned: false },
    });
    if (!result.ok) {
      expect(result.message).toContain('different certificate');
      expect(result.message).toContain('compare the new fingerprint with the one the server printed');
      expect(result.message).toContain('someone may be intercepting');
    }
    // Even an authority-signed replacement is reported: it is not what this desk trusted.
    const signed = await checkServer(origin, {
      tlsProbe: answering({ ...selfSigned, trustedByCa: true }),
      pinnedFingerprint,
    });
    expect(signed).toMatchObject({ ok: false, reason: 'certificate_changed' });
  });

  it('tells when something else answers over https', async () => {
    const result = await checkServer(origin, {
      tlsProbe: answering(selfSigned, '<h1>Printer admin</h1>', 404),
    });
    expect(result).toMatchObject({ ok: false, reason: 'not_tripdesk' });
    if (!result.ok) expect(result.message).toContain('HTTP 404');
  });

  it('tells a timeout from no answer', async () => {
    const timeout = Object.assign(new Error('slow'), { name: 'TimeoutError' });
    expect(
      await checkServer(origin, { tlsProbe: () => Promise.reject(timeout), timeoutMs: 2000 }),
    ).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining('2 seconds') });
    expect(
      await checkServer(origin, { tlsProbe: () => Promise.reject(new Error('ECONNREFUSED')) }),
    ).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('reads the certificate presented now for saving, or null', async () => {
    expect(await presentedCertificate(origin, { tlsProbe: answering(selfSigned) })).toEqual(selfSigned);
    expect(
      await presentedCertificate(origin, { tlsProbe: () => Promise.reject(new Error('down')) }),
    ).toBeNull();
    const probe = vi.fn(answering(selfSigned));
    expect(await presentedCertificate('http://127.0.0.1:4000', { tlsProbe: probe })).toBeNull();
    expect(probe).not.toHaveBeenCalled();
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the TLS probe against a real server', () => {
  it.skipIf(!hasOpenssl())(
    'reads the self-signed certificate openssl made, with the fingerprint openssl prints',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tripdesk-tls-'));
      try {
        const keyFile = join(dir, 'k');
        const certFile = join(dir, 'c');
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'ec',
            '-pkeyopt',
            'ec_paramgen_curve:P-256',
            '-nodes',
            '-keyout',
            keyFile,
            '-out',
            certFile,
            '-days',
            '1',
            '-subj',
            '/CN=localhost',
          ],
          { stdio: 'ignore' },
        );
        const printed = execFileSync(
          'openssl',
          ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'],
          {
            encoding: 'utf8',
          },
        );
        // "sha256 Fingerprint=AB:CD:…" (OpenSSL 3) or "SHA256 Fingerprint=…" (1.1).
        const expected = /Fingerprint=([0-9A-F:]+)/i.exec(printed)?.[1]?.toUpperCase();
        expect(expected).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        const cert = readFileSync(certFile, 'utf8');
        expect(fingerprintOfPem(cert)).toBe(expected);

        const https = createHttpsServer({ key: readFileSync(keyFile), cert }, (req, res) => {
          // The probe sends nothing a server could misuse.
          expect(req.headers.authorization).toBeUndefined();
          res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify(healthy));
        });
        server = https;
        await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
        const url = `https://localhost:${(https.address() as AddressInfo).port}`;

        const result = await checkServer(url);
        expect(result).toMatchObject({
          ok: true,
          serverUrl: url,
          status: 'ok',
          tls: {
            fingerprint256: expected,
            subject: 'CN=localhost',
            issuer: 'CN=localhost',
            trustedByCa: false,
            trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
            pinned: false,
          },
        });
        if (result.ok) {
          const expires = new Date(result.tls!.validTo).getTime() - Date.now();
          expect(expires).toBeGreaterThan(23 * 3600_000);
          expect(expires).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
        }

        expect(await checkServer(url, { pinnedFingerprint: () => expected! })).toMatchObject({
          ok: true,
          tls: { pinned: true },
        });
        expect(await checkServer(url, { pinnedFingerprint: () => OTHER })).toMatchObject({
          ok: false,
          reason: 'certificate_changed',
          pinned: OTHER,
          presented: expected,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    20_000,
  );

  it('gives up on a server that never finishes the TLS handshake', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket)); // accepts, never says a word
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(tlsProbe(`${url}/api/health`, { timeoutMs: 150 })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(await checkServer(url, { timeoutMs: 150 })).toMatchObject({ ok: false, reason: 'timeout' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('tells when nothing listens', async () => {
    const silent = createTcpServer();
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    await new Promise((resolve) => silent.close(resolve));
    expect(await checkServer(`https://127.0.0.1:${port}`)).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
  });
});
