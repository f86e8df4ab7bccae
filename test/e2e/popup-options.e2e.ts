import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupParts, historyEndDay } from '../../scripts/bench/data.mjs';
import { listFixturePages, type FixturePage } from '../../scripts/lib/fixtures.mjs';
import {
  expectAccessible,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  screenshot,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import type { StoredRow } from './stored-vs-expected';

const REQUIRED_COLUMNS = [
  'captured_at',
  'platform',
  'account_id',
  'account_name',
  'level',
  'entity_id',
  'entity_name',
  'date_start',
  'date_end',
  'currency',
  'spend',
  'impressions',
  'reach',
  'clicks',
  'conversions',
  'conversion_value',
  'leads',
  'ctr',
  'cpc',
  'cpm',
  'cvr',
  'cpa',
  'roas',
];

const VISITED = ['meta/campaigns-en-usd', 'google/campaigns-en-usd', 'tiktok/campaigns-wc-en-usd'];
const fixtures: FixturePage[] = VISITED.map((name) => {
  const found = listFixturePages().find((f) => `${f.platform}/${f.name}` === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  return found;
});

async function visitAll(ext: ExtensionBrowser): Promise<void> {
  for (const f of fixtures) {
    ext.serve(f.expected.url, f.html);
    const before = (await readStore<StoredRow>(ext, 'snapshots')).length;
    const page = await ext.context.newPage();
    await page.goto(f.expected.url);
    await waitFor(
      async () => (await readStore<StoredRow>(ext, 'snapshots')).length,
      (n) => n > before,
    );
    await page.close();
  }
}

/** Clicks a button that downloads a file and returns the file's text. */
async function download(page: Page, buttonName: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

/** Picks `json` as the backup file to import, as a user choosing a file would. */
async function chooseBackupFile(page: Page, json: string): Promise<void> {
  await page.getByLabel('Backup file to import').setInputFiles({
    name: 'kpi-lens-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
}

describe('popup and options, used as a buyer would', () => {
  let ext: ExtensionBrowser;
  let csv = '';
  let backup = '';

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('shows a helpful empty state before anything was read', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 640 });
    await expect
      .poll(() => popup.getByText(/open a campaigns, ad sets or ads report/i).count())
      .toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('button', { name: 'Export CSV' }).count()).toBe(1);
    // What to open (above), and how to set a first target: from a chip where the numbers are, or the options.
    expect(await popup.getByText(/click a chip in a row \(or Tab to it and press Enter\)/).count()).toBe(1);
    await expectAccessible(popup, 'empty popup');
    await screenshot(popup, 'popup-empty-en');
    // The way to a first target is one click from the empty state: it opens the options page.
    const opened = ext.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Set a first target' }).click();
    const options = await opened;
    await options.waitForLoadState();
    // Chrome shows an `options_ui` page embedded in its extensions page.
    const id = new URL(ext.extensionUrl('')).host;
    expect([ext.extensionUrl('options.html'), `chrome://extensions/?options=${id}`]).toContain(options.url());
    await options.close();
    await popup.close();
  });

  it('sets a target by typing and clicking, then sees progress and status in the popup', async () => {
    await visitAll(ext);
    const options = await openExtensionPage(ext, 'options.html');
    await options.getByLabel('KPI', { exact: true }).first().selectOption('cpa');
    await options.getByLabel('Target value').fill('20');
    // A money target for every account needs its currency (#13.2).
    await options.locator('#target-currency').fill('USD');
    await options.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => options.getByText('Target added.').count()).toBeGreaterThan(0);
    await expectAccessible(options, 'options');
    await screenshot(options, 'options-en');

    const targets = await waitFor(
      () => readStore<{ kpi: string; value: number }>(ext, 'targets'),
      (t) => t.length === 1,
    );
    expect(targets.map((t) => [t.kpi, t.value])).toEqual([['cpa', 20]]);

    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.locator('[data-kpi-lens-ready]').waitFor();
    const goals = popup.getByRole('region', { name: 'Goals' });
    await popup.waitForTimeout(300); // the trend chart draws after the first paint
    await screenshot(popup, 'popup-data-en');
    // The page shows a bare `$`: the goal is in USD (assumed), no longer a bare number.
    await expect.poll(() => goals.getByText(/target ≤ \$20/).count()).toBeGreaterThan(0);
    // Target CPA ≤ 20 with the default 10 % band: $21.63 is at risk, $64.07 off track, $19.74 on track.
    const statusOf = (name: string) => popup.getByRole('row').filter({ hasText: name }).first().textContent();
    await expect.poll(() => statusOf('BF26 | Prospecting')).toMatch(/21\.63.*At risk/);
    await expect.poll(() => statusOf('Non-Brand, Generic')).toMatch(/64\.07.*Off track/);
    await expect.poll(() => statusOf('Retargeting 7d')).toMatch(/19\.74.*On track/);
    await expectAccessible(popup, 'popup with data');
    await popup.close();
    await options.close();
  });

  it('exports a CSV exactly as CONTRACTS.md v1 with the values the pages show', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    csv = await download(options, 'Export CSV');
    expect(csv.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, REQUIRED_COLUMNS.length)).toEqual(REQUIRED_COLUMNS);
    for (const f of fixtures) {
      for (const e of f.expected.entities) {
        const row = parsed.data.find(
          (r) =>
            r.platform === f.expected.platform &&
            (e.entity_id ? r.entity_id === e.entity_id : r.entity_name === e.entity_name),
        );
        const where = `${f.platform}/${f.name} ${e.entity_id ?? e.entity_name}`;
        expect(row, where).toBeDefined();
        const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
        expect(row!.entity_name, where).toBe(e.entity_name ?? '');
        expect(row!.account_id, where).toBe(f.expected.account_id);
        expect([row!.date_start, row!.date_end], where).toEqual([f.expected.date_start, f.expected.date_end]);
        expect(num(row!.spend), `${where} spend`).toBe(e.spend);
        expect(num(row!.impressions), `${where} impressions`).toBe(e.impressions);
        expect(num(row!.clicks), `${where} clicks`).toBe(e.clicks);
        expect(num(row!.conversions), `${where} conversions`).toBe(e.conversions);
        expect(num(row!.conversion_value), `${where} conversion_value`).toBe(e.conversion_value);
        if (e.roas === null) expect(row!.roas, `${where} roas`).toBe('');
        else expect(num(row!.roas)).toBeCloseTo(e.roas, 6);
        expect(row!.spend ?? '', `${where}: plain decimal`).toMatch(/^(-?\d+(\.\d+)?)?$/);
      }
    }
    await options.close();
  });

  it('exports a backup that a fresh profile imports into an identical CSV', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    backup = await download(options, 'Export backup');
    expect(JSON.parse(backup)).toMatchObject({ format: 'kpi-lens-backup' });
    await options.close();

    const fresh = await launchExtensionBrowser();
    try {
      const page = await openExtensionPage(fresh, 'options.html');
      await chooseBackupFile(page, backup);
      await page.getByRole('button', { name: 'Import backup' }).click();
      await waitFor(
        async () => (await readStore(fresh, 'snapshots')).length,
        (n) => n > 0,
      );
      const again = await download(page, 'Export CSV');
      expect(again).toBe(csv);
      expectNoOutsideRequests(fresh);
    } finally {
      await fresh.close();
    }
  });

  it('a long import says how far it has come, then what it imported', async () => {
    // Three chunks of the import (2,000 readings each): a year's backup takes a minute, so it must show progress.
    const campaigns = 10;
    const days = 500;
    const big = [...backupParts({ campaigns, days, endDay: historyEndDay(), seed: 7 })].join('');
    const fresh = await launchExtensionBrowser();
    try {
      const page = await openExtensionPage(fresh, 'options.html');
      await chooseBackupFile(page, big);
      // Every text the backup's status line shows, in order.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { statusTexts: string[] }).statusTexts = seen;
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent === 'Import backup',
        )!;
        const status = button.parentElement!.querySelector('[role="status"]')!;
        new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      await page.getByRole('button', { name: 'Import backup' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Imported / })
        .waitFor({ timeout: 60_000 });
      const texts = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
      const total = (campaigns * days).toLocaleString('en-US');
      expect(texts, JSON.stringify(texts)).toContain(`Importing… 2,000 of ${total} readings`);
      expect(texts.at(-1)).toMatch(new RegExp(`^Imported ${total} readings \\(0 were already here\\)`));
      expectNoOutsideRequests(fresh);
    } finally {
      await fresh.close();
    }
  });
});

describe.each([
  { language: 'vi', locale: 'vi-VN', title: /Tùy chọn/, exportCsv: 'Xuất CSV' },
  { language: 'uk', locale: 'uk-UA', title: /Налаштування/, exportCsv: 'Експорт CSV' },
])('the popup and options in $language', ({ language, locale, title, exportCsv }) => {
  it('renders every string in its language, accessibly', async () => {
    const ext = await launchExtensionBrowser({ locale });
    try {
      await visitAll(ext);
      const options = await openExtensionPage(ext, 'options.html');
      await expect.poll(() => options.getByRole('heading', { level: 1 }).textContent()).toMatch(title);
      await expectAccessible(options, `options (${language})`);
      await screenshot(options, `options-${language}`);
      const popup = await openExtensionPage(ext, 'popup.html');
      await popup.setViewportSize({ width: 420, height: 640 });
      await popup.locator('[data-kpi-lens-ready]').waitFor();
      await expect.poll(() => popup.getByRole('button', { name: exportCsv }).count()).toBe(1);
      await expectAccessible(popup, `popup (${language})`);
      await screenshot(popup, `popup-data-${language}`);
      expectNoOutsideRequests(ext);
    } finally {
      await ext.close();
    }
  });
});
