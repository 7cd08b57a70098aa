/**
 * Whether a server address keeps its traffic on this computer. Shared by the main process (which
 * refuses plain http:// to another computer unless allowed) and the server screen (which warns).
 */

/** People type "desk-server:4000"; an address without a scheme means plain http. */
export function withDefaultScheme(text: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
}

/** `localhost`, 127.0.0.0/8 or ::1, as `URL.hostname` writes them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/**
 * True for an `http://` address (or one typed without a scheme) on another computer: tokens and customer data would cross the network
 * unencrypted. False for https://, for loopback, and for anything that is not an http(s) URL.
 */
export function isPlainHttpToNetwork(address: string): boolean {
  let url: URL;
  try {
    url = new URL(withDefaultScheme(address.trim()));
  } catch {
    return false;
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

export const PLAIN_HTTP_WARNING =
  'This address is not encrypted: passwords and customer data would cross the network readable by ' +
  'anyone on it. Use https://, or allow it explicitly if this network is trusted.';
