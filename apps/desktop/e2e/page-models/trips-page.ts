import type { Locator, Page } from 'playwright-core';

/** The Trips section: the list with its search and filters and its pages, and a trip's detail. */
export class TripsPage {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly backToList: Locator;
  readonly history: Locator;
  readonly destination: Locator;
  readonly travelFrom: Locator;
  readonly travelTo: Locator;
  readonly pager: Locator;
  readonly copyLink: Locator;
  readonly heading: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByRole('table', { name: 'Trips' });
    this.rows = this.table.locator('tbody tr');
    this.search = page.getByLabel('Search');
    this.status = page.getByLabel('Status');
    this.backToList = page.getByRole('button', { name: '← All trips' });
    this.history = page.getByRole('list', { name: 'History, oldest first' });
    this.destination = page.getByLabel('Destination');
    this.travelFrom = page.getByLabel('Travelling from');
    this.travelTo = page.getByLabel('Travelling to');
    this.pager = page.getByRole('navigation', { name: 'Pages of trips' });
    this.copyLink = page.getByRole('button', { name: 'Copy link' });
    this.heading = page.getByRole('heading', { name: 'Trips', exact: true });
  }

  /** "/" to the search box, the words, Enter: the desk's way to find a trip. */
  async searchFor(text: string): Promise<void> {
    await this.page.keyboard.press('/');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The customer names of the rows shown, in order. */
  async customers(): Promise<string[]> {
    return this.rows.locator('td:first-child a').allTextContents();
  }

  /** Opens a trip from the list by its customer and the status the list shows. */
  async open(customer: string, status: string): Promise<void> {
    await this.table.getByRole('link', { name: `Open the trip of ${customer}, ${status}` }).click();
  }

  /** The detail's heading, which names the customer. */
  detailHeading(customer: string): Locator {
    return this.page.getByRole('heading', { name: `Trip of ${customer}` });
  }

  /**
   * The trip's own status at the head of its detail: the status word outside the tables and lists,
   * where its items and its history have statuses of their own.
   */
  detailStatus(status: string): Locator {
    return this.page
      .getByRole('main')
      .getByText(status, { exact: true })
      .and(this.page.locator(':not(table *, li *)'));
  }
}
