import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, prepareRun } from './browser.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { shotOnFailure } from './screenshots.ts';
import { ServerApi } from './server-api.ts';
import { startTripdeskServer, type TripdeskServer } from './tripdesk-server.ts';

/**
 * What every spec needs before its first step: the real server with demo data, Chromium, pages that
 * record the errors they log, and a signed-in desk. A spec starts with `const run = useTripdesk()`.
 */

export interface DeskUser {
  readonly email: string;
  readonly password: string;
  /** As the header shows it once signed in. */
  readonly name: string;
}

/** The demo data's accounts, one per role. */
export const ADMIN: DeskUser = {
  email: 'admin@demo.tripdesk.test',
  password: 'demo-admin-2026',
  name: 'Alex Admin',
};
export const AGENT: DeskUser = {
  email: 'agent@demo.tripdesk.test',
  password: 'demo-agent-2026',
  name: 'Ana Agent',
};
export const DESK: DeskUser = {
  email: 'desk@demo.tripdesk.test',
  password: 'demo-desk-2026',
  name: 'Dev Desk',
};

export interface TripdeskRun {
  /** The spec's own server: started before its tests, stopped after. */
  readonly server: TripdeskServer;
  /** Console errors and uncaught exceptions of every page opened, for the closing "no errors" test. */
  readonly errors: readonly string[];
  /** A page in a profile of its own (so a session of its own), at 1280 × 800, on the server. */
  openPage(): Promise<Page>;
  /** A fresh page signed in through the sign-in form as `who`, once the header names them. */
  openSignedIn(who: DeskUser): Promise<Page>;
  /** The REST API signed in as `who`, to set a scene or check one from the outside. */
  api(who: DeskUser): Promise<ServerApi>;
}

export interface TripdeskRunOptions {
  /** Server settings for this spec, e.g. `{ HOLD_TTL_SECONDS: '8' }` for holds that run out on screen. */
  readonly serverEnv?: Readonly<Record<string, string>>;
}

/** Registers the hooks of one run (in the enclosing `describe`, or the file) and hands out its parts. */
export function useTripdesk({ serverEnv = {} }: TripdeskRunOptions = {}): TripdeskRun {
  let server: TripdeskServer | undefined;
  let browser: Browser | undefined;
  const errors: string[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    prepareRun();
    server = await startTripdeskServer(60_000, serverEnv);
    browser = await launchChromium();
  });

  afterAll(async () => {
    // Closing the browser closes every profile and page in it.
    await browser?.close();
    await server?.stop();
  });

  shotOnFailure(() => pages.filter((p) => !p.isClosed()));

  const started = <T>(part: T | undefined, what: string): T => {
    if (part === undefined) throw new Error(`the ${what} is not started yet: use it in a hook or a test`);
    return part;
  };

  const openPage = async (): Promise<Page> => {
    const context = await started(browser, 'browser').newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: started(server, 'server').url,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    // A step that cannot happen fails with its locator well before the test's own time limit.
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      // Refusals (401, 402, 409…) and requests cut off by a restart are logged by Chromium as failed
      // resources: expected here.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    pages.push(page);
    return page;
  };

  return {
    get server() {
      return started(server, 'server');
    },
    errors,
    openPage,
    async openSignedIn(who) {
      const page = await openPage();
      await new SignInPage(page).signInAs(who);
      return page;
    },
    api: (who) => ServerApi.signIn(started(server, 'server').url, who.email, who.password),
  };
}
