import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { WebFrameMain } from 'electron';
import { IpcChannel } from '../bridge/channels.ts';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type PrintCallback = (success: boolean, reason: string) => void;
interface FakeWindow {
  options: { show: boolean; webPreferences: Record<string, unknown> };
  loadURL: Mock;
  destroy: Mock;
  webContents: { print: Mock; printToPDF: Mock; setWindowOpenHandler: Mock; on: Mock };
}

const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as FakeWindow[],
  print: (_options: unknown, callback: (success: boolean, reason: string) => void): void =>
    callback(true, ''),
  printToPDF: async (_options: unknown): Promise<Uint8Array> => new Uint8Array(),
  loadURL: async (_url: string): Promise<void> => undefined,
  showSaveDialog: async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({
    canceled: true,
  }),
  documents: '/home/clerk/Documents',
  onBeforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: object) => void) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getFocusedWindow = () => null;
    destroyed = false;
    readonly options: unknown;
    loadURL = vi.fn((url: string) => fake.loadURL(url));
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
    isDestroyed = () => this.destroyed;
    webContents = {
      print: vi.fn((options: unknown, callback: PrintCallback) => fake.print(options, callback)),
      printToPDF: vi.fn((options: unknown) => fake.printToPDF(options)),
      setWindowOpenHandler: vi.fn(),
      on: vi.fn(),
    };
    constructor(options: unknown) {
      this.options = options;
      fake.windows.push(this as never);
    }
  }
  const receiptSession = {
    webRequest: {
      onBeforeRequest: vi.fn((listener: typeof fake.onBeforeRequest) => {
        fake.onBeforeRequest = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };
  return {
    BrowserWindow,
    app: { getPath: vi.fn(() => fake.documents) },
    dialog: { showSaveDialog: vi.fn((...args: unknown[]) => fake.showSaveDialog(...args)) },
    session: { fromPartition: vi.fn(() => receiptSession) },
    ipcMain: { handle: vi.fn((channel: string, handler: Handler) => fake.handlers.set(channel, handler)) },
  };
});

const { MAX_RECEIPT_HTML, printReceipt, sanitisePdfName, saveReceiptPdf } =
  await import('./receipt-printing.ts');
const { registerIpcHandlers, trustedSenderCheck, UntrustedSenderError } = await import('./ipc.ts');

const HTML = '<!doctype html><title>Receipt</title><p>Ada Lovelace · $1,107.00</p>';
const PDF = new TextEncoder().encode('%PDF-1.7 receipt bytes');
const folder = mkdtempSync(join(tmpdir(), 'tripdesk-receipt-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeEach(() => {
  fake.windows.length = 0;
  fake.print = (_options, callback) => callback(true, '');
  fake.printToPDF = async () => PDF;
  fake.loadURL = async () => undefined;
  fake.showSaveDialog = async () => ({ canceled: true });
});

const everyWindowDestroyed = () => {
  for (const window of fake.windows) expect(window.destroy).toHaveBeenCalledOnce();
};

describe('the hidden receipt window', () => {
  it('renders the HTML from a base64 data: URL without script, preload or Node, then is destroyed', async () => {
    expect(await printReceipt(HTML)).toEqual({ ok: true });
    const [window] = fake.windows;
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window?.options.webPreferences).not.toHaveProperty('preload');
    const url = String(window?.loadURL.mock.calls[0]?.[0]);
    expect(url).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8')).toBe(HTML);
    expect(window?.webContents.print).toHaveBeenCalledWith(
      expect.objectContaining({ silent: false }),
      expect.any(Function),
    );
    everyWindowDestroyed();
  });

  it('denies new windows and navigation, and lets its session load only data: URLs', async () => {
    await printReceipt(HTML);
    const contents = fake.windows[0]!.webContents;
    const opener = contents.setWindowOpenHandler.mock.calls[0]?.[0] as () => unknown;
    expect(opener()).toEqual({ action: 'deny' });
    const [event, listener] = contents.on.mock.calls[0] as [
      string,
      (e: { preventDefault: () => void }) => void,
    ];
    expect(event).toBe('will-navigate');
    const navigation = { preventDefault: vi.fn() };
    listener(navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    const answer = (url: string) => {
      let result: object = {};
      fake.onBeforeRequest!({ url }, (r) => (result = r));
      return result;
    };
    expect(answer('data:text/html;base64,AA==')).toEqual({ cancel: false });
    expect(answer('https://tracker.example/pixel.gif')).toEqual({ cancel: true });
  });
});

describe('printReceipt', () => {
  it('reports a closed print dialog as cancelled, and destroys the window', async () => {
    fake.print = (_options, callback) => callback(false, 'cancelled');
    expect(await printReceipt(HTML)).toEqual({ ok: false, message: 'cancelled' });
    everyWindowDestroyed();
  });

  it('reports a page that fails to load, and destroys the window', async () => {
    fake.loadURL = async () => {
      throw new Error('ERR_FAILED');
    };
    expect(await printReceipt(HTML)).toEqual({ ok: false, message: 'ERR_FAILED' });
    expect(fake.windows).toHaveLength(1);
    everyWindowDestroyed();
  });

  it.each([
    ['oversize HTML', 'x'.repeat(MAX_RECEIPT_HTML + 1)],
    ['empty HTML', ''],
    ['something that is not a string', { html: HTML }],
  ])('refuses %s without opening a window', async (_name, html) => {
    const result = await printReceipt(html);
    expect(result.ok).toBe(false);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('saveReceiptPdf', () => {
  it('writes the PDF bytes to the chosen path, suggesting the name in Documents', async () => {
    const chosen = join(folder, 'chosen.pdf');
    const dialogCalls: unknown[][] = [];
    fake.showSaveDialog = async (...args) => {
      dialogCalls.push(args);
      return { canceled: false, filePath: chosen };
    };
    expect(await saveReceiptPdf(HTML, 'receipt-trp_1.pdf')).toEqual({ ok: true, path: chosen });
    expect(new Uint8Array(readFileSync(chosen))).toEqual(PDF);
    expect(dialogCalls[0]?.[0]).toMatchObject({
      defaultPath: join(fake.documents, 'receipt-trp_1.pdf'),
    });
    expect(fake.windows[0]?.webContents.printToPDF).toHaveBeenCalledWith({
      printBackground: true,
      pageSize: 'A4',
    });
    everyWindowDestroyed();
  });

  it('returns cancelled when the save dialog is closed, rendering nothing', async () => {
    expect(await saveReceiptPdf(HTML, 'receipt.pdf')).toEqual({ ok: false, message: 'cancelled' });
    expect(fake.windows).toHaveLength(0);
  });

  it('reports a failed render and destroys the window', async () => {
    fake.showSaveDialog = async () => ({ canceled: false, filePath: join(folder, 'never.pdf') });
    fake.printToPDF = async () => {
      throw new Error('Printing failed');
    };
    expect(await saveReceiptPdf(HTML, 'receipt.pdf')).toEqual({ ok: false, message: 'Printing failed' });
    expect(fake.windows).toHaveLength(1);
    everyWindowDestroyed();
  });

  it('refuses oversize HTML before asking where to save', async () => {
    const dialog = vi.fn(fake.showSaveDialog);
    fake.showSaveDialog = dialog;
    expect((await saveReceiptPdf('x'.repeat(MAX_RECEIPT_HTML + 1), 'r.pdf')).ok).toBe(false);
    expect(dialog).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it.each([
    ['receipt-trp_1.pdf', 'receipt-trp_1.pdf'],
    ['../../etc/passwd', 'etc-passwd.pdf'],
    ['C:\\Windows\\system32\\x.PDF', 'C-Windows-system32-x.pdf'],
    ['Receipt · Ada Lovelace', 'Receipt-Ada-Lovelace.pdf'],
    ['.hidden', 'hidden.pdf'],
    ['', 'receipt.pdf'],
    ['////', 'receipt.pdf'],
    [42, 'receipt.pdf'],
  ])('sanitises the suggested name %j to %j', (suggested, expected) => {
    expect(sanitisePdfName(suggested)).toBe(expected);
  });

  it('caps the length of the name', () => {
    expect(sanitisePdfName('a'.repeat(500))).toMatch(/^a{120}\.pdf$/);
  });
});

describe('the receipt IPC channels', () => {
  beforeEach(() => {
    fake.handlers.clear();
    registerIpcHandlers({
      getSettings: vi.fn(),
      setServerUrl: vi.fn(),
      checkServer: vi.fn(),
      connectionProblem: vi.fn(),
      printReceipt,
      saveReceiptPdf,
      isTrustedSender: trustedSenderCheck((url) => url.startsWith('app://tripdesk/')),
    });
  });
  const call = (channel: string, url: string, parent: unknown, ...args: unknown[]) =>
    fake.handlers.get(channel)!({ senderFrame: { url, parent } as unknown as WebFrameMain }, ...args);

  it('serve our renderer', async () => {
    expect(await call(IpcChannel.receiptPrint, 'app://tripdesk/index.html', null, HTML)).toEqual({
      ok: true,
    });
  });

  it.each([
    ['a foreign frame', 'https://evil.example/', null],
    ['a subframe of our page', 'app://tripdesk/index.html', {}],
  ])('refuse %s before any window or dialog', (_name, url, parent) => {
    expect(() => call(IpcChannel.receiptPrint, url, parent, HTML)).toThrow(UntrustedSenderError);
    expect(() => call(IpcChannel.receiptSavePdf, url, parent, HTML, 'r.pdf')).toThrow(UntrustedSenderError);
    expect(fake.windows).toHaveLength(0);
  });
});
