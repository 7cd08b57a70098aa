import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type {
  ConnectionProblem,
  DesktopSettings,
  ReceiptOutputResult,
  ServerTestResult,
  SetServerUrlResult,
} from '../bridge/bridge.d.ts';
import { IpcChannel, type IpcChannelName } from '../bridge/channels.ts';

export interface IpcDeps {
  readonly getSettings: () => DesktopSettings;
  /** `options` as the renderer sent them: the receiver checks them. */
  readonly setServerUrl: (serverUrl: unknown, options: unknown) => Promise<SetServerUrlResult>;
  readonly checkServer: (serverUrl: unknown) => Promise<ServerTestResult>;
  readonly connectionProblem: () => ConnectionProblem | null;
  readonly printReceipt: (html: unknown) => Promise<ReceiptOutputResult>;
  readonly saveReceiptPdf: (html: unknown, suggestedName: unknown) => Promise<ReceiptOutputResult>;
  /** True only for the top frame of our own renderer. */
  readonly isTrustedSender: (frame: WebFrameMain | null) => boolean;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`IPC ${channel} refused: the sender is not the Tripdesk renderer`);
    this.name = 'UntrustedSenderError';
  }
}

/** Accepts a frame only when it is a top frame showing a URL of the renderer. */
export function trustedSenderCheck(isRendererUrl: (url: string) => boolean): IpcDeps['isTrustedSender'] {
  return (frame) => frame != null && frame.parent === null && isRendererUrl(frame.url);
}

/** Every IPC handler of the app. Each one checks its sender before it does anything. */
export function registerIpcHandlers(deps: IpcDeps): void {
  const handle = (channel: IpcChannelName, run: (...args: unknown[]) => unknown): void => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!deps.isTrustedSender(event.senderFrame)) throw new UntrustedSenderError(channel);
      return run(...args);
    });
  };
  handle(IpcChannel.settingsGet, () => deps.getSettings());
  handle(IpcChannel.settingsSetServerUrl, (serverUrl, options) => deps.setServerUrl(serverUrl, options));
  handle(IpcChannel.serverTest, (serverUrl) => deps.checkServer(serverUrl));
  handle(IpcChannel.connectionProblem, () => deps.connectionProblem());
  handle(IpcChannel.receiptPrint, (html) => deps.printReceipt(html));
  handle(IpcChannel.receiptSavePdf, (html, suggestedName) => deps.saveReceiptPdf(html, suggestedName));
}
