import {
  BrowserWindow,
  screen,
  type BrowserWindowConstructorOptions,
  type Rectangle,
  type WebContents,
} from 'electron';
import type { SettingsStore, WindowBounds } from './settings.ts';

const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

/** Options of the main window: the renderer gets no Node, its own JS world, and Chromium's sandbox. */
export function mainWindowOptions(
  bounds: WindowBounds | null,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  const { maximized: _maximized, ...rect } = bounds ?? { ...DEFAULT_SIZE, maximized: false };
  return {
    ...rect,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Tripdesk',
    backgroundColor: '#f3f4f6',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}

/**
 * Keeps a web contents on the renderer: it may reload itself (after the server address changes) but
 * never navigate elsewhere, open windows, redirect, or attach a <webview>.
 */
export function hardenWebContents(contents: WebContents, isRendererUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The remembered bounds if they still overlap a connected display, else null (centre at default size). */
export function visibleBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rectangle[],
): WindowBounds | null {
  if (!saved) return null;
  if (saved.x === undefined || saved.y === undefined) return saved;
  const { x, y, width, height } = saved;
  // At least a 100×50 corner of the title bar must be on some display, or the window is lost off-screen.
  const onScreen = workAreas.some(
    (a) => x < a.x + a.width - 100 && x + width > a.x + 100 && y >= a.y - 10 && y < a.y + a.height - 50,
  );
  return onScreen ? saved : { width, height, maximized: saved.maximized };
}

export interface MainWindowSetup {
  readonly settings: Pick<SettingsStore, 'windowBounds' | 'saveWindowBounds'>;
  readonly preloadPath: string;
  readonly entryUrl: string;
}

export function createMainWindow({ settings, preloadPath, entryUrl }: MainWindowSetup): BrowserWindow {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const bounds = visibleBounds(settings.windowBounds(), areas);
  const window = new BrowserWindow(mainWindowOptions(bounds, preloadPath));
  if (bounds?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    settings.saveWindowBounds({ x, y, width, height, maximized: window.isMaximized() });
  });
  void window.loadURL(entryUrl);
  return window;
}
