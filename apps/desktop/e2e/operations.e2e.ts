import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backup, HotelDetail, OccupancyReport, SalesReport, Trip } from '@tripdesk/shared';
import { addDays, formatMoney, money } from '@tripdesk/shared';
import { hotelToday, ServerApi } from './server-api.ts';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

/**
 * The screens added around the booking engine, against the real server with demo data: the agent's
 * notifications (a paid trip told live through the outbox worker and the event stream), Reports for the
 * admin (figures, charts, their tables checked against the API, a CSV download) and for the front desk
 * (its own hotel only), and the admin's Operations (a consistency check, a backup taken, downloaded and
 * restored, the server restarting under the app).
 */

const ADMIN = { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin' };
const AGENT = { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent' };
const DESK = { email: 'desk@demo.tripdesk.test', password: 'demo-desk-2026', name: 'Dev Desk' };
// Each spec starts its own server on an empty data folder: this guest is this spec's own.
const GUEST = 'Katherine Johnson';

const KEPT = new Set(['notifications-panel', 'reports', 'operations-backups', 'operations-consistency']);
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: resolve(screenshots, `${name}${KEPT.has(name) ? '' : '.tmp'}.png`),
    fullPage: true,
  });

/** As the reports screen writes a rate. */
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/** `YYYY-MM-DD` of today in UTC: the calendar of sales (captures count on their UTC date). */
const utcToday = () => new Date().toISOString().slice(0, 10);

/** The accessible name of the focused element, roughly as a screen reader says it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    return el.getAttribute('aria-label') ?? el.textContent ?? '';
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (name.test((await focusedName(page)).trim())) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; focus is on "${await focusedName(page)}"`);
}

describe('notifications, reports and operations, against the real server', () => {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let page: Page;
  const errors: string[] = [];
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;
  let trip: Trip;
  const period = { from: '', to: '' };

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page?.screenshot({ path: resolve(screenshots, `failed-${name}.tmp.png`), fullPage: true });
    });
  });

  /** A fresh browser profile (its own session) signed in as `who`, at 1280 × 800. */
  async function signIn(who: { email: string; password: string; name: string }): Promise<Page> {
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const p = await context.newPage();
    // A step that cannot happen fails with its locator well before the test's own time limit.
    p.setDefaultTimeout(10_000);
    p.on('console', (message) => {
      // Refusals, and the requests cut off while the server restarts, are logged as failed resources.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    p.on('pageerror', (error) => errors.push(error.message));
    await p.goto(`${server!.url}/`);
    await p.getByLabel('Email').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByText(who.name).waitFor();
    return p;
  }

  /** The header stays one line, inside the window, the bell beside Sign out, at 1280 and 1024 px. */
  async function headerFits(p: Page, who: string): Promise<void> {
    for (const width of [1280, 1024]) {
      await p.setViewportSize({ width, height: 800 });
      const header = await p.locator('.shell-header').boundingBox();
      const box = await bell(p).boundingBox();
      const signOut = await p.getByRole('button', { name: 'Sign out' }).boundingBox();
      const lastSection = await p
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button')
        .last()
        .boundingBox();
      expect(header!.height).toBeLessThan(60);
      expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(width);
      expect(Math.abs(box!.y + box!.height / 2 - (signOut!.y + signOut!.height / 2))).toBeLessThan(4);
      // No section name wraps, and none runs under the signed-in area (live indicator, bell, name).
      const navItems = p.getByRole('navigation', { name: 'Sections' }).getByRole('button');
      const lines = await navItems.evaluateAll((items) =>
        items.map((b) => {
          const text = document.createRange();
          text.selectNodeContents(b);
          return text.getClientRects().length;
        }),
      );
      expect(lines.every((n) => n === 1)).toBe(true);
      const signedIn = await p.locator('.signed-in').boundingBox();
      expect(lastSection!.x + lastSection!.width).toBeLessThanOrEqual(signedIn!.x);
      await p.screenshot({ path: resolve(screenshots, `header-${who}-${width}.tmp.png`) });
    }
    await p.setViewportSize({ width: 1280, height: 800 });
  }

  const nav = (p: Page, name: string) =>
    p.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
  const bell = (p: Page) => p.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  const unread = async (p: Page) =>
    Number(/(\d+) unread/.exec((await bell(p).getAttribute('aria-label')) ?? '')?.[1] ?? NaN);

  beforeAll(async () => {
    prepareRun();
    // The outbox worker every second, so the notification arrives while the test watches; no scheduled
    // consistency check to mix into the admin's own runs.
    server = await startTripdeskServer(60_000, {
      NOTIFY_INTERVAL_SECONDS: '1',
      CONSISTENCY_CHECK_INTERVAL_HOURS: '0',
    });
    admin = await ServerApi.signIn(server.url, ADMIN.email, ADMIN.password);
    agent = await ServerApi.signIn(server.url, AGENT.email, AGENT.password);
    const desk = await ServerApi.signIn(server.url, DESK.email, DESK.password);
    hotel = await admin.hotel(desk.user.hotelId!);
    period.from = addDays(utcToday(), -1);
    period.to = addDays(utcToday(), 10);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('tells the agent live that a paid trip is confirmed, and opens it from the notification', async () => {
    page = await signIn(AGENT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const before = await unread(page);

    // The sale itself is tested in agent.e2e.ts: here it is set up through the API, at the desk's hotel.
    const checkIn = addDays(hotelToday(hotel), 2);
    ({ trip } = await agent.bookStay(GUEST, hotel.roomTypes[0]!.id, checkIn, 2));

    // No reload, no click: the outbox worker writes it and the event stream announces it.
    await expect.poll(() => unread(page), { timeout: 15_000 }).toBe(before + 1);
    await bell(page).click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    const item = panel.getByRole('listitem').filter({ hasText: trip.id });
    await item.getByText('Trip confirmed').waitFor();
    await item.getByText(`${GUEST}’s trip ${trip.id} is paid and confirmed`).waitFor();
    await shot(page, 'notifications-panel');

    await item.getByRole('button', { name: `Open trip ${trip.id}` }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: `Trip of ${GUEST}` }).waitFor();
    await expect.poll(() => unread(page)).toBe(before);

    if (before > 0) {
      // Demo data may have told the agent of earlier trips: Mark all read clears those.
      await bell(page).click();
      await panel.getByRole('button', { name: 'Mark all read' }).click();
      await expect.poll(() => unread(page)).toBe(0);
      await page.keyboard.press('Escape');
    }
    expect((await agent.get<{ unread: number }>('/api/notifications')).unread).toBe(0);
  });

  it('marks all read, and works from the keyboard: Tab to the bell, Enter, Escape', async () => {
    // A second sale gives one more unread notification.
    const second = await agent.bookStay(
      `${GUEST} II`,
      hotel.roomTypes[0]!.id,
      addDays(hotelToday(hotel), 3),
      1,
    );
    await expect.poll(() => unread(page), { timeout: 15_000 }).toBe(1);

    // From the top of the page, as a keyboard user starts.
    await page.locator('.brand').click();
    await tabTo(page, /^Notifications, 1 unread$/);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await panel
      .getByText(`${GUEST} II’s trip ${second.trip.id} is paid and confirmed`, { exact: false })
      .waitFor();
    expect(await focusedName(page)).toBe('Notifications');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Notifications, 1 unread');

    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => unread(page)).toBe(0);
    expect(await panel.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('keeps the agent’s header in one line at 1280 and at 1024 px with the bell', async () => {
    await headerFits(page, 'agent');
  });

  it('shows the admin the period’s figures and charts, with tables that match the API', async () => {
    page = await signIn(ADMIN);
    await headerFits(page, 'admin');
    await nav(page, 'Reports');
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByLabel('Period').selectOption({ label: 'Custom dates' });
    await page.getByLabel('From', { exact: true }).fill(period.from);
    await page.getByLabel('To (not included)').fill(period.to);
    await page.getByLabel('Hotel', { exact: true }).selectOption({ label: hotel.name });

    const query = `from=${period.from}&to=${period.to}&hotelId=${hotel.id}`;
    const occupancy = await admin.get<OccupancyReport>(`/api/reports/occupancy?${query}`);
    const sales = await admin.get<SalesReport>(`/api/reports/sales?${query}`);
    const ours = occupancy.hotels[0]!;
    expect(ours.roomNightsSold).toBeGreaterThanOrEqual(3);

    // Key figures: every tile has its value (no "…" left, none empty).
    const figures = page.getByLabel('Key figures').getByRole('definition');
    await expect
      .poll(async () => (await figures.allTextContents()).every((v) => v !== '' && v !== '…'))
      .toBe(true);
    expect(await figures.count()).toBe(5);
    expect(await figures.first().textContent()).toBe(percent(ours.occupancy));

    // Occupancy: the chart night by night, and its table says what the API says.
    const occupancyChart = page.getByRole('figure', { name: `Occupancy per night, ${hotel.name}` });
    // Bars of empty nights are 0 high: attached, not visible.
    await occupancyChart.locator('svg rect').first().waitFor({ state: 'attached' });
    expect(await occupancyChart.locator('svg rect').count()).toBe(ours.nights!.length);
    await occupancyChart.getByRole('button', { name: /^Show occupancy per night, .+ as a table$/ }).click();
    const nightsTable = occupancyChart.getByRole('table');
    const rows = await nightsTable
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rows).toEqual(ours.nights!.map((n) => [n.date, percent(n.occupancy)]));

    // Sales: today's hotel sales in the chart's table, to the cent of the API's figure.
    const currency = sales.totals.find((t) => t.itemType === 'hotel')!.currency;
    const salesChart = page.getByRole('figure', { name: `Sales by day, ${currency}` });
    await salesChart.locator('svg rect').first().waitFor({ state: 'attached' });
    await salesChart.getByRole('button', { name: `Show sales by day, ${currency} as a table` }).click();
    const todayRow = salesChart.getByRole('row', { name: new RegExp(`^${utcToday()}`) });
    const todaySold = sales.days
      .filter((d) => d.date === utcToday() && d.itemType === 'hotel')
      .reduce((s, d) => s + d.salesAmount.amount, 0);
    expect(todaySold).toBeGreaterThan(0);
    expect(await todayRow.getByRole('cell').first().textContent()).toBe(
      formatMoney(money(todaySold, currency)),
    );
    await occupancyChart.getByRole('button', { name: /^Hide the table of occupancy per night/ }).click();
    await nightsTable.waitFor({ state: 'detached' });
    await shot(page, 'reports');
  });

  it('downloads a report as CSV with its header row', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download sales and refunds as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sales-${period.from}-${period.to}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(
      text.startsWith('date,item_type,currency,sales_count,sales_amount,refunds_count,refunds_amount\r\n'),
    ).toBe(true);
    expect(text).toContain(`${utcToday()},hotel,`);
  });

  it('shows the front desk its own hotel only', async () => {
    const desk = await signIn(DESK);
    await nav(desk, 'Reports');
    await desk.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await desk.getByRole('figure', { name: `Occupancy per night, ${hotel.name}` }).waitFor();
    expect(await desk.getByLabel('Hotel', { exact: true }).count()).toBe(0);
    await desk.getByText(`Hotel: ${hotel.name}`, { exact: true }).waitFor();
    expect(await desk.getByRole('combobox').count()).toBe(1); // the period alone
    const hotelsInTable = await desk
      .getByRole('table', { name: 'Occupancy, ADR and RevPAR per hotel' })
      .locator('tbody th')
      .allTextContents();
    expect(hotelsInTable).toEqual([hotel.name]);
    await shot(desk, 'reports-desk');
    await desk.context().close();
    contexts.splice(contexts.indexOf(desk.context()), 1);
  });

  it('runs the consistency check and says every check is OK', async () => {
    await nav(page, 'Operations');
    await page.getByRole('tab', { name: 'Consistency' }).click();
    const pastRuns = page.getByRole('table', { name: 'Past runs' }).locator('tbody tr');
    // The server may have run one at start: the admin's own run is the one that comes after.
    await page.getByRole('button', { name: 'Run check', exact: true }).waitFor();
    const runsBefore = await pastRuns.count();
    await page.getByRole('button', { name: 'Run check', exact: true }).click();
    const report = page.getByRole('region', { name: /^Latest report/ });
    await report.getByText(/^By an admin, check only, /).waitFor({ timeout: 30_000 });
    await expect.poll(() => pastRuns.count()).toBe(runsBefore + 1);
    await page.getByRole('status').filter({ hasText: 'Checking the stores…' }).waitFor({ state: 'detached' });
    expect(await report.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Latest report: All consistent',
    );
    const checks = report.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    expect(await checks.count()).toBe(5);
    for (const check of await checks.all()) {
      expect(await check.locator('.status-badge').textContent()).toBe('OK');
      expect(await check.getByText(/\d+ records? checked · 0 problems · 0 repaired/).count()).toBe(1);
    }
    expect(await pastRuns.first().getByRole('cell').allTextContents()).toEqual([
      expect.any(String),
      'By an admin',
      'Check only',
      'OK All consistent',
      'Show',
    ]);
    await shot(page, 'operations-consistency');
  });

  let backup: Backup;

  it('takes a backup now and downloads it', async () => {
    await page.getByRole('tab', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Take backup now' }).waitFor();
    const table = page.getByRole('table', { name: 'Backups' });
    const before = (await table.count()) === 0 ? 0 : await table.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Take backup now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Backup taken: / })
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(before + 1);
    const row = table.locator('tbody tr').first();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Taken by hand');
    expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^\d+(\.\d)? (KB|MB)$/);
    backup = (await admin.get<{ items: Backup[] }>('/api/admin/backups')).items[0]!;
    expect(backup.reason).toBe('manual');
    await shot(page, 'operations-backups');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^Download the backup of / }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(backup.fileName);
    expect(download.suggestedFilename()).toMatch(/\.tar\.gz$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBe(backup.sizeBytes);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip
  });

  it('restores the backup after saying what happens; the app comes back on the restored server', async () => {
    // Made after the backup: the restore takes it away again.
    const later = await agent.post<Trip>('/api/trips', {
      customer: { name: 'Dorothy Vaughan', email: 'dorothy.vaughan@example.com' },
    });
    const row = page.getByRole('table', { name: 'Backups' }).locator('tbody tr').first();

    // First a cancel: nothing happens.
    await row.getByRole('button', { name: /^Restore the backup of .+…$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Restore the backup of .+\?$/ });
    await dialog.getByText('It first takes a safety backup of the data it has now.').waitFor();
    await dialog.getByText(/Everything done since .* is lost/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.get<{ items: Backup[] }>('/api/admin/backups')).items).toHaveLength(1);

    await row.getByRole('button', { name: /^Restore the backup of .+…$/ }).click();
    await dialog.getByRole('button', { name: 'Restore and restart the server' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^The server is restarting on the backup of / })
      .waitFor();

    // The server comes back on the same port, on the restored data, with a safety backup taken first.
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${server!.url}/api/health`, { signal: AbortSignal.timeout(2000) })).status;
          } catch {
            return 0;
          }
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(200);
    await admin.call('GET', `/api/trips/${later.id}`, undefined, [404]);
    await admin.call('GET', `/api/trips/${trip.id}`, undefined, [200]);
    // The app reconnects by itself, says so, and the list shows the safety backup.
    await page
      .getByRole('status')
      .filter({ hasText: /^The server is back, on the data of / })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page
      .getByRole('table', { name: 'Backups' })
      .getByRole('cell', { name: 'Before a restore' })
      .waitFor();
    await shot(page, 'operations-restored');
  });

  it('logged no errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
