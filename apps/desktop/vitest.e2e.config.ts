import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// End-to-end: the real server, the built renderer, headless Chromium (Debian's; Playwright cannot
// download its own here). Without Chromium the specs are skipped, loudly, so that `npm test` runs on a
// machine with nothing but Node and npm; REQUIRE_E2E=1 (CI sets it) makes a missing Chromium fail.
const CHROMIUM = '/usr/bin/chromium';
const chromium = existsSync(CHROMIUM);
if (!chromium) {
  if (process.env.REQUIRE_E2E === '1') {
    throw new Error(`REQUIRE_E2E=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  console.warn(`[e2e] no Chromium at ${CHROMIUM} (apt-get install chromium): end-to-end tests are SKIPPED`);
}

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: chromium ? ['e2e/**/*.e2e.ts'] : [],
    passWithNoTests: !chromium,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
