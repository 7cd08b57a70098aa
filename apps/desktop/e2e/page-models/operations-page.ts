import type { Locator, Page } from 'playwright-core';

/** The admin's Operations section: the consistency check of the stores, and the backups. */
export class OperationsPage {
  readonly page: Page;
  readonly runCheckButton: Locator;
  readonly pastRuns: Locator;
  readonly latestReport: Locator;
  /** The checks of the latest report, each a list item headed by the check's name. */
  readonly checks: Locator;
  readonly takeBackupButton: Locator;
  readonly backups: Locator;
  readonly backupRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.runCheckButton = page.getByRole('button', { name: 'Run check', exact: true });
    this.pastRuns = page.getByRole('table', { name: 'Past runs' }).locator('tbody tr');
    this.latestReport = page.getByRole('region', { name: /^Latest report/ });
    this.checks = this.latestReport
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) });
    this.takeBackupButton = page.getByRole('button', { name: 'Take backup now' });
    this.backups = page.getByRole('table', { name: 'Backups' });
    this.backupRows = this.backups.locator('tbody tr');
  }

  /** One of the tabs: "Consistency", "Backups", "Audit log". */
  tab(name: 'Consistency' | 'Backups' | 'Audit log'): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** A status message of the section, e.g. "Backup taken: …". */
  status(hasText: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText });
  }

  /** The status word of one check of the report: OK, Repaired or Problem. */
  static checkStatus(check: Locator): Locator {
    return check.getByText(/^(OK|Repaired|Problem)$/);
  }

  /** The dialog that asks before a restore. */
  restoreDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Restore the backup of .+\?$/ });
  }

  /** Asks to restore the backup of a row; the dialog that asks first. */
  async askRestore(row: Locator): Promise<Locator> {
    await row.getByRole('button', { name: /^Restore the backup of .+…$/ }).click();
    return this.restoreDialog();
  }
}
