import type { Locator, Page } from 'playwright-core';

/** The Trips section: the list with its search and status filter, and a trip's detail. */
export class TripsPage {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly backToList: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByRole('table', { name: 'Trips' });
    this.rows = this.table.locator('tbody tr');
    this.search = page.getByLabel('Search');
    this.status = page.getByLabel('Status');
    this.backToList = page.getByRole('button', { name: '← All trips' });
    this.history = page.getByRole('list', { name: 'History, oldest first' });
  }

  /** Opens a trip from the list by its customer and the status the list shows. */
  async open(customer: string, status: string): Promise<void> {
    await this.table.getByRole('button', { name: `Open the trip of ${customer}, ${status}` }).click();
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
