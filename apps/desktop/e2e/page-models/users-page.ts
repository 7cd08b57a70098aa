import type { Locator, Page } from 'playwright-core';

/** The admin's Users section: the list, the new-user form, a user's role and their disabling. */
export class UsersPage {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly newUserButton: Locator;
  /** The new-user form's fields: the only form on the page while it is open. */
  readonly name: Locator;
  readonly email: Locator;
  readonly role: Locator;
  readonly hotelId: Locator;
  readonly password: Locator;
  readonly createButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByRole('table', { name: 'Users' });
    this.rows = this.table.locator('tbody tr');
    this.newUserButton = page.getByRole('button', { name: 'New user' });
    this.name = page.getByLabel('Name');
    this.email = page.getByLabel('Email');
    this.role = page.getByLabel('Role');
    this.hotelId = page.getByLabel('Hotel ID');
    this.password = page.getByLabel('Password', { exact: true });
    this.createButton = page.getByRole('button', { name: 'Create user' });
  }

  row(userName: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(userName) });
  }

  /** Makes the user `role` at `hotel` (name), through the row's Change role dialog. */
  async changeRole(userName: string, role: string, hotel: string): Promise<void> {
    await this.row(userName).getByRole('button', { name: 'Change role' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Role of ${userName}` });
    await dialog.getByLabel('Role').selectOption({ label: role });
    await dialog.getByRole('option', { name: hotel }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Hotel').selectOption({ label: hotel });
    await dialog.getByRole('button', { name: 'Save' }).click();
  }

  /** Disables the user's account, confirming in the dialog that asks. */
  async disable(userName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Disable ${userName}` }).click();
    await this.page
      .getByRole('dialog', { name: `Disable ${userName}?` })
      .getByRole('button', { name: 'Disable account' })
      .click();
  }
}
