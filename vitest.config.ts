import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    alias: {
      // Built by a plugin in wxt.config.ts; in tests, the same data straight from the registry.
      'virtual:kpi-lens-platform-pages': fileURLToPath(
        new URL('./test/helpers/platform-pages.ts', import.meta.url),
      ),
    },
  },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/bench/**', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // jsdom reads of whole saved pages take seconds on a loaded 2-core machine; a hang still fails.
    testTimeout: 30_000,
    // Vitest leaves a core for itself by default; the unit files are CPU-bound and the runner is mostly idle, so
    // every core runs a file (on 2 cores: 240 s -> 140 s).
    maxWorkers: availableParallelism(),
    // Files share their worker's module cache: importing jsdom, Dexie and the adapters again for each of ~115 files
    // was more than half the run (186 s -> 85 s on 2 cores). Every file is order-independent (checked with
    // `--sequence.shuffle.files`); mocks are reset and restored between tests, and each test opens a database of its own (test/store/make.ts).
    isolate: false,
    mockReset: true,
    restoreMocks: true,
  },
});
