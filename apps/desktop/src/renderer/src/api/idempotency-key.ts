/**
 * A fresh `Idempotency-Key` (API.md, "Idempotency"): 128 random bits as hex. `crypto.randomUUID`
 * exists only in secure contexts, and a browser may reach the server over plain http on the LAN;
 * `getRandomValues` works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
