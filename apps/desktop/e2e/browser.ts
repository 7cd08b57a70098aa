import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** What every spec needs before its first page: Debian's Chromium, the renderer build, a screenshot folder. */

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');
const desktopRoot = resolve(import.meta.dirname, '..');

/** Checks for Chromium, builds the renderer the server serves at `/` if it is not built, makes the folder. */
export function prepareRun(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(resolve(desktopRoot, 'out/renderer/index.html'))) {
    execFileSync(resolve(desktopRoot, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: desktopRoot,
      stdio: 'inherit',
    });
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/**
 * Headless Chromium as this machine allows it: no sandbox (root), no GPU, and none of the background
 * connections a closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
