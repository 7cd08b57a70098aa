import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

const ADMIN = { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin' };
const AGENT = { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent' };
const DESK = { email: 'desk@demo.tripdesk.test' };
// Each run starts from an empty data folder, so a fixed email never collides.
const NEW_AGENT = {
  email: 'erin.example@demo.tripdesk.test',
  name: 'Erin Example',
  password: 'e2e-agent-2026',
};

let server: TripdeskServer | undefined;
let browser: Browser | undefined;
let page: Page;
const consoleErrors: string[] = [];

/** Screenshots worth keeping in the repository; the rest are `.tmp.png`, which git ignores. */
const KEPT = new Set(['sign-in', 'users-list', 'new-user-error']);
const shot = (name: string) =>
  page.screenshot({
    path: resolve(screenshots, `${name}${KEPT.has(name) ? '' : '.tmp'}.png`),
    fullPage: true,
  });
const navLabels = () =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button').allTextContents();

async function signIn(email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  prepareRun();
  server = await startTripdeskServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    // A refused sign-in is a 401, which Chromium logs as a failed resource: expected here.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the desk in a browser, against the real server', () => {
  it('serves the renderer and shows the sign-in form', async () => {
    await page.goto(`${server!.url}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await shot('sign-in');
  });

  it('says in words when the password is wrong', async () => {
    await signIn(ADMIN.email, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'That email and password do not match an active account. Check them and try again.',
    );
    await shot('sign-in-error');
  });

  it('signs the admin in by keyboard alone and shows the admin sections', async () => {
    await page.getByLabel('Email').fill('');
    await page.getByLabel('Email').focus();
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByText(ADMIN.name).waitFor();
    expect(await page.getByText('Administrator').isVisible()).toBe(true);
    expect(await navLabels()).toEqual([
      'Trips',
      'Search',
      'Front desk',
      'Inventory',
      'Users',
      'Reports',
      'Operations',
    ]);
    await page.getByRole('heading', { name: 'Trips' }).waitFor();
    await shot('admin-trips');
  });

  it('lists the three demo users', async () => {
    await page.getByRole('button', { name: 'Users' }).click();
    const table = page.getByRole('table', { name: 'Users' });
    await table.waitFor();
    const text = await table.textContent();
    for (const email of [ADMIN.email, AGENT.email, DESK.email]) expect(text).toContain(email);
    expect(await table.locator('tbody tr').count()).toBe(3);
    await shot('users-list');
  });

  it('shows the server’s validation beside the fields of the new-user form', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Some details need correcting').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await shot('new-user-error');
  });

  it('creates an agent and shows it in the list', async () => {
    await page.getByLabel('Name').fill(NEW_AGENT.name);
    await page.getByLabel('Email').fill(NEW_AGENT.email);
    await page.getByLabel('Role').selectOption({ label: 'Travel agent' });
    expect(await page.getByLabel('Hotel ID').count()).toBe(0);
    await page.getByLabel('Password').fill(NEW_AGENT.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`Created ${NEW_AGENT.name}`).waitFor();
    const table = page.getByRole('table', { name: 'Users' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    expect(await table.textContent()).toContain(NEW_AGENT.email);
    await shot('user-created');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('signs the agent in with the agent sections only', async () => {
    await signIn(AGENT.email, AGENT.password);
    await page.getByText(AGENT.name).waitFor();
    expect(await navLabels()).toEqual(['Search', 'Trips']);
    expect(await page.getByText('Travel agent').isVisible()).toBe(true);
    await shot('agent-search');
  });

  it('keeps the agent signed in across a reload', async () => {
    await page.reload();
    await page.getByText(AGENT.name).waitFor();
    expect(await navLabels()).toEqual(['Search', 'Trips']);
  });

  it('lets the new agent sign in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(NEW_AGENT.email, NEW_AGENT.password);
    await page.getByText(NEW_AGENT.name).waitFor();
    expect(await navLabels()).toEqual(['Search', 'Trips']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('shows the unreachable banner, not a blank screen, when the server goes away', async () => {
    await server!.stop();
    await signIn(AGENT.email, AGENT.password);
    const banner = page.getByRole('alert').filter({ hasText: 'Cannot reach the server at' });
    await banner.waitFor();
    expect(await banner.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await shot('server-unreachable');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
