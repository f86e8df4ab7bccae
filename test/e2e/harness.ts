import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/lib/extension-browser.mjs';
import { listFixturePages, type FixturePage } from '../../scripts/lib/fixtures.mjs';

export type { ExtensionBrowser };
export { launchExtensionBrowser };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page as it is now; fails on serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; help: string }> }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help }));
  });
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    `${label}: serious or critical accessibility violations`,
  ).toEqual([]);
}

export const SCREENSHOT_DIR = join('test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function openExtensionPage(
  ext: ExtensionBrowser,
  path: 'popup.html' | 'options.html',
): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl(path));
  return page;
}

const probes = new WeakMap<ExtensionBrowser, Page>();

/**
 * A quiet page at the extension's origin (its manifest) for reading IndexedDB: unlike the service worker, it
 * survives the worker being stopped, and it runs no UI of its own.
 */
async function probe(ext: ExtensionBrowser): Promise<Page> {
  let page = probes.get(ext);
  if (!page || page.isClosed()) {
    page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('manifest.json'));
    probes.set(ext, page);
  }
  return page;
}

/**
 * Stops the extension's service worker as Chrome does when it is idle (CDP `ServiceWorker.stopAllWorkers` from a
 * page of the extension's origin), waits until it is stopped, and returns a log of its later run states.
 */
export async function stopServiceWorker(ext: ExtensionBrowser): Promise<{ states: string[] }> {
  const cdp = await ext.context.newCDPSession(await probe(ext));
  const log = { states: [] as string[] };
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions)
      if (v.scriptURL.startsWith(ext.extensionUrl(''))) log.states.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor(
    async () => log.states,
    (states) => states.includes('stopped'),
  );
  expect(log.states, 'the worker was stopped').toContain('stopped');
  log.states.length = 0;
  return log;
}

/** Reads a whole IndexedDB store of the extension, at the extension's origin. */
export async function readStore<T = unknown>(ext: ExtensionBrowser, store: string): Promise<T[]> {
  return (await probe(ext)).evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        // Never create the database here: an empty v1 database opened by the test would block Dexie's upgrade.
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve([]);
          const open = indexedDB.open('kpi-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name)) {
              db.close();
              // A test naming a store the schema no longer has would otherwise wait for rows that never come.
              return reject(new Error(`The database has no store "${name}".`));
            }
            const req = db.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => {
              db.close();
              resolve(req.result as T[]);
            };
            req.onerror = () => {
              db.close();
              reject(req.error);
            };
          };
        });
      }),
    store,
  );
}

/** The newest reading of every entity: the rows of every `latestSets` record (one record per table read). */
export async function readLatestRows<T = unknown>(ext: ExtensionBrowser): Promise<T[]> {
  const sets = await readStore<{ rows: Record<string, T> }>(ext, 'latestSets');
  return sets.flatMap((set) => Object.values(set.rows));
}

/** Empties the extension's stores (as "delete all data" would), so one test's rows never satisfy another's. */
export async function clearStores(ext: ExtensionBrowser): Promise<void> {
  await (
    await probe(ext)
  ).evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve();
          const open = indexedDB.open('kpi-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const names = [...db.objectStoreNames];
            if (!names.length) return (db.close(), resolve());
            const tx = db.transaction(names, 'readwrite');
            for (const name of names) tx.objectStore(name).clear();
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        });
      }),
  );
}

/** Polls `read` until `done` holds (the extension works asynchronously: debounce, messages, IndexedDB). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** The privacy promise, checked after every end-to-end test. */
export function expectNoOutsideRequests(ext: ExtensionBrowser): void {
  expect(ext.outsideRequests, 'requests outside the extension and the served fixture pages').toEqual([]);
}

/**
 * Restores a backup through the options page, as a user choosing a file would, and waits until the store holds
 * `snapshots` rows that `done` accepts.
 */
export async function importBackupFile(
  ext: ExtensionBrowser,
  json: string,
  done: (snapshots: unknown[]) => boolean,
): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.getByLabel('Backup file to import').setInputFiles({
    name: 'kpi-lens-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await options.getByRole('button', { name: 'Import backup' }).click();
  await waitFor(() => readStore(ext, 'snapshots'), done);
  await options.close();
}

/** A bundled fixture page by platform and name (a missing one fails the test that asks for it). */
export function fixturePage(platform: string, name: string): FixturePage {
  const found = listFixturePages().find((f) => f.platform === platform && f.name === name);
  if (!found) throw new Error(`no fixture ${platform}/${name}`);
  return found;
}
