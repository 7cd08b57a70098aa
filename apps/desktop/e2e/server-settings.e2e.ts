import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

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

let server: TripdeskServer | undefined;
let browser: Browser | undefined;
let page: Page;

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

beforeAll(async () => {
  prepareRun();
  server = await startTripdeskServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(bridgeScript, { fingerprint: FINGERPRINT, newFingerprint: NEW_FINGERPRINT });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const saved = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('saved') ?? '[]') as unknown[]);
const openScreen = async () => {
  await page.goto(server!.url);
  await page.evaluate(() => sessionStorage.removeItem('saved'));
  await page.getByRole('heading', { name: 'Connect to your Tripdesk server' }).waitFor();
};

describe('the desktop server screen', () => {
  it('shows a self-signed certificate’s fingerprint and pins it only once the person confirms', async () => {
    await openScreen();
    await page.getByLabel('Server address').fill('https://desk-server:4443');
    await page.getByRole('button', { name: 'Test connection' }).click();
    // Eight groups of four pairs, readable aloud over the phone with the administrator.
    const firstGroup = FINGERPRINT.split(':').slice(0, 4).join(':');
    await page.getByText(firstGroup).first().waitFor();
    const trust = page.getByRole('checkbox', { name: 'I compared the fingerprint; trust this certificate' });
    expect(await trust.isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await saved()).toEqual([]);
    await expect.poll(() => trust.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: resolve(screenshots, 'server-fingerprint.png'), fullPage: true });

    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect
      .poll(saved)
      .toEqual([{ serverUrl: 'https://desk-server:4443', options: { pinFingerprint: FINGERPRINT } }]);
  });

  it('warns before a plain http address on the network, and sends the consent only when given', async () => {
    await openScreen();
    await page.getByLabel('Server address').fill('http://192.168.1.20:4000');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const allow = page.getByRole('checkbox', { name: 'Allow an unencrypted connection on this network' });
    await allow.waitFor();
    await page.screenshot({ path: resolve(screenshots, 'server-plain-http.tmp.png'), fullPage: true });
    await allow.check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect
      .poll(saved)
      .toEqual([{ serverUrl: 'http://192.168.1.20:4000', options: { allowPlainHttp: true } }]);
  });

  it('says in words, with both fingerprints, when a trusted server’s certificate changed', async () => {
    await openScreen();
    await page.getByLabel('Server address').fill('https://changed-server:4443');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'different certificate' });
    await alert.waitFor();
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(FINGERPRINT.split(':').slice(0, 4).join(':'));
    expect(text).toContain(NEW_FINGERPRINT.split(':').slice(0, 4).join(':'));
    await page.screenshot({ path: resolve(screenshots, 'server-certificate-changed.png'), fullPage: true });
  });
});
