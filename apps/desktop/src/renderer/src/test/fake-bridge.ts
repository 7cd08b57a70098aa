import { vi } from 'vitest';
import type { ServerCertificate, TripdeskBridge } from '../../../bridge/bridge.d.ts';

export type FakeBridge = TripdeskBridge & { [K in keyof TripdeskBridge]: ReturnType<typeof vi.fn> };

/** 32 distinct pairs, 00:01:…:1F, so each group of four is told apart. */
export const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  i.toString(16).padStart(2, '0').toUpperCase(),
).join(':');
export const OTHER_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (0xe0 + i).toString(16).toUpperCase(),
).join(':');

export const selfSigned: ServerCertificate = {
  fingerprint256: FINGERPRINT,
  subject: 'CN=desk-server',
  issuer: 'CN=desk-server',
  validTo: '2027-06-30T12:00:00.000Z',
  trustedByCa: false,
  trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  pinned: false,
};

export const STORES = { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' };

/** The desktop bridge: every server healthy, every address saved, no connection problem. */
export function fakeBridge(): FakeBridge {
  return {
    getSettings: vi.fn(async () => ({ serverUrl: null })),
    setServerUrl: vi.fn(async (url: string) =>
      url.startsWith('ftp')
        ? { ok: false as const, message: 'The server address must start with http:// or https://.' }
        : { ok: true as const, settings: { serverUrl: url } },
    ),
    testServer: vi.fn(async (url: string) => ({
      ok: true as const,
      serverUrl: url,
      status: 'ok' as const,
      stores: STORES,
      version: '0.1.0',
    })),
    getConnectionProblem: vi.fn(async () => null),
    printReceipt: vi.fn(async () => ({ ok: true as const })),
    saveReceiptPdf: vi.fn(async () => ({ ok: true as const })),
  };
}
