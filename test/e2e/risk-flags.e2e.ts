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
  readStore,
  screenshot,
  type ExtensionBrowser,
} from './harness';

/**
 * Risk flags as a buyer meets them (#14.4): a week of a campaign's daily spend is in the store (imported
 * from a backup, as a restored profile has it), today it spent three times as much; the Meta page shows a
 * flag on that campaign's chips with the numbers, the panel lists it, the popup lists it, and one
 * notification was logged — reading the page again the same day does not notify again.
 */

declare const chrome: { notifications: { getAll(callback: (all: object) => void): void } };

const fx = fixturePage('meta', 'campaigns-en-usd');
const ACCOUNT_ID = fx.expected.account_id;
if (!ACCOUNT_ID) throw new Error('the Meta fixture names its account');
const BF26 = '120212345678900011';
const BF26_NAME = 'BF26 | Prospecting | US | ABO';
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ');

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

/** A backup holding one campaign's single-day readings: $100 on each of the 7 days before today, $300 today. */
function historyBackup(today: string, accountId: string, now: number): string {
  const snapshots = Array.from({ length: 8 }, (_, i) => {
    const day = shiftDay(today, i - 7);
    return {
      capturedAt: now - (7 - i) * 86_400_000 - 60_000,
      platform: 'meta',
      accountId,
      accountName: 'Northwind Outdoor – US',
      level: 'campaign',
      entityKey: BF26,
      entityId: BF26,
      entityName: BF26_NAME,
      dateStart: day,
      dateEnd: day,
      currency: 'USD',
      currencySource: 'page',
      metrics: { spend: i === 7 ? 300 : 100 },
      clickKind: null,
      resultType: null,
    };
  });
  return JSON.stringify({
    format: 'kpi-lens-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    settings: { version: 3 },
    targets: [],
    snapshots,
  });
}

/** The flag chip of a row: its accessible name and tooltip, or null when the row has none. */
async function flagOf(page: Page, entityKey: string): Promise<{ label: string; tip: string } | null> {
  return page.evaluate((key) => {
    for (const host of document.querySelectorAll('kpi-lens-chips')) {
      if (host.getAttribute('data-entity-key') !== key) continue;
      const flag = host.shadowRoot?.querySelector<HTMLElement>('.flag');
      if (flag) return { label: flag.getAttribute('aria-label') ?? '', tip: flag.dataset.tip ?? '' };
    }
    return null;
  }, entityKey);
}

describe('risk flags on the page, in the panel, in the popup and as one notification', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('a spend spike is flagged with its numbers, listed and notified once', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    // Today as the worker counts it: the browser's own zone (no zone is set for the account).
    const { today, now } = await options.evaluate(() => ({
      today: new Intl.DateTimeFormat('en-CA').format(Date.now()),
      now: Date.now(),
    }));
    await options.close();
    await importBackupFile(ext, historyBackup(today, ACCOUNT_ID, now), (rows) => rows.length === 8);

    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    await page.goto(fx.expected.url);
    await expect.poll(() => flagOf(page, BF26), { timeout: 20_000 }).not.toBeNull();
    const flag = (await flagOf(page, BF26))!;
    expect(flag.label).toBe('Risk: Spend spike');
    expect(plain(flag.tip)).toBe(
      'Spend spike: Spend today $300.00 against $100.00 a day on average on the 7 days before (3×).',
    );
    // Only that campaign has a history: no other row is flagged.
    expect(await flagOf(page, '120212345678900027')).toBeNull();

    const bar = page.locator('kpi-lens-panel button.bar');
    await bar.waitFor();
    if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
    const risks = page.locator('kpi-lens-panel section[aria-label="Risk flags"]');
    await risks.waitFor();
    expect(plain(await risks.innerText())).toContain(`${BF26_NAME} Spend spike Spend today $300.00`);
    await screenshot(page, 'risk-flags-meta-panel');

    // One notification, logged once per entity, rule and day.
    const logged = async () =>
      (await readStore<{ targetId: string; entityKey: string; day: string }>(ext, 'alerts')).filter((a) =>
        a.targetId.startsWith('risk:'),
      );
    await expect.poll(async () => (await logged()).length).toBe(1);
    expect(await logged()).toMatchObject([{ targetId: 'risk:spend-spike', entityKey: BF26, day: today }]);
    const popup = await openExtensionPage(ext, 'popup.html');
    const notifications = await popup.evaluate(
      () => new Promise<object>((resolve) => chrome.notifications.getAll(resolve)),
    );
    const ids = Object.keys(notifications).filter((id) => id.startsWith('kpi-lens-risk:'));
    expect(ids).toHaveLength(1);

    await page.reload();
    await expect.poll(() => flagOf(page, BF26), { timeout: 20_000 }).not.toBeNull();
    // The reading of the reload is stored (and judged) before this looks again.
    await page.waitForTimeout(1500);
    expect(await logged()).toHaveLength(1);
    await page.close();

    await popup.reload();
    const list = popup.locator('section.risks');
    await list.waitFor({ timeout: 10_000 });
    expect(plain(await list.innerText())).toContain(
      'Spend spike Spend today $300.00 against $100.00 a day on average',
    );
    expect(plain(await list.innerText())).toContain(BF26_NAME);
    await expectAccessible(popup, 'popup with risk flags');
    await screenshot(popup, 'risk-flags-popup');
    await popup.close();
  });
});
