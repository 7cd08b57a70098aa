import { withDefaultScheme } from '../bridge/address-security.ts';

export type ServerAddress =
  { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly message: string };

const EXAMPLE = 'http://192.168.1.20:4000';

/**
 * Reads the server address a person typed. Only an origin is kept (scheme, host, port): the API lives
 * at `/api` on it, and the content security policy allows exactly that origin and nothing wider.
 */
export function parseServerAddress(input: unknown): ServerAddress {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, message: `Enter the server address, like ${EXAMPLE}.` };
  }
  const text = input.trim();
  if (text.length > 2048) return { ok: false, message: 'That address is too long to be a server address.' };
  const withScheme = withDefaultScheme(text);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `That is not a web address. Enter it like ${EXAMPLE}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'The server address must start with http:// or https://.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Leave the user name and password out of the server address.' };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, message: `Enter the server address only, without a path, like ${EXAMPLE}.` };
  }
  return { ok: true, origin: url.origin };
}
