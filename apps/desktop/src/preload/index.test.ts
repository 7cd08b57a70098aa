import { describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '../bridge/channels.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn() },
}));

await import('./index.ts');
const bridge = electron.exposed.get('tripdesk') as Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('preload bridge', () => {
  it('exposes window.tripdesk and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['tripdesk']);
  });

  it('is six named functions, never ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual([
      'getConnectionProblem',
      'getSettings',
      'printReceipt',
      'saveReceiptPdf',
      'setServerUrl',
      'testServer',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(electron.invoke);
  });

  it('calls the channel of each function', async () => {
    await bridge.getSettings!();
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.settingsGet);
    await bridge.setServerUrl!('http://10.0.0.5:4000');
    expect(electron.invoke).toHaveBeenLastCalledWith(
      IpcChannel.settingsSetServerUrl,
      'http://10.0.0.5:4000',
      {},
    );
    await bridge.setServerUrl!('http://10.0.0.5:4000', { allowPlainHttp: true });
    expect(electron.invoke).toHaveBeenLastCalledWith(
      IpcChannel.settingsSetServerUrl,
      'http://10.0.0.5:4000',
      {
        allowPlainHttp: true,
      },
    );
    await bridge.setServerUrl!('https://10.0.0.5:4443', { pinFingerprint: 'AB:CD' });
    expect(electron.invoke).toHaveBeenLastCalledWith(
      IpcChannel.settingsSetServerUrl,
      'https://10.0.0.5:4443',
      {
        pinFingerprint: 'AB:CD',
      },
    );
    await bridge.testServer!('http://10.0.0.5:4000');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.serverTest, 'http://10.0.0.5:4000');
    await bridge.getConnectionProblem!();
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.connectionProblem);
    await bridge.printReceipt!('<p>r</p>');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptPrint, '<p>r</p>');
    await bridge.saveReceiptPdf!('<p>r</p>', 'receipt.pdf');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptSavePdf, '<p>r</p>', 'receipt.pdf');
  });

  it('passes only strings and plain values to the main process', async () => {
    await bridge.setServerUrl!({ toString: () => 'http://x:1', evil: true });
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.settingsSetServerUrl, 'http://x:1', {});
    // Of the options, only the two known fields cross, as plain values.
    await bridge.setServerUrl!('https://x:1', {
      pinFingerprint: { toString: () => 'AB:CD' },
      allowPlainHttp: 'yes',
      evil: () => 'x',
    });
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.settingsSetServerUrl, 'https://x:1', {
      pinFingerprint: 'AB:CD',
    });
    await bridge.saveReceiptPdf!({ toString: () => '<p>r</p>' }, ['a.pdf']);
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptSavePdf, '<p>r</p>', 'a.pdf');
  });
});
