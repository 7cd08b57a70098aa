import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backup, HotelDetail, OccupancyReport, SalesReport, Trip } from '@tripdesk/shared';
import { addDays, formatMoney, money } from '@tripdesk/shared';
import { ADMIN, AGENT, DESK, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { focusedName, tabTo } from './page-models/keyboard.ts';
import { NotificationsPanel } from './page-models/notifications-panel.ts';
import { OperationsPage } from './page-models/operations-page.ts';
import { ReportsPage } from './page-models/reports-page.ts';
import { TripsPage } from './page-models/trips-page.ts';
import { shot } from './screenshots.ts';
import { hotelToday, type ServerApi } from './server-api.ts';

/**
 * The screens added around the booking engine, against the real server with demo data: the agent's
 * notifications (a paid trip told live through the outbox worker and the event stream), Reports for the
 * admin (figures, charts, their tables checked against the API, a CSV download) and for the front desk
 * (its own hotel only), and the admin's Operations (a consistency check, a backup taken, downloaded and
 * restored, the server restarting under the app).
 */

// Each spec starts its own server on an empty data folder: this guest is this spec's own.
const GUEST = 'Katherine Johnson';

/** As the reports screen writes a rate. */
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/** `YYYY-MM-DD` of today in UTC: the calendar of sales (captures count on their UTC date). */
const utcToday = () => new Date().toISOString().slice(0, 10);

/** The header stays one line, inside the window, the bell beside Sign out, at 1280 and 1024 px. */
async function headerFits(page: Page, who: string): Promise<void> {
  const shell = new AppShell(page);
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const header = await shell.header.boundingBox();
    const bell = await shell.bell.boundingBox();
    const signOut = await shell.signOutButton.boundingBox();
    const lastSection = await shell.sectionButtons.last().boundingBox();
    expect(header!.height).toBeLessThan(60);
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(width);
    expect(Math.abs(bell!.y + bell!.height / 2 - (signOut!.y + signOut!.height / 2))).toBeLessThan(4);
    // No section name wraps, and none runs under the signed-in area (live indicator, bell, name).
    const lines = await shell.sectionButtons.evaluateAll((items) =>
      items.map((b) => {
        const text = document.createRange();
        text.selectNodeContents(b);
        return text.getClientRects().length;
      }),
    );
    expect(lines.every((n) => n === 1)).toBe(true);
    const signedIn = await shell.signedInArea.boundingBox();
    expect(lastSection!.x + lastSection!.width).toBeLessThanOrEqual(signedIn!.x);
    await shot(page, `header-${who}-${width}`, { fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('notifications, reports and operations, against the real server', () => {
  // The outbox worker every second, so the notification arrives while the test watches; no scheduled
  // consistency check to mix into the admin's own runs.
  const run = useTripdesk({
    serverEnv: { NOTIFY_INTERVAL_SECONDS: '1', CONSISTENCY_CHECK_INTERVAL_HOURS: '0' },
  });
  let page: Page;
  let shell: AppShell;
  let admin: ServerApi;
  let agent: ServerApi;
  let hotel: HotelDetail;
  let trip: Trip;
  const period = { from: '', to: '' };

  beforeAll(async () => {
    admin = await run.api(ADMIN);
    agent = await run.api(AGENT);
    const desk = await run.api(DESK);
    hotel = await admin.hotel(desk.user.hotelId!);
    period.from = addDays(utcToday(), -1);
    period.to = addDays(utcToday(), 10);
  });

  it('tells the agent live that a paid trip is confirmed, and opens it from the notification', async () => {
    page = await run.openSignedIn(AGENT);
    shell = new AppShell(page);
    await shell.live.waitFor();
    const before = await shell.unread();

    // The sale itself is tested in agent.e2e.ts: here it is set up through the API, at the desk's hotel.
    const checkIn = addDays(hotelToday(hotel), 2);
    ({ trip } = await agent.bookStay(GUEST, hotel.roomTypes[0]!.id, checkIn, 2));

    // No reload, no click: the outbox worker writes it and the event stream announces it.
    await expect.poll(() => shell.unread(), { timeout: 15_000 }).toBe(before + 1);
    await shell.bell.click();
    const panel = new NotificationsPanel(page);
    const item = panel.about(trip.id);
    await item.getByText('Trip confirmed').waitFor();
    await item.getByText(`${GUEST}’s trip ${trip.id} is paid and confirmed`).waitFor();
    await shot(page, 'notifications-panel');

    await panel.openTrip(trip.id);
    await new TripsPage(page).detailHeading(GUEST).waitFor();
    await expect.poll(() => shell.unread()).toBe(before);

    if (before > 0) {
      // Demo data may have told the agent of earlier trips: Mark all read clears those.
      await shell.bell.click();
      await panel.markAllReadButton.click();
      await expect.poll(() => shell.unread()).toBe(0);
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
    await expect.poll(() => shell.unread(), { timeout: 15_000 }).toBe(1);

    // From the top of the page, as a keyboard user starts.
    await shell.brand.click();
    await tabTo(page, /^Notifications, 1 unread$/, 40);
    await page.keyboard.press('Enter');
    const panel = new NotificationsPanel(page);
    await panel.root
      .getByText(`${GUEST} II’s trip ${second.trip.id} is paid and confirmed`, { exact: false })
      .waitFor();
    expect(await focusedName(page)).toBe('Notifications');
    await page.keyboard.press('Escape');
    await panel.root.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Notifications, 1 unread');

    await page.keyboard.press('Enter');
    await panel.markAllReadButton.click();
    await expect.poll(() => shell.unread()).toBe(0);
    expect(await panel.markAllReadButton.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await panel.root.waitFor({ state: 'detached' });
  });

  it('keeps the agent’s header in one line at 1280 and at 1024 px with the bell', async () => {
    await headerFits(page, 'agent');
  });

  it('shows the admin the period’s figures and charts, with tables that match the API', async () => {
    page = await run.openSignedIn(ADMIN);
    shell = new AppShell(page);
    await headerFits(page, 'admin');
    await shell.goTo('Reports');
    const reports = new ReportsPage(page);
    await reports.heading.waitFor();
    await reports.choose(period, hotel.name);

    const query = `from=${period.from}&to=${period.to}&hotelId=${hotel.id}`;
    const occupancy = await admin.get<OccupancyReport>(`/api/reports/occupancy?${query}`);
    const sales = await admin.get<SalesReport>(`/api/reports/sales?${query}`);
    const ours = occupancy.hotels[0]!;
    expect(ours.roomNightsSold).toBeGreaterThanOrEqual(3);

    // Key figures: every tile has its value (no "…" left, none empty).
    await expect
      .poll(async () => (await reports.figures.allTextContents()).every((v) => v !== '' && v !== '…'))
      .toBe(true);
    expect(await reports.figures.count()).toBe(5);
    expect(await reports.figures.first().textContent()).toBe(percent(ours.occupancy));

    // Occupancy: the chart night by night, and its table says what the API says.
    const occupancyChart = reports.occupancyChart(hotel.name);
    // Bars of empty nights are 0 high: attached, not visible.
    await ReportsPage.bars(occupancyChart).first().waitFor({ state: 'attached' });
    expect(await ReportsPage.bars(occupancyChart).count()).toBe(ours.nights!.length);
    await occupancyChart.getByRole('button', { name: /^Show occupancy per night, .+ as a table$/ }).click();
    const nightsTable = occupancyChart.getByRole('table');
    const rows = await nightsTable
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rows).toEqual(ours.nights!.map((n) => [n.date, percent(n.occupancy)]));

    // Sales: today's hotel sales in the chart's table, to the cent of the API's figure.
    const currency = sales.totals.find((t) => t.itemType === 'hotel')!.currency;
    const salesChart = reports.salesChart(currency);
    await ReportsPage.bars(salesChart).first().waitFor({ state: 'attached' });
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
    const download = await new ReportsPage(page).download('Download sales and refunds as CSV');
    expect(download.suggestedFilename()).toBe(`sales-${period.from}-${period.to}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(
      text.startsWith(
        'date,item_type,currency,sales_count,sales_amount,refunds_count,refunds_amount,taxes_amount\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(`${utcToday()},hotel,`);
  });

  it('shows the front desk its own hotel only', async () => {
    const desk = await run.openSignedIn(DESK);
    await new AppShell(desk).goTo('Reports');
    const reports = new ReportsPage(desk);
    await reports.heading.waitFor();
    await reports.occupancyChart(hotel.name).waitFor();
    expect(await reports.hotel.count()).toBe(0);
    await desk.getByText(`Hotel: ${hotel.name}`, { exact: true }).waitFor();
    expect(await desk.getByRole('combobox').count()).toBe(1); // the period alone
    const hotelsInTable = await reports.hotelsTable.locator('tbody th').allTextContents();
    expect(hotelsInTable).toEqual([hotel.name]);
    await shot(desk, 'reports-desk');
    await desk.context().close();
  });

  it('runs the consistency check and says every check is OK', async () => {
    await shell.goTo('Operations');
    const operations = new OperationsPage(page);
    await operations.tab('Consistency').click();
    // The server may have run one at start: the admin's own run is the one that comes after.
    await operations.runCheckButton.waitFor();
    const runsBefore = await operations.pastRuns.count();
    await operations.runCheckButton.click();
    await operations.latestReport.getByText(/^By an admin, check only, /).waitFor({ timeout: 30_000 });
    await expect.poll(() => operations.pastRuns.count()).toBe(runsBefore + 1);
    await operations.status('Checking the stores…').waitFor({ state: 'detached' });
    expect(await operations.latestReport.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Latest report: All consistent',
    );
    expect(await operations.checks.count()).toBe(5);
    for (const check of await operations.checks.all()) {
      expect(await OperationsPage.checkStatus(check).textContent()).toBe('OK');
      expect(await check.getByText(/\d+ records? checked · 0 problems · 0 repaired/).count()).toBe(1);
    }
    expect(await operations.pastRuns.first().getByRole('cell').allTextContents()).toEqual([
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
    const operations = new OperationsPage(page);
    await operations.tab('Backups').click();
    await operations.takeBackupButton.waitFor();
    const before = (await operations.backups.count()) === 0 ? 0 : await operations.backupRows.count();
    await operations.takeBackupButton.click();
    await operations.status(/^Backup taken: /).waitFor({ timeout: 30_000 });
    await expect.poll(() => operations.backupRows.count()).toBe(before + 1);
    const row = operations.backupRows.first();
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
    const operations = new OperationsPage(page);
    // Made after the backup: the restore takes it away again.
    const later = await agent.post<Trip>('/api/trips', {
      customer: { name: 'Dorothy Vaughan', email: 'dorothy.vaughan@example.com' },
    });
    const row = operations.backupRows.first();

    // First a cancel: nothing happens.
    const dialog = await operations.askRestore(row);
    await dialog.getByText('It first takes a safety backup of the data it has now.').waitFor();
    await dialog.getByText(/Everything done since .* is lost/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.get<{ items: Backup[] }>('/api/admin/backups')).items).toHaveLength(1);

    await operations.askRestore(row);
    await dialog.getByRole('button', { name: 'Restore and restart the server' }).click();
    await operations.status(/^The server is restarting on the backup of /).waitFor();

    // The server comes back on the same port, on the restored data, with a safety backup taken first.
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${run.server.url}/api/health`, { signal: AbortSignal.timeout(2000) }))
              .status;
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
    await operations.status(/^The server is back, on the data of /).waitFor({ timeout: 30_000 });
    await shell.live.waitFor();
    await operations.backups.getByRole('cell', { name: 'Before a restore' }).waitFor();
    await shot(page, 'operations-restored');
  });

  it('logged no errors in the pages', () => {
    expect(run.errors).toEqual([]);
  });
});
