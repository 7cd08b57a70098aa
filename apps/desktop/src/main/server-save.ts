import type { SetServerUrlResult } from '../bridge/bridge.d.ts';
import type { ConnectionProblems } from './certificate-trust.ts';
import { parseServerAddress } from './server-address.ts';
import type { PresentedCertificate, SettingsStore } from './settings.ts';

export interface SaveServerDeps {
  readonly settings: Pick<SettingsStore, 'setServerUrl' | 'pinnedFingerprint'>;
  /** The certificate an https:// origin presents now (null when nothing answers). */
  readonly presentedCertificate: (origin: string) => Promise<PresentedCertificate | null>;
  readonly problems: Pick<ConnectionProblems, 'wasRefused' | 'clear'>;
  /** Restarts the app, once the renderer has had the answer. */
  readonly restart: () => void;
}

/**
 * Saves the server address from the server screen. For https:// the main process looks at the
 * certificate itself, so whether an authority vouches for it never rests on the renderer's word.
 */
export async function saveServerUrl(
  input: unknown,
  options: unknown,
  deps: SaveServerDeps,
): Promise<SetServerUrlResult> {
  const address = parseServerAddress(input);
  if (!address.ok) return { ok: false, reason: 'invalid_address', message: address.message };
  const { origin } = address;
  const presented = origin.startsWith('https:') ? await deps.presentedCertificate(origin) : null;
  const result = deps.settings.setServerUrl(origin, options, presented);
  if (!result.ok) return result;
  deps.problems.clear();
  // Chromium caches its refusal of a certificate; trusting that very certificate now needs a restart.
  const pin = deps.settings.pinnedFingerprint(origin);
  if (pin !== null && deps.problems.wasRefused(origin, pin)) {
    deps.restart();
    return { ...result, restarting: true };
  }
  return result;
}
