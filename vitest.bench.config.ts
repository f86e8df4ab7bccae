import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// The benchmark smoke test: the tiny bench in real headless Chromium, so `npm run bench` cannot rot.
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/bench-smoke.json' },
    include: ['test/bench/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
