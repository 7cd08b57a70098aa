import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerCertificate } from '../../../bridge/bridge.d.ts';
import { fakeBridge, FINGERPRINT, OTHER_FINGERPRINT, selfSigned, STORES } from '../test/fake-bridge.ts';
import { fakeServer } from '../test/fake-server.ts';
import { renderApp, resetRenderer } from '../test/render-app.tsx';

beforeEach(resetRenderer);

const TRUST = 'I compared the fingerprint; trust this certificate';
const ALLOW = 'Allow an unencrypted connection on this network';
const HTTPS = 'https://desk-server:4443';

/** A healthy https server presenting this certificate. */
function presenting(tls: ServerCertificate) {
  return async (url: string) => ({
    ok: true as const,
    serverUrl: url,
    status: 'ok' as const,
    stores: STORES,
    tls,
  });
}

describe('first run in the desktop app', () => {
  it('asks for the server, tests it store by store, and saves it', async () => {
    const bridge = fakeBridge();
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Server address'), 'http://127.0.0.1:4000');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(bridge.testServer).toHaveBeenCalledWith('http://127.0.0.1:4000');
    expect(
      await screen.findByText(/Connected to the Tripdesk server at http:\/\/127\.0\.0\.1:4000/),
    ).toBeVisible();
    expect(screen.getByRole('table', { name: 'Server health' }).querySelectorAll('tbody tr')).toHaveLength(5);
    // Plain http on this computer: nothing to warn about, nothing to confirm.
    expect(screen.queryByRole('checkbox')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith('http://127.0.0.1:4000', {});
    expect(reload).toHaveBeenCalled();
  });

  it('shows why an address cannot be saved', async () => {
    const bridge = fakeBridge();
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), 'ftp://desk{Enter}');
    expect(await screen.findByText('The server address must start with http:// or https://.')).toBeVisible();
    expect(screen.getByLabelText('Server address')).toHaveAttribute('aria-invalid', 'true');
    expect(reload).not.toHaveBeenCalled();
  });

  it('is not shown in a browser, nor once a server is set', () => {
    fakeServer();
    renderApp({ desktop: null });
    expect(screen.queryByLabelText('Server address')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Change server' })).toBeNull();
  });

  it('lets the desktop app change the server from sign-in', async () => {
    fakeServer();
    renderApp({ desktop: fakeBridge(), serverUrl: 'http://10.0.0.5:4000' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Change server' }));
    expect(screen.getByLabelText('Server address')).toHaveValue('http://10.0.0.5:4000');
  });
});

describe('plain http to another computer', () => {
  it('is saved only once the unencrypted connection is allowed', async () => {
    const bridge = fakeBridge();
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), '192.168.1.20:4000');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    // Refused before anything is sent, with the reason in words and the keyboard on the box to tick.
    expect(bridge.setServerUrl).not.toHaveBeenCalled();
    const warning = screen.getByRole('alert');
    expect(warning).toHaveTextContent(
      'This address is not encrypted: passwords and customer data would cross',
    );
    expect(warning).toHaveTextContent('Use https://, or allow it explicitly if this network is trusted.');
    const allow = screen.getByRole('checkbox', { name: ALLOW });
    expect(allow).toHaveFocus();
    expect(allow).toHaveAttribute('aria-invalid', 'true');
    expect(allow).toHaveAccessibleDescription(/tick “Allow an unencrypted connection on this network”/);

    await user.keyboard(' ');
    expect(allow).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith('192.168.1.20:4000', { allowPlainHttp: true });
    expect(reload).toHaveBeenCalled();
  });

  it('is warned about after a test, and the consent goes with the address it was given for', async () => {
    const bridge = fakeBridge();
    renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    const field = screen.getByLabelText('Server address');
    await user.type(field, 'http://10.0.0.5:4000');
    expect(screen.queryByRole('checkbox', { name: ALLOW })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This address is not encrypted');
    await user.click(screen.getByRole('checkbox', { name: ALLOW }));

    await user.type(field, '1');
    expect(screen.queryByRole('checkbox', { name: ALLOW })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).not.toHaveBeenCalled();
    expect(screen.getByRole('checkbox', { name: ALLOW })).not.toBeChecked();
  });
});

describe('https with a certificate', () => {
  it('shows the fingerprint grouped, with subject and expiry, and pins it once compared', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(presenting(selfSigned));
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), HTTPS);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    const certificate = await screen.findByRole('region', { name: 'Server certificate' });
    expect(within(certificate).getByText('SHA-256 fingerprint')).toBeVisible();
    const fingerprint = certificate.querySelector('code.fingerprint');
    expect(fingerprint).toHaveTextContent(
      '00:01:02:03 04:05:06:07 08:09:0A:0B 0C:0D:0E:0F 10:11:12:13 14:15:16:17 18:19:1A:1B 1C:1D:1E:1F',
    );
    expect(within(certificate).getByText('04:05:06:07')).toBeVisible();
    expect(within(certificate).getByText('CN=desk-server')).toBeVisible();
    expect(within(certificate).getByText(/2027/)).toBeVisible();
    expect(certificate).toHaveTextContent(
      'Compare this fingerprint with the one the server printed when it started (ask your administrator)',
    );

    // Save needs the box ticked.
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).not.toHaveBeenCalled();
    const trust = screen.getByRole('checkbox', { name: TRUST });
    expect(trust).toHaveFocus();
    expect(trust).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Compare the fingerprint, then tick');

    await user.keyboard(' ');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith(HTTPS, { pinFingerprint: FINGERPRINT });
    expect(reload).toHaveBeenCalled();
  });

  it('needs no confirmation for a certificate an authority vouches for', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(
      presenting({ ...selfSigned, trustedByCa: true, issuer: 'CN=Example CA', trustError: undefined }),
    );
    renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), HTTPS);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(
      await screen.findByText('Signed by CN=Example CA, an authority this computer trusts.'),
    ).toBeVisible();
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith(HTTPS, {});
  });

  it('needs no new confirmation for the certificate already trusted', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(presenting({ ...selfSigned, pinned: true }));
    fakeServer();
    renderApp({ desktop: bridge, serverUrl: HTTPS });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Change server' }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('This is the certificate this desk already trusts.')).toBeVisible();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('warns prominently when the certificate changed, and trusts the new one only when confirmed again', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(async () => ({
      ok: false as const,
      reason: 'certificate_changed' as const,
      serverUrl: HTTPS,
      pinned: OTHER_FINGERPRINT,
      presented: FINGERPRINT,
      tls: selfSigned,
      message:
        'The server at https://desk-server:4443 presents a different certificate from the one this desk trusts. ' +
        'If your administrator replaced it, compare the new fingerprint with the one the server printed when it ' +
        'started before trusting it. Otherwise someone may be intercepting the connection: do not sign in.',
    }));
    renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), HTTPS);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    const warning = await screen.findByRole('alert');
    expect(
      within(warning).getByRole('heading', { name: 'The server’s certificate has changed' }),
    ).toBeVisible();
    expect(warning).toHaveTextContent('someone may be intercepting the connection');
    expect(warning).toHaveTextContent(`Trusted until now${OTHER_FINGERPRINT.slice(0, 11)}`);
    expect(warning).toHaveTextContent(`Presented now${FINGERPRINT.slice(0, 11)}`);
    expect(screen.queryByText(/Connected to the Tripdesk server/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).not.toHaveBeenCalled();
    await user.click(within(warning).getByRole('checkbox', { name: TRUST }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith(HTTPS, { pinFingerprint: FINGERPRINT });
  });

  it('a changed address needs a new test and a new confirmation', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(presenting(selfSigned));
    renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    const field = screen.getByLabelText('Server address');
    await user.type(field, HTTPS);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await user.click(await screen.findByRole('checkbox', { name: TRUST }));
    await user.type(field, '4');
    expect(screen.queryByRole('checkbox', { name: TRUST })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Server certificate' })).toBeNull();
  });

  it('says why the main process refused to save, in words', async () => {
    const bridge = fakeBridge();
    bridge.setServerUrl.mockImplementation(async () => ({
      ok: false as const,
      reason: 'untrusted_certificate' as const,
      message:
        'The server’s certificate is not signed by an authority this computer trusts. Test the connection…',
    }));
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), `${HTTPS}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'not signed by an authority this computer trusts',
    );
    // Nothing wrong with the address as typed.
    expect(screen.getByLabelText('Server address')).not.toHaveAttribute('aria-invalid');
    expect(reload).not.toHaveBeenCalled();
  });

  it('says the app restarts when the main process must restart it', async () => {
    const bridge = fakeBridge();
    bridge.testServer.mockImplementation(presenting(selfSigned));
    bridge.setServerUrl.mockImplementation(async (url: string) => ({
      ok: true as const,
      settings: { serverUrl: url },
      restarting: true as const,
    }));
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), HTTPS);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await user.click(await screen.findByRole('checkbox', { name: TRUST }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText(/Tripdesk restarts now/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Save and continue' })).toBeDisabled();
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('an address used before consent was asked for', () => {
  it('is offered again with the warning, and saved once the person allows it', async () => {
    const bridge = fakeBridge();
    bridge.getSettings.mockResolvedValue({
      serverUrl: null,
      unconfirmedServerUrl: 'http://192.168.1.20:4000',
    });
    renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    const field = screen.getByLabelText('Server address');
    await vi.waitFor(() => expect(field).toHaveValue('http://192.168.1.20:4000'));
    expect(screen.getByText(/This desk used http:\/\/192\.168\.1\.20:4000 before/)).toBeVisible();
    await user.click(screen.getByRole('checkbox', { name: ALLOW }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith('http://192.168.1.20:4000', { allowPlainHttp: true });
  });
});
