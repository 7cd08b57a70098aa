import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, type HotelDetail, type HotelItem, type Hotel, type RoomType } from '@tripdesk/shared';
import { hotelToday, ServerApi } from './server-api.ts';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

/**
 * The front desk against the real server with demo data: the demo desk clerk's day at the first demo
 * hotel (guests booked and paid by the demo agent through the API), a check-in with a chosen room and
 * the check-out, a walk-in sold and checked in from the desk, the room chart by keyboard, and the
 * chart of a 200-room hotel scrolling through a month.
 */

const ADMIN = { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin' };
const AGENT = { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent' };
const DESK = { email: 'desk@demo.tripdesk.test', password: 'demo-desk-2026', name: 'Dev Desk' };
// Each spec starts its own server on an empty data folder: these guests are this spec's own.
const ARRIVING = 'Grace Arrival';
const WALK_IN = { name: 'Walter Walkin', email: 'walter.walkin@example.com' };

/** Kept in the repository; every other screenshot is `*.tmp.png`, which git ignores. */
const KEPT = new Set(['frontdesk-today', 'tape-chart']);
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: resolve(screenshots, `${name}${KEPT.has(name) ? '' : '.tmp'}.png`), fullPage });

describe('the front desk works its day, against the real server', () => {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];
  let agent: ServerApi;
  let desk: ServerApi;
  let hotel: HotelDetail;
  let today: string;
  let arriving: { tripId: string; itemId: string };

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page?.screenshot({ path: resolve(screenshots, `failed-${name}.tmp.png`), fullPage: true });
    });
  });

  beforeAll(async () => {
    prepareRun();
    server = await startTripdeskServer();
    agent = await ServerApi.signIn(server.url, AGENT.email, AGENT.password);
    desk = await ServerApi.signIn(server.url, DESK.email, DESK.password);
    hotel = await agent.hotel(desk.user.hotelId!);
    today = hotelToday(hotel);
    // The chart lists room types in this order: the first one's rows are those in view.
    const [first, second, third] = hotel.roomTypes as [RoomType, RoomType, RoomType];

    // The demo agent books the desk's hotel: one guest arriving today, guests already in the house, and
    // arrivals later in the month for the room chart.
    const grace = await agent.bookStay(ARRIVING, first.id, today, 3);
    arriving = { tripId: grace.trip.id, itemId: grace.item.id };
    await agent.bookStay('Kofi Mensah', second.id, today, 2);
    await agent.bookStay('Bruno Later', first.id, addDays(today, 4), 5);
    await agent.bookStay('Chiara Weekend', first.id, addDays(today, 9), 3);
    await agent.bookStay('Dora Autumn', third.id, addDays(today, 2), 4);
    for (const [guest, type, nights] of [
      ['Henry Inhouse', first, 2],
      ['Ines Longstay', first, 12],
      ['Jun Tanaka', second, 6],
    ] as const) {
      const { trip, item } = await agent.bookStay(guest, type.id, today, nights);
      await desk.post(`/api/trips/${trip.id}/items/${item.id}/check-in`, {});
    }

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A step that cannot happen fails with its locator well before the test's own time limit.
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      // Refusals (a declined card is a 402) are logged by Chromium as failed resources: expected here.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(who: { email: string; password: string; name: string }): Promise<void> {
    await page.goto(`${server!.url}/`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(who.name).waitFor();
  }

  const table = (name: string) => page.getByRole('table', { name, exact: true });

  it('shows the desk clerk today’s arrivals, in-house guests and departures at their hotel', async () => {
    await signIn(DESK);
    // The front desk is the clerk's first section.
    await page.getByRole('heading', { name: hotel.name }).waitFor();
    expect(await page.getByLabel('Date').inputValue()).toBe(today);
    const arrivals = table('Arrivals');
    await arrivals.getByText(ARRIVING).waitFor();
    expect(await arrivals.getByRole('rowheader').allTextContents()).toEqual([ARRIVING, 'Kofi Mensah']);
    const inHouse = table('In house');
    expect(await inHouse.locator('tbody tr').count()).toBe(3);
    for (const guest of ['Henry Inhouse', 'Ines Longstay', 'Jun Tanaka']) {
      expect(await inHouse.getByRole('rowheader', { name: guest }).count()).toBe(1);
    }
    await page.getByText('Nobody left to check out today.').waitFor();
    await shot(page, 'frontdesk-today');
  });

  it('checks the arriving guest in to a room the clerk picks, then out again', async () => {
    await page.getByRole('button', { name: `Check in ${ARRIVING}` }).click();
    const dialog = page.getByRole('dialog', { name: `Check in ${ARRIVING}` });
    const room = dialog.getByLabel('Room');
    // Focus starts on the room list; the rooms in-house guests sleep in are not offered.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-in-room');
    const offered = await room.locator('option').allTextContents();
    const henry = (
      await agent.get<{ items: { customer: { name: string }; items: HotelItem[] }[] }>(
        `/api/trips?q=${encodeURIComponent('Henry Inhouse')}`,
      )
    ).items[0]!.items[0]!;
    expect(offered).not.toContain(`Room ${henry.roomNumber}`);
    const chosen = offered.find((o) => /^Room \S+$/.test(o) && o !== `Room ${henry.roomNumber}`)!;
    await room.selectOption({ label: chosen });
    await shot(page, 'frontdesk-check-in');
    await dialog.getByRole('button', { name: 'Check in', exact: true }).click();

    const number = chosen.replace('Room ', '');
    await page.getByText(`Checked in ${ARRIVING} to room ${number}.`).waitFor();
    await table('In house').getByRole('rowheader', { name: ARRIVING }).waitFor();
    expect(await table('Arrivals').getByRole('rowheader').allTextContents()).toEqual(['Kofi Mensah']);
    const checkedIn = (await desk.item(arriving.tripId, arriving.itemId)) as HotelItem;
    expect(checkedIn).toMatchObject({ status: 'checked_in', roomNumber: number });

    await page.getByRole('button', { name: `Check out ${ARRIVING}` }).click();
    const out = page.getByRole('dialog', { name: `Check out ${ARRIVING}` });
    await out.getByText(/This is an early departure/).waitFor();
    await out.getByRole('button', { name: 'Check out', exact: true }).click();
    await page.getByText(`Checked out ${ARRIVING} from room ${number}.`).waitFor();
    await expect.poll(() => table('In house').getByRole('rowheader', { name: ARRIVING }).count()).toBe(0);
    expect(await desk.item(arriving.tripId, arriving.itemId)).toMatchObject({ status: 'checked_out' });
  });

  it('sells a walk-in a room for tonight, takes the payment and checks them in, all from the desk', async () => {
    await page.getByRole('button', { name: 'Walk-in' }).click();
    const dialog = page.getByRole('dialog', { name: `Walk-in at ${hotel.name}` });
    await dialog.getByLabel('Guest name').fill(WALK_IN.name);
    await dialog.getByLabel('Email').fill(WALK_IN.email);
    await dialog.getByRole('button', { name: 'Continue to rooms' }).click();

    const rooms = dialog.getByRole('table', { name: 'Free room types' });
    await rooms.waitFor();
    const cheapest = (await rooms.getByRole('rowheader').first().textContent())!;
    await shot(page, 'frontdesk-walk-in-rooms');
    await rooms.getByRole('button', { name: `Hold a ${cheapest}` }).click();

    const card = dialog.getByLabel('Card');
    await card.selectOption({ label: 'Visa test card (insufficient funds)' });
    await dialog.getByRole('button', { name: /^Take payment of / }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'The card was declined: there are not enough funds on the card.' })
      .waitFor();
    await card.selectOption({ label: 'Visa test card (approved)' });
    await dialog.getByRole('button', { name: /^Take payment of / }).click();
    await dialog.getByText(/^Paid .*, invoice /).waitFor();
    await shot(page, 'frontdesk-walk-in-paid');
    await dialog.getByRole('button', { name: 'Check in', exact: true }).click();

    const notice = page.getByText(
      new RegExp(`^Walk-in ${WALK_IN.name} paid and checked in to room \\S+\\.$`),
    );
    await notice.waitFor();
    await table('In house').getByRole('rowheader', { name: WALK_IN.name }).waitFor();
    const trips = await desk.get<{ items: { status: string; payment?: unknown; items: HotelItem[] }[] }>(
      `/api/trips?q=${encodeURIComponent(WALK_IN.email)}`,
    );
    expect(trips.items).toHaveLength(1);
    expect(trips.items[0]).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(trips.items[0]!.items[0]).toMatchObject({ status: 'checked_in', checkIn: today });
  });

  it('shows the month on the room chart and moves through it by keyboard', async () => {
    await page.getByRole('tab', { name: 'Room chart' }).click();
    const grid = page.getByRole('grid', { name: `Room chart of ${hotel.name}` });
    await grid.waitFor();
    await page.getByText(/ · \d+ stays$/).waitFor();
    const rooms = hotel.roomTypes.reduce((n, t) => n + t.roomNumbers.length, 0);
    // The grid knows every row even though only those in view are in the page.
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(rooms);
    expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);
    await grid.getByText('Ines Longstay').waitFor();
    await grid.getByText('Bruno Later').waitFor();
    await shot(page, 'tape-chart');

    await grid.focus();
    const active = () =>
      page.evaluate(() => {
        const grid = document.querySelector('[role="grid"]');
        const id = grid?.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.getAttribute('aria-label') ?? '') : '';
      });
    expect(await active()).toMatch(new RegExp(`^${hotel.roomTypes[0]!.name}, .*: \\d+ of \\d+ free$`));
    // Down to the first room of the first room type, whatever its lanes of expected guests.
    for (let i = 0; i < 10 && !/^Room /.test(await active()); i++) await page.keyboard.press('ArrowDown');
    expect(await active()).toMatch(/^Room \S+, .+: /);
    await page.keyboard.press('End');
    expect(await active()).toMatch(/^Room \S+, .+: free$/);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Control+End');
    expect(await active()).toMatch(/^Room \S+, /);
    // The last room is in view after the jump: the window of rendered rows followed.
    const lastRoom = hotel.roomTypes.at(-1)!.roomNumbers.at(-1)!;
    expect(await grid.getByRole('rowheader', { name: `Room ${lastRoom}`, exact: true }).isVisible()).toBe(
      true,
    );
  });

  it('keeps the room chart of a 200-room hotel smooth over a month', async () => {
    const admin = await ServerApi.signIn(server!.url, ADMIN.email, ADMIN.password);
    const grand = await admin.post<Hotel>('/api/hotels', {
      name: 'Grand Tape Hotel',
      city: 'Rome',
      country: 'IT',
      timezone: 'Europe/Rome',
    });
    for (const [i, name] of ['Classic Double', 'Classic Twin', 'Superior King', 'Junior Suite'].entries()) {
      await admin.post(`/api/hotels/${grand.id}/room-types`, {
        name,
        maxOccupancy: 2,
        nightlyRate: { amount: 15000 + i * 5000, currency: 'USD' },
        roomNumbers: Array.from({ length: 50 }, (_, k) => String((i * 2 + 1) * 100 + k + 1)),
      });
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(ADMIN);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Front desk' })
      .click();
    await page.getByRole('option', { name: 'Grand Tape Hotel' }).waitFor({ state: 'attached' });
    await page.getByLabel('Hotel').selectOption({ label: 'Grand Tape Hotel' });
    await page.getByRole('tab', { name: 'Room chart' }).click();
    const grid = page.getByRole('grid', { name: 'Room chart of Grand Tape Hotel' });
    await grid.waitFor();
    await page.getByText(/ · 0 stays$/).waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe('205');

    // Scroll top to bottom in 40 steps. Each step is timed from the scroll until the rows are
    // rendered and laid out (the scroll handler's render runs in a task of its own, so two turns of the
    // event loop cover it); the page never holds more than a screenful of rows plus the overscan.
    const timings = await grid.evaluate(async (el) => {
      const turn = () => new Promise((r) => setTimeout(r, 0));
      const steps: number[] = [];
      let most = 0;
      const end = el.scrollHeight - el.clientHeight;
      for (let i = 1; i <= 40; i++) {
        const start = performance.now();
        el.scrollTop = (end * i) / 40;
        el.dispatchEvent(new Event('scroll'));
        await turn();
        await turn();
        el.getBoundingClientRect();
        steps.push(performance.now() - start);
        most = Math.max(most, el.querySelectorAll('[role="row"]').length);
      }
      steps.sort((a, b) => a - b);
      return { median: steps[20]!, worst: steps.at(-1)!, mostRows: most };
    });
    expect(timings.mostRows).toBeLessThan(60);
    expect(timings.median).toBeLessThan(50);
    // At the bottom: the last room of the last room type, in the order the hotel lists them.
    const lastRoom = (await admin.hotel(grand.id)).roomTypes.at(-1)!.roomNumbers.at(-1)!;
    expect(await grid.getByRole('rowheader', { name: `Room ${lastRoom}`, exact: true }).isVisible()).toBe(
      true,
    );
    await shot(page, 'tape-chart-200-rooms', false);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
