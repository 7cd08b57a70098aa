import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TripdeskBridge } from '../../../bridge/bridge.d.ts';
import { fakeServer } from '../test/fake-server.ts';
import { renderApp, resetRenderer } from '../test/render-app.tsx';

beforeEach(resetRenderer);

function fakeBridge(): TripdeskBridge & { [K in keyof TripdeskBridge]: ReturnType<typeof vi.fn> } {
  return {
    getSettings: vi.fn(async () => ({ serverUrl: null })),
    setServerUrl: vi.fn(async (url: string) =>
      url.startsWith('ftp')
        ? { ok: false as const, message: 'The server address must start with http:// or https://.' }
        : { ok: true as const, settings: { serverUrl: url } },
    ),
    testServer: vi.fn(async (url: string) => ({
      ok: true as const,
      serverUrl: url,
      status: 'ok' as const,
      stores: { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' },
      version: '0.1.0',
    })),
    printReceipt: vi.fn(async () => ({ ok: true as const })),
    saveReceiptPdf: vi.fn(async () => ({ ok: true as const })),
  };
}

describe('first run in the desktop app', () => {
  it('asks for the server, tests it store by store, and saves it', async () => {
    const bridge = fakeBridge();
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Server address'), 'http://192.168.1.20:4000');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(bridge.testServer).toHaveBeenCalledWith('http://192.168.1.20:4000');
    expect(
      await screen.findByText(/Connected to the Tripdesk server at http:\/\/192\.168\.1\.20:4000/),
    ).toBeVisible();
    expect(screen.getByRole('table', { name: 'Server health' }).querySelectorAll('tbody tr')).toHaveLength(5);

    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(bridge.setServerUrl).toHaveBeenCalledWith('http://192.168.1.20:4000');
    expect(reload).toHaveBeenCalled();
  });

  it('shows why an address cannot be saved', async () => {
    const bridge = fakeBridge();
    const { reload } = renderApp({ desktop: bridge, serverUrl: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), 'ftp://desk{Enter}');
    expect(await screen.findByText('The server address must start with http:// or https://.')).toBeVisible();
    expect(screen.getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
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
    expect((screen.getByLabelText('Server address') as HTMLInputElement).value).toBe('http://10.0.0.5:4000');
  });
});
