/**
 * The typed surface the preload script exposes as `window.tripdesk`. It exists only in the desktop
 * app; in a browser the renderer runs without it.
 */

/** The desktop app's own settings, as the renderer may see them. */
export interface DesktopSettings {
  /** Origin of the Tripdesk server, e.g. `http://192.168.1.20:4000`; null until the first run sets it. */
  readonly serverUrl: string | null;
}

export type SetServerUrlResult =
  | { readonly ok: true; readonly settings: DesktopSettings }
  | { readonly ok: false; readonly message: string };

/** What `GET <server>/api/health` said, checked from the main process. */
export type ServerTestResult =
  | {
      readonly ok: true;
      readonly serverUrl: string;
      readonly status: 'ok' | 'degraded';
      readonly stores: Readonly<Record<string, string>>;
      readonly version?: string;
    }
  | {
      readonly ok: false;
      readonly reason: 'invalid_address' | 'unreachable' | 'timeout' | 'not_tripdesk';
      readonly message: string;
    };

/** What became of a receipt sent to the printer or saved as PDF; a closed dialog is `'cancelled'`. */
export type ReceiptOutputResult =
  { readonly ok: true; readonly path?: string } | { readonly ok: false; readonly message: string };

export interface TripdeskBridge {
  getSettings(): Promise<DesktopSettings>;
  setServerUrl(serverUrl: string): Promise<SetServerUrlResult>;
  testServer(serverUrl: string): Promise<ServerTestResult>;
  /** Opens the system print dialog for the receipt's HTML, rendered without script. */
  printReceipt(html: string): Promise<ReceiptOutputResult>;
  /** Asks where to save (suggesting `suggestedName`) and writes the receipt as an A4 PDF. */
  saveReceiptPdf(html: string, suggestedName: string): Promise<ReceiptOutputResult>;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly tripdesk?: TripdeskBridge;
  }
}
