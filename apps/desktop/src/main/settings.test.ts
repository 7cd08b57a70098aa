import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackHost, isPlainHttpToNetwork } from '../bridge/address-security.ts';
import { parseServerAddress } from './server-address.ts';
import { openSettingsStore } from './settings.ts';

let dir: string;
const quiet = { warn: vi.fn() };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tripdesk-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts with no server on first run', () => {
    expect(openSettingsStore(dir, quiet).get()).toEqual({ serverUrl: null });
  });

  it('uses the address npm start passes until one is saved, and ignores a bad one', () => {
    expect(openSettingsStore(dir, quiet, 'http://127.0.0.1:4000/').get()).toEqual({
      serverUrl: 'http://127.0.0.1:4000',
    });
    expect(openSettingsStore(dir, quiet, 'ftp://nope').get()).toEqual({ serverUrl: null });
    const store = openSettingsStore(dir, quiet, 'http://127.0.0.1:4000');
    store.setServerUrl('http://10.0.0.5:4000', { allowPlainHttp: true });
    expect(openSettingsStore(dir, quiet, 'http://127.0.0.1:4000').get()).toEqual({
      serverUrl: 'http://10.0.0.5:4000',
    });
  });

  it('keeps the server address and window bounds across restarts', () => {
    const first = openSettingsStore(dir, quiet);
    expect(first.setServerUrl('http://192.168.1.20:4000/', { allowPlainHttp: true })).toEqual({
      ok: true,
      settings: { serverUrl: 'http://192.168.1.20:4000' },
    });
    first.saveWindowBounds({ x: 30, y: 40, width: 1400, height: 900, maximized: true });

    const second = openSettingsStore(dir, quiet);
    expect(second.get()).toEqual({ serverUrl: 'http://192.168.1.20:4000' });
    expect(second.windowBounds()).toEqual({ x: 30, y: 40, width: 1400, height: 900, maximized: true });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      serverUrl: 'http://192.168.1.20:4000',
      servers: { 'http://192.168.1.20:4000': { allowPlainHttp: true } },
    });
    // Written then renamed: no temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('rejects a bad address and keeps the one it had', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl('https://desk.example.com');
    for (const bad of [
      'ftp://desk.example.com',
      'javascript:alert(1)',
      'http://desk/api',
      'http://a:b@desk',
      '',
      42,
    ]) {
      const result = store.setServerUrl(bad);
      expect(result.ok).toBe(false);
    }
    expect(openSettingsStore(dir, quiet).get()).toEqual({ serverUrl: 'https://desk.example.com' });
  });

  it('starts from defaults when the file is damaged', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const store = openSettingsStore(dir, quiet);
    expect(store.get()).toEqual({ serverUrl: null });
    expect(store.windowBounds()).toBeNull();
    expect(quiet.warn).toHaveBeenCalled();
  });

  it('ignores a stored address that is not a server origin', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ serverUrl: 'file:///etc', window: { width: 5 } }),
    );
    const store = openSettingsStore(dir, quiet);
    expect(store.get()).toEqual({ serverUrl: null });
    expect(store.windowBounds()).toBeNull();
  });
});

const PIN = `${'3F:'.repeat(31)}A0`;
const NEW = `${'B7:'.repeat(31)}19`;
const selfSigned = (fingerprint256: string) => ({ fingerprint256, trustedByCa: false });

describe('plain http to another computer', () => {
  it('is refused unless allowed, with the reason in words', () => {
    const store = openSettingsStore(dir, quiet);
    for (const address of ['http://192.168.1.20:4000', 'desk-server:4000', 'http://10.0.0.5']) {
      expect(store.setServerUrl(address)).toEqual({
        ok: false,
        reason: 'plain_http',
        message:
          'This address is not encrypted: passwords and customer data would cross the network readable by ' +
          'anyone on it. Use https://, or allow it explicitly if this network is trusted.',
      });
      expect(store.setServerUrl(address, { allowPlainHttp: 'yes' }).ok).toBe(false);
    }
    expect(store.get()).toEqual({ serverUrl: null });
  });

  it('is saved, and the consent kept, when allowed', () => {
    openSettingsStore(dir, quiet).setServerUrl('http://192.168.1.20:4000', { allowPlainHttp: true });
    expect(openSettingsStore(dir, quiet).get()).toEqual({ serverUrl: 'http://192.168.1.20:4000' });
  });

  it.each(['http://localhost:4000', 'http://127.0.0.1:4000', 'http://127.8.9.10', 'http://[::1]:4000'])(
    'needs no consent on this computer: %s',
    (address) => {
      const store = openSettingsStore(dir, quiet);
      expect(store.setServerUrl(address)).toMatchObject({ ok: true });
    },
  );

  it('does not use an address saved before consent was asked for, but offers it again to confirm', () => {
    const warn = vi.fn();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ serverUrl: 'http://192.168.1.20:4000' }));
    const store = openSettingsStore(dir, { warn });
    expect(store.get()).toEqual({ serverUrl: null, unconfirmedServerUrl: 'http://192.168.1.20:4000' });
    // Confirmed: used, and not offered any more.
    expect(store.setServerUrl('http://192.168.1.20:4000', { allowPlainHttp: true })).toMatchObject({
      ok: true,
    });
    expect(store.get()).toEqual({ serverUrl: 'http://192.168.1.20:4000' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('http://192.168.1.20:4000'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ serverUrl: 'http://127.0.0.1:4000' }));
    expect(openSettingsStore(dir, quiet).get()).toEqual({ serverUrl: 'http://127.0.0.1:4000' });
  });

  it('tells loopback hosts from the others', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.1', '[::1]', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(
      ['127.0.0.1.evil.example', '128.0.0.1', '10.0.0.1', 'localhost.evil', '[::2]'].some(isLoopbackHost),
    ).toBe(false);
    expect(isPlainHttpToNetwork('https://10.0.0.5')).toBe(false);
    expect(isPlainHttpToNetwork('10.0.0.5:4000')).toBe(true);
    expect(isPlainHttpToNetwork('not a url at all')).toBe(false);
  });
});

describe('https certificates', () => {
  const origin = 'https://desk-server:4443';

  it('refuses a certificate no authority vouches for, unless its fingerprint is pinned', () => {
    const store = openSettingsStore(dir, quiet);
    expect(store.setServerUrl(origin, {}, selfSigned(PIN))).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
      message: expect.stringContaining('compare the certificate’s fingerprint'),
    });
    expect(store.get()).toEqual({ serverUrl: null });

    expect(store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN))).toEqual({
      ok: true,
      settings: { serverUrl: origin },
    });
    expect(store.pinnedFingerprint(origin)).toBe(PIN);
    expect(store.serverPin()).toEqual({ origin, fingerprint: PIN });

    // Kept across restarts, per origin.
    const again = openSettingsStore(dir, quiet);
    expect(again.serverPin()).toEqual({ origin, fingerprint: PIN });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      servers: { [origin]: { pinnedFingerprint: PIN } },
    });
  });

  it('saves again the pinned server presenting the pinned certificate without a new confirmation', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN));
    expect(store.setServerUrl(origin, {}, selfSigned(PIN))).toMatchObject({ ok: true });
    expect(store.setServerUrl(origin, {}, selfSigned(NEW))).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
    expect(store.pinnedFingerprint(origin)).toBe(PIN);
  });

  it('refuses a pin that is not what the server presents now', () => {
    const store = openSettingsStore(dir, quiet);
    const result = store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(NEW));
    expect(result).toMatchObject({ ok: false, reason: 'certificate_changed' });
    if (!result.ok) expect(result.message).toContain(NEW);
    expect(store.get()).toEqual({ serverUrl: null });
  });

  it('replaces the pin once the new certificate is confirmed', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN));
    expect(store.setServerUrl(origin, { pinFingerprint: NEW }, selfSigned(NEW))).toMatchObject({ ok: true });
    expect(store.serverPin()).toEqual({ origin, fingerprint: NEW });
  });

  it.each([['AB:CD'], ['zz'], [42], [{ toString: () => PIN }]])(
    'refuses the fingerprint %j, in words',
    (pinFingerprint) => {
      const store = openSettingsStore(dir, quiet);
      expect(store.setServerUrl(origin, { pinFingerprint }, selfSigned(PIN))).toMatchObject({
        ok: false,
        reason: 'invalid_fingerprint',
        message: expect.stringContaining('32 pairs of hexadecimal digits'),
      });
      expect(store.get()).toEqual({ serverUrl: null });
    },
  );

  it('stores a fingerprint typed in lowercase or without colons in the canonical form', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN.toLowerCase().replace(/:/g, '') }, selfSigned(PIN));
    expect(store.pinnedFingerprint(origin)).toBe(PIN);
  });

  it('needs no pin when an authority vouches for the certificate, and drops a stale one', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN));
    expect(store.setServerUrl(origin, {}, { fingerprint256: NEW, trustedByCa: true })).toMatchObject({
      ok: true,
    });
    expect(store.pinnedFingerprint(origin)).toBeNull();
    expect(store.serverPin()).toBeNull();
  });

  it('keeps the pin when the server does not answer at saving time', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN));
    expect(store.setServerUrl(origin, {}, null)).toMatchObject({ ok: true });
    expect(store.pinnedFingerprint(origin)).toBe(PIN);
    // A pin confirmed from an earlier test is stored even when the server is away now.
    expect(store.setServerUrl('https://other:4443', { pinFingerprint: NEW }, null)).toMatchObject({
      ok: true,
    });
    expect(store.pinnedFingerprint('https://other:4443')).toBe(NEW);
  });

  it('keeps each server’s pin when another server is chosen', () => {
    const store = openSettingsStore(dir, quiet);
    store.setServerUrl(origin, { pinFingerprint: PIN }, selfSigned(PIN));
    store.setServerUrl('http://127.0.0.1:4000');
    expect(store.serverPin()).toBeNull();
    expect(store.pinnedFingerprint(origin)).toBe(PIN);
    store.setServerUrl(origin, {}, selfSigned(PIN));
    expect(store.serverPin()).toEqual({ origin, fingerprint: PIN });
  });

  it('ignores damaged or foreign entries of the stored servers', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        serverUrl: origin,
        servers: {
          [origin]: { pinnedFingerprint: 'not a fingerprint' },
          'https://ok:4443': { pinnedFingerprint: PIN },
          'http://10.0.0.5': { pinnedFingerprint: PIN },
          'https://10.0.0.6': { allowPlainHttp: true },
          'https://path/x': { pinnedFingerprint: PIN },
          'ftp://x': { allowPlainHttp: true },
        },
      }),
    );
    const store = openSettingsStore(dir, quiet);
    expect(store.get()).toEqual({ serverUrl: origin });
    expect(store.serverPin()).toBeNull();
    expect(store.pinnedFingerprint('https://ok:4443')).toBe(PIN);
    expect(store.pinnedFingerprint('http://10.0.0.5')).toBeNull();
    writeFileSync(join(dir, 'settings.json'), 'null');
    expect(openSettingsStore(dir, quiet).get()).toEqual({ serverUrl: null });
  });
});

describe('parseServerAddress', () => {
  it.each([
    ['http://192.168.1.20:4000', 'http://192.168.1.20:4000'],
    ['  https://Desk.Example.com/  ', 'https://desk.example.com'],
    ['desk-server:4000', 'http://desk-server:4000'],
    ['192.168.1.20:4000', 'http://192.168.1.20:4000'],
  ])('reads %j as %s', (input, origin) => {
    expect(parseServerAddress(input)).toEqual({ ok: true, origin });
  });

  it.each([
    'ws://desk:4000',
    'file:///tmp',
    'http://desk:4000/tripdesk',
    'http://desk:4000/?a=1',
    'http://',
    null,
  ])('refuses %j with a message', (input) => {
    const result = parseServerAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});
