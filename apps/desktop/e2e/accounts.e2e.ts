import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogPage } from '@tripdesk/shared';
import { ADMIN, AGENT, useTripdesk } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { OperationsPage } from './page-models/operations-page.ts';
import { SignInPage } from './page-models/sign-in-page.ts';
import { UsersPage } from './page-models/users-page.ts';
import { shot } from './screenshots.ts';
import type { ServerApi } from './server-api.ts';

/**
 * Accounts against the real server with demo data: the admin resets the agent's password and reads the
 * temporary one off the screen, the agent signs in with it and must choose a new one before anything
 * else, then sees their sessions; the admin finds both in the audit log, with what changed.
 */

const NEW_PASSWORD = 'ana-chose-this-2026';

describe('an admin resets a password, against the real server', () => {
  const run = useTripdesk();
  let adminPage: Page;
  let agentPage: Page;
  let admin: ServerApi;
  let temporary = '';

  beforeAll(async () => {
    admin = await run.api(ADMIN);
    adminPage = await run.openSignedIn(ADMIN);
  });

  it('the admin resets the agent’s password and gets a temporary one, shown once', async () => {
    const shell = new AppShell(adminPage);
    const users = new UsersPage(adminPage);
    await shell.goTo('Users');
    await users.table.waitFor();
    await users
      .row(AGENT.name)
      .getByRole('button', { name: /^Reset the password of/ })
      .click();
    const ask = adminPage.getByRole('dialog', { name: `Reset the password of ${AGENT.name}?` });
    await ask.getByRole('button', { name: 'Reset password' }).click();
    const shown = adminPage.getByRole('dialog', { name: `Temporary password for ${AGENT.name}` });
    const field = shown.getByRole('textbox', { name: 'Temporary password' });
    await field.waitFor();
    temporary = await field.inputValue();
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await shot(adminPage, 'admin-password-reset');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown.isVisible()).resolves.toBe(false);
    await users.row(AGENT.name).getByText('new password due').waitFor();
  });

  it('the agent signs in with it and must choose a new password before anything else', async () => {
    agentPage = await run.openPage();
    const signIn = new SignInPage(agentPage);
    await signIn.open();
    await signIn.submit(AGENT.email, temporary);
    await agentPage.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await agentPage.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    // By keyboard: the temporary password, Tab, the new one twice, Enter.
    await agentPage.getByLabel('Temporary password', { exact: true }).fill(temporary);
    await agentPage.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await agentPage.getByLabel('Repeat the new password', { exact: true }).fill('not-the-same-2026');
    await agentPage.keyboard.press('Enter');
    await agentPage.getByText('The two new passwords differ.').waitFor();
    await shot(agentPage, 'agent-choose-password');
    await agentPage.getByLabel('Repeat the new password', { exact: true }).fill(NEW_PASSWORD);
    await agentPage.keyboard.press('Enter');
    const shell = new AppShell(agentPage);
    await shell.sections.waitFor();
    expect(await shell.sectionNames()).toEqual(['Search', 'Trips']);
  });

  it('the agent sees where they are signed in', async () => {
    await agentPage.getByRole('button', { name: 'Account', exact: true }).click();
    await agentPage.getByRole('heading', { name: 'Your account' }).waitFor();
    const sessions = agentPage.getByRole('table', { name: 'Your sessions' });
    await sessions.getByText('this one').waitFor();
    expect(await sessions.locator('tbody tr').count()).toBe(1);
    await shot(agentPage, 'agent-account');
    // The old password is gone, the new one works.
    const old = await fetch(`${run.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
    });
    expect(old.status).toBe(401);
  });

  it('the admin finds the reset and the new password in the audit log', async () => {
    const shell = new AppShell(adminPage);
    const operations = new OperationsPage(adminPage);
    await shell.goTo('Operations');
    await operations.tab('Audit log').click();
    await adminPage.getByRole('searchbox', { name: 'Search' }).fill(AGENT.email);
    await adminPage.keyboard.press('Enter');
    const table = adminPage.getByRole('table', { name: 'Audit log' });
    const rows = table.locator(':scope > tbody > tr');
    await rows.filter({ hasText: 'chose a new password after a reset' }).waitFor();
    const texts = await rows.allTextContents();
    expect(texts[0]).toMatch(/Ana Agent.*chose a new password after a reset/);
    expect(texts[1]).toMatch(/Alex Admin.*Reset the password of Ana Agent/);
    await rows
      .nth(1)
      .getByRole('button', { name: /^Changes/ })
      .click();
    const diff = adminPage.getByRole('table', { name: /^Before and after: Reset the password/ });
    await diff.waitFor();
    expect(await diff.getByRole('row', { name: /Must change password/ }).textContent()).toContain(
      'falsetrue',
    );
    // The password changed, and its values were never recorded.
    expect(await diff.locator('tbody').textContent()).toContain('Password(hidden)(hidden)');
    await shot(adminPage, 'admin-audit-log');
    // The screen and the API agree, and neither holds a password.
    const log = await admin.get<AuditLogPage>(`/api/admin/audit-log?q=${encodeURIComponent(AGENT.email)}`);
    expect(log.items.slice(0, 2).map((e) => e.action)).toEqual([
      'user.password_change',
      'user.password_reset',
    ]);
    expect(JSON.stringify(log)).not.toContain(temporary);
    expect(JSON.stringify(log)).not.toContain(NEW_PASSWORD);
  });

  it('the header still fits with Account beside Sign out, at 1024 px', async () => {
    await adminPage.setViewportSize({ width: 1024, height: 800 });
    const shell = new AppShell(adminPage);
    const header = await shell.header.boundingBox();
    const signOut = await shell.signOutButton.boundingBox();
    expect(header!.height).toBeLessThan(60);
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(1024);
    await shot(adminPage, 'header-admin-account-1024', { fullPage: false });
    await adminPage.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(run.errors).toEqual([]);
  });
});
