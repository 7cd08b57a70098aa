import type { Locator, Page } from 'playwright-core';

/** What a trip item says once its hold has run out. */
const HOLD_LOST = 'Hold lost — released to inventory';

/** The trip being sold, beside Search: its held items and countdowns, the total, the payment. */
export class TripBuilderPanel {
  readonly page: Page;
  readonly root: Locator;
  readonly timers: Locator;
  /** The items still held, each with its countdown. */
  readonly heldItems: Locator;
  readonly paymentMethod: Locator;
  /** The Pay button, whether it can pay or not. */
  readonly payButton: Locator;
  readonly payBy: Locator;
  /** A refusal or a failure said in the panel (not the deadline's own warning). */
  readonly alert: Locator;
  /** The deadline's banner at one minute left (an alert) or at five (a status). */
  readonly holdWarning: Locator;
  readonly paidHeading: Locator;
  readonly lostHolds: Locator;
  /** "Hold again" for a trip whose holds ran out, and its answer, item by item. */
  readonly holdAgainButton: Locator;
  readonly holdAgainOutcomes: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('complementary', { name: 'Current trip' });
    this.timers = this.root.getByRole('timer');
    this.heldItems = this.root.getByRole('listitem').filter({ has: page.getByRole('timer') });
    this.paymentMethod = this.root.getByLabel('Payment method');
    this.payButton = this.root.getByRole('button', { name: /^Pay\b/ });
    this.payBy = this.root.getByText(/Pay by /);
    this.alert = this.root.getByRole('alert').filter({ hasNotText: /^Holds end in / });
    this.holdWarning = this.root.getByText(/^Holds end in \d+:\d\d — pay now or they go back to inventory$/);
    this.paidHeading = this.root.getByRole('heading', { name: /^Paid · invoice / });
    this.lostHolds = this.root.getByText(HOLD_LOST);
    this.holdAgainButton = this.root.getByRole('button', { name: 'Hold again' });
    this.holdAgainOutcomes = this.root.getByRole('list', { name: 'Hold again: each item' });
  }

  /** The trip's total, as the panel writes it after "Total". */
  async total(): Promise<string> {
    const line = (await this.root.getByText(/^Total\s/).textContent()) ?? '';
    return line.replace(/^Total\s+/, '');
  }

  /** Chooses the payment method by its label and presses Pay, whatever the answer. */
  async payWith(method: string): Promise<void> {
    await this.paymentMethod.selectOption({ label: method });
    await this.root.getByRole('button', { name: /^Pay \$/ }).click();
  }

  /** Opens the receipt of the paid trip. */
  async openReceipt(customer: string): Promise<ReceiptDialog> {
    await this.root.getByRole('button', { name: 'Receipt' }).click();
    const receipt = new ReceiptDialog(this.page, customer);
    await receipt.root.waitFor();
    return receipt;
  }
}

/** The server's receipt, shown in a frame that runs no script. */
export class ReceiptDialog {
  readonly root: Locator;
  readonly frame: Locator;

  constructor(page: Page, customer: string) {
    this.root = page.getByRole('dialog', { name: `Receipt · ${customer}` });
    this.frame = this.root.getByTitle(/^Receipt for trip /);
  }

  /** The receipt's text, read from the page, which may look into the frame; empty until it is there. */
  async text(): Promise<string> {
    if ((await this.frame.count()) === 0) return '';
    return this.frame.evaluate((frame: HTMLIFrameElement) => frame.contentDocument?.body?.textContent ?? '');
  }
}
