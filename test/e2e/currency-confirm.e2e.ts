import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages, type FixturePage } from '../../scripts/lib/fixtures.mjs';
import {
  clearStores,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  screenshot,
  SCREENSHOT_DIR,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import type { StoredRow } from './stored-vs-expected';

/**
 * The currency a user settles in one click, in real Chromium: a page whose amounts show a bare `$` is
 * stored and exported as USD *assumed*; the summary panel asks "This account's amounts are in USD?"; the
 * user answers from the keyboard; the CSV then says USD *account* for that account's rows (stored before
 * the answer too), the question is gone in every open tab of the account and does not come back after a
 * reload. "Choose another" sets another currency (CAD) for another account the same way.
 */

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

function fixture(platform: string, name: string): FixturePage {
  const found = listFixturePages().find((f) => f.platform === platform && f.name === name);
  if (!found) throw new Error(`fixture ${platform}/${name} is missing`);
  return found;
}

const META = fixture('meta', 'campaigns-en-usd');
const GOOGLE = fixture('google', 'campaigns-en-usd');
const META_ACCOUNT = String(META.expected.account_id);
const GOOGLE_ACCOUNT = String(GOOGLE.expected.account_id);

type CsvRow = Record<string, string>;

/** Clicks "Export CSV" in the options page and returns the rows of the file it downloads. */
async function exportCsv(ext: ExtensionBrowser): Promise<CsvRow[]> {
  const options = await openExtensionPage(ext, 'options.html');
  const [file] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export CSV', exact: true }).click(),
  ]);
  const text = readFileSync(await file.path(), 'utf8');
  await options.close();
  return Papa.parse<CsvRow>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

/** Where a screenshot of the panel alone goes (beside the harness's full-page screenshots). */
function panelShotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/** `[currency, currency_source]` of each exported row of one account, deduplicated. */
function sourcesOf(rows: CsvRow[], platform: string, accountId: string): string[][] {
  const of = rows.filter((r) => r.platform === platform && r.account_id === accountId);
  expect(of.length, `exported rows of ${platform}:${accountId}`).toBeGreaterThan(0);
  return [...new Set(of.map((r) => `${r.currency}|${r.currency_source}`))].map((s) => s.split('|'));
}

async function storedSettings(ext: ExtensionBrowser): Promise<Record<string, unknown>> {
  const options = await openExtensionPage(ext, 'options.html');
  const stored = await options.evaluate(() => chrome.storage.local.get('settings'));
  await options.close();
  return (stored.settings ?? {}) as Record<string, unknown>;
}

async function openPage(ext: ExtensionBrowser, fx: FixturePage, problems: string[]): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${fx.name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${fx.name}: ${e.message}`));
  await page.goto(fx.expected.url);
  return page;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe findings in the panel (its shadow tree included). */
async function panelViolations(page: Page): Promise<{ id: string; impact: string | null }[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Element): Promise<{ violations: { id: string; impact: string | null }[] }> };
      }
    ).axe;
    const result = await axe.run(document.querySelector('kpi-lens-panel')!);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact }));
  });
}

const prompt = (page: Page) => page.locator('kpi-lens-panel .prompt');

/** The element focused inside the panel's shadow root, by its text. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('kpi-lens-panel')?.shadowRoot;
    const el = root?.activeElement as HTMLElement | null | undefined;
    if (!el) return null;
    return el.tagName === 'SELECT' ? `select:${(el as HTMLSelectElement).value}` : (el.textContent ?? '');
  });
}

async function storedCount(ext: ExtensionBrowser, accountId: string): Promise<number> {
  return (await readStore<StoredRow & { accountId: string }>(ext, 'snapshots')).filter(
    (r) => r.accountId === accountId,
  ).length;
}

describe('the currency the user settles in one click', () => {
  let ext: ExtensionBrowser;
  const problems: string[] = [];

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    ext.serve(META.expected.url, META.html);
    ext.serve(GOOGLE.expected.url, GOOGLE.html);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext?.close();
  });

  it('a bare $ exports as USD assumed; confirmed from the keyboard in the panel it exports as USD account, in every tab, after a reload too', async () => {
    // Two tabs of the same account: the answer given in one takes the question away in both.
    const page = await openPage(ext, META, problems);
    const other = await openPage(ext, META, problems);
    await waitFor(
      () => storedCount(ext, META_ACCOUNT),
      (n) => n >= 4,
      15_000,
    );
    expect(sourcesOf(await exportCsv(ext), 'meta', META_ACCOUNT)).toEqual([['USD', 'assumed']]);

    // Asked while the panel is still collapsed, in both tabs.
    await page.bringToFront();
    await prompt(page).waitFor({ state: 'visible', timeout: 15_000 });
    await prompt(other).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('kpi-lens-panel .body').isVisible()).toBe(false);
    await expect
      .poll(() => prompt(page).innerText())
      .toMatch(/^This account’s amounts are in USD\?\s+The page shows a symbol without a currency code/);
    expect(await prompt(page).getAttribute('role')).toBe('group');
    await page.locator('kpi-lens-panel .panel').screenshot({ path: panelShotPath('currency-prompt') });
    await screenshot(page, 'currency-prompt-page');
    expect(await panelViolations(page), 'the question, by axe').toEqual([]);

    // The keyboard: Tab from the panel's bar reaches Confirm first; Enter answers.
    await page.locator('kpi-lens-panel button.bar').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Confirm');
    await page.keyboard.press('Enter');

    await prompt(page).waitFor({ state: 'hidden', timeout: 10_000 });
    // The other tab of the account drops it too (the setting reached it through storage).
    await prompt(other).waitFor({ state: 'hidden', timeout: 10_000 });
    // Focus did not fall out of the panel: it is on the bar.
    expect(await focused(page)).toMatch(/KPI Lens/);
    const settings = await storedSettings(ext);
    expect(settings.accountCurrencies).toEqual({ [`meta:${META_ACCOUNT}`]: 'USD' });

    // The rows stored before the answer (and any stored since) export as the account's currency.
    expect(sourcesOf(await exportCsv(ext), 'meta', META_ACCOUNT)).toEqual([['USD', 'account']]);
    // The page is read again with the setting: the panel no longer says "assumed".
    await page.locator('kpi-lens-panel button.bar').click();
    await expect
      .poll(() => page.locator('kpi-lens-panel .body').innerText(), { timeout: 10_000 })
      .toMatch(/Currency\s+USD(?!\s*\(assumed)/);
    const newest = await waitFor(
      async () =>
        (await readStore<StoredRow & { accountId: string; currencySource: string }>(ext, 'snapshots')).filter(
          (r) => r.accountId === META_ACCOUNT && r.currencySource === 'account',
        ),
      (rows) => rows.length > 0,
    );
    expect(newest.every((r) => r.currency === 'USD')).toBe(true);

    // After a reload the question does not come back: the panel and the chips are there, the question not.
    await page.reload();
    await page.locator('kpi-lens-panel button.bar').waitFor({ timeout: 15_000 });
    await waitFor(
      () => page.locator('kpi-lens-chips').count(),
      (n) => n >= 4,
      15_000,
    );
    await page.waitForTimeout(1500); // a panel redraw or two after the first reading
    expect(await prompt(page).isVisible()).toBe(false);
    await page.close();
    await other.close();
    expect(problems).toEqual([]);
  });

  it('“Choose another” from the keyboard: Escape goes back to the question, the select sets CAD for that account', async () => {
    const page = await openPage(ext, GOOGLE, problems);
    await prompt(page).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await prompt(page).innerText()).toMatch(/This account’s amounts are in USD\?/);
    await waitFor(
      () => storedCount(ext, GOOGLE_ACCOUNT),
      (n) => n > 0,
      15_000,
    );

    await page.locator('kpi-lens-panel button.bar').focus();
    await page.keyboard.press('Tab'); // Confirm
    await page.keyboard.press('Tab'); // Choose another
    expect(await focused(page)).toBe('Choose another');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('select:USD');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('Choose another');
    expect(await prompt(page).isVisible()).toBe(true);

    await page.keyboard.press('Enter');
    // CAD comes right after USD among the currencies written `$`.
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('select:CAD');
    await page.locator('kpi-lens-panel .panel').screenshot({ path: panelShotPath('currency-choose') });
    expect(await panelViolations(page), 'the choice, by axe').toEqual([]);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Save');
    await page.keyboard.press('Enter');
    await prompt(page).waitFor({ state: 'hidden', timeout: 10_000 });

    const settings = await storedSettings(ext);
    expect(settings.accountCurrencies).toEqual({
      [`meta:${META_ACCOUNT}`]: 'USD',
      [`google:${GOOGLE_ACCOUNT}`]: 'CAD',
    });
    const rows = await exportCsv(ext);
    expect(sourcesOf(rows, 'google', GOOGLE_ACCOUNT)).toEqual([['CAD', 'account']]);
    // The other account's answer is its own.
    expect(sourcesOf(rows, 'meta', META_ACCOUNT)).toEqual([['USD', 'account']]);
    await page.close();
    expect(problems).toEqual([]);
  });
});
