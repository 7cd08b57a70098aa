import type { Locator, Page } from 'playwright-core';

/** The front desk's day at one hotel: arrivals, in-house guests, departures, walk-ins, the room chart. */
export class FrontDeskPage {
  readonly page: Page;
  readonly date: Locator;
  /** The admin's choice of hotel (a desk clerk has one hotel and no choice). */
  readonly hotel: Locator;
  readonly arrivals: Locator;
  readonly inHouse: Locator;
  readonly walkInButton: Locator;
  readonly roomChartTab: Locator;

  constructor(page: Page) {
    this.page = page;
    this.date = page.getByLabel('Date', { exact: true });
    this.hotel = page.getByLabel('Hotel');
    this.arrivals = this.stayTable('Arrivals');
    this.inHouse = this.stayTable('In house');
    this.walkInButton = page.getByRole('button', { name: 'Walk-in' });
    this.roomChartTab = page.getByRole('tab', { name: 'Room chart' });
  }

  /** The day's heading: the hotel's name. */
  heading(hotelName: string): Locator {
    return this.page.getByRole('heading', { name: hotelName });
  }

  /** One of the day's lists of stays, by its exact name ("Arrivals", "In house"). */
  stayTable(name: string): Locator {
    return this.page.getByRole('table', { name, exact: true });
  }

  /** The guest's row in a list of stays. */
  guest(table: Locator, name: string): Locator {
    return table.getByRole('rowheader', { name });
  }

  /** Opens the check-in of a guest; the dialog's room list and its Check in button. */
  async openCheckIn(guest: string): Promise<{ dialog: Locator; room: Locator; confirm: Locator }> {
    await this.page.getByRole('button', { name: `Check in ${guest}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Check in ${guest}` });
    return {
      dialog,
      room: dialog.getByLabel('Room'),
      confirm: dialog.getByRole('button', { name: 'Check in', exact: true }),
    };
  }

  /** Opens the check-out of a guest; the dialog and its Check out button. */
  async openCheckOut(guest: string): Promise<{ dialog: Locator; confirm: Locator }> {
    await this.page.getByRole('button', { name: `Check out ${guest}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Check out ${guest}` });
    return { dialog, confirm: dialog.getByRole('button', { name: 'Check out', exact: true }) };
  }

  /** Switches to another hotel once it is offered (admins only). */
  async chooseHotel(name: string): Promise<void> {
    await this.page.getByRole('option', { name }).waitFor({ state: 'attached' });
    await this.hotel.selectOption({ label: name });
  }

  /** Opens the room chart tab; the chart's grid. */
  async openRoomChart(hotelName: string): Promise<Locator> {
    await this.roomChartTab.click();
    const grid = this.page.getByRole('grid', { name: `Room chart of ${hotelName}` });
    await grid.waitFor();
    return grid;
  }

  /** The name of the room chart's active cell, as a screen reader announces it. */
  activeCell(): Promise<string> {
    return this.page.evaluate(() => {
      const grid = document.querySelector('[role="grid"]');
      const id = grid?.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.getAttribute('aria-label') ?? '') : '';
    });
  }
}

/** The walk-in dialog: the guest, a free room type held, the payment taken, the check-in. */
export class WalkInDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly guestName: Locator;
  readonly email: Locator;
  readonly roomTypes: Locator;
  readonly card: Locator;
  readonly takePaymentButton: Locator;
  readonly checkInButton: Locator;

  constructor(page: Page, hotelName: string) {
    this.page = page;
    this.root = page.getByRole('dialog', { name: `Walk-in at ${hotelName}` });
    this.guestName = this.root.getByLabel('Guest name');
    this.email = this.root.getByLabel('Email');
    this.roomTypes = this.root.getByRole('table', { name: 'Free room types' });
    this.card = this.root.getByLabel('Card');
    this.takePaymentButton = this.root.getByRole('button', { name: /^Take payment of / });
    this.checkInButton = this.root.getByRole('button', { name: 'Check in', exact: true });
  }

  /** The guest's details, then on to the free room types. */
  async enterGuest(guest: { name: string; email: string }): Promise<void> {
    await this.guestName.fill(guest.name);
    await this.email.fill(guest.email);
    await this.root.getByRole('button', { name: 'Continue to rooms' }).click();
    await this.roomTypes.waitFor();
  }

  async hold(roomType: string): Promise<void> {
    await this.roomTypes.getByRole('button', { name: `Hold a ${roomType}` }).click();
  }

  /** Takes the payment with the test card of that label, whatever the answer. */
  async takePayment(card: string): Promise<void> {
    await this.card.selectOption({ label: card });
    await this.takePaymentButton.click();
  }

  alert(hasText: string): Locator {
    return this.root.getByRole('alert').filter({ hasText });
  }
}
