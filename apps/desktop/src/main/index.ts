import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createConnectionProblems, installCertificateTrust } from './certificate-trust.ts';
import { installSessionGuards, rendererContentSecurityPolicy } from './content-security.ts';
import { registerIpcHandlers, trustedSenderCheck } from './ipc.ts';
import { installApplicationMenu } from './menu.ts';
import { isRendererUrl, rendererLocation } from './renderer-location.ts';
import { registerRendererScheme, serveRendererFiles } from './renderer-protocol.ts';
import { printReceipt, saveReceiptPdf } from './receipt-printing.ts';
import { checkServer, presentedCertificate } from './server-check.ts';
import { saveServerUrl } from './server-save.ts';
import { openSettingsStore } from './settings.ts';
import { createMainWindow, hardenWebContents } from './window.ts';

// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app never trusts it.
const renderer = rendererLocation(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
const isOurs = (url: string): boolean => isRendererUrl(url, renderer);

registerRendererScheme();

// Every web contents, now or later, stays on the renderer.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOurs));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  const settings = openSettingsStore(
    app.getPath('userData'),
    console,
    app.isPackaged ? undefined : process.env.TRIPDESK_SERVER_URL,
  );
  const serverOrigin = (): string | null => settings.get().serverUrl;

  serveRendererFiles({
    root: join(import.meta.dirname, '../renderer'),
    contentSecurityPolicy: () => rendererContentSecurityPolicy(serverOrigin(), renderer),
  });
  installSessionGuards(session.defaultSession, { renderer, serverOrigin });
  // The saved server's certificate, pinned on first use, is accepted even when self-signed.
  const problems = createConnectionProblems();
  installCertificateTrust(session.defaultSession, { pin: () => settings.serverPin(), problems });
  registerIpcHandlers({
    getSettings: () => settings.get(),
    setServerUrl: (serverUrl, options) =>
      saveServerUrl(serverUrl, options, {
        settings,
        presentedCertificate: (origin) => presentedCertificate(origin),
        problems,
        restart: () => {
          // After the renderer has shown that the app restarts; quit() still saves the window bounds.
          setTimeout(() => {
            app.relaunch();
            app.quit();
          }, 1500);
        },
      }),
    checkServer: (serverUrl) =>
      checkServer(serverUrl, { pinnedFingerprint: (origin) => settings.pinnedFingerprint(origin) }),
    connectionProblem: () => problems.current(serverOrigin()),
    printReceipt,
    saveReceiptPdf,
    isTrustedSender: trustedSenderCheck(isOurs),
  });

  const openMainWindow = (): BrowserWindow =>
    createMainWindow({
      settings,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      entryUrl: renderer.entryUrl,
    });
  let mainWindow = openMainWindow();

  installApplicationMenu({
    platform: process.platform,
    showAbout: () => {
      const options = {
        type: 'info' as const,
        title: 'About Tripdesk',
        message: `Tripdesk ${app.getVersion()}`,
        detail: [
          'Bookings of hotels, flights and cars, and the hotel front desk.',
          `Server: ${serverOrigin() ?? 'not set yet'}`,
          `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}`,
        ].join('\n'),
      };
      const owner = BrowserWindow.getFocusedWindow();
      void (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options));
    },
  });

  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openMainWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
