// Launches the built extension in Chromium with a fresh profile and serves pages at the platforms' real
// URLs. Shared by the end-to-end tests, the demo and the benchmarks so all three run the same way.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumArgs, findChromium } from './chromium.mjs';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/**
 * @param {{ headless?: boolean, extensionDir?: string, locale?: string, colorScheme?: 'light'|'dark',
 *   developerMode?: boolean }} options
 */
export async function launchExtensionBrowser(options = {}) {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'kpi-lens-profile-'));
  // chrome://extensions' "Developer mode": without it, `chrome.runtime.reload()` of an unpacked extension
  // unloads it and never loads it again, so an extension update cannot be played.
  if (options.developerMode) {
    mkdirSync(join(profile, 'Default'), { recursive: true });
    const prefs = { extensions: { ui: { developer_mode: true } } };
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(prefs));
  }
  // Makes Playwright route and report service-worker requests too, so the worker cannot reach out unseen.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const args = chromiumArgs(extensionDir);
  if (options.locale) args.splice(args.indexOf('--lang=en-US'), 1, `--lang=${options.locale}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    args,
    viewport: { width: 1366, height: 800 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });

  /** Every request that left (or tried to leave) the extension and the served pages. */
  const outsideRequests = [];
  /** url (origin + path) → html */
  const pages = new Map();

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const key = url.split(/[?#]/)[0];
    const html = pages.get(key);
    if (html !== undefined) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return;
    }
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    outsideRequests.push({
      url,
      frame: safeFrameUrl(route.request()),
      worker: !!route.request().serviceWorker?.(),
    });
    await route.abort('blockedbyclient');
  });

  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    outsideRequests,
    /** Serves `html` at `url` (any query string) until the browser closes. */
    serve(url, html) {
      pages.set(url.split(/[?#]/)[0], html);
    },
    worker() {
      return (
        context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
        worker
      );
    },
    extensionUrl(path) {
      return `chrome-extension://${extensionId}/${path}`;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function safeFrameUrl(request) {
  try {
    return request.frame().url();
  } catch {
    return null;
  }
}
