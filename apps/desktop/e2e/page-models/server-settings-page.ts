import type { Locator, Page } from 'playwright-core';

/** The desktop app's first screen: the server's address, its test, and what the person trusts. */
export class ServerSettingsPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly address: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;
  readonly trustCertificate: Locator;
  readonly allowPlainHttp: Locator;
  readonly certificateChanged: Locator;
  readonly main: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Connect to your Tripdesk server' });
    this.address = page.getByLabel('Server address');
    this.testButton = page.getByRole('button', { name: 'Test connection' });
    this.saveButton = page.getByRole('button', { name: 'Save and continue' });
    this.trustCertificate = page.getByRole('checkbox', {
      name: 'I compared the fingerprint; trust this certificate',
    });
    this.allowPlainHttp = page.getByRole('checkbox', {
      name: 'Allow an unencrypted connection on this network',
    });
    this.certificateChanged = page.getByRole('alert').filter({ hasText: 'different certificate' });
    this.main = page.getByRole('main');
  }

  /** Loads the app, which shows this screen while no server is saved. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.heading.waitFor();
  }

  async test(address: string): Promise<void> {
    await this.address.fill(address);
    await this.testButton.click();
  }
}
