import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSelfSigned, fingerprintOf } from '../src/tls.ts';
import { ADMIN, spawnServer, type ServerProcess, stopProcesses } from './harness.ts';

/** What a desk sees over HTTPS: the certificate (verified against `ca`) and the health answer. */
function getHealth(url: string, ca: string): Promise<{ status: number; fingerprint: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/health`, { ca, servername: 'localhost' }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const listening = (p: ServerProcess) =>
  JSON.parse(
    p
      .output()
      .split('\n')
      .find((l) => l.includes('"msg":"listening"'))!,
  ) as {
    url: string;
    tls?: string;
    fingerprint256?: string;
  };

describe('HTTPS', () => {
  const dirs: string[] = [];
  const procs: ServerProcess[] = [];
  afterEach(async () => {
    await stopProcesses(procs.splice(0));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tripdesk-tls-'));
    dirs.push(d);
    return d;
  };
  const start = async (env: Record<string, string>) => {
    const p = spawnServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env });
    procs.push(p);
    await p.url;
    return p;
  };

  it('makes a self-signed certificate on first start, serves HTTPS with it, and keeps it', async () => {
    const dataDir = tempDir();
    const first = await start({ DATA_DIR: dataDir, TLS: 'self-signed' });
    const info = listening(first);
    expect(info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(info.tls).toBe('self-signed');
    const cert = readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8');
    expect(statSync(join(dataDir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    const health = await getHealth(info.url, cert);
    expect(health.status).toBe(200);
    // The fingerprint the log gives the admin is the one a desk sees on the wire.
    expect(health.fingerprint).toBe(info.fingerprint256);
    expect(fingerprintOf(cert)).toBe(info.fingerprint256);

    first.child.kill('SIGTERM');
    await first.exited;
    const second = await start({ DATA_DIR: dataDir, TLS: 'self-signed' });
    expect(listening(second).fingerprint256).toBe(info.fingerprint256);
  });

  it('serves the admin’s own certificate and key', async () => {
    const dir = tempDir();
    const made = await createSelfSigned('localhost');
    writeFileSync(join(dir, 'cert.pem'), made.cert);
    writeFileSync(join(dir, 'key.pem'), made.key, { mode: 0o600 });
    const p = await start({
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'key.pem'),
    });
    const info = listening(p);
    expect(info.tls).toBe('files');
    expect((await getHealth(info.url, made.cert)).fingerprint).toBe(fingerprintOf(made.cert));
  });

  it('warns when it serves plain HTTP on a network address', async () => {
    const p = await start({ DATA_DIR: tempDir(), HOST: '0.0.0.0' });
    expect(p.output()).toMatch(/serving plain HTTP on a network address/);
  });

  it('refuses half a TLS configuration at start, naming the variable', async () => {
    const p = spawnServer({ DATA_DIR: tempDir(), TLS_CERT_FILE: '/nowhere/cert.pem' });
    procs.push(p);
    expect((await p.exited).code).toBe(2);
    expect(p.output()).toMatch(/TLS_KEY_FILE: TLS_CERT_FILE and TLS_KEY_FILE go together/);
  });
});
