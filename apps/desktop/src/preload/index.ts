import { contextBridge, ipcRenderer } from 'electron';
import type { TripdeskBridge } from '../bridge/bridge.d.ts';
import { IpcChannel } from '../bridge/channels.ts';

// A few named functions; the renderer never gets ipcRenderer itself nor chooses a channel.
const bridge: TripdeskBridge = {
  getSettings: () => ipcRenderer.invoke(IpcChannel.settingsGet),
  setServerUrl: (serverUrl) => ipcRenderer.invoke(IpcChannel.settingsSetServerUrl, String(serverUrl)),
  testServer: (serverUrl) => ipcRenderer.invoke(IpcChannel.serverTest, String(serverUrl)),
  printReceipt: (html) => ipcRenderer.invoke(IpcChannel.receiptPrint, String(html)),
  saveReceiptPdf: (html, suggestedName) =>
    ipcRenderer.invoke(IpcChannel.receiptSavePdf, String(html), String(suggestedName)),
};

contextBridge.exposeInMainWorld('tripdesk', bridge);
