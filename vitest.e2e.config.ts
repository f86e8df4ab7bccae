import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// End-to-end tests drive the built extension in real headless Chromium: one file at a time, generous timeouts.
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    // One module cache for all files (the harness keeps no module-level state; each file launches its own browser
    // and profile): saves importing Playwright and the harness 20 times.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
