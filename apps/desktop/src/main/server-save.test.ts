import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionProblems, decideCertificate } from './certificate-trust.ts';
import { saveServerUrl, type SaveServerDeps } from './server-save.ts';
import { openSettingsStore, type PresentedCertificate } from './settings.ts';
import { FINGERPRINT, PEM } from './test-certificate.ts';

const OLD = `${'AB:'.repeat(31)}CD`;
const origin = 'https://desk-server:4443';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tripdesk-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(presented: PresentedCertificate | null) {
  const settings = openSettingsStore(dir, { warn: vi.fn() });
  const problems = createConnectionProblems();
  const deps: SaveServerDeps = {
    settings,
    presentedCertificate: vi.fn(async () => presented),
    problems,
    restart: vi.fn(),
  };
  return { settings, problems, deps };
}

describe('saving the server address', () => {
  it('looks at the certificate itself rather than taking the renderer’s word', async () => {
    const { deps, settings } = setup({ fingerprint256: FINGERPRINT, trustedByCa: false });
    expect(await saveServerUrl(`${origin}/`, { allowPlainHttp: true }, deps)).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
    expect(deps.presentedCertificate).toHaveBeenCalledWith(origin);
    expect(await saveServerUrl(origin, { pinFingerprint: FINGERPRINT }, deps)).toEqual({
      ok: true,
      settings: { serverUrl: origin },
    });
    expect(settings.serverPin()).toEqual({ origin, fingerprint: FINGERPRINT });
    expect(deps.restart).not.toHaveBeenCalled();
  });

  it('does not connect for plain http nor for an invalid address', async () => {
    const { deps } = setup(null);
    expect(await saveServerUrl('http://10.0.0.5:4000', {}, deps)).toMatchObject({
      ok: false,
      reason: 'plain_http',
    });
    expect(await saveServerUrl('http://10.0.0.5:4000', { allowPlainHttp: true }, deps)).toMatchObject({
      ok: true,
    });
    expect(await saveServerUrl('ftp://x', {}, deps)).toMatchObject({ ok: false, reason: 'invalid_address' });
    expect(deps.presentedCertificate).not.toHaveBeenCalled();
  });

  it('restarts the app when Chromium already refused the certificate now trusted', async () => {
    const { deps, settings, problems } = setup({ fingerprint256: FINGERPRINT, trustedByCa: false });
    settings.setServerUrl(origin, { pinFingerprint: OLD }, null);
    // The renderer met the replaced certificate: Chromium refused it, and caches that.
    const pin = settings.serverPin();
    const request = {
      hostname: 'desk-server',
      certificate: { data: PEM },
      verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      errorCode: -202,
    };
    problems.note('desk-server', decideCertificate(request, pin), pin);
    expect(problems.current(origin)).not.toBeNull();

    expect(await saveServerUrl(origin, { pinFingerprint: FINGERPRINT }, deps)).toEqual({
      ok: true,
      settings: { serverUrl: origin },
      restarting: true,
    });
    expect(deps.restart).toHaveBeenCalledTimes(1);
    expect(problems.current(origin)).toBeNull();
  });
});
