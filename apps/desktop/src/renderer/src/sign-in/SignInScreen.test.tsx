import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { deferred, fakeServer, healthy, problem, type Reply } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer } from '../test/render-app.tsx';

beforeEach(resetRenderer);

describe('sign-in', () => {
  it('has labelled fields and submits on Enter, showing that it is busy', async () => {
    const answer = deferred<Reply>();
    const server = fakeServer().on('POST', '/api/auth/login', () => answer.promise);
    renderApp();
    const user = userEvent.setup();
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));

    await user.keyboard('admin@demo.tripdesk.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password{Enter}');

    const button = await screen.findByRole('button', { name: 'Signing in…' });
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: 'admin@demo.tripdesk.test', password: 'wrong-password' },
      authorization: undefined,
    });

    answer.resolve(
      problem(401, 'unauthenticated', 'The email or password is wrong, or the account is disabled.'),
    );
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'That email and password do not match an active account. Check them and try again.',
    );
    expect(screen.getByRole('button', { name: 'Sign in' }).getAttribute('aria-busy')).toBe('false');
    // The password is cleared and the cursor waits in it for the next try.
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(document.activeElement).toBe(password);
    expect(password.getAttribute('aria-invalid')).toBe('true');
  });

  it('says how long to wait when sign-in is rate limited', async () => {
    fakeServer().on(
      'POST',
      '/api/auth/login',
      problem(429, 'rate_limited', 'Too many sign-in attempts from this address.', { retryAfter: 42 }),
    );
    renderApp();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'admin@demo.tripdesk.test');
    await user.type(screen.getByLabelText('Password'), 'x{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Try again in 42 seconds.',
    );
  });

  it('asks for both fields before calling the server', async () => {
    const server = fakeServer();
    renderApp();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your email and password.');
    expect(server.requests.filter((r) => r.url === '/api/auth/login')).toHaveLength(0);
  });

  it('opens the desk for the signed-in user', async () => {
    fakeServer()
      .on('POST', '/api/auth/login', { status: 200, body: { token: 'tok_1', user: admin } })
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/health', healthy);
    renderApp();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ADMIN@demo.tripdesk.test ');
    await user.type(screen.getByLabelText('Password'), 'demo-admin-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Ada Admin')).toBeVisible();
    expect(screen.getByText('Administrator')).toBeVisible();
    await waitFor(() =>
      expect(JSON.parse(sessionStorage.getItem('tripdesk.session') ?? '{}').state?.token).toBe('tok_1'),
    );
  });
});
