import type { Locator, Page } from 'playwright-core';
import type { DeskUser } from '../fixtures.ts';

/** The sign-in form the app opens on, and the banner it shows when the server is unreachable. */
export class SignInPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  /** The form's own refusal, in words. */
  readonly alert: Locator;
  readonly unreachableBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Sign in' });
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
    this.alert = page.getByRole('alert');
    this.unreachableBanner = page.getByRole('alert').filter({ hasText: 'Cannot reach the server at' });
  }

  /** Loads the app from the server, which serves the renderer at `/`. */
  async open(): Promise<void> {
    await this.page.goto('/');
  }

  /** Fills the form and presses Sign in, whatever the answer. */
  async submit(email: string, password: string): Promise<void> {
    // After Sign out the screen before stays until the server has answered: its own Email field (the
    // Users screen's form) must not get the address.
    await this.heading.waitFor();
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  /** Opens the app and signs `who` in, done once the header names them. */
  async signInAs(who: DeskUser): Promise<void> {
    await this.open();
    await this.submit(who.email, who.password);
    await this.page.getByText(who.name).waitFor();
  }

  /** Types the email, Tab, the password, Enter: no mouse. */
  async signInByKeyboard(who: DeskUser): Promise<void> {
    await this.email.fill('');
    await this.email.focus();
    await this.page.keyboard.type(who.email);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(who.password);
    await this.page.keyboard.press('Enter');
  }
}
