import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTripdesk } from './fixtures.ts';
import { ServerSettingsPage } from './page-models/server-settings-page.ts';
import { shot } from './screenshots.ts';

/**
 * The desktop app's server screen in Chromium, with the Electron bridge played by a stand-in the page
 * gets before it loads (Electron itself cannot be downloaded here; its main process is unit-tested):
 * trust on first use of a self-signed certificate, plain HTTP to another computer, a changed certificate.
 */

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase();
const NEW_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  ((i * 53 + 7) % 256).toString(16).padStart(2, '0'),
)
  .join(':')
  .toUpperCase();

/** The stand-in for window.tripdesk: what the main process would answer, and what was saved. */
function bridgeScript({ fingerprint, newFingerprint }: { fingerprint: string; newFingerprint: string }) {
  const stores = { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' };
  const tls = (fp: string, pinned: boolean) => ({
    fingerprint256: fp,
    subject: 'CN=Tripdesk server desk-server',
    issuer: 'CN=Tripdesk server desk-server',
    validTo: '2036-12-01T10:00:00.000Z',
    trustedByCa: false,
    trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    pinned,
  });
  // Kept in sessionStorage: a save reloads the page, as the real app does.
  Object.assign(window, {
    tripdesk: {
      getSettings: async () => ({ serverUrl: null }),
      setServerUrl: async (serverUrl: string, options: unknown) => {
        const saved = JSON.parse(sessionStorage.getItem('saved') ?? '[]') as unknown[];
        sessionStorage.setItem('saved', JSON.stringify([...saved, { serverUrl, options }]));
        return { ok: true, settings: { serverUrl } };
      },
      testServer: async (serverUrl: string) => {
        if (serverUrl.includes('changed')) {
          return {
            ok: false,
            reason: 'certificate_changed',
            message:
              'The server presents a different certificate from the one this desk trusts. If your administrator ' +
              'replaced it, compare the new fingerprint with the one the server printed at start before trusting ' +
              'it; otherwise someone may be intercepting the connection.',
            serverUrl,
            pinned: fingerprint,
            presented: newFingerprint,
            tls: tls(newFingerprint, false),
          };
        }
        return {
          ok: true,
          serverUrl,
          status: 'ok',
          stores,
          version: '0.1.0',
          ...(serverUrl.startsWith('https:') ? { tls: tls(fingerprint, false) } : {}),
        };
      },
      getConnectionProblem: async () => null,
      printReceipt: async () => ({ ok: true }),
      saveReceiptPdf: async () => ({ ok: true }),
    },
  });
}

const run = useTripdesk();
let page: Page;
let screen: ServerSettingsPage;

beforeAll(async () => {
  page = await run.openPage();
  await page.addInitScript(bridgeScript, { fingerprint: FINGERPRINT, newFingerprint: NEW_FINGERPRINT });
  screen = new ServerSettingsPage(page);
});

const saved = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('saved') ?? '[]') as unknown[]);
const openScreen = async () => {
  await screen.open();
  await page.evaluate(() => sessionStorage.removeItem('saved'));
};

describe('the desktop server screen', () => {
  it('shows a self-signed certificate’s fingerprint and pins it only once the person confirms', async () => {
    await openScreen();
    await screen.test('https://desk-server:4443');
    // Eight groups of four pairs, readable aloud over the phone with the administrator.
    const firstGroup = FINGERPRINT.split(':').slice(0, 4).join(':');
    await page.getByText(firstGroup).first().waitFor();
    expect(await screen.trustCertificate.isChecked()).toBe(false);

    await screen.saveButton.click();
    expect(await saved()).toEqual([]);
    await expect
      .poll(() => screen.trustCertificate.evaluate((el) => el === document.activeElement))
      .toBe(true);
    await shot(page, 'server-fingerprint');

    await page.keyboard.press('Space');
    await screen.saveButton.click();
    await expect
      .poll(saved)
      .toEqual([{ serverUrl: 'https://desk-server:4443', options: { pinFingerprint: FINGERPRINT } }]);
  });

  it('warns before a plain http address on the network, and sends the consent only when given', async () => {
    await openScreen();
    await screen.test('http://192.168.1.20:4000');
    await screen.allowPlainHttp.waitFor();
    await shot(page, 'server-plain-http');
    await screen.allowPlainHttp.check();
    await screen.saveButton.click();
    await expect
      .poll(saved)
      .toEqual([{ serverUrl: 'http://192.168.1.20:4000', options: { allowPlainHttp: true } }]);
  });

  it('says in words, with both fingerprints, when a trusted server’s certificate changed', async () => {
    await openScreen();
    await screen.test('https://changed-server:4443');
    await screen.certificateChanged.waitFor();
    const text = (await screen.main.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(FINGERPRINT.split(':').slice(0, 4).join(':'));
    expect(text).toContain(NEW_FINGERPRINT.split(':').slice(0, 4).join(':'));
    await shot(page, 'server-certificate-changed');
  });
});
