import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBridge, FINGERPRINT, OTHER_FINGERPRINT } from '../test/fake-bridge.ts';
import { fakeServer, healthy } from '../test/fake-server.ts';
import { renderApp, resetRenderer, SERVER } from '../test/render-app.tsx';
import { checkServerHealth } from './health-check.ts';

beforeEach(resetRenderer);

describe('unreachable server', () => {
  it('shows the banner with the address, and Retry clears it once the server is back', async () => {
    const server = fakeServer().down();
    renderApp();
    await checkServerHealth();

    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain(`Cannot reach the server at ${SERVER}.`);
    // Never a blank screen: sign-in stays usable under the banner.
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    server.on('GET', '/api/health', healthy);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/Cannot reach the server/)).toBeNull());
  });

  it('appears when a sign-in gets no answer, with the reason in words', async () => {
    fakeServer().down();
    renderApp();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'agent@demo.tripdesk.test');
    await user.type(screen.getByLabelText('Password'), 'demo-agent-2026{Enter}');

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Cannot reach the server at ${SERVER}.Retry`),
        'You are not signed in: the server did not answer.',
      ]),
    );
    // Nothing the clerk typed was wrong: the fields stay as they were.
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('demo-agent-2026');
  });

  it('names the stores a degraded server reports down', async () => {
    fakeServer().on('GET', '/api/health', {
      status: 503,
      body: {
        status: 'degraded',
        stores: { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'down' },
      },
    });
    renderApp();
    await checkServerHealth();
    expect((await screen.findByRole('alert')).textContent).toContain('reports a problem with: payments');
  });
});

describe('a changed server certificate in the desktop app', () => {
  const problem = {
    kind: 'certificate_changed' as const,
    serverUrl: SERVER,
    pinned: OTHER_FINGERPRINT,
    presented: FINGERPRINT,
  };

  it('says so in words, with both fingerprints, and opens the server settings', async () => {
    fakeServer().down();
    const bridge = fakeBridge();
    bridge.getConnectionProblem.mockResolvedValue(problem);
    renderApp({ desktop: bridge });
    await checkServerHealth();

    const banner = await screen.findByRole('alert');
    await waitFor(() => expect(banner).toHaveTextContent('presents a different certificate'));
    expect(banner).toHaveTextContent(`Tripdesk does not connect to the server at ${SERVER}`);
    expect(banner).toHaveTextContent(
      'compare the new fingerprint with the one the server printed when it started',
    );
    expect(banner).toHaveTextContent('Otherwise someone may be intercepting the connection: do not sign in.');
    expect(banner).toHaveTextContent(`Trusted certificate${OTHER_FINGERPRINT.slice(0, 11)}`);
    expect(banner).toHaveTextContent(`Presented now${FINGERPRINT.slice(0, 11)}`);
    expect(banner).not.toHaveTextContent('Cannot reach the server');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Open server settings' }));
    expect(screen.getByLabelText('Server address')).toHaveValue(SERVER);
  });

  it('says only that the server cannot be reached when the bridge knows of no certificate problem', async () => {
    fakeServer().down();
    const bridge = fakeBridge();
    renderApp({ desktop: bridge });
    await checkServerHealth();
    const banner = await screen.findByRole('alert');
    await waitFor(() => expect(bridge.getConnectionProblem).toHaveBeenCalled());
    expect(banner).toHaveTextContent(`Cannot reach the server at ${SERVER}.`);
    expect(within(banner).getByRole('button', { name: 'Change server' })).toBeVisible();
    expect(banner).not.toHaveTextContent('certificate');
  });

  it('drops the certificate warning once the server answers', async () => {
    const server = fakeServer().down();
    const bridge = fakeBridge();
    bridge.getConnectionProblem.mockResolvedValue(problem);
    renderApp({ desktop: bridge });
    await checkServerHealth();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('different certificate'));
    server.on('GET', '/api/health', healthy);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
