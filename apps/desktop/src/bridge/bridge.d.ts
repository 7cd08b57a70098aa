/**
 * The typed surface the preload script exposes as `window.tripdesk`. It exists only in the desktop
 * app; in a browser the renderer runs without it.
 */

/** The desktop app's own settings, as the renderer may see them. */
export interface DesktopSettings {
  /** Origin of the Tripdesk server, e.g. `http://192.168.1.20:4000`; null until the first run sets it. */
  readonly serverUrl: string | null;
  /**
   * An address this desk used before that now needs the person's word (plain http to another computer,
   * saved before that needed consent): the server screen offers it again, so nothing is typed twice.
   */
  readonly unconfirmedServerUrl?: string;
}

/** What the person confirmed on the server screen, sent along with the address to save. */
export interface SetServerUrlOptions {
  /**
   * The SHA-256 fingerprint (`AB:CD:…`, 32 pairs) of the server's certificate, compared by the person
   * with the one the server printed at start: this certificate is trusted for that address from now on.
   */
  readonly pinFingerprint?: string;
  /** The address is plain `http://` to another computer, and the person allows it on this network. */
  readonly allowPlainHttp?: boolean;
}

export type SetServerUrlResult =
  | {
      readonly ok: true;
      readonly settings: DesktopSettings;
      /**
       * The app restarts by itself in a moment (Chromium keeps its verdict on a certificate it refused
       * until then); the renderer says so instead of reloading.
       */
      readonly restarting?: true;
    }
  | {
      readonly ok: false;
      readonly reason?:
        | 'invalid_address'
        | 'plain_http'
        | 'untrusted_certificate'
        | 'certificate_changed'
        | 'invalid_fingerprint';
      readonly message: string;
    };

/** The certificate an https:// server presented when it was tested. */
export interface ServerCertificate {
  /** SHA-256 of the certificate (DER), as `AB:CD:…`: 32 uppercase hex pairs, like openssl prints it. */
  readonly fingerprint256: string;
  /** e.g. `CN=desk-server`. */
  readonly subject: string;
  readonly issuer: string;
  /** When it expires, as an ISO 8601 instant. */
  readonly validTo: string;
  /** Signed by an authority this computer trusts, for this host name. */
  readonly trustedByCa: boolean;
  /** Why it is not trusted by an authority, in the TLS library's words (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  readonly trustError?: string;
  /** The fingerprint this desk already trusts for the address: nothing to confirm again. */
  readonly pinned: boolean;
}

/** What `GET <server>/api/health` said, checked from the main process. */
export type ServerTestResult =
  | {
      readonly ok: true;
      readonly serverUrl: string;
      readonly status: 'ok' | 'degraded';
      readonly stores: Readonly<Record<string, string>>;
      readonly version?: string;
      /** Present for an https:// address. */
      readonly tls?: ServerCertificate;
    }
  | {
      readonly ok: false;
      readonly reason: 'invalid_address' | 'unreachable' | 'timeout' | 'not_tripdesk';
      readonly message: string;
    }
  | {
      readonly ok: false;
      /** The address has a pinned certificate and the server now presents another one. */
      readonly reason: 'certificate_changed';
      readonly message: string;
      readonly serverUrl: string;
      /** The fingerprint trusted until now. */
      readonly pinned: string;
      /** The fingerprint the server presents now. */
      readonly presented: string;
      readonly tls: ServerCertificate;
    };

/** Why the saved server cannot be reached, when the main process knows better than "no answer". */
export interface ConnectionProblem {
  readonly kind: 'certificate_changed';
  readonly serverUrl: string;
  readonly pinned: string;
  readonly presented: string;
}

/** What became of a receipt sent to the printer or saved as PDF; a closed dialog is `'cancelled'`. */
export type ReceiptOutputResult =
  { readonly ok: true; readonly path?: string } | { readonly ok: false; readonly message: string };

export interface TripdeskBridge {
  getSettings(): Promise<DesktopSettings>;
  setServerUrl(serverUrl: string, options?: SetServerUrlOptions): Promise<SetServerUrlResult>;
  testServer(serverUrl: string): Promise<ServerTestResult>;
  /** A refused certificate of the saved server, if that is why it cannot be reached; else null. */
  getConnectionProblem(): Promise<ConnectionProblem | null>;
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
