import type { Locator, Page } from 'playwright-core';

/** The bell's panel: what the desk was told, newest first, each opening its trip. */
export class NotificationsPanel {
  readonly root: Locator;
  readonly markAllReadButton: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Notifications' });
    this.markAllReadButton = this.root.getByRole('button', { name: 'Mark all read' });
  }

  /** The notification about a trip. */
  about(tripId: string): Locator {
    return this.root.getByRole('listitem').filter({ hasText: tripId });
  }

  /** Opens the trip a notification is about; the panel closes. */
  async openTrip(tripId: string): Promise<void> {
    await this.about(tripId)
      .getByRole('button', { name: `Open trip ${tripId}` })
      .click();
    await this.root.waitFor({ state: 'detached' });
  }
}
