import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { findFirefox, firefoxEnv, firefoxPrefs } from '../../scripts/lib/firefox.mjs';

/** The add-on's id (wxt.config.ts, `browser_specific_settings.gecko.id`): Firefox keys the add-on's host by it. */
export const ADDON_ID = 'kpi-lens@kpi-lens';

/**
 * What `npm run zip:firefox` writes: the file a user loads in about:debugging. A build made after it
 * (`npm run build:firefox`) means the zip is stale, and testing it would test old code.
 */
export function firefoxZipPath(): string {
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    name: string;
    version: string;
  };
  const zip = resolve('.output', `${name}-${version}-firefox.zip`);
  const manifest = resolve('.output', 'firefox-mv2', 'manifest.json');
  if (existsSync(zip) && existsSync(manifest) && statSync(manifest).mtimeMs > statSync(zip).mtimeMs)
    throw new Error(`${zip} is older than the Firefox build: run \`npm run zip:firefox\` again.`);
  return zip;
}

export interface FirefoxExtension {
  browser: Browser;
  /** The add-on's moz-extension:// host, fixed for this profile. */
  uuid: string;
  /** Every request that tried to leave: `CONNECT host:port` or `GET url` seen by the proxy, or a page's URL. */
  outsideRequests: string[];
  /** Serves `html` at `url` (any query string) to the pages opened with `newPage`. */
  serve(url: string, html: string): void;
  /** A tab whose requests are answered from the served pages; anything else is refused and recorded. */
  newPage(): Promise<Page>;
  extensionUrl(path: string): string;
  /** A tab showing one of the add-on's pages. */
  openExtensionPage(path: 'popup.html' | 'options.html'): Promise<Page>;
  /** The next file saved to the download folder, once it is complete. */
  nextDownload(start: () => Promise<void>): Promise<{ name: string; text: string }>;
  /** Installs the add-on as a temporary add-on (done at launch unless `install: false`). */
  install(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Debian's Firefox ESR headless with a fresh profile, driven over WebDriver BiDi (puppeteer-core), and
 * installs `addonPath` (the zip or the unpacked build) as a temporary add-on, as about:debugging does; with
 * `install: false`, only when the test calls `install()`.
 */
export async function launchFirefoxExtension(
  addonPath: string,
  /** `prefs`: more Firefox preferences for this profile (on top of the isolating ones). */
  options: { install?: boolean; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxExtension> {
  if (!existsSync(addonPath))
    throw new Error(
      `${addonPath} is missing: run \`npm run zip:firefox\` first (it builds the Firefox add-on).`,
    );
  const outsideRequests: string[] = [];
  const proxy = await startRefusingProxy(outsideRequests);
  const downloadDir = mkdtempSync(join(tmpdir(), 'kpi-lens-firefox-downloads-'));
  const uuid = randomUUID();
  const port = (proxy.address() as { port: number }).port;
  const cleanUp = () => {
    proxy.close();
    rmSync(downloadDir, { recursive: true, force: true });
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      // Firefox 153 lets WebDriver navigate only to http(s), file, blob and about:blank unless this is given
      // (`isWebdriverSafeNavigationURL` in its remote agent); the popup and options are moz-extension:// pages.
      args: ['-remote-allow-system-access'],
      env: firefoxEnv(),
      extraPrefsFirefox: {
        ...firefoxPrefs({ proxyPort: port, downloadDir, extensionUuids: { [ADDON_ID]: uuid } }),
        ...options.prefs,
      },
      defaultViewport: { width: 1366, height: 800 },
      protocolTimeout: 60_000,
      // Firefox starts in a few seconds, many more on a loaded 2-core machine.
      timeout: 60_000,
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  const close = async () => {
    try {
      await browser.close();
    } finally {
      cleanUp();
    }
  };
  const install = async () => {
    const installed = await browser.installExtension(addonPath);
    expect(installed, 'the add-on installs under its gecko id').toBe(ADDON_ID);
  };
  // A failed install must not leave a Firefox running behind the test.
  if (options.install ?? true) {
    try {
      await install();
    } catch (error) {
      await close();
      throw error;
    }
  }

  const pages = new Map<string, string>();
  const keyOf = (url: string) => url.split(/[?#]/)[0]!;
  const extensionUrl = (path: string) => `moz-extension://${uuid}/${path}`;

  return {
    browser,
    uuid,
    outsideRequests,
    serve: (url, html) => void pages.set(keyOf(url), html),
    extensionUrl,
    async newPage() {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => void answer(request, pages.get(keyOf(request.url())), outsideRequests));
      return page;
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await navigateToExtensionPage(page, extensionUrl(path));
      return page;
    },
    nextDownload: (start) => nextDownload(downloadDir, start),
    install,
    close,
  };
}

async function answer(request: HTTPRequest, html: string | undefined, outside: string[]): Promise<void> {
  if (request.isInterceptResolutionHandled()) return;
  try {
    if (html !== undefined)
      await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else if (/^(moz-extension|data|blob|about):/.test(request.url())) await request.continue();
    else {
      outside.push(request.url());
      await request.abort('blockedbyclient');
    }
  } catch {
    // The tab closed while its request was pending: nothing left to answer.
  }
}

/**
 * The proxy every Firefox connection goes through (see firefoxPrefs): it records what was asked and refuses it.
 * HTTPS arrives as `CONNECT host:443`, plain HTTP as a request for the absolute URL.
 */
async function startRefusingProxy(seen: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    seen.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

/** The part of puppeteer's BiDi frame this needs (not in its public types). */
interface BidiNavigable {
  browsingContext?: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<unknown> };
}

/**
 * Opens an add-on page in `page`. `page.goto` cannot: for a moz-extension:// load Firefox sends
 * `browsingContext.navigationStarted` and `navigationCommitted` but never `domContentLoaded` or `load`, so puppeteer
 * waits until it times out (puppeteer issue 14314, "page.goto is never awaited for Firefox addons' page"). The reply
 * to BiDi's own `browsingContext.navigate` does come once the page has loaded, so this sends that, then checks it.
 */
async function navigateToExtensionPage(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as BidiNavigable).browsingContext;
  if (!context) throw new Error('puppeteer-core changed: its BiDi frame has no browsingContext to navigate.');
  await context.navigate(url, 'complete');
  const state = () => page.evaluate(() => `${location.href} ${document.readyState}`);
  await waitUntil(async () => (await state()) === `${url} complete`, `${url} to load`);
}

/** Polls `done` until it holds; fails saying what it waited for (usable in hooks, unlike `expect.poll`). */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`Waited ${timeoutMs} ms for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function nextDownload(
  dir: string,
  start: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const before = new Set(readdirSync(dir));
  await start();
  let name: string | undefined;
  let size = -1;
  // Firefox writes `<name>.part` beside the file and removes it when the download is complete.
  await waitUntil(() => {
    const files = readdirSync(dir);
    name = files.find((f) => !before.has(f) && !f.endsWith('.part') && !files.includes(`${f}.part`));
    if (!name) return false;
    const now = statSync(join(dir, name)).size;
    const stable = now > 0 && now === size;
    size = now;
    return stable;
  }, 'a finished download');
  return { name: name!, text: readFileSync(join(dir, name!), 'utf8') };
}

/** Reads a whole IndexedDB store of the add-on from one of its pages (the add-on's own origin). */
export async function readStore<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((done, fail) => {
        // Never create the database here: an empty database opened by the test would block Dexie's upgrade.
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'kpi-lens')) return done([]);
          const open = indexedDB.open('kpi-lens');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name)) {
              db.close();
              return fail(new Error(`The database has no store "${name}".`));
            }
            const request = db.transaction(name).objectStore(name).getAll();
            request.onsuccess = () => (db.close(), done(request.result as T[]));
            request.onerror = () => (db.close(), fail(request.error));
          };
        });
      }),
    store,
  );
}
