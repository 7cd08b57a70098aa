import type { ApiResponse } from './harness.ts';

/**
 * Fires every request at once over real HTTP (one connection each) and tallies the answers by status
 * and problem code, e.g. `{ '201': 3, '409 sold_out': 37 }`; `ms` is how long the whole burst took.
 */
export async function race(requests: (() => Promise<ApiResponse>)[]) {
  const started = performance.now();
  const answers = await Promise.all(requests.map((r) => r()));
  const ms = Math.round(performance.now() - started);
  const tally: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status === 201 ? '201' : `${a.status} ${(a.body as { code?: string }).code}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return { answers, tally, ms };
}
