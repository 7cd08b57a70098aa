import type { Download, Locator, Page } from 'playwright-core';
import { typeDate } from './date-field.ts';

/** The Reports section: a period (and a hotel, for the admin), key figures, charts with their tables. */
export class ReportsPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly period: Locator;
  readonly hotel: Locator;
  /** The values of the key-figure tiles. */
  readonly figures: Locator;
  readonly hotelsTable: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Reports', level: 1 });
    this.period = page.getByLabel('Period');
    this.hotel = page.getByLabel('Hotel', { exact: true });
    this.figures = page.getByLabel('Key figures').getByRole('definition');
    this.hotelsTable = page.getByRole('table', { name: 'Occupancy, ADR and RevPAR per hotel' });
  }

  /** Custom dates from `from` to `to` (not included), at one hotel. */
  async choose(period: { from: string; to: string }, hotelName: string): Promise<void> {
    await this.period.selectOption({ label: 'Custom dates' });
    await typeDate(this.page.getByLabel('From', { exact: true }), period.from);
    await typeDate(this.page.getByLabel('To (not included)'), period.to);
    await this.hotel.selectOption({ label: hotelName });
  }

  occupancyChart(hotelName: string): Locator {
    return this.page.getByRole('figure', { name: `Occupancy per night, ${hotelName}` });
  }

  salesChart(currency: string): Locator {
    return this.page.getByRole('figure', { name: `Sales by day, ${currency}` });
  }

  /** The bars of a chart; those of empty days are 0 high, so attached but not visible. */
  static bars(chart: Locator): Locator {
    return chart.locator('svg rect');
  }

  /** Downloads a report as CSV by its button's name. */
  async download(buttonName: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: buttonName }).click(),
    ]);
    return download;
  }
}
