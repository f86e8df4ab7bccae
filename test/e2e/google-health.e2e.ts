import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages, type ExpectedReading } from '../../scripts/lib/fixtures.mjs';
import {
  clearStores,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readLatestRows,
  readStore,
  screenshot,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import { expectStoredEqualsExpected, type StoredRow } from './stored-vs-expected';

/**
 * Google Ads parser health in real Chromium, as a user meets it: a page with `essfield` keys, the same page as
 * a later release could serve it (random classes, renamed tags, no `essfield`: read by header text and column
 * position), and a page whose table cannot be read (the panel says so and why, shows no numbers, and nothing
 * is stored).
 */

interface FixturePage {
  platform: string;
  name: string;
  html: string;
  expected: ExpectedReading & { reason_includes?: string };
}

const fixtures = listFixturePages() as FixturePage[];
const fixture = (name: string) => {
  const found = fixtures.find((f) => f.platform === 'google' && f.name === name);
  if (!found) throw new Error(`no fixture google/${name}`);
  return found;
};

const CPA_TARGET = 20;

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** One CPA target for every account, so chips appear (the background creates the database on first use). */
async function setCpaTarget(ext: ExtensionBrowser): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'targets:list' }));
  await options.close();
  const target = {
    id: 'e2e-cpa',
    kpi: 'cpa',
    direction: 'atMost',
    value: CPA_TARGET,
    scope: { kind: 'all' },
    currency: null,
    period: null,
    tolerance: 0.1,
    muted: false,
    position: 0,
  };
  await ext.worker().evaluate(
    (t) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kpi-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('targets', 'readwrite');
          tx.objectStore('targets').put(t);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    target,
  );
}

interface HostSeen {
  key: string;
  /** The id in the campaign link of the row the host sits in (the page's own markup, not the extension's). */
  rowCampaignId: string | null;
  cpa: string | null;
}

async function hostsOn(page: Page): Promise<HostSeen[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('kpi-lens-chips')].map((host) => {
      const link = host.closest('[role="row"]')?.querySelector('a[href*="campaignId="]');
      const chip = host.shadowRoot?.querySelector('.chip[data-kpi="cpa"] .v');
      return {
        key: host.getAttribute('data-entity-key') ?? '',
        rowCampaignId: link
          ? new URL(link.getAttribute('href')!, location.href).searchParams.get('campaignId')
          : null,
        cpa: chip?.textContent ?? null,
      };
    }),
  );
}

async function panelText(page: Page): Promise<string> {
  const bar = page.locator('kpi-lens-panel button.bar');
  await bar.waitFor({ timeout: 15_000 });
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
  await page.locator('kpi-lens-panel .body').waitFor();
  return (await page.locator('kpi-lens-panel .panel').innerText()).replace(/\s+/g, ' ');
}

const mine = (rows: StoredRow[], expected: ExpectedReading) =>
  rows.filter(
    (r) => r.platform === 'google' && r.accountId === expected.account_id && r.level === expected.level,
  );

describe('Google Ads parser health, as the user sees it', () => {
  let ext: ExtensionBrowser;
  const consoleProblems: string[] = [];

  async function open(fx: FixturePage): Promise<Page> {
    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${fx.name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`${fx.name}: ${e.message}`));
    await page.goto(fx.expected.url);
    return page;
  }

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    await setCpaTarget(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext?.close();
  });

  it.each([
    ['campaigns-en-usd', 'with essfield'],
    ['campaigns-obfuscated-en-usd', 'random classes, renamed tags, no essfield: by header text and position'],
  ])('%s (%s): stored exactly, a chip in each campaign’s own row', async (name) => {
    const fx = fixture(name);
    await clearStores(ext);
    await setCpaTarget(ext);
    const page = await open(fx);
    const want = fx.expected.entities.length;
    const rows = await waitFor(
      async () => mine(await readLatestRows<StoredRow>(ext), fx.expected),
      (r) => r.length >= want,
      15_000,
    );
    expectStoredEqualsExpected(rows, fx.expected, name);
    const hosts = await waitFor(
      () => hostsOn(page),
      (h) => h.length === want && h.every((x) => x.cpa !== null),
      15_000,
    );
    expect(hosts.map((h) => h.key).sort()).toEqual(fx.expected.entities.map((e) => e.entity_id).sort());
    for (const host of hosts) {
      expect(host.rowCampaignId, `${name}: chip ${host.key} in another row`).toBe(host.key);
      const e = fx.expected.entities.find((x) => x.entity_id === host.key)!;
      if (!e.conversions) expect(host.cpa).toBe('—');
      else expect(host.cpa).toBe(`$${(e.spend! / e.conversions).toFixed(2)}`);
    }
    const text = await panelText(page);
    expect(text).not.toContain('does not recognise');
    expect(text).toContain('Rows read 3 of 3');
    await screenshot(page, `google-health-${name}`);
    await page.close();
  });

  it('campaigns-unreadable-ja: the panel says it cannot read the table and why, shows no numbers; nothing is stored', async () => {
    const fx = fixture('campaigns-unreadable-ja');
    await clearStores(ext);
    await setCpaTarget(ext);
    const page = await open(fx);
    await expect
      .poll(() => page.locator('kpi-lens-panel .headline').textContent(), { timeout: 15_000 })
      .toBe('Page not recognised');
    const text = await panelText(page);
    expect(text).toContain('KPI Lens does not recognise this page');
    expect(text).toContain(fx.expected.reason_includes!);
    expect(text).toContain('headers seen: "キャンペーン", "予算"');
    expect(text).toContain('display languages can be read: en, vi');
    // No totals, no currency, no row count: not one number of the page.
    for (const shown of ['$', '12,077', '16,889', '17,301', 'Rows read', 'Spend', 'CPA'])
      expect(text, `the panel shows "${shown}"`).not.toContain(shown);
    expect(await page.locator('kpi-lens-panel .body section, kpi-lens-panel .facts').count()).toBe(0);
    expect(await hostsOn(page)).toEqual([]);
    await screenshot(page, 'google-health-unreadable');
    // Give the extension time to (wrongly) store something, then look.
    await page.waitForTimeout(1500);
    expect(await readStore(ext, 'snapshots')).toEqual([]);
    expect(mine(await readLatestRows<StoredRow>(ext), fx.expected)).toEqual([]);
    await page.close();
  });

  it('no errors or warnings in the pages’ consoles', () => {
    expect(consoleProblems).toEqual([]);
  });
});
