import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebFrameMain } from 'electron';
import { IpcChannel } from '../bridge/channels.ts';

const handlers = vi.hoisted(() => new Map<string, (event: unknown, ...args: unknown[]) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      handlers.set(channel, handler);
    }),
  },
}));

const { registerIpcHandlers, trustedSenderCheck, UntrustedSenderError } = await import('./ipc.ts');
const { isRendererUrl, rendererLocation } = await import('./renderer-location.ts');

const renderer = rendererLocation(undefined);
const frame = (url: string, parent: unknown = null) => ({
  senderFrame: { url, parent } as unknown as WebFrameMain,
});

describe('IPC handlers', () => {
  const getSettings = vi.fn(() => ({ serverUrl: 'http://127.0.0.1:4000' }));
  const setServerUrl = vi.fn(async () => ({
    ok: true as const,
    settings: { serverUrl: 'https://10.0.0.5:4443' },
  }));
  const problem = {
    kind: 'certificate_changed' as const,
    serverUrl: 'https://10.0.0.5:4443',
    pinned: 'AA',
    presented: 'BB',
  };
  const connectionProblem = vi.fn(() => problem);
  const checkServer = vi.fn(async () => ({
    ok: false as const,
    reason: 'unreachable' as const,
    message: 'x',
  }));

  const printReceipt = vi.fn(async () => ({ ok: true as const }));
  const saveReceiptPdf = vi.fn(async () => ({ ok: true as const, path: '/tmp/r.pdf' }));

  beforeEach(() => {
    handlers.clear();
    vi.clearAllMocks();
    registerIpcHandlers({
      getSettings,
      setServerUrl,
      checkServer,
      connectionProblem,
      printReceipt,
      saveReceiptPdf,
      isTrustedSender: trustedSenderCheck((url) => isRendererUrl(url, renderer)),
    });
  });

  const call = (channel: string, event: unknown, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };

  it('registers exactly the channels of the shared list', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it('answers our renderer', async () => {
    const ours = frame('app://tripdesk/index.html');
    expect(call(IpcChannel.settingsGet, ours)).toEqual({ serverUrl: 'http://127.0.0.1:4000' });
    const options = { pinFingerprint: 'AB:CD' };
    await call(IpcChannel.settingsSetServerUrl, ours, 'https://10.0.0.5:4443', options);
    expect(setServerUrl).toHaveBeenCalledWith('https://10.0.0.5:4443', options);
    expect(call(IpcChannel.connectionProblem, ours)).toEqual(problem);
    await call(IpcChannel.serverTest, ours, 'http://10.0.0.5:4000');
    expect(checkServer).toHaveBeenCalledWith('http://10.0.0.5:4000');
    await call(IpcChannel.receiptPrint, ours, '<p>r</p>');
    expect(printReceipt).toHaveBeenCalledWith('<p>r</p>');
    await call(IpcChannel.receiptSavePdf, ours, '<p>r</p>', 'r.pdf');
    expect(saveReceiptPdf).toHaveBeenCalledWith('<p>r</p>', 'r.pdf');
  });

  it('answers our renderer on any screen: the address holds the screen in its hash', () => {
    const onTrip = frame('app://tripdesk/index.html#/trips/trp_1');
    expect(call(IpcChannel.settingsGet, onTrip)).toEqual({ serverUrl: 'http://127.0.0.1:4000' });
  });

  it.each([
    ['a foreign page', frame('https://evil.example/')],
    ['a file:// page', frame('file:///home/clerk/Downloads/page.html')],
    ['a look-alike host', frame('app://tripdesk.evil/index.html')],
    ['a subframe of our page', frame('app://tripdesk/index.html', {})],
    ['a frame that is gone', { senderFrame: null }],
  ])('refuses %s and does nothing', (_name, event) => {
    for (const channel of Object.values(IpcChannel)) {
      expect(() => call(channel, event, 'http://10.0.0.5:4000')).toThrow(UntrustedSenderError);
    }
    expect(getSettings).not.toHaveBeenCalled();
    expect(setServerUrl).not.toHaveBeenCalled();
    expect(checkServer).not.toHaveBeenCalled();
    expect(connectionProblem).not.toHaveBeenCalled();
    expect(printReceipt).not.toHaveBeenCalled();
    expect(saveReceiptPdf).not.toHaveBeenCalled();
  });
});
