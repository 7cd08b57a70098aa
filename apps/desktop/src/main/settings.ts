import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DesktopSettings, SetServerUrlResult } from '../bridge/bridge.d.ts';
import { parseServerAddress } from './server-address.ts';

/** Where and how big the main window was when it was last closed. */
export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

interface SettingsFile {
  readonly serverUrl: string | null;
  readonly window: WindowBounds | null;
}

export interface SettingsStore {
  get(): DesktopSettings;
  setServerUrl(input: unknown): SetServerUrlResult;
  windowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
}

const EMPTY: SettingsFile = { serverUrl: null, window: null };

/** The desktop settings, kept as JSON in `settings.json` inside Electron's userData folder. */
export function openSettingsStore(
  userDataDir: string,
  log: Pick<Console, 'warn'> = console,
  /** The address to use until one is saved (`npm start` passes the server it started). */
  fallbackServerUrl?: string,
): SettingsStore {
  const file = join(userDataDir, 'settings.json');
  let current = load(file, log);
  const fallback = fallbackServerUrl ? parseServerAddress(fallbackServerUrl) : undefined;
  const fallbackOrigin = fallback?.ok ? fallback.origin : null;

  const save = (next: SettingsFile): void => {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half-written settings file.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
    renameSync(temp, file);
    current = next;
  };

  return {
    get: () => ({ serverUrl: current.serverUrl ?? fallbackOrigin }),
    setServerUrl(input) {
      const address = parseServerAddress(input);
      if (!address.ok) return address;
      save({ ...current, serverUrl: address.origin });
      return { ok: true, settings: { serverUrl: address.origin } };
    },
    windowBounds: () => current.window,
    saveWindowBounds(bounds) {
      const window = readBounds(bounds);
      if (window) save({ ...current, window });
    },
  };
}

function load(file: string, log: Pick<Console, 'warn'>): SettingsFile {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return EMPTY;
  }
  try {
    const data = JSON.parse(raw) as { serverUrl?: unknown; window?: unknown };
    const address = data.serverUrl == null ? undefined : parseServerAddress(data.serverUrl);
    if (address && !address.ok) log.warn(`settings: ignoring the stored server address: ${address.message}`);
    return { serverUrl: address?.ok ? address.origin : null, window: readBounds(data.window) };
  } catch {
    log.warn(`settings: ${file} is not valid JSON; starting with defaults`);
    return EMPTY;
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function readBounds(value: unknown): WindowBounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const b = value as Record<string, unknown>;
  if (!isInt(b.width) || !isInt(b.height) || b.width < 200 || b.height < 200) return null;
  const position = isInt(b.x) && isInt(b.y) ? { x: b.x, y: b.y } : {};
  return { ...position, width: b.width, height: b.height, maximized: b.maximized === true };
}
