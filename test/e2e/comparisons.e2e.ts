import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearStores,
  expectAccessible,
  expectNoOutsideRequests,
  fixturePage,
  importBackupFile,
  launchExtensionBrowser,
  openExtensionPage,
  screenshot,
  type ExtensionBrowser,
} from './harness';

/**
 * Comparisons from stored data (#14.3): the previous period of the Meta table on screen (Nov 1–21, 2026) is
 * in the store (restored from a backup); its same period last year is not. The popup and the in-page panel
 * show the previous period's KPIs beside this period's with the change, and for last year say which range
 * to open, with a link that opens Meta at that range. Every figure below is computed by hand from the
 * fixture's rows and the backup's.
 */

const fx = fixturePage('meta', 'campaigns-en-usd');
const ACCOUNT_ID = fx.expected.account_id;
if (!ACCOUNT_ID) throw new Error('the Meta fixture names its account');
const BF26 = '120212345678900011';
const plain = (s: string) =>
  s
    .replace(/[\u2009\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Oct 11–31, 2026 (the 21 days before Nov 1–21): one campaign, $2,000 for 100 purchases worth $8,000. */
function previousPeriodBackup(accountId: string, now: number): string {
  return JSON.stringify({
    format: 'kpi-lens-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    // The account's customer lifetime value, as entered in the options (settings v4).
    settings: { version: 4, accountLtv: { [`meta:${accountId}`]: 120 } },
    targets: [],
    snapshots: [
      {
        capturedAt: Date.UTC(2026, 10, 1, 9),
        platform: 'meta',
        accountId,
        accountName: 'Northwind Outdoor – US',
        level: 'campaign',
        entityKey: BF26,
        entityId: BF26,
        entityName: 'BF26 | Prospecting | US | ABO',
        dateStart: '2026-10-11',
        dateEnd: '2026-10-31',
        currency: 'USD',
        currencySource: 'page',
        metrics: { spend: 2000, conversions: 100, conversionValue: 8000, clicks: 1000, impressions: 100000 },
        clickKind: 'link',
        resultType: null,
      },
    ],
  });
}

/*
 * This period, from the fixture's rows (a KPI counts the rows that have both of its parts):
 *   CPA  = (3071.46 + 1204.37 + 2486.02) ÷ (142 + 61 + 318) = 6761.85 ÷ 521 = $12.98; then 2000 ÷ 100 = $20.00
 *          change −$7.02, −35.1 %: better (a lower CPA is good)
 *   ROAS = (12480.9 + 5902.15) ÷ (3071.46 + 1204.37) = 18383.05 ÷ 4275.83 = 4.30×; then 8000 ÷ 2000 = 4.00×
 *          change +0.30×, +7.5 %: better
 */
const EXPECTED = {
  cpa: ['CPA', '$12.98', '$20.00', '−$7.02', '-35.1%', 'better'],
  roas: ['ROAS', '4.30×', '4.00×', '+0.30×', '+7.5%', 'better'],
};

/** Every word of a row's cells, in order. */
async function rowWords(page: Page, selector: string): Promise<string> {
  return plain(await page.locator(selector).innerText());
}

describe('comparisons in the popup and the panel, from stored data', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    await importBackupFile(ext, previousPeriodBackup(ACCOUNT_ID, Date.now()), (rows) => rows.length === 1);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('the panel: previous period beside this one with the change; last year: which range to open, and a link', async () => {
    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    await page.goto(fx.expected.url);
    const bar = page.locator('kpi-lens-panel button.bar');
    await bar.waitFor({ timeout: 15_000 });
    if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
    const section = page.locator('kpi-lens-panel section[aria-label="Comparisons"]');
    await section.waitFor({ timeout: 15_000 });
    const previous = 'kpi-lens-panel [data-period="previous"]';
    expect(plain(await page.locator(`${previous} .label`).innerText())).toBe(
      'Previous period: Oct 11 – 31, 2026',
    );
    for (const [kpi, [label, now, then, delta, change, tone]] of Object.entries(EXPECTED))
      expect(await rowWords(page, `${previous} li[data-kpi="${kpi}"]`)).toBe(
        `${label} ${now} · ${then} · ${delta} (${change}) ${tone}`,
      );
    const lastYear = page.locator('kpi-lens-panel [data-period="lastYear"]');
    expect(plain(await lastYear.innerText())).toContain(
      'Not stored yet: open Nov 1 – 21, 2025 in Meta (campaign view) once, and it is compared here.',
    );
    const link = lastYear.getByRole('link', { name: 'Open Nov 1 – 21, 2025 in Meta' });
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.host).toBe('adsmanager.facebook.com');
    expect(href.searchParams.get('act')).toBe(ACCOUNT_ID);
    // Meta's `date=` ends the day after the range's last day (the fixture's own URL: Nov 1–21 is 11-01_11-22).
    expect(href.searchParams.get('date')).toBe('2025-11-01_2025-11-22');
    // LTV ROAS = 120 ÷ 12.978 = 9.25×; CAC payback = 12.978 ÷ 120 = 10.8 %.
    expect(plain(await page.locator('kpi-lens-panel .totals').innerText())).toContain(
      'LTV ROAS 9.25× = LTV $120.00 (entered in Options) ÷ CPA · CAC payback: 10.8% of LTV',
    );
    await screenshot(page, 'comparisons-meta-panel');
    await page.close();
  });

  it('the popup: the same figures, the same missing range and link', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 900 });
    const previous = 'section.comparisons [data-period="previous"]';
    await popup.locator(`${previous} tr[data-kpi="cpa"]`).waitFor({ timeout: 15_000 });
    for (const [kpi, [label, now, then, delta, change, tone]] of Object.entries(EXPECTED))
      expect(await rowWords(popup, `${previous} tr[data-kpi="${kpi}"]`)).toBe(
        `${label} ${now} ${then} ${delta} ${change} ${tone}`,
      );
    const link = popup.locator('section.comparisons [data-period="lastYear"]').getByRole('link');
    expect(new URL((await link.getAttribute('href'))!).searchParams.get('date')).toBe(
      '2025-11-01_2025-11-22',
    );
    await expectAccessible(popup, 'popup with comparisons');
    await popup
      .locator('section.comparisons')
      .screenshot({ path: 'test-results/screenshots/comparisons-popup.png' });
    await popup.close();
  });
});
