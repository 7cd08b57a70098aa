import { createHash, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.ts';

/**
 * HTTPS for desks on other PCs: bearer tokens and customer data must not cross the network in clear.
 * Either the admin's own certificate and key (TLS_CERT_FILE, TLS_KEY_FILE), or (TLS=self-signed) one the
 * server makes on its first start and keeps in DATA_DIR/tls, so its fingerprint stays the same from one
 * start to the next: the desktop app pins it the first time it connects (trust on first use).
 */

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate (DER), as `AB:CD:…`: what an admin compares with the desk's screen. */
  readonly fingerprint256: string;
  readonly source: 'files' | 'self-signed';
}

/** The fingerprint of a PEM certificate, in the format Node's `fingerprint256` and openssl print. */
export function fingerprintOf(certPem: string): string {
  const der = new x509.X509Certificate(certPem).rawData;
  const hex = createHash('sha256').update(Buffer.from(der)).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** The certificate and key the admin gave; a clear error when they cannot be read or do not parse. */
export function readTlsFiles(certFile: string, keyFile: string): TlsMaterial {
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  return { cert, key, fingerprint256: fingerprintOf(cert), source: 'files' };
}

/** Names and addresses desks may use to reach this machine, for the certificate's subjectAltName. */
function alternativeNames(host: string): { type: 'dns' | 'ip'; value: string }[] {
  const names = new Map<string, 'dns' | 'ip'>([
    ['localhost', 'dns'],
    ['127.0.0.1', 'ip'],
    ['::1', 'ip'],
  ]);
  const own = hostname();
  if (own) names.set(own, 'dns');
  if (host && host !== '0.0.0.0' && host !== '::') names.set(host, isIP(host) ? 'ip' : 'dns');
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) names.set(a.address.replace(/%.*$/, ''), 'ip');
  }
  return [...names].map(([value, type]) => ({ type, value }));
}

/** A new self-signed certificate (ECDSA P-256, 10 years) and its key, as PEM. */
export async function createSelfSigned(
  host: string,
  now = new Date(),
): Promise<{ cert: string; key: string }> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=Tripdesk server ${hostname() || 'localhost'}`,
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
      keys,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(alternativeNames(host)),
      ],
    },
    webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1],
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: certificate.toString('pem'), key };
}

/** The self-signed certificate of DATA_DIR/tls, made on the first start and kept (0600) after. */
export async function selfSignedFor(dataDir: string, host: string): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    ensurePrivateDir(dir);
    const made = await createSelfSigned(host);
    writeFileSync(keyFile, made.key, { mode: PRIVATE_FILE_MODE });
    writeFileSync(certFile, made.cert, { mode: PRIVATE_FILE_MODE });
  }
  return { ...readTlsFiles(certFile, keyFile), source: 'self-signed' };
}

/** Whether an address only this machine can reach was asked for. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
