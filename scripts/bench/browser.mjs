// Chromium for the benchmarks: the same flags as the end-to-end tests (scripts/lib/chromium.mjs), plus precise
// heap figures and an explicit gc() for the memory rows. One browser loads the built extension; a second,
// plain one (no extension arguments at all) gives the "same scroll with no extension" baseline. Pages are
// served at real URLs by request routing; every other request is refused, as in the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../lib/chromium.mjs';

const BENCH_FLAGS = ['--enable-precise-memory-info', '--js-flags=--expose-gc'];

/**
 * @param {{ extensionDir: string | null }} options  null: a plain browser without the extension
 */
export async function launchBenchBrowser({ extensionDir }) {
  const profile = mkdtempSync(join(tmpdir(), 'kpi-lens-bench-profile-'));
  const base = chromiumArgs(extensionDir ?? '');
  const args = extensionDir
    ? [...base, ...BENCH_FLAGS]
    : [
        ...base.filter(
          (a) => !a.startsWith('--disable-extensions-except') && !a.startsWith('--load-extension'),
        ),
        ...BENCH_FLAGS,
      ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args,
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    colorScheme: 'light',
  });
  const pages = new Map();
  const refused = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const body = pages.get(url.split(/[?#]/)[0]);
    if (body !== undefined)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    if (/^(chrome-extension|data|blob):/.test(url)) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });

  let extensionId = null;
  if (extensionDir) {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionId = new URL(worker.url()).host;
  }

  return {
    context,
    extensionId,
    refused,
    /** Serves `html` at `url` (any query string or hash). */
    serve(url, html) {
      pages.set(url.split(/[?#]/)[0], html);
    },
    extensionUrl(path) {
      return `chrome-extension://${extensionId}/${path}`;
    },
    worker() {
      return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The browser's version, e.g. "156.0.8078.79". */
export function browserVersion(bench) {
  return bench.context.browser()?.version() ?? null;
}
