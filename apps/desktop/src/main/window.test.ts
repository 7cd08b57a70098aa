import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  windows: [] as unknown[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    readonly options: unknown;
    loadURL = vi.fn(async () => undefined);
    maximize = vi.fn();
    show = vi.fn();
    isMaximized = vi.fn(() => false);
    getNormalBounds = vi.fn(() => ({ x: 40, y: 50, width: 1300, height: 820 }));
    constructor(options: unknown) {
      super();
      this.options = options;
      electron.windows.push(this);
    }
  }
  return { BrowserWindow, screen: { getAllDisplays: () => electron.displays } };
});

const { createMainWindow, hardenWebContents, mainWindowOptions, visibleBounds } = await import('./window.ts');
import type { WindowBounds } from './settings.ts';
import type { WebContents } from 'electron';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const options = mainWindowOptions(null, '/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens at the remembered bounds', () => {
    const options = mainWindowOptions({ x: 10, y: 20, width: 1400, height: 900, maximized: true }, '/p.cjs');
    expect(options).toMatchObject({ x: 10, y: 20, width: 1400, height: 900 });
    expect(options).not.toHaveProperty('maximized');
  });
});

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    }),
  });
  hardenWebContents(contents as unknown as WebContents, (url) => url.startsWith('app://tripdesk/'));
  const navigate = (name: string, url: string) => {
    const event = { preventDefault: vi.fn() };
    emitter.emit(name, event, url);
    return event.preventDefault;
  };
  return { navigate, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('denies navigation away from the renderer', () => {
    const { navigate } = fakeContents();
    expect(navigate('will-navigate', 'https://evil.example/phish')).toHaveBeenCalled();
    expect(navigate('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(navigate('will-redirect', 'http://127.0.0.1:4000/')).toHaveBeenCalled();
  });

  it('lets the renderer reload itself', () => {
    const { navigate } = fakeContents();
    expect(navigate('will-navigate', 'app://tripdesk/index.html')).not.toHaveBeenCalled();
  });

  it('denies every new window and webview', () => {
    const { open, navigate } = fakeContents();
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://tripdesk/index.html')).toEqual({ action: 'deny' });
    expect(navigate('will-attach-webview', '')).toHaveBeenCalled();
  });
});

describe('visibleBounds', () => {
  const screenArea = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  const saved: WindowBounds = { x: 100, y: 80, width: 1200, height: 800, maximized: false };

  it('keeps bounds that are on a display', () => {
    expect(visibleBounds(saved, screenArea)).toEqual(saved);
  });

  it('drops the position of a window left on a display that is gone', () => {
    expect(visibleBounds({ ...saved, x: 3000 }, screenArea)).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('has nothing to restore on first run', () => {
    expect(visibleBounds(null, screenArea)).toBeNull();
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.windows.length = 0;
  });

  it('loads the renderer and remembers the bounds when it closes', () => {
    const settings = { windowBounds: vi.fn(() => null), saveWindowBounds: vi.fn() };
    createMainWindow({ settings, preloadPath: '/p.cjs', entryUrl: 'app://tripdesk/index.html' });
    const window = electron.windows[0] as EventEmitter & { loadURL: ReturnType<typeof vi.fn> };
    expect(window.loadURL).toHaveBeenCalledWith('app://tripdesk/index.html');
    window.emit('close');
    expect(settings.saveWindowBounds).toHaveBeenCalledWith({
      x: 40,
      y: 50,
      width: 1300,
      height: 820,
      maximized: false,
    });
  });
});
