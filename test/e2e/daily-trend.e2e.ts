import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearStores,
  expectAccessible,
  expectNoOutsideRequests,
  fixturePage,
  importBackupFile,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  waitFor,
  type ExtensionBrowser,
} from './harness';

/**
 * Seasonality in the trend (#14.5): a Google table segmented by day (Nov 24–26, 2025) is read, the three days
 * before it are in the store (restored from a backup), last year is not. The popup draws the range day by day
 * with the previous period beside it and says which days were read and which period is missing.
 */

const fx = fixturePage('google', 'campaigns-by-day-en-usd');
const TENTS = '20493377102';
const plain = (s: string) =>
  s
    .replace(/[\u2009\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

interface StoredRow {
  accountId: string;
  accountName: string | null;
  entityKey: string;
  entityName: string | null;
  dateStart: string;
  dateEnd: string;
}

describe('the trend by day, beside the previous period', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('draws the days read and the previous period, and says last year is not stored', async () => {
    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    await page.goto(fx.expected.url);
    const stored = await waitFor(
      () => readStore<StoredRow>(ext, 'snapshots'),
      (rows) =>
        rows.some((r) => r.entityKey === TENTS && r.dateStart === '2025-11-26' && r.dateEnd === '2025-11-26'),
    );
    await page.close();
    const tents = stored.find((r) => r.entityKey === TENTS)!;

    // Nov 21–23, 2025: $300 for 10 conversions a day (CPA $30.00).
    const previous = ['2025-11-21', '2025-11-22', '2025-11-23'].map((d, i) => ({
      capturedAt: Date.UTC(2025, 10, 24, 8, i),
      platform: 'google',
      accountId: tents.accountId,
      accountName: tents.accountName,
      level: 'campaign',
      entityKey: TENTS,
      entityId: TENTS,
      entityName: tents.entityName,
      dateStart: d,
      dateEnd: d,
      currency: 'USD',
      currencySource: 'page',
      metrics: { spend: 300, conversions: 10, clicks: 200, impressions: 9000 },
      clickKind: null,
      resultType: null,
    }));
    const backup = {
      format: 'kpi-lens-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      settings: { version: 4 },
      targets: [],
      snapshots: previous,
    };
    await importBackupFile(ext, JSON.stringify(backup), (rows) =>
      (rows as StoredRow[]).some((r) => r.dateStart === '2025-11-21'),
    );

    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 1000 });
    const figure = popup.locator('figure.daily');
    await figure.waitFor({ timeout: 15_000 });
    // Each of the 3 days is a segment row of the table: read, none derived.
    expect(plain(await figure.locator('figcaption').innerText())).toBe(
      'CPA by day, Nov 24 – 26, 2025: 3 days read, 0 derived. Previous period Nov 21 – 23, 2025 Last year: no day stored.',
    );
    const legend = plain(await figure.locator('.u-legend').innerText());
    expect(legend).toContain('Nov 24 – 26, 2025 (read)');
    expect(legend).toContain('derived from cumulative readings');
    expect(legend).toContain('Previous period Nov 21 – 23, 2025');
    await expectAccessible(popup, 'popup with the daily trend');
    await figure.screenshot({ path: 'test-results/screenshots/daily-trend-popup.png' });
    await popup.close();
  });
});
