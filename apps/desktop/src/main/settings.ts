import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPlainHttpToNetwork, PLAIN_HTTP_WARNING } from '../bridge/address-security.ts';
import type { DesktopSettings, SetServerUrlResult } from '../bridge/bridge.d.ts';
import { normalizeFingerprint, type ServerPin } from './certificate-trust.ts';
import { parseServerAddress } from './server-address.ts';

/** Where and how big the main window was when it was last closed. */
export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** What the person decided about one server origin. */
interface ServerTrust {
  /** SHA-256 fingerprint of the certificate trusted on first use (https:// only). */
  readonly pinnedFingerprint?: string;
  /** Plain http:// to another computer, explicitly allowed. */
  readonly allowPlainHttp?: true;
}

interface SettingsFile {
  readonly serverUrl: string | null;
  /** Read at start and not used: plain http to another computer without recorded consent. */
  readonly unconfirmedServerUrl?: string;
  readonly window: WindowBounds | null;
  /** By server origin. */
  readonly servers: Readonly<Record<string, ServerTrust>>;
}

/**
 * The certificate the main process saw on connecting to the address just now, before saving it;
 * null when it could not tell (plain http, or nothing answered).
 */
export interface PresentedCertificate {
  readonly fingerprint256: string;
  readonly trustedByCa: boolean;
}

export interface SettingsStore {
  get(): DesktopSettings;
  /**
   * Saves the server address. `options` come from the renderer (`SetServerUrlOptions`), unchecked;
   * `presented` from the main process's own look at the server.
   */
  setServerUrl(
    input: unknown,
    options?: unknown,
    presented?: PresentedCertificate | null,
  ): SetServerUrlResult;
  /** The fingerprint pinned for a server origin, if any. */
  pinnedFingerprint(origin: string): string | null;
  /** The saved server's pin, if it has one (what the certificate verify proc accepts). */
  serverPin(): ServerPin | null;
  windowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
}

const EMPTY: SettingsFile = { serverUrl: null, window: null, servers: {} };

export const UNTRUSTED_CERTIFICATE_MESSAGE =
  'The server’s certificate is not signed by an authority this computer trusts. Test the connection, ' +
  'compare the certificate’s fingerprint with the one the server printed when it started, and confirm ' +
  'it before saving.';

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

  const serverUrl = (): string | null => current.serverUrl ?? fallbackOrigin;
  const pinnedFingerprint = (origin: string): string | null =>
    Object.hasOwn(current.servers, origin) ? (current.servers[origin]?.pinnedFingerprint ?? null) : null;

  return {
    get: () => ({
      serverUrl: serverUrl(),
      ...(current.unconfirmedServerUrl && serverUrl() === null
        ? { unconfirmedServerUrl: current.unconfirmedServerUrl }
        : {}),
    }),
    setServerUrl(input, options, presented) {
      const address = parseServerAddress(input);
      if (!address.ok) return { ok: false, reason: 'invalid_address', message: address.message };
      const { origin } = address;
      const asked = readOptions(options);
      if (!asked.ok) return asked;

      let trust: ServerTrust;
      if (origin.startsWith('http:')) {
        const plainToNetwork = isPlainHttpToNetwork(origin);
        if (plainToNetwork && !asked.allowPlainHttp) {
          return { ok: false, reason: 'plain_http', message: PLAIN_HTTP_WARNING };
        }
        trust = plainToNetwork ? { allowPlainHttp: true } : {};
      } else if (asked.pin !== undefined) {
        if (presented && presented.fingerprint256 !== asked.pin) {
          return {
            ok: false,
            reason: 'certificate_changed',
            message:
              `The server now presents a different certificate (${presented.fingerprint256}) from the one ` +
              'you compared. Test the connection again and compare the new fingerprint before trusting it.',
          };
        }
        trust = { pinnedFingerprint: asked.pin };
      } else if (presented && !presented.trustedByCa) {
        // Saving again the server already pinned, with the same certificate, needs no new confirmation.
        if (pinnedFingerprint(origin) !== presented.fingerprint256) {
          return { ok: false, reason: 'untrusted_certificate', message: UNTRUSTED_CERTIFICATE_MESSAGE };
        }
        trust = { pinnedFingerprint: presented.fingerprint256 };
      } else if (presented) {
        // An authority this computer trusts vouches for it: no pin needed (and none to go stale).
        trust = {};
      } else {
        // Nothing answered: keep what was decided before. Chromium still verifies every connection.
        trust = Object.hasOwn(current.servers, origin) ? (current.servers[origin] ?? {}) : {};
      }

      const { [origin]: _previous, ...others } = current.servers;
      const servers = Object.keys(trust).length > 0 ? { ...others, [origin]: trust } : others;
      save({ ...current, serverUrl: origin, servers });
      return { ok: true, settings: { serverUrl: origin } };
    },
    pinnedFingerprint,
    serverPin() {
      const origin = serverUrl();
      const fingerprint = origin ? pinnedFingerprint(origin) : null;
      return origin && fingerprint ? { origin, fingerprint } : null;
    },
    windowBounds: () => current.window,
    saveWindowBounds(bounds) {
      const window = readBounds(bounds);
      if (window) save({ ...current, window });
    },
  };
}

type ReadOptions =
  | { readonly ok: true; readonly pin?: string; readonly allowPlainHttp: boolean }
  | { readonly ok: false; readonly reason: 'invalid_fingerprint'; readonly message: string };

function readOptions(options: unknown): ReadOptions {
  const o = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const allowPlainHttp = o.allowPlainHttp === true;
  if (o.pinFingerprint === undefined) return { ok: true, allowPlainHttp };
  const pin = normalizeFingerprint(o.pinFingerprint);
  if (pin === null) {
    return {
      ok: false,
      reason: 'invalid_fingerprint',
      message:
        'That is not a certificate fingerprint: it is 32 pairs of hexadecimal digits separated by colons, like AB:CD:…',
    };
  }
  return { ok: true, pin, allowPlainHttp };
}

function load(file: string, log: Pick<Console, 'warn'>): SettingsFile {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return EMPTY;
  }
  let data: { serverUrl?: unknown; window?: unknown; servers?: unknown };
  try {
    data = JSON.parse(raw) as typeof data;
  } catch {
    log.warn(`settings: ${file} is not valid JSON; starting with defaults`);
    return EMPTY;
  }
  if (typeof data !== 'object' || data === null) {
    log.warn(`settings: ${file} is not a settings object; starting with defaults`);
    return EMPTY;
  }
  const servers = readServers(data.servers);
  const address = data.serverUrl == null ? undefined : parseServerAddress(data.serverUrl);
  let serverUrl = address?.ok ? address.origin : null;
  if (address && !address.ok) log.warn(`settings: ignoring the stored server address: ${address.message}`);
  // An address saved before plain http to another computer needed the admin's consent: offered again.
  let unconfirmed: string | undefined;
  if (serverUrl && isPlainHttpToNetwork(serverUrl) && servers[serverUrl]?.allowPlainHttp !== true) {
    log.warn(
      `settings: ${serverUrl} needs confirming: plain http to another computer was not explicitly allowed`,
    );
    unconfirmed = serverUrl;
    serverUrl = null;
  }
  return {
    serverUrl,
    window: readBounds(data.window),
    servers,
    ...(unconfirmed ? { unconfirmedServerUrl: unconfirmed } : {}),
  };
}

function readServers(value: unknown): Record<string, ServerTrust> {
  if (typeof value !== 'object' || value === null) return {};
  const servers: Record<string, ServerTrust> = {};
  for (const [key, entry] of Object.entries(value)) {
    const address = parseServerAddress(key);
    if (!address.ok || address.origin !== key || typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const pin = key.startsWith('https:') ? normalizeFingerprint(e.pinnedFingerprint) : null;
    const allow = key.startsWith('http:') && e.allowPlainHttp === true;
    const trust: ServerTrust = {
      ...(pin ? { pinnedFingerprint: pin } : {}),
      ...(allow ? { allowPlainHttp: true as const } : {}),
    };
    if (Object.keys(trust).length > 0) servers[key] = trust;
  }
  return servers;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function readBounds(value: unknown): WindowBounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const b = value as Record<string, unknown>;
  if (!isInt(b.width) || !isInt(b.height) || b.width < 200 || b.height < 200) return null;
  const position = isInt(b.x) && isInt(b.y) ? { x: b.x, y: b.y } : {};
  return { ...position, width: b.width, height: b.height, maximized: b.maximized === true };
}
