import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, AGENT, DESK, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { UsersPage } from './page-models/users-page.ts';
import { shot } from './screenshots.ts';

// Each run starts from an empty data folder, so a fixed email never collides.
const NEW_AGENT = {
  email: 'erin.example@demo.tripdesk.test',
  name: 'Erin Example',
  password: 'e2e-agent-2026',
};

const run = useTripdesk();
let page: Page;
let signIn: SignInPage;
let shell: AppShell;
let users: UsersPage;

beforeAll(async () => {
  page = await run.openPage();
  signIn = new SignInPage(page);
  shell = new AppShell(page);
  users = new UsersPage(page);
});

describe('the desk in a browser, against the real server', () => {
  it('serves the renderer and shows the sign-in form', async () => {
    await signIn.open();
    await expect.poll(() => signIn.heading.isVisible()).toBe(true);
    await shot(page, 'sign-in');
  });

  it('says in words when the password is wrong', async () => {
    await signIn.submit(ADMIN.email, 'not-the-password');
    await signIn.alert.waitFor();
    expect(await signIn.alert.textContent()).toBe(
      'That email and password do not match an active account. Check them and try again.',
    );
    await shot(page, 'sign-in-error');
  });

  it('signs the admin in by keyboard alone and shows the admin sections', async () => {
    await signIn.signInByKeyboard(ADMIN);
    await page.getByText(ADMIN.name).waitFor();
    expect(await page.getByText('Administrator').isVisible()).toBe(true);
    expect(await shell.sectionNames()).toEqual([
      'Trips',
      'Search',
      'Front desk',
      'Inventory',
      'Users',
      'Reports',
      'Operations',
    ]);
    await page.getByRole('heading', { name: 'Trips' }).waitFor();
    await shot(page, 'admin-trips');
  });

  it('lists the three demo users', async () => {
    await shell.goTo('Users');
    await users.table.waitFor();
    const text = await users.table.textContent();
    for (const email of [ADMIN.email, AGENT.email, DESK.email]) expect(text).toContain(email);
    expect(await users.rows.count()).toBe(3);
    await shot(page, 'users-list');
  });

  it('shows the server’s validation beside the fields of the new-user form', async () => {
    await users.newUserButton.click();
    await users.email.fill('not-an-email');
    await users.password.fill('short');
    await users.createButton.click();
    await page.getByText('Some details need correcting').waitFor();
    expect(await users.email.getAttribute('aria-invalid')).toBe('true');
    expect(await users.password.getAttribute('aria-invalid')).toBe('true');
    expect(await users.name.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'new-user-error');
  });

  it('creates an agent and shows it in the list', async () => {
    await users.name.fill(NEW_AGENT.name);
    await users.email.fill(NEW_AGENT.email);
    await users.role.selectOption({ label: 'Travel agent' });
    expect(await users.hotelId.count()).toBe(0);
    await users.password.fill(NEW_AGENT.password);
    await users.createButton.click();
    await page.getByText(`Created ${NEW_AGENT.name}`).waitFor();
    await expect.poll(() => users.rows.count()).toBe(4);
    expect(await users.table.textContent()).toContain(NEW_AGENT.email);
    await shot(page, 'user-created');
  });

  it('signs out', async () => {
    await shell.signOut();
  });

  it('signs the agent in with the agent sections only', async () => {
    await signIn.submit(AGENT.email, AGENT.password);
    await page.getByText(AGENT.name).waitFor();
    expect(await shell.sectionNames()).toEqual(['Search', 'Trips']);
    expect(await page.getByText('Travel agent').isVisible()).toBe(true);
    await shot(page, 'agent-search');
  });

  it('keeps the agent signed in across a reload', async () => {
    await page.reload();
    await page.getByText(AGENT.name).waitFor();
    expect(await shell.sectionNames()).toEqual(['Search', 'Trips']);
  });

  it('lets the new agent sign in', async () => {
    await shell.signOutButton.click();
    await signIn.submit(NEW_AGENT.email, NEW_AGENT.password);
    await page.getByText(NEW_AGENT.name).waitFor();
    expect(await shell.sectionNames()).toEqual(['Search', 'Trips']);
    await shell.signOut();
  });

  it('shows the unreachable banner, not a blank screen, when the server goes away', async () => {
    await run.server.stop();
    await signIn.submit(AGENT.email, AGENT.password);
    await signIn.unreachableBanner.waitFor();
    expect(await signIn.unreachableBanner.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    expect(await signIn.heading.isVisible()).toBe(true);
    await shot(page, 'server-unreachable');
  });

  it('logged no errors in the page', () => {
    expect(run.errors).toEqual([]);
  });
});
