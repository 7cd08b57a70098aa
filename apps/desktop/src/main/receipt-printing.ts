import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import type { ReceiptOutputResult } from '../bridge/bridge.d.ts';

/** The largest receipt accepted from the renderer, in UTF-16 code units (a server receipt is a few kB). */
export const MAX_RECEIPT_HTML = 2 * 1024 * 1024;
const MAX_NAME = 120;
/** An in-memory session of its own, so the receipt's page never shares cookies or cache with the app. */
const PARTITION = 'receipt-print';

/** A file name of [A-Za-z0-9._-] only, ending in .pdf; `receipt.pdf` when nothing usable is left. */
export function sanitisePdfName(suggested: unknown): string {
  const base = (typeof suggested === 'string' ? suggested : '')
    .replace(/\.pdf$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '') // no hidden files, no "../"
    .replace(/[.-]+$/, '')
    .slice(0, MAX_NAME);
  return `${base || 'receipt'}.pdf`;
}

function checkHtml(html: unknown): string | null {
  if (typeof html !== 'string' || html.length === 0) return 'The receipt is empty.';
  if (html.length > MAX_RECEIPT_HTML) return 'The receipt is too large to print.';
  return null;
}

let sessionGuarded = false;
/** The receipt page may load nothing from the network: only its own data: URL. */
function guardReceiptSession(): void {
  if (sessionGuarded) return;
  sessionGuarded = true;
  const receiptSession = session.fromPartition(PARTITION);
  receiptSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  receiptSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  receiptSession.setPermissionCheckHandler(() => false);
}

/**
 * Renders the HTML in a hidden window with no script, no preload, no Node and Chromium's sandbox
 * hands it to `use`, and destroys the window whatever happens.
 */
async function withReceiptWindow<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
  guardReceiptSession();
  // The options stay literal here so that the electronegativity scan can read them.
  const window = new BrowserWindow({
    show: false,
    width: 794, // A4 at 96 dpi
    height: 1123,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      partition: PARTITION,
    },
  });
  try {
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    await window.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
    );
    return await use(window);
  } finally {
    if (!window.isDestroyed()) window.destroy();
  }
}

const failure = (error: unknown): ReceiptOutputResult => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
});

/** Opens the system print dialog for the receipt. */
export async function printReceipt(html: unknown): Promise<ReceiptOutputResult> {
  const invalid = checkHtml(html);
  if (invalid) return { ok: false, message: invalid };
  try {
    return await withReceiptWindow(
      html as string,
      (window) =>
        new Promise<ReceiptOutputResult>((resolve) =>
          window.webContents.print({ silent: false, printBackground: true }, (success, reason) =>
            resolve(success ? { ok: true } : { ok: false, message: reason || 'cancelled' }),
          ),
        ),
    );
  } catch (error) {
    return failure(error);
  }
}

/** Asks where to save, renders the receipt to an A4 PDF and writes it there. */
export async function saveReceiptPdf(html: unknown, suggestedName: unknown): Promise<ReceiptOutputResult> {
  const invalid = checkHtml(html);
  if (invalid) return { ok: false, message: invalid };
  try {
    const folder = defaultFolder();
    const options = {
      title: 'Save the receipt as PDF',
      defaultPath: join(folder, sanitisePdfName(suggestedName)),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
        'createDirectory' | 'showOverwriteConfirmation'
      >,
    };
    const owner = BrowserWindow.getFocusedWindow();
    const choice = await (owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options));
    if (choice.canceled || !choice.filePath) return { ok: false, message: 'cancelled' };
    const path = choice.filePath;
    const pdf = await withReceiptWindow(html as string, (window) =>
      window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }),
    );
    await writeFile(path, pdf);
    return { ok: true, path };
  } catch (error) {
    return failure(error);
  }
}

function defaultFolder(): string {
  for (const name of ['documents', 'downloads', 'home'] as const) {
    try {
      return app.getPath(name);
    } catch {
      // Not every system has every folder; try the next.
    }
  }
  return '';
}
