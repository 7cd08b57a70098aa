import { defineConfig } from 'vitest/config';

// End-to-end: the real server, the built renderer, headless Chromium. One file, run in order.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
