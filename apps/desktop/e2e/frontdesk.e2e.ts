import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, type HotelDetail, type HotelItem, type Hotel, type RoomType } from '@tripdesk/shared';
import { ADMIN, AGENT, DESK, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { dateOf } from './page-models/date-field.ts';
import { FrontDeskPage, WalkInDialog } from './page-models/front-desk-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { shot } from './screenshots.ts';
import { hotelToday, type ServerApi } from './server-api.ts';

/**
 * The front desk against the real server with demo data: the demo desk clerk's day at the first demo
 * hotel (guests booked and paid by the demo agent through the API), a check-in with a chosen room and
 * the check-out, a walk-in sold and checked in from the desk, the room chart by keyboard, and the
 * chart of a 200-room hotel scrolling through a month.
 */

// Each spec starts its own server on an empty data folder: these guests are this spec's own.
const ARRIVING = 'Grace Arrival';
const WALK_IN = { name: 'Walter Walkin', email: 'walter.walkin@example.com' };

describe('the front desk works its day, against the real server', () => {
  const run = useTripdesk();
  let page: Page;
  let desk: FrontDeskPage;
  let agent: ServerApi;
  let deskApi: ServerApi;
  let hotel: HotelDetail;
  let today: string;
  let arriving: { tripId: string; itemId: string };

  beforeAll(async () => {
    agent = await run.api(AGENT);
    deskApi = await run.api(DESK);
    hotel = await agent.hotel(deskApi.user.hotelId!);
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
      await deskApi.post(`/api/trips/${trip.id}/items/${item.id}/check-in`, {});
    }

    page = await run.openPage();
    desk = new FrontDeskPage(page);
  });

  it('shows the desk clerk today’s arrivals, in-house guests and departures at their hotel', async () => {
    await new SignInPage(page).signInAs(DESK);
    // The front desk is the clerk's first section.
    await desk.heading(hotel.name).waitFor();
    expect(await dateOf(desk.date)).toBe(today);
    await desk.arrivals.getByText(ARRIVING).waitFor();
    expect(await desk.arrivals.getByRole('rowheader').allTextContents()).toEqual([ARRIVING, 'Kofi Mensah']);
    expect(await desk.inHouse.locator('tbody tr').count()).toBe(3);
    for (const guest of ['Henry Inhouse', 'Ines Longstay', 'Jun Tanaka']) {
      expect(await desk.guest(desk.inHouse, guest).count()).toBe(1);
    }
    await page.getByText('Nobody left to check out today.').waitFor();
    await shot(page, 'frontdesk-today');
  });

  it('checks the arriving guest in to a room the clerk picks, then out again', async () => {
    const checkIn = await desk.openCheckIn(ARRIVING);
    // Focus starts on the room list; the rooms in-house guests sleep in are not offered.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-in-room');
    const offered = await checkIn.room.locator('option').allTextContents();
    const henry = (
      await agent.get<{ items: { customer: { name: string }; items: HotelItem[] }[] }>(
        `/api/trips?q=${encodeURIComponent('Henry Inhouse')}`,
      )
    ).items[0]!.items[0]!;
    expect(offered).not.toContain(`Room ${henry.roomNumber}`);
    const chosen = offered.find((o) => /^Room \S+$/.test(o) && o !== `Room ${henry.roomNumber}`)!;
    await checkIn.room.selectOption({ label: chosen });
    await shot(page, 'frontdesk-check-in');
    await checkIn.confirm.click();

    const number = chosen.replace('Room ', '');
    await page.getByText(`Checked in ${ARRIVING} to room ${number}.`).waitFor();
    await desk.guest(desk.inHouse, ARRIVING).waitFor();
    expect(await desk.arrivals.getByRole('rowheader').allTextContents()).toEqual(['Kofi Mensah']);
    const checkedIn = (await deskApi.item(arriving.tripId, arriving.itemId)) as HotelItem;
    expect(checkedIn).toMatchObject({ status: 'checked_in', roomNumber: number });

    const checkOut = await desk.openCheckOut(ARRIVING);
    await checkOut.dialog.getByText(/This is an early departure/).waitFor();
    await checkOut.confirm.click();
    await page.getByText(`Checked out ${ARRIVING} from room ${number}.`).waitFor();
    await expect.poll(() => desk.guest(desk.inHouse, ARRIVING).count()).toBe(0);
    expect(await deskApi.item(arriving.tripId, arriving.itemId)).toMatchObject({ status: 'checked_out' });
  });

  it('sells a walk-in a room for tonight, takes the payment and checks them in, all from the desk', async () => {
    await desk.walkInButton.click();
    const walkIn = new WalkInDialog(page, hotel.name);
    await walkIn.enterGuest(WALK_IN);
    const cheapest = (await walkIn.roomTypes.getByRole('rowheader').first().textContent())!;
    await shot(page, 'frontdesk-walk-in-rooms');
    // The check-out day's calendar opens over the dialog; Escape closes the calendar, not the dialog.
    await walkIn.root.getByRole('button', { name: 'Choose date: Leaves (check-out day)' }).click();
    await page.getByRole('dialog', { name: 'Leaves (check-out day): calendar' }).getByRole('grid').waitFor();
    await shot(page, 'date-field-calendar-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('grid').waitFor({ state: 'detached' });
    expect(await walkIn.root.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('walk-in-check-out');
    await walkIn.hold(cheapest);

    await walkIn.takePayment('Visa test card (insufficient funds)');
    await walkIn.alert('The card was declined: there are not enough funds on the card.').waitFor();
    await walkIn.takePayment('Visa test card (approved)');
    await walkIn.root.getByText(/^Paid .*, invoice /).waitFor();
    await shot(page, 'frontdesk-walk-in-paid');
    await walkIn.checkInButton.click();

    const notice = page.getByText(
      new RegExp(`^Walk-in ${WALK_IN.name} paid and checked in to room \\S+\\.$`),
    );
    await notice.waitFor();
    await desk.guest(desk.inHouse, WALK_IN.name).waitFor();
    const trips = await deskApi.get<{ items: { status: string; payment?: unknown; items: HotelItem[] }[] }>(
      `/api/trips?q=${encodeURIComponent(WALK_IN.email)}`,
    );
    expect(trips.items).toHaveLength(1);
    expect(trips.items[0]).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(trips.items[0]!.items[0]).toMatchObject({ status: 'checked_in', checkIn: today });
  });

  it('shows the month on the room chart and moves through it by keyboard', async () => {
    const grid = await desk.openRoomChart(hotel.name);
    await page.getByText(/ · \d+ stays$/).waitFor();
    const rooms = hotel.roomTypes.reduce((n, t) => n + t.roomNumbers.length, 0);
    // The grid knows every row even though only those in view are in the page.
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(rooms);
    expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);
    await grid.getByText('Ines Longstay').waitFor();
    await grid.getByText('Bruno Later').waitFor();
    await shot(page, 'tape-chart');

    await grid.focus();
    expect(await desk.activeCell()).toMatch(
      new RegExp(`^${hotel.roomTypes[0]!.name}, .*: \\d+ of \\d+ free$`),
    );
    // Down to the first room of the first room type, whatever its lanes of expected guests.
    for (let i = 0; i < 10 && !/^Room /.test(await desk.activeCell()); i++)
      await page.keyboard.press('ArrowDown');
    expect(await desk.activeCell()).toMatch(/^Room \S+, .+: /);
    await page.keyboard.press('End');
    expect(await desk.activeCell()).toMatch(/^Room \S+, .+: free$/);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Control+End');
    expect(await desk.activeCell()).toMatch(/^Room \S+, /);
    // The last room is in view after the jump: the window of rendered rows followed.
    const lastRoom = hotel.roomTypes.at(-1)!.roomNumbers.at(-1)!;
    expect(await grid.getByRole('rowheader', { name: `Room ${lastRoom}`, exact: true }).isVisible()).toBe(
      true,
    );
  });

  it('keeps the room chart of a 200-room hotel smooth over a month', async () => {
    const admin = await run.api(ADMIN);
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
    const shell = new AppShell(page);
    await shell.signOut();
    await new SignInPage(page).signInAs(ADMIN);
    await shell.goTo('Front desk');
    await desk.chooseHotel('Grand Tape Hotel');
    const grid = await desk.openRoomChart('Grand Tape Hotel');
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
    await shot(page, 'tape-chart-200-rooms', { fullPage: false });
  });

  it('logged no errors in the page', () => {
    expect(run.errors).toEqual([]);
  });
});
