import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, agent, desk, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useSession } from './session-store.ts';

beforeEach(resetRenderer);

const sessionEnded = problem(401, 'unauthenticated', 'Sign in to continue.');

describe('session', () => {
  it('a 401 on a signed-in call clears the session and says so', async () => {
    signInAs(admin);
    const server = fakeServer().on('GET', '/api/me', sessionEnded);
    renderApp();

    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(useSession.getState().token).toBeNull();
    expect(sessionStorage.getItem('tripdesk.session')).not.toContain('tok_usr_admin');
    expect(server.requests[0]?.authorization).toBe('Bearer tok_usr_admin');
  });

  it('a 401 in the middle of work ends the session too', async () => {
    signInAs(admin);
    fakeServer().on('GET', '/api/me', { status: 200, body: admin }).on('GET', '/api/users', sessionEnded);
    renderApp();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Users' }));
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeVisible();
  });

  it('a 401 answering an older token does not end the current session', async () => {
    signInAs(admin, 'tok_old');
    fakeServer().on('GET', '/api/me', (request) => {
      if (request.authorization === 'Bearer tok_new') return { status: 200, body: admin };
      useSession.getState().start('tok_new', admin); // signed in again while this request was out
      return sessionEnded;
    });
    renderApp();
    await waitFor(() => expect(useSession.getState().token).toBe('tok_new'));
    expect(useSession.getState().notice).toBeNull();
  });

  it('survives a reload of the window', async () => {
    signInAs(agent, 'tok_kept');
    const stored = sessionStorage.getItem('tripdesk.session');
    useSession.setState({ token: null, user: null });
    sessionStorage.setItem('tripdesk.session', stored ?? '');
    await useSession.persist.rehydrate();
    expect(useSession.getState()).toMatchObject({ token: 'tok_kept', user: agent });
  });

  it('signs out on the server and returns to sign-in', async () => {
    signInAs(agent);
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('POST', '/api/auth/logout', { status: 204 });
    renderApp();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(server.requests.find((r) => r.url === '/api/auth/logout')?.authorization).toBe(
      'Bearer tok_usr_agent',
    );
    expect(screen.queryByText('Your session has ended. Please sign in again.')).toBeNull();
  });
});

describe('navigation by role', () => {
  const navFor = async () => {
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    return within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent);
  };

  it.each([
    [
      admin,
      ['Trips', 'Search', 'Front desk', 'Inventory', 'Users', 'Reports', 'Operations'],
      'Administrator',
    ],
    [agent, ['Search', 'Trips'], 'Travel agent'],
    [desk, ['Front desk', 'Trips', 'Reports'], 'Front desk'],
  ])('shows $role its sections', async (user, sections, roleLabel) => {
    signInAs(user);
    fakeServer().on('GET', '/api/me', { status: 200, body: user });
    renderApp();
    expect(await navFor()).toEqual(sections);
    expect(screen.getByText(user.name)).toBeVisible();
    expect(screen.getAllByText(roleLabel).length).toBeGreaterThan(0);
    // The first section is open.
    expect(screen.getByRole('button', { name: sections[0] }).getAttribute('aria-current')).toBe('page');
  });
});
