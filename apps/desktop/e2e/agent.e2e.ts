import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';
import { launchChromium, prepareRun, SCREENSHOTS as screenshots } from './browser.ts';

/**
 * The agent's workspace against the real server with demo data: a hotel + flight + car trip sold and
 * paid (a declined card first), the trip in the Trips list with its history, the same sale by keyboard
 * alone, and, on a server with 8-second holds, a hold running out on screen while another desk watches.
 */

const AGENT = { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent' };
const ADMIN = { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin' };
// Each spec starts its own server on an empty data folder: these customers are this spec's own.
const CUSTOMER = { name: 'Grace Hopper', email: 'grace.hopper@example.com' };
const KEYBOARD_CUSTOMER = { name: 'Alan Turing', email: 'alan.turing@example.com' };
const EXPIRY_CUSTOMER = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' };

const LOST = 'Hold lost — released to inventory';

/** `YYYY-MM-DD`, `days` after today in the browser's (UTC) calendar. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });

/** On a failure, what the page showed, beside the kept screenshots (`*.tmp.png` is not kept). */
function shotOnFailure(page: () => Page | undefined): void {
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page()?.screenshot({ path: resolve(screenshots, `failed-${name}.tmp.png`), fullPage: true });
    });
  });
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    // Refusals (402 decline, 409…) are logged by Chromium as failed resources: expected here.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

async function signIn(page: Page, url: string, who: { email: string; password: string; name: string }) {
  await page.goto(`${url}/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(who.name).waitFor();
}

const tripBuilder = (page: Page) => page.getByRole('complementary', { name: 'Current trip' });

/** The accessible name of the focused element, roughly as a screen reader says it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled;
    const input = el as HTMLInputElement;
    if (input.labels && input.labels.length > 0) return input.labels[0]!.textContent ?? '';
    return el.textContent ?? '';
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (name.test((await focusedName(page)).trim())) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; focus is on "${await focusedName(page)}"`);
}

describe('the agent sells a trip, against the real server', () => {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];
  const checkIn = dateIn(14);
  const checkOut = dateIn(17);
  shotOnFailure(() => page);

  beforeAll(async () => {
    prepareRun();
    server = await startTripdeskServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watchErrors(page, errors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens Search for the agent, with an empty trip and live updates', async () => {
    await signIn(page, server!.url, AGENT);
    await page.getByRole('heading', { name: 'Search' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Hotels' }).getAttribute('aria-selected')).toBe('true');
    await tripBuilder(page).getByText('No trip in progress').waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  });

  it('finds hotels in London two weeks ahead and holds a room on a new trip', async () => {
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Check-in').fill(checkIn);
    await page.getByLabel('Check-out').fill(checkOut);
    await page.getByLabel('Guests per room').fill('2');
    await page.getByRole('button', { name: 'Search hotels' }).click();
    const results = page.getByRole('table', { name: /Free rooms in London/ });
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'agent-hotel-search');

    await results
      .getByRole('button', { name: /^Hold / })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Hold a room' });
    await dialog.waitFor();
    // No trip yet: the hold opens one for the customer, whose name has the focus.
    expect(await focusedName(page)).toBe('Customer name');
    await page.keyboard.type(CUSTOMER.name);
    await dialog.getByLabel('Customer email').fill(CUSTOMER.email);
    await dialog.getByLabel('Breakfast').fill('2');
    await dialog.getByLabel('Special requests (optional)').fill('Quiet room, high floor');
    await shot(page, 'agent-hold-room');
    await dialog.getByRole('button', { name: 'Open trip and hold room' }).click();
    await dialog.waitFor({ state: 'detached' });

    const trip = tripBuilder(page);
    await trip.getByText(CUSTOMER.name).waitFor();
    await expect.poll(() => trip.getByRole('timer').count()).toBe(1);
    expect(await trip.getByText(/Breakfast \(per guest per night\) × 2/).isVisible()).toBe(true);
    expect(await trip.getByText('Special requests: Quiet room, high floor').isVisible()).toBe(true);
  });

  it('finds a flight from New York and picks a seat on the seat map', async () => {
    await page.getByRole('tab', { name: 'Flights' }).click();
    await page.getByLabel('From (airport)').fill('JFK');
    await page.getByLabel('To (airport)').fill('LHR');
    // The stay's check-in was offered as the departure date.
    expect(await page.getByLabel('Departure date').inputValue()).toBe(checkIn);
    await page.getByRole('button', { name: 'Search flights' }).click();
    const results = page.getByRole('table', { name: /Flights from JFK to LHR/ });
    await results.waitFor();
    await results
      .getByRole('button', { name: /Choose seats on .*, Economy/ })
      .first()
      .click();

    const dialog = page.getByRole('dialog', { name: /Choose seats/ });
    await dialog.waitFor();
    await dialog.getByLabel('Passenger 1 name').fill(CUSTOMER.name);
    const map = dialog.getByRole('grid', { name: 'Seat map, Economy' });
    await map.waitFor();
    const seat = map.getByRole('button', { name: /^Seat \d+A, window, free$/ }).nth(3);
    const label = (await seat.getAttribute('aria-label'))!;
    const seatCode = /^Seat (\d+A)/.exec(label)![1]!;
    await seat.click();
    expect(
      await map.getByRole('button', { name: `Seat ${seatCode}, window, chosen for passenger 1` }).count(),
    ).toBe(1);
    await dialog.getByText(`Seat ${seatCode}`, { exact: true }).waitFor();
    await shot(page, 'agent-seat-map');
    await dialog.getByRole('button', { name: 'Hold seat' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tripBuilder(page).getByText(`${CUSTOMER.name} (seat ${seatCode})`).waitFor();
  });

  it('finds a car at the London airport for the stay and holds it', async () => {
    await page.getByRole('tab', { name: 'Cars' }).click();
    await page.getByLabel('Rental station').selectOption('LHR-A');
    expect(await page.getByLabel('Pick-up').inputValue()).toBe(checkIn);
    expect(await page.getByLabel('Drop-off').inputValue()).toBe(checkOut);
    await page.getByRole('button', { name: 'Search cars' }).click();
    const results = page.getByRole('table', { name: /Free cars at/ });
    await results.waitFor();
    await results
      .getByRole('button', { name: /^Hold car / })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Hold a car' });
    await dialog.getByRole('button', { name: 'Hold car' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows the three held items with their countdowns, the total and the payment deadline', async () => {
    const trip = tripBuilder(page);
    await expect
      .poll(() =>
        trip
          .getByRole('listitem')
          .filter({ has: page.getByRole('timer') })
          .count(),
      )
      .toBe(3);
    const timers = await trip.getByRole('timer').allTextContents();
    for (const text of timers) expect(text).toMatch(/^(29|30):\d\d left$/);
    expect(await trip.getByText(/Pay by /).isVisible()).toBe(true);
    expect(await trip.locator('.trip-total').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
    await shot(page, 'agent-trip-builder');
  });

  it('says a declined card in words and keeps the holds', async () => {
    const trip = tripBuilder(page);
    await trip.getByLabel('Payment method').selectOption({ label: 'Card with insufficient funds (test)' });
    await trip.getByRole('button', { name: /^Pay \$/ }).click();
    const alert = trip.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Declined: insufficient funds\. Ask for another card\. The holds are kept until /,
    );
    expect(await trip.getByRole('timer').count()).toBe(3);
    expect(await trip.getByText(LOST).count()).toBe(0);
    await shot(page, 'agent-declined');
  });

  it('pays with Visa and shows the confirmation and the receipt', async () => {
    const trip = tripBuilder(page);
    await trip.getByLabel('Payment method').selectOption({ label: 'Visa •••• 4242 (test)' });
    await trip.getByRole('button', { name: /^Pay \$/ }).click();
    const paid = trip.getByRole('heading', { name: /^Paid · invoice / });
    await paid.waitFor();
    // The keyboard lands on the confirmation.
    expect(await focusedName(page)).toMatch(/^Paid · invoice /);
    expect(await trip.getByText('Every item is confirmed.', { exact: false }).isVisible()).toBe(true);
    expect(await trip.getByRole('timer').count()).toBe(0);
    await shot(page, 'agent-paid');

    await trip.getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.getByRole('dialog', { name: `Receipt · ${CUSTOMER.name}` });
    await receipt.waitFor();
    // The server's receipt, in a frame that runs no script: read from the page, which may look in.
    const receiptText = () =>
      page.evaluate(() => {
        const frame = document.querySelector<HTMLIFrameElement>('iframe.receipt-frame');
        return frame ? (frame.contentDocument?.body?.textContent ?? '') : '';
      });
    await expect.poll(receiptText, { timeout: 10_000 }).toContain(CUSTOMER.name);
    const invoice = await receiptText();
    expect(invoice).toContain('Visa ending in 4242');
    expect(invoice).toMatch(/Total paid\s*\$1,[\d,]+\.\d\d/);
    await shot(page, 'agent-receipt');
    await page.keyboard.press('Escape');
    await receipt.waitFor({ state: 'detached' });
  });

  it('lists the trip under Trips, and its detail shows the history', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trips' }).click();
    const table = page.getByRole('table', { name: 'Trips' });
    await table.waitFor();
    await page.getByLabel('Search').fill('grace');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Status').selectOption({ label: 'Paid' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.textContent()).toContain('Hotel stay, Flight, Car rental');
    await shot(page, 'agent-trips-list');

    await table.getByRole('button', { name: `Open the trip of ${CUSTOMER.name}, Paid` }).click();
    await page.getByRole('heading', { name: `Trip of ${CUSTOMER.name}` }).waitFor();
    const history = page.getByRole('list', { name: 'History, oldest first' });
    const text = await history.textContent();
    expect(text).toContain('Trip opened');
    expect(text).toContain('Payment declined');
    expect(text).toContain('Declined: insufficient funds.');
    expect(text).toContain('Trip paid and confirmed');
    expect(await history.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
    await shot(page, 'agent-trip-detail');
  });

  it('sells a room by keyboard alone: search, hold, checkout', { timeout: 60_000 }, async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Search' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Hotels' }).waitFor();
    // The search kinds are tabs: one Tab stop, the arrow keys (or Home) choose among them.
    await tabTo(page, /^(Hotels|Flights|Cars)$/);
    await page.keyboard.press('Home');
    expect(await page.getByRole('tab', { name: 'Hotels' }).getAttribute('aria-selected')).toBe('true');
    await tabTo(page, /^City$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Rome');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /Free rooms in Rome/ }).waitFor();

    await tabTo(page, /^Hold /);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Hold a room' });
    await dialog.waitFor();
    // The last trip is paid: this hold opens a new one, and the cursor is in the customer's name.
    expect(await focusedName(page)).toBe('Customer name');
    await page.keyboard.type(KEYBOARD_CUSTOMER.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(KEYBOARD_CUSTOMER.email);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await tripBuilder(page).getByText(KEYBOARD_CUSTOMER.name).waitFor();

    await tabTo(page, /^Payment method$/);
    await page.keyboard.press('ArrowDown');
    expect(await tripBuilder(page).getByLabel('Payment method').inputValue()).toBe('pm_card_visa');
    await tabTo(page, /^Pay \$/);
    await shot(page, 'agent-keyboard-checkout');
    await page.keyboard.press('Enter');
    await tripBuilder(page)
      .getByRole('heading', { name: /^Paid · invoice / })
      .waitFor();
  });

  it('changes the seat of a sold flight on the seat map', { timeout: 60_000 }, async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trips' }).click();
    await page.getByRole('heading', { name: `Trip of ${CUSTOMER.name}` }).waitFor();
    await page.getByRole('button', { name: /^Change BA\d+ JFK → LHR$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Change flight: / });
    const map = dialog.getByRole('grid', { name: 'Seat map, fare class Y' });
    await map.waitFor();
    const before = (await map
      .getByRole('button', { name: /chosen for passenger 1$/ })
      .getAttribute('aria-label'))!;
    const next = map.getByRole('button', { name: /^Seat \d+C, aisle, free$/ }).first();
    const seatCode = /^Seat (\w+),/.exec((await next.getAttribute('aria-label'))!)![1]!;
    await next.click();
    expect(
      await map.getByRole('button', { name: `Seat ${seatCode}, aisle, chosen for passenger 1` }).count(),
    ).toBe(1);
    expect(before).not.toContain(seatCode);
    await dialog.getByRole('button', { name: 'Change item' }).click();
    const done = page.getByRole('dialog', { name: 'Item changed' });
    await done.getByText(/^Changed\. It was \$[\d,.]+, it is now \$[\d,.]+\./).waitFor();
    await done.getByRole('button', { name: 'Done' }).click();
    await page.getByText(`${CUSTOMER.name} (seat ${seatCode})`).waitFor();
  });

  it(
    'cancels a paid trip, showing the refund the policies give before confirming',
    { timeout: 60_000 },
    async () => {
      await page.getByRole('button', { name: '← All trips' }).click();
      await page.getByLabel('Search').fill('alan');
      await page.getByLabel('Status').selectOption({ label: 'Any status' });
      const table = page.getByRole('table', { name: 'Trips' });
      await table.getByRole('button', { name: `Open the trip of ${KEYBOARD_CUSTOMER.name}, Paid` }).click();
      await page.getByRole('button', { name: 'Cancel trip…' }).click();
      const dialog = page.getByRole('dialog', { name: `Cancel the trip of ${KEYBOARD_CUSTOMER.name}` });
      const quote = dialog.getByRole('table', { name: 'Refund by item' });
      await quote.waitFor();
      // Two weeks ahead, a stay is still free to cancel: the whole price comes back.
      expect(await quote.textContent()).toContain('Free cancellation until 48 hours before check-in');
      const refundRow = (await quote.getByRole('row', { name: /Refunded to the card/ }).textContent())!;
      const refund = /\$[\d,]+\.\d\d/.exec(refundRow)![0];
      await shot(page, 'agent-cancel-quote');
      await dialog.getByLabel('Reason (optional)').fill('Plans changed');
      await dialog.getByRole('button', { name: `Cancel trip and refund ${refund}` }).click();
      const done = page.getByRole('dialog', { name: 'Trip cancelled' });
      await done
        .getByText(`The trip is cancelled. ${refund} is refunded to the card`, { exact: false })
        .waitFor();
      await done.getByRole('button', { name: 'Done' }).click();
      await page.locator('.trip-detail-head').getByText('Cancelled', { exact: true }).waitFor();
      expect(await page.getByRole('list', { name: 'History, oldest first' }).textContent()).toContain(
        'Trip cancelled',
      );
    },
  );

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

describe('a hold that runs out on screen, seen by another desk', () => {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  let agent: Page;
  let admin: Page;
  const errors: string[] = [];
  const pickUp = dateIn(20);
  const dropOff = dateIn(22);
  shotOnFailure(() => agent);

  beforeAll(async () => {
    server = await startTripdeskServer(60_000, { HOLD_TTL_SECONDS: '8', SWEEP_INTERVAL_SECONDS: '2' });
    browser = await launchChromium();
    // Two desks: separate contexts, so each has its own session.
    agent = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    watchErrors(agent, errors);
    watchErrors(admin, errors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function searchCars(page: Page): Promise<void> {
    await page.getByRole('tab', { name: 'Cars' }).click();
    await page.getByLabel('Rental station').selectOption('CDG-A');
    await page.getByLabel('Pick-up').fill(pickUp);
    await page.getByLabel('Drop-off').fill(dropOff);
    await page.getByRole('button', { name: 'Search cars' }).click();
    await page.getByRole('table', { name: /Free cars at/ }).waitFor();
  }

  const freeCars = (page: Page, category: string) =>
    page
      .getByRole('table', { name: /Free cars at/ })
      .getByRole('row')
      .filter({ hasText: category })
      .locator('td')
      .nth(1)
      .textContent();

  it(
    'shows the hold lost at zero, refuses to pay, and the other desk sees the car come and go',
    {
      timeout: 60_000,
    },
    async () => {
      await signIn(admin, server!.url, ADMIN);
      await admin
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: 'Search' })
        .click();
      await searchCars(admin);
      await signIn(agent, server!.url, AGENT);
      await searchCars(agent);

      const row = agent
        .getByRole('table', { name: /Free cars at/ })
        .getByRole('row')
        .nth(1);
      const category = (await row.locator('td .mono').textContent())!;
      const before = Number(await freeCars(admin, category));
      await row.getByRole('button', { name: /^Hold car / }).click();
      const dialog = agent.getByRole('dialog', { name: 'Hold a car' });
      await dialog.getByLabel('Customer name').fill(EXPIRY_CUSTOMER.name);
      await dialog.getByLabel('Customer email').fill(EXPIRY_CUSTOMER.email);
      await dialog.getByRole('button', { name: 'Open trip and hold car' }).click();
      await dialog.waitFor({ state: 'detached' });

      const trip = tripBuilder(agent);
      await expect
        .poll(async () => (await trip.getByRole('timer').textContent()) ?? '')
        .toMatch(/^0:0\d left$/);
      // The other desk's results follow without a refresh: one car fewer while it is held…
      await expect
        .poll(async () => Number(await freeCars(admin, category)), { timeout: 10_000 })
        .toBe(before - 1);

      await trip.getByText(LOST).waitFor({ timeout: 15_000 });
      expect(await trip.getByRole('timer').count()).toBe(0);
      const pay = trip.getByRole('button', { name: /^Pay\b/ });
      expect(await pay.getAttribute('aria-disabled')).toBe('true');
      const reason = trip.getByText(/^Every hold on this trip ran out/);
      await reason.waitFor();
      expect(await pay.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
      await trip.getByLabel('Payment method').selectOption({ label: 'Visa •••• 4242 (test)' });
      // Playwright will not click a button marked disabled; a clerk pressing Enter on it gets nothing.
      await pay.focus();
      await agent.keyboard.press('Enter');
      await agent.waitForTimeout(500);
      expect(await trip.getByRole('heading', { name: /^Paid/ }).count()).toBe(0);
      expect(await trip.getByRole('alert').count()).toBe(0);
      await shot(agent, 'agent-hold-lost');

      // …and back once the sweeper has released it; the agent's trip reads expired.
      await expect
        .poll(async () => Number(await freeCars(admin, category)), { timeout: 15_000 })
        .toBe(before);
      await trip.getByText('Expired', { exact: true }).waitFor({ timeout: 15_000 });
    },
  );

  it('logged no errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
