import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
    store.setServerUrl('http://10.0.0.5:4000');
    expect(openSettingsStore(dir, quiet, 'http://127.0.0.1:4000').get()).toEqual({
      serverUrl: 'http://10.0.0.5:4000',
    });
  });

  it('keeps the server address and window bounds across restarts', () => {
    const first = openSettingsStore(dir, quiet);
    expect(first.setServerUrl('http://192.168.1.20:4000/')).toEqual({
      ok: true,
      settings: { serverUrl: 'http://192.168.1.20:4000' },
    });
    first.saveWindowBounds({ x: 30, y: 40, width: 1400, height: 900, maximized: true });

    const second = openSettingsStore(dir, quiet);
    expect(second.get()).toEqual({ serverUrl: 'http://192.168.1.20:4000' });
    expect(second.windowBounds()).toEqual({ x: 30, y: 40, width: 1400, height: 900, maximized: true });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      serverUrl: 'http://192.168.1.20:4000',
    });
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
