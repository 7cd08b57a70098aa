import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { ADMIN, AGENT, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { dateOf, typeDate } from './page-models/date-field.ts';
import { focusedName, tabTo } from './page-models/keyboard.ts';
import { HoldDialog, SearchPage } from './page-models/search-page.ts';
import { SeatMap } from './page-models/seat-map.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { TripBuilderPanel } from './page-models/trip-builder-panel.ts';
import { TripsPage } from './page-models/trips-page.ts';
import { shot } from './screenshots.ts';

/**
 * The agent's workspace against the real server with demo data: a hotel + flight + car trip sold and
 * paid (a declined card first), the trip in the Trips list with its history, the same sale by keyboard
 * alone, and, on a server with 8-second holds, a hold running out on screen while another desk watches.
 */

// Each spec starts its own server on an empty data folder: these customers are this spec's own.
const CUSTOMER = { name: 'Grace Hopper', email: 'grace.hopper@example.com' };
const KEYBOARD_CUSTOMER = { name: 'Alan Turing', email: 'alan.turing@example.com' };
const EXPIRY_CUSTOMER = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' };

/** `YYYY-MM-DD`, `days` after today in the browser's (UTC) calendar. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the agent sells a trip, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let shell: AppShell;
  let search: SearchPage;
  let trip: TripBuilderPanel;
  let trips: TripsPage;
  const checkIn = dateIn(14);
  const checkOut = dateIn(17);

  beforeAll(async () => {
    page = await run.openPage();
    shell = new AppShell(page);
    search = new SearchPage(page);
    trip = new TripBuilderPanel(page);
    trips = new TripsPage(page);
  });

  it('opens Search for the agent, with an empty trip and live updates', async () => {
    await new SignInPage(page).signInAs(AGENT);
    await search.heading.waitFor();
    expect(await search.tab('Hotels').getAttribute('aria-selected')).toBe('true');
    await trip.root.getByText('No trip in progress').waitFor();
    await shell.live.waitFor();
  });

  it('types dates in the locale order and picks them from the calendar with the keyboard', async () => {
    const checkInField = search.hotelForm.getByLabel('Check-in');
    // Shortcuts: t is today and +3 three days on, written out on leaving the field.
    await checkInField.fill('t');
    await checkInField.blur();
    const today = await dateOf(checkInField);
    await checkInField.fill('+3');
    await checkInField.blur();
    expect(await dateOf(checkInField)).toBe(addDays(today, 3));
    // A date that does not exist is refused beside the field, not sent as another day.
    await typeDate(checkInField, '2027-02-29');
    expect(await checkInField.getAttribute('aria-invalid')).toBe('true');
    await search.hotelForm.getByText('February 2027 has 28 days.').waitFor();
    // The calendar: Alt+↓ opens it on the typed date (or today), arrows move, Enter picks.
    await typeDate(checkInField, dateIn(14));
    await checkInField.focus();
    await page.keyboard.press('Alt+ArrowDown');
    const calendar = page.getByRole('dialog', { name: 'Check-in: calendar' });
    await calendar.getByRole('grid').waitFor();
    await shot(page, 'date-field-calendar-search');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await dateOf(checkInField)).toBe(dateIn(15));
    expect(await focusedName(page)).toBe('Check-in');
  });

  it('finds hotels in London two weeks ahead with a spa and 4 stars or more, and holds a room on a new trip', async () => {
    await search.filterHotels({ stars: '4 stars or more', amenities: ['spa'], sort: 'Most stars first' });
    const results = await search.findHotels({ city: 'London', checkIn, checkOut, guests: 2 });
    await results.waitFor();
    const rows = results.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Every row: 4 or 5 stars, a spa among its amenities, its terms in words, most stars first.
    const stars: number[] = [];
    for (const row of await rows.all()) {
      const name = (await row.getByRole('img', { name: /^\d stars?$/ }).getAttribute('aria-label')) ?? '';
      stars.push(Number(name[0]));
      const amenities = row.getByRole('list', { name: 'Amenities' });
      expect(await amenities.textContent()).toMatch(/spa/);
      expect(await row.textContent()).toMatch(/Free cancellation until .+ hotel time; then first night kept/);
    }
    expect(stars.every((n) => n >= 4)).toBe(true);
    // The extras, the same for every room of the search, are priced once under the table.
    expect(await page.getByText(/^Extras with every offer: Breakfast \$\d+\.\d\d/).isVisible()).toBe(true);
    expect(stars).toEqual([...stars].sort((a, b) => b - a));
    await shot(page, 'agent-hotel-search');

    await results
      .getByRole('button', { name: /^Hold / })
      .first()
      .click();
    const dialog = new HoldDialog(page, 'Hold a room');
    await dialog.root.waitFor();
    // The terms before the hold: the policy, and what each extra costs for this stay.
    expect(await dialog.terms()).toMatch(/^Free cancellation until \w{3} \d+ \w{3}, \d\d:\d\d hotel time/);
    expect(await dialog.root.getByText(/^\$\d+\.\d\d each, per guest, every night$/).isVisible()).toBe(true);
    // No trip yet: the hold opens one for the customer, whose name has the focus.
    expect(await focusedName(page)).toBe('Customer name');
    await page.keyboard.type(CUSTOMER.name);
    await dialog.customerEmail.fill(CUSTOMER.email);
    await dialog.field('Breakfast').fill('2');
    await dialog.field('Special requests (optional)').fill('Quiet room, high floor');
    await shot(page, 'agent-hold-room');
    await dialog.confirm('Open trip and hold room');

    await trip.root.getByText(CUSTOMER.name).waitFor();
    await expect.poll(() => trip.timers.count()).toBe(1);
    expect(await trip.root.getByText(/Breakfast \(per guest per night\) × 2/).isVisible()).toBe(true);
    expect(await trip.root.getByText('Special requests: Quiet room, high floor').isVisible()).toBe(true);
    await search.clearHotelFilters();
  });

  it('finds a flight from New York and picks a seat on the seat map', async () => {
    await search.tab('Flights').click();
    // The stay's check-in was offered as the departure date.
    expect(await dateOf(search.departureDate)).toBe(checkIn);
    // By city: "London" lists London's four airports; Heathrow is picked with the arrow keys.
    const results = await search.findFlights('JFK', 'LHR', { from: 'new york', to: 'London' });
    await results.waitFor();
    // Times are local at each airport: New York's departure, London's arrival (+1 overnight).
    const first = results.getByRole('row').nth(1);
    expect(await first.getByRole('cell').nth(1).textContent()).toMatch(/^\d{2}:\d{2} JFK\w{3}, \w{3} \d+$/);
    expect(await first.getByRole('cell').nth(2).textContent()).toMatch(
      /^\d{2}:\d{2}(\+1)? LHR\w{3}, \w{3} \d+$/,
    );
    await shot(page, 'agent-flight-results');
    await results
      .getByRole('button', { name: /Choose seats on .*, Economy/ })
      .first()
      .click();

    const dialog = new HoldDialog(page, /Choose seats/);
    await dialog.root.waitFor();
    // An Economy (Y) fare: its terms say so before any seat is held.
    expect(await dialog.terms()).toBe('Non-refundable');
    await dialog.field('Passenger 1 name').fill(CUSTOMER.name);
    const map = new SeatMap(dialog.root, 'Economy');
    await map.root.waitFor();
    const seat = map.seats(/^Seat \d+A, window, free$/).nth(3);
    const seatCode = await SeatMap.codeOf(seat);
    await seat.click();
    expect(await map.seats(`Seat ${seatCode}, window, chosen for passenger 1`).count()).toBe(1);
    await dialog.root.getByText(`Seat ${seatCode}`, { exact: true }).waitFor();
    await shot(page, 'agent-seat-map');
    await dialog.confirm('Hold seat');
    await trip.root.getByText(`${CUSTOMER.name} (seat ${seatCode})`).waitFor();
  });

  it('finds a car at the London airport for the stay and holds it', async () => {
    await search.tab('Cars').click();
    await search.rentalStation.selectOption('LHR-A');
    expect(await dateOf(search.pickUp)).toBe(checkIn);
    expect(await dateOf(search.dropOff)).toBe(checkOut);
    const results = await search.findCars();
    // Each category's terms: free until pick-up (the start of the day, UTC), then the rental is kept.
    expect(await results.locator('tbody tr').first().textContent()).toMatch(
      /Free cancellation until \w{3} \d+ \w{3}, 00:00 UTC; then non-refundable/,
    );
    await results
      .getByRole('button', { name: /^Hold car / })
      .first()
      .click();
    const dialog = new HoldDialog(page, 'Hold a car');
    expect(await dialog.terms()).toMatch(/^Free cancellation until/);
    expect(await dialog.root.getByText(/^\$\d+\.\d\d each, per day, up to 3$/).count()).toBe(2);
    await dialog.confirm('Hold car');
  });

  it('shows the three held items with their countdowns, the total and the payment deadline', async () => {
    await expect.poll(() => trip.heldItems.count()).toBe(3);
    const timers = await trip.timers.allTextContents();
    for (const text of timers) expect(text).toMatch(/^(29|30):\d\d left$/);
    expect(await trip.payBy.isVisible()).toBe(true);
    expect(await trip.total()).toMatch(/^\$[\d,]+\.\d\d$/);
    await shot(page, 'agent-trip-builder');
  });

  it('says a declined card in words and keeps the holds', async () => {
    await trip.payWith('Card with insufficient funds (test)');
    await trip.alert.waitFor();
    expect(await trip.alert.textContent()).toMatch(
      /^Declined: insufficient funds\. Ask for another card\. The holds are kept until /,
    );
    expect(await trip.timers.count()).toBe(3);
    expect(await trip.lostHolds.count()).toBe(0);
    await shot(page, 'agent-declined');
  });

  it('pays with Visa and shows the confirmation and the receipt', async () => {
    await trip.payWith('Visa •••• 4242 (test)');
    await trip.paidHeading.waitFor();
    // The keyboard lands on the confirmation.
    expect(await focusedName(page)).toMatch(/^Paid · invoice /);
    expect(await trip.root.getByText('Every item is confirmed.', { exact: false }).isVisible()).toBe(true);
    expect(await trip.timers.count()).toBe(0);
    await shot(page, 'agent-paid');

    const receipt = await trip.openReceipt(CUSTOMER.name);
    await expect.poll(() => receipt.text(), { timeout: 10_000 }).toContain(CUSTOMER.name);
    const invoice = await receipt.text();
    expect(invoice).toContain('Visa ending in 4242');
    expect(invoice).toMatch(/Total paid\s*\$\d{1,3}(,\d{3})+\.\d\d/);
    await shot(page, 'agent-receipt');
    await page.keyboard.press('Escape');
    await receipt.root.waitFor({ state: 'detached' });
  });

  it('lists the trip under Trips, and its detail shows the history', async () => {
    await shell.goTo('Trips');
    await trips.table.waitFor();
    await trips.search.fill('grace');
    await expect.poll(() => trips.rows.count()).toBe(1);
    await trips.status.selectOption({ label: 'Paid' });
    await expect.poll(() => trips.rows.count()).toBe(1);
    expect(await trips.table.textContent()).toContain('Hotel stay, Flight, Car rental');
    await shot(page, 'agent-trips-list');

    await trips.open(CUSTOMER.name, 'Paid');
    await trips.detailHeading(CUSTOMER.name).waitFor();
    const text = await trips.history.textContent();
    expect(text).toContain('Trip opened');
    expect(text).toContain('Payment declined');
    expect(text).toContain('Declined: insufficient funds.');
    expect(text).toContain('Trip paid and confirmed');
    expect(await trips.history.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
    await shot(page, 'agent-trip-detail');
  });

  it('sells a room by keyboard alone: search, hold, checkout', { timeout: 60_000 }, async () => {
    await shell.section('Search').focus();
    await page.keyboard.press('Enter');
    await search.tab('Hotels').waitFor();
    // The search kinds are tabs: one Tab stop, the arrow keys (or Home) choose among them.
    await tabTo(page, /^(Hotels|Flights|Cars)$/);
    await page.keyboard.press('Home');
    expect(await search.tab('Hotels').getAttribute('aria-selected')).toBe('true');
    await tabTo(page, /^City$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Rome');
    await page.keyboard.press('Enter');
    await search.hotelResults('Rome').waitFor();

    await tabTo(page, /^Hold /);
    await page.keyboard.press('Enter');
    const dialog = new HoldDialog(page, 'Hold a room');
    await dialog.root.waitFor();
    // The last trip is paid: this hold opens a new one, and the cursor is in the customer's name.
    expect(await focusedName(page)).toBe('Customer name');
    await page.keyboard.type(KEYBOARD_CUSTOMER.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(KEYBOARD_CUSTOMER.email);
    await page.keyboard.press('Enter');
    await dialog.root.waitFor({ state: 'detached' });
    await trip.root.getByText(KEYBOARD_CUSTOMER.name).waitFor();

    await tabTo(page, /^Payment method$/);
    await page.keyboard.press('ArrowDown');
    expect(await trip.paymentMethod.inputValue()).toBe('pm_card_visa');
    await tabTo(page, /^Pay \$/);
    await shot(page, 'agent-keyboard-checkout');
    await page.keyboard.press('Enter');
    await trip.paidHeading.waitFor();
  });

  it(
    'changes the seat of a sold flight on the seat map, then corrects a passenger name',
    { timeout: 60_000 },
    async () => {
      await shell.goTo('Trips');
      await trips.detailHeading(CUSTOMER.name).waitFor();
      await page.getByRole('button', { name: /^Change BA\d+ JFK → LHR$/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Change flight: / });
      const map = new SeatMap(dialog, 'fare class Y');
      await map.root.waitFor();
      const before = (await map.seats(/chosen for passenger 1$/).getAttribute('aria-label'))!;
      const next = map.seats(/^Seat \d+C, aisle, free$/).first();
      const seatCode = await SeatMap.codeOf(next);
      await next.click();
      expect(await map.seats(`Seat ${seatCode}, aisle, chosen for passenger 1`).count()).toBe(1);
      expect(before).not.toContain(seatCode);
      await dialog.getByRole('button', { name: 'Change item' }).click();
      const done = page.getByRole('dialog', { name: 'Item changed' });
      await done.getByText(/^Changed\. It was \$[\d,.]+, it is now \$[\d,.]+\./).waitFor();
      await done.getByRole('button', { name: 'Done' }).click();
      await page.getByText(`${CUSTOMER.name} (seat ${seatCode})`).waitFor();

      // A name typed wrong at sale is corrected, free of charge: nothing moves.
      await page.getByRole('button', { name: /^Change BA\d+ JFK → LHR$/ }).click();
      const again = page.getByRole('dialog', { name: /^Change flight: / });
      const name = again.getByLabel('Passenger 1', { exact: true });
      await name.fill(`${CUSTOMER.name} Jr`);
      await again.getByLabel('Flight', { exact: true }).waitFor();
      await shot(page, 'agent-change-flight', { fullPage: false });
      await again.getByRole('button', { name: 'Change item' }).click();
      await done.getByText(/^Changed\. .* The price is the same\.$/).waitFor();
      await done.getByRole('button', { name: 'Done' }).click();
      await page.getByText(`${CUSTOMER.name} Jr (seat ${seatCode})`).waitFor();
    },
  );

  it(
    'cancels a paid trip, showing the refund the policies give before confirming',
    { timeout: 60_000 },
    async () => {
      await trips.backToList.click();
      await trips.search.fill('alan');
      await trips.status.selectOption({ label: 'Any status' });
      await trips.open(KEYBOARD_CUSTOMER.name, 'Paid');
      await page.getByRole('button', { name: 'Cancel trip…' }).click();
      const dialog = page.getByRole('dialog', { name: `Cancel the trip of ${KEYBOARD_CUSTOMER.name}` });
      const quote = dialog.getByRole('table', { name: 'Refund by item' });
      await quote.waitFor();
      // Two weeks ahead, a stay is still free to cancel: the whole price comes back.
      // The terms as sold: the server's own words and figures, as on the receipt and the trip's page.
      expect(await quote.textContent()).toMatch(
        /Sold as: Free cancellation until 48 hours before check-in \(.+ hotel time\); after that the first night is charged\. Free until .+; then a \$[\d,]+\.\d\d fee\./,
      );
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
      await trips.detailStatus('Cancelled').waitFor();
      expect(await trips.history.textContent()).toContain('Trip cancelled');
    },
  );

  it('logged no errors in the page', () => {
    expect(run.errors).toEqual([]);
  });
});

describe('a hold that runs out on screen, seen by another desk', () => {
  const run = useTripdesk({ serverEnv: { HOLD_TTL_SECONDS: '8', SWEEP_INTERVAL_SECONDS: '2' } });
  const dates = { pickUp: dateIn(20), dropOff: dateIn(22) };

  it(
    'shows the hold lost at zero, refuses to pay, the other desk sees the car come and go; Hold again, then pay',
    {
      timeout: 60_000,
    },
    async () => {
      // Two desks, each with a session of its own, looking at the same cars.
      const admin = await run.openSignedIn(ADMIN);
      await new AppShell(admin).goTo('Search');
      const adminSearch = new SearchPage(admin);
      await adminSearch.findCarsAt('CDG-A', dates);
      const agent = await run.openSignedIn(AGENT);
      const search = new SearchPage(agent);
      await search.findCarsAt('CDG-A', dates);

      const row = search.carResults.getByRole('row').nth(1);
      const category = await SearchPage.carCategory(row);
      const before = Number(await adminSearch.freeCars(category));
      await row.getByRole('button', { name: /^Hold car / }).click();
      const dialog = new HoldDialog(agent, 'Hold a car');
      await dialog.customerName.fill(EXPIRY_CUSTOMER.name);
      await dialog.customerEmail.fill(EXPIRY_CUSTOMER.email);
      await dialog.confirm('Open trip and hold car');

      const trip = new TripBuilderPanel(agent);
      await expect.poll(async () => (await trip.timers.textContent()) ?? '').toMatch(/^0:0\d left$/);
      // Under a minute left: the basket says so in a red banner above Pay, read out once as an alert.
      await trip.holdWarning.waitFor();
      expect(
        await trip.root
          .getByRole('alert')
          .filter({ hasText: /^Holds end in / })
          .count(),
      ).toBe(1);
      await shot(agent, 'agent-hold-warning', { fullPage: false });
      // The other desk's results follow without a refresh: one car fewer while it is held…
      await expect
        .poll(async () => Number(await adminSearch.freeCars(category)), { timeout: 10_000 })
        .toBe(before - 1);

      await trip.lostHolds.waitFor({ timeout: 15_000 });
      expect(await trip.timers.count()).toBe(0);
      expect(await trip.payButton.getAttribute('aria-disabled')).toBe('true');
      const reason = trip.root.getByText(/^Every hold on this trip ran out/);
      await reason.waitFor();
      expect(await trip.payButton.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
      await trip.paymentMethod.selectOption({ label: 'Visa •••• 4242 (test)' });
      // Playwright will not click a button marked disabled; a clerk pressing Enter on it gets nothing.
      await trip.payButton.focus();
      await agent.keyboard.press('Enter');
      await agent.waitForTimeout(500);
      expect(await trip.root.getByRole('heading', { name: /^Paid/ }).count()).toBe(0);
      expect(await trip.alert.count()).toBe(0);
      await shot(agent, 'agent-hold-lost');

      // …and back once the sweeper has released it; the agent's trip reads expired.
      await expect
        .poll(async () => Number(await adminSearch.freeCars(category)), { timeout: 15_000 })
        .toBe(before);
      await trip.root.getByText('Expired', { exact: true }).waitFor({ timeout: 15_000 });

      // Not a dead end: Hold again holds the same car in the same trip, with a new countdown, and it sells.
      await trip.holdAgainButton.click();
      await trip.holdAgainOutcomes.waitFor();
      expect(await trip.holdAgainOutcomes.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^Held \(car rental\): The car \(.+\) held again as it was\.$/),
      ]);
      await expect.poll(async () => (await trip.timers.textContent()) ?? '').toMatch(/^0:0\d left$/);
      expect(await trip.lostHolds.count()).toBe(0);
      await shot(agent, 'agent-hold-again', { fullPage: false });
      await trip.payWith('Visa •••• 4242 (test)');
      await trip.paidHeading.waitFor();
    },
  );

  it('logged no errors in the pages', () => {
    expect(run.errors).toEqual([]);
  });
});
