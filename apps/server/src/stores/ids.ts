import { randomBytes } from 'node:crypto';

/** Crockford's base32 in lower case: no i, l, o or u, so an id read aloud or retyped survives. */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** 10 random bytes = 80 bits = exactly 16 base32 characters. */
export const ID_RANDOM_BYTES = 10;

/** A new opaque id: `prefix_` and 16 base32 characters of crypto randomness, e.g. `htl_3kq8…`. */
export function newId(prefix: string): string {
  return idFromBytes(prefix, randomBytes(ID_RANDOM_BYTES));
}

/**
 * The id that `bytes` spell under `prefix`. `newId` feeds it crypto randomness; the demo catalog feeds
 * it its seeded generator, so demo ids look like any other and stay the same from run to run.
 */
export function idFromBytes(prefix: string, bytes: Uint8Array): string {
  if (!/^[a-z]{2,5}$/.test(prefix)) throw new Error(`id prefix must be 2-5 lower-case letters: ${prefix}`);
  if (bytes.length !== ID_RANDOM_BYTES) throw new Error(`an id needs ${ID_RANDOM_BYTES} random bytes`);
  let out = `${prefix}_`;
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
