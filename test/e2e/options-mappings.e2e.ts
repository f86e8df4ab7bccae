import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  screenshot,
  type ExtensionBrowser,
} from './harness';

/**
 * The options page's "Tables you mapped" (#15.3): a mapping file a colleague exported is imported and listed
 * with its columns, a file of a newer KPI Lens is refused with a message and imports nothing, the list is
 * exported as a mapping file again, a mapping is deleted (with Undo).
 */

const example = JSON.parse(
  readFileSync(join(import.meta.dirname, '../mapping/examples/mapping-v1.json'), 'utf8'),
) as Record<string, unknown>;
const second = { ...example, id: 'map-tracker-ads', label: 'Tracker ads', pathPattern: '/ads', level: 'ad' };
const FILE = {
  format: 'kpi-lens-mappings',
  version: 1,
  exportedAt: '2026-12-01T09:00:00.000Z',
  mappings: [example, second],
};

async function chooseMappingFile(page: Page, json: string): Promise<void> {
  await page.getByLabel('Mapping file to import').setInputFiles({
    name: 'kpi-lens-mappings.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
}

async function storedMappings(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const storage = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local;
    return ((await storage.get('mappings')).mappings ?? []) as unknown[];
  });
}

const items = (page: Page) => page.locator('#mappings .mapping-item strong').allTextContents();

describe('options: tables you mapped, from a mapping file', () => {
  let ext: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    options = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('imports a mapping file and lists each mapping with its site, pages and columns', async () => {
    const section = options.locator('#mappings');
    await expect
      .poll(() => section.getByText('No mapped tables yet.', { exact: false }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await section.getByRole('button', { name: 'Export mapping file' }).isDisabled()).toBe(true);

    await chooseMappingFile(options, JSON.stringify(FILE));
    await section.getByRole('button', { name: 'Import mapping file' }).click();
    await expect
      .poll(() => section.getByRole('status').allTextContents(), { timeout: 10_000 })
      .toContain('Mappings imported: 2.');
    await expect
      .poll(() => items(options), { timeout: 10_000 })
      .toEqual(['tracker.example.net', 'Tracker ads']);
    const site = section.locator('[data-site="https://tracker.example.net"]');
    expect(await site.getByRole('heading', { level: 3 }).textContent()).toBe('https://tracker.example.net');
    // Not granted in this profile: nothing to revoke, and it says the site is not read.
    expect(await site.getByText(/^Not allowed/).count()).toBe(1);
    expect(await site.getByRole('button', { name: /^Stop reading/ }).count()).toBe(0);
    const first = section.locator('[data-mapping-id="map-tracker-campaigns"]');
    expect(await first.locator('code').textContent()).toBe('https://tracker.example.net/reports/*');
    expect(await first.locator('.mapped-columns li').allTextContents()).toEqual([
      'Campaign → Name',
      'ID → ID',
      'Cost → Spend',
      'Impressions → Impressions',
      'Clicks → Clicks',
      'Conversions → Conversions',
      'Revenue → Conversion value',
    ]);
    expect(await storedMappings(options)).toEqual([example, second]);
    await expectAccessible(options, 'options with mapped tables');
    await screenshot(options, 'options-mappings');
  });

  it('refuses a file of a newer KPI Lens or a cut-short one, saying why, and imports nothing', async () => {
    const section = options.locator('#mappings');
    const newer = { ...FILE, version: 2, mappings: [{ ...example, id: 'new-one' }] };
    await chooseMappingFile(options, JSON.stringify(newer));
    await section.getByRole('button', { name: 'Import mapping file' }).click();
    await expect
      .poll(() => section.getByRole('alert').allTextContents(), { timeout: 10_000 })
      .toContain(
        'This mapping file was made by a newer KPI Lens. Update the extension, then import it again. Nothing was imported.',
      );
    const text = JSON.stringify({ ...FILE, mappings: [{ ...example, id: 'cut' }] });
    await chooseMappingFile(options, text.slice(0, text.length / 2));
    await section.getByRole('button', { name: 'Import mapping file' }).click();
    await expect
      .poll(() => section.getByRole('alert').allTextContents(), { timeout: 10_000 })
      .toContain('This file cannot be read: it is not JSON, or it was cut short. Nothing was imported.');
    expect(await items(options)).toEqual(['tracker.example.net', 'Tracker ads']);
    expect(await storedMappings(options)).toHaveLength(2);
    await expectAccessible(options, 'options with a refused mapping file');
  });

  it('allows a site only by an https address, saying what is wrong with another', async () => {
    const section = options.locator('#mappings');
    await section.getByLabel('Site to allow').fill('http://tracker.example.net');
    await section.getByRole('button', { name: 'Allow reading this site' }).click();
    await expect
      .poll(() => section.getByRole('alert').allTextContents(), { timeout: 10_000 })
      .toContain('Enter an https site address such as https://tracker.example.com.');
    expect(await section.getByLabel('Site to allow').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(options, 'options with a refused site address');
  });

  it('the worker shows no table picker in a tab of a site the user has not allowed', async () => {
    const html = readFileSync(join(import.meta.dirname, '../fixtures/mapped/plain-table-en.html'), 'utf8');
    const url = 'https://tracker.example.net/reports/campaigns';
    ext.serve(url, html);
    const site = await ext.context.newPage();
    await site.goto(url);
    const reply = await options.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
            runtime: { sendMessage(m: unknown): Promise<unknown> };
          };
        }
      ).chrome;
      // Without a permission for the site the tab's address is hidden: it is the one tab without one.
      const tab = (await chrome.tabs.query({})).find((t) => t.url === undefined);
      if (tab?.id === undefined) return 'no such tab';
      return chrome.runtime.sendMessage({ type: 'table-picker:start', tabId: tab.id });
    });
    expect(reply).toMatchObject({
      ok: false,
      code: 'rejected',
      error: expect.stringMatching(/not readable/),
    });
    expect(await site.locator('[data-kpi-lens="table-picker"]').count()).toBe(0);
    await site.close();
  });

  it('exports the mappings as a mapping file', async () => {
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export mapping file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kpi-lens-mappings-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported).toMatchObject({ format: 'kpi-lens-mappings', version: 1 });
    expect(exported.mappings).toEqual([example, second]);
    await expect
      .poll(() => options.locator('#mappings').getByRole('status').allTextContents(), { timeout: 10_000 })
      .toContain('Mapping file exported (mappings: 2).');
  });

  it('deletes a mapping, puts it back with Undo, and deletes it for good', async () => {
    const section = options.locator('#mappings');
    await section.getByRole('button', { name: 'Delete the mapping Tracker ads' }).click();
    await expect.poll(() => items(options), { timeout: 10_000 }).toEqual(['tracker.example.net']);
    await expect
      .poll(() => section.getByRole('status').first().textContent(), { timeout: 10_000 })
      .toBe('Mapping Tracker ads deleted.');
    // The focus moves to Undo, so that a keyboard user can take it back at once.
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 })
      .toBe('Undo');
    await options.keyboard.press('Enter');
    await expect
      .poll(() => items(options), { timeout: 10_000 })
      .toEqual(['tracker.example.net', 'Tracker ads']);
    await section.getByRole('button', { name: 'Delete the mapping Tracker ads' }).click();
    await expect.poll(() => items(options), { timeout: 10_000 }).toEqual(['tracker.example.net']);
    expect(await storedMappings(options)).toEqual([example]);
  });
});
