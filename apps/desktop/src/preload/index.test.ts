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

  it('is five named functions, never ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual([
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
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.settingsSetServerUrl, 'http://10.0.0.5:4000');
    await bridge.testServer!('http://10.0.0.5:4000');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.serverTest, 'http://10.0.0.5:4000');
    await bridge.printReceipt!('<p>r</p>');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptPrint, '<p>r</p>');
    await bridge.saveReceiptPdf!('<p>r</p>', 'receipt.pdf');
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptSavePdf, '<p>r</p>', 'receipt.pdf');
  });

  it('passes only a string to the main process', async () => {
    await bridge.setServerUrl!({ toString: () => 'http://x:1', evil: true });
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.settingsSetServerUrl, 'http://x:1');
    await bridge.saveReceiptPdf!({ toString: () => '<p>r</p>' }, ['a.pdf']);
    expect(electron.invoke).toHaveBeenLastCalledWith(IpcChannel.receiptSavePdf, '<p>r</p>', 'a.pdf');
  });
});
