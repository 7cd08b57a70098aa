import type { Locator, Page } from 'playwright-core';

/** The signed-in frame around every section: the sections, the live indicator, the bell, Sign out. */
export class AppShell {
  readonly page: Page;
  readonly header: Locator;
  /** The product name at the top left: a click there puts the keyboard at the start of the page. */
  readonly brand: Locator;
  readonly sections: Locator;
  readonly sectionButtons: Locator;
  /** The live indicator once the event stream is connected. */
  readonly live: Locator;
  readonly bell: Locator;
  readonly signOutButton: Locator;
  /** Who is signed in: live indicator, bell, name, role and Sign out, right of the sections. */
  readonly signedInArea: Locator;

  constructor(page: Page) {
    this.page = page;
    this.header = page.getByRole('banner');
    this.brand = this.header.getByText('Tripdesk', { exact: true });
    this.sections = page.getByRole('navigation', { name: 'Sections' });
    this.sectionButtons = this.sections.getByRole('button');
    this.live = page.getByRole('status').filter({ hasText: 'Live' });
    this.bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
    this.signedInArea = this.header.locator('div', { has: this.signOutButton });
  }

  /** Opens a section by its name in the navigation. */
  async goTo(section: string): Promise<void> {
    await this.section(section).click();
  }

  section(name: string): Locator {
    return this.sections.getByRole('button', { name, exact: true });
  }

  /** The sections this role may use, in order. */
  sectionNames(): Promise<string[]> {
    return this.sectionButtons.allTextContents();
  }

  /** How many notifications the bell says are unread. */
  async unread(): Promise<number> {
    return Number(/(\d+) unread/.exec((await this.bell.getAttribute('aria-label')) ?? '')?.[1] ?? NaN);
  }

  /** Signs out, done once the sign-in form is back. */
  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }
}
