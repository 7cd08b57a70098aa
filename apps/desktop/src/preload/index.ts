import { contextBridge, ipcRenderer } from 'electron';
import type { SetServerUrlOptions, TripdeskBridge } from '../bridge/bridge.d.ts';
import { IpcChannel } from '../bridge/channels.ts';

/** Only the two known fields, as plain values: nothing else of the renderer's object crosses. */
function serverUrlOptions(options: SetServerUrlOptions | undefined): SetServerUrlOptions {
  const pin = options?.pinFingerprint;
  return {
    ...(pin === undefined ? {} : { pinFingerprint: String(pin) }),
    ...(options?.allowPlainHttp === true ? { allowPlainHttp: true } : {}),
  };
}

// A few named functions; the renderer never gets ipcRenderer itself nor chooses a channel.
const bridge: TripdeskBridge = {
  getSettings: () => ipcRenderer.invoke(IpcChannel.settingsGet),
  setServerUrl: (serverUrl, options) =>
    ipcRenderer.invoke(IpcChannel.settingsSetServerUrl, String(serverUrl), serverUrlOptions(options)),
  testServer: (serverUrl) => ipcRenderer.invoke(IpcChannel.serverTest, String(serverUrl)),
  getConnectionProblem: () => ipcRenderer.invoke(IpcChannel.connectionProblem),
  printReceipt: (html) => ipcRenderer.invoke(IpcChannel.receiptPrint, String(html)),
  saveReceiptPdf: (html, suggestedName) =>
    ipcRenderer.invoke(IpcChannel.receiptSavePdf, String(html), String(suggestedName)),
};

contextBridge.exposeInMainWorld('tripdesk', bridge);
