import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '../bridge/channels.ts';

// The whole main process started against a stand-in electron: checks the wiring, in the order Electron needs.
const fake = vi.hoisted(() => ({
  calls: [] as string[],
  userData: '',
  windows: [] as Array<{
    options: { webPreferences: Record<string, unknown> };
    loadURL: ReturnType<typeof vi.fn>;
  }>,
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => fake.windows;
    static getFocusedWindow = () => null;
    loadURL = vi.fn(async () => undefined);
    readonly options: unknown;
    constructor(options: unknown) {
      super();
      this.options = options;
      fake.calls.push('new BrowserWindow');
      fake.windows.push(this as never);
    }
  }
  const session = {
    webRequest: { onHeadersReceived: vi.fn(() => fake.calls.push('onHeadersReceived')) },
    setPermissionRequestHandler: vi.fn(() => fake.calls.push('setPermissionRequestHandler')),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setCertificateVerifyProc: vi.fn(() => fake.calls.push('setCertificateVerifyProc')),
  };
  return {
    app: {
      isPackaged: true,
      on: (event: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(event, listener),
      requestSingleInstanceLock: () => true,
      whenReady: async () => {
        fake.calls.push('whenReady');
      },
      getPath: () => fake.userData,
      getVersion: () => '0.1.0',
      quit: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => fake.calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.calls.push(`protocol.handle ${scheme}`);
        fake.protocolHandler = handler;
      }),
    },
    session: { defaultSession: session },
    ipcMain: { handle: vi.fn((channel: string) => fake.calls.push(`ipc ${channel}`)) },
    Menu: {
      setApplicationMenu: vi.fn(() => fake.calls.push('setApplicationMenu')),
      buildFromTemplate: vi.fn(),
    },
    dialog: { showMessageBox: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    BrowserWindow,
  };
});

fake.userData = mkdtempSync(join(tmpdir(), 'tripdesk-main-'));
afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));

describe('main process start', () => {
  it('registers the scheme before ready, then guards the session before opening the window', async () => {
    await import('./index.ts');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const order = (name: string) => fake.calls.indexOf(name);
    expect(order('registerSchemesAsPrivileged')).toBeLessThan(order('whenReady'));
    expect(order('onHeadersReceived')).toBeLessThan(order('new BrowserWindow'));
    expect(order('setPermissionRequestHandler')).toBeLessThan(order('new BrowserWindow'));
    expect(order('setCertificateVerifyProc')).toBeGreaterThan(-1);
    expect(order('setCertificateVerifyProc')).toBeLessThan(order('new BrowserWindow'));
    for (const channel of Object.values(IpcChannel)) {
      expect(order(`ipc ${channel}`)).toBeGreaterThan(-1);
      expect(order(`ipc ${channel}`)).toBeLessThan(order('new BrowserWindow'));
    }
    expect(fake.calls).toContain('setApplicationMenu');
    expect(fake.appListeners.has('web-contents-created')).toBe(true);
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledWith('app://tripdesk/index.html');
  });

  it('opens a sandboxed window with the CommonJS preload', () => {
    const [window] = fake.windows;
    expect(window?.options.webPreferences.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window?.options.webPreferences.sandbox).toBe(true);
  });

  it('serves renderer pages with a CSP that allows no network before a server is set', async () => {
    expect(fake.calls).toContain('protocol.handle app');
    const response = await fake.protocolHandler!(new Request('app://tripdesk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
  });
});
