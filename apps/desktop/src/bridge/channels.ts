/** IPC channel names, the one list shared by the main process and the preload bridge. */
export const IpcChannel = {
  settingsGet: 'settings:get',
  settingsSetServerUrl: 'settings:set-server-url',
  serverTest: 'server:test',
  connectionProblem: 'connection:problem',
  receiptPrint: 'receipt:print',
  receiptSavePdf: 'receipt:save-pdf',
} as const;

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];
