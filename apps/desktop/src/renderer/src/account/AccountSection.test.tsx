import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useSession } from '../session/session-store.ts';
import { deviceOf } from './MySessions.tsx';

beforeEach(resetRenderer);

const here: Session = {
  id: 'ses_here',
  createdAt: '2026-12-05T08:00:00.000Z',
  lastSeenAt: '2026-12-05T09:30:00.000Z',
  expiresAt: '2026-12-05T20:00:00.000Z',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Electron/33.0',
  ip: '10.0.0.5',
  current: true,
};
const laptop: Session = {
  ...here,
  id: 'ses_laptop',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15',
  ip: '10.0.0.9',
  current: false,
};

async function openAccount(sessions: () => Session[]) {
  signInAs(agent);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: agent })
    .on('GET', '/api/me/sessions', () => ({ status: 200, body: { items: sessions() } }));
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Account' }));
  expect(await screen.findByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  return { server, user };
}

describe('Account', () => {
  it('changes the password: the new one twice, the server’s refusals in words beside the fields', async () => {
    const { server, user } = await openAccount(() => [here]);
    server.on('POST', '/api/me/password', (r) => {
      const body = r.body as { currentPassword: string; newPassword: string };
      if (body.currentPassword !== 'old-password-1')
        return problem(400, 'validation_failed', 'The current password is wrong.', {
          errors: [{ path: 'body.currentPassword', message: 'is not your current password' }],
        });
      return { status: 204 };
    });
    const form = screen.getByRole('form', { name: 'Change password' });
    await user.type(within(form).getByLabelText('Current password'), 'wrong-one');
    await user.type(within(form).getByLabelText('New password'), 'fresh-password-9');
    await user.type(within(form).getByLabelText('Repeat the new password'), 'fresh-password-8');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('The two new passwords differ. Type the same one twice.')).toBeVisible();
    expect(within(form).getByLabelText('Repeat the new password')).toHaveFocus();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.clear(within(form).getByLabelText('Repeat the new password'));
    await user.type(within(form).getByLabelText('Repeat the new password'), 'fresh-password-9');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('Is not your current password.')).toBeVisible();
    expect(within(form).getByLabelText('Current password')).toHaveFocus();

    await user.clear(within(form).getByLabelText('Current password'));
    await user.type(within(form).getByLabelText('Current password'), 'old-password-1{Enter}');
    expect(await screen.findByText(/Your password is changed/)).toBeVisible();
    expect(within(form).getByLabelText('New password')).toHaveValue('');
    expect(server.requests.filter((r) => r.method === 'POST').at(-1)!.body).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'fresh-password-9',
    });
  });

  it('lists where you are signed in, signs one out, then all the others', async () => {
    let sessions = [here, laptop, { ...laptop, id: 'ses_phone', userAgent: undefined, ip: undefined }];
    const { server, user } = await openAccount(() => sessions);
    server
      .on('DELETE', '/api/me/sessions/ses_laptop', () => {
        sessions = sessions.filter((s) => s.id !== 'ses_laptop');
        return { status: 204 };
      })
      .on('POST', '/api/me/sessions/end-others', () => {
        const ended = sessions.length - 1;
        sessions = [here];
        return { status: 200, body: { ended } };
      });
    const table = await screen.findByRole('table', { name: 'Your sessions' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.querySelector('td')?.textContent ?? '')).toEqual([
      '',
      'Tripdesk app on Windowsthis one',
      'Safari on macOS',
      'Unknown device',
    ]);
    expect(within(rows[1]!).queryByRole('button')).toBeNull();

    await user.click(within(rows[2]!).getByRole('button', { name: 'End session' }));
    expect(await screen.findByText(/Ended the session of Safari on macOS/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'End all other sessions' }));
    expect(await screen.findByText('Ended 1 other session.')).toBeVisible();
    expect(await screen.findByText('1 session')).toBeVisible();
    expect(screen.getByRole('button', { name: 'End all other sessions' })).toBeDisabled();
  });

  it('names devices from their user agents', () => {
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Linux');
    expect(deviceOf('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceOf(undefined)).toBe('Unknown device');
  });
});

describe('After an administrator reset the password', () => {
  it('asks for a new password before anything else, then opens the app', async () => {
    signInAs({ ...agent, mustChangePassword: true }, 'tok_pending');
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('POST', '/api/me/password', { status: 204 });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    expect(screen.queryByRole('navigation', { name: 'Sections' })).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Temporary password'), 'k7mp-q2xr-9fbt-hw3d');
    await user.type(screen.getByLabelText('New password'), 'my-own-choice-22');
    await user.type(screen.getByLabelText('Repeat the new password'), 'my-own-choice-22');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('navigation', { name: 'Sections' })).toBeVisible();
    expect(useSession.getState()).toMatchObject({ token: 'tok_pending', user: { id: agent.id } });
    expect(useSession.getState().user?.mustChangePassword).toBeUndefined();
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({
      currentPassword: 'k7mp-q2xr-9fbt-hw3d',
      newPassword: 'my-own-choice-22',
    });
  });
});
