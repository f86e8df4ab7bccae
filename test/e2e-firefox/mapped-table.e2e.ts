import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingOf, PAGE_URLS } from '../mapping/pages';
import {
  firefoxZipPath,
  launchFirefoxExtension,
  readStore,
  waitUntil,
  type FirefoxExtension,
} from './harness';

/**
 * A table on another site, in real Firefox ESR (#15): a mapping file a colleague exported is imported in a fresh
 * profile, the site is allowed from the options page, and the page is read by the mapped-table reader the
 * background registers (`contentScripts.register`, Firefox's MV2 way) into the same snapshots Chromium stores.
 * Firefox asks before granting an optional permission; `extensions.webextOptionalPermissionPrompts: false` (the
 * preference Mozilla's own tests use) answers that prompt with yes, since automation cannot click it.
 */

const mapping = mappingOf('plain-table-en');
const url = PAGE_URLS['plain-table-en'];
const html = readFileSync(join(import.meta.dirname, '../fixtures/mapped/plain-table-en.html'), 'utf8');

type Snapshot = {
  platform: string;
  accountId: string | null;
  entityName: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  currency: string | null;
  metrics: Record<string, number | undefined>;
};

async function click(page: Page, name: string): Promise<void> {
  await (await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`))!.click();
}

const statusTexts = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent ?? ''));

describe('Firefox ESR: a mapped table on another site', () => {
  let ff: FirefoxExtension;
  let options: Page;
  let dir: string;
  beforeAll(async () => {
    ff = await launchFirefoxExtension(firefoxZipPath(), {
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    options = await ff.openExtensionPage('options.html');
    dir = mkdtempSync(join(tmpdir(), 'kpi-lens-mapping-file-'));
  });
  afterAll(async () => {
    await ff?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a mapping file, is allowed the site, and reads the page as Chromium does', async () => {
    const file = join(dir, 'kpi-lens-mappings.json');
    const shared = { format: 'kpi-lens-mappings', version: 1, exportedAt: '2026-12-01T09:00:00.000Z' };
    writeFileSync(file, JSON.stringify({ ...shared, mappings: [mapping] }));
    const input = await options.waitForSelector('#mapping-file');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    await click(options, 'Import mapping file');
    await waitUntil(async () => (await statusTexts(options)).includes('Mappings imported: 1.'), 'the import');

    await options.type('#allow-site', mapping.origin);
    await click(options, 'Allow reading this site');
    await waitUntil(
      async () => (await statusTexts(options)).includes(`KPI Lens may now read ${mapping.origin}.`),
      'the grant',
    );

    ff.serve(url, html);
    const tab = await ff.newPage();
    await tab.goto(url);
    const stored = () => readStore<Snapshot>(options, 'snapshots');
    await waitUntil(async () => (await stored()).length === 3, 'three stored rows', 30_000);
    const rows = Object.fromEntries(
      (await stored()).map((s) => [s.entityName, [s.metrics.spend, s.metrics.clicks, s.metrics.conversions]]),
    );
    expect(rows).toEqual({
      'Black Friday – Search': [1250, 1200, 50],
      'Retargeting EU': [800, 400, undefined],
      Prospecting: [400, 300, 4],
    });
    for (const s of await stored())
      expect(s).toMatchObject({
        platform: 'generic',
        accountId: 'Acme Growth',
        dateStart: '2026-11-01',
        dateEnd: '2026-11-30',
        currency: 'USD',
      });
    expect(ff.outsideRequests).toEqual([]);
  });
});
