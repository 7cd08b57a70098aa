import { useRef } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';

/**
 * Idempotency keys for one dialog's request. A try whose answer never arrived (network down, timeout)
 * is retried with the same key, so the server replays what it did instead of doing it twice; a try the
 * server answered is over, and the next one (same details or not) gets a fresh key.
 */
export function useRetryKey() {
  const last = useRef<{ fingerprint: string; key: string; answered: boolean } | null>(null);
  return {
    keyFor(fingerprint: string): string {
      const previous = last.current;
      const key =
        previous && !previous.answered && previous.fingerprint === fingerprint
          ? previous.key
          : newIdempotencyKey();
      last.current = { fingerprint, key, answered: false };
      return key;
    },
    settled(error: ApiError | null): void {
      if (last.current) last.current.answered = error === null || error.status !== 0;
    },
  };
}
