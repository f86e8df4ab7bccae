import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// The Firefox end-to-end run: the zipped Firefox build in real headless Firefox ESR over WebDriver BiDi.
// One file at a time and generous timeouts (Firefox starts in seconds, more on a loaded 2-core machine).
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e-firefox.json' },
    include: ['test/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
