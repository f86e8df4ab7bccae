import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import { mappingOf, PAGE_URLS } from '../mapping/pages';
import { allowSiteInOptions, allowSiteOnExtensionsPage } from './allow-site';
import {
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readLatestRows,
  readStore,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import type { StoredRow } from './stored-vs-expected';

/**
 * An ad-manager tab left open across an extension update (here: `chrome.runtime.reload()`, which Chrome treats
 * as an update of the unpacked extension). The old content script is cut off from the extension; the new
 * background puts a fresh one into the open tab. The user sees the chips come back once each, and the tab goes
 * on storing what it shows.
 */

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown>; reload(): void };
};

const fixture = (() => {
  const found = listFixturePages().find((f) => f.platform === 'meta' && f.name === 'campaigns-en-usd');
  if (!found) throw new Error('fixture meta/campaigns-en-usd is missing');
  return found;
})();
const ROW = '120212345678900011';
const ENTITIES = fixture.expected.entities.filter((e) => !e.optional).length;

interface OverlaySeen {
  /** entity key → KPIs of its chips, in order, over every chip host of that entity */
  chips: Record<string, string[]>;
  hosts: number;
  panels: number;
  tooltips: number;
  /** overlay nodes that were on the page before the update */
  fromBefore: number;
}

async function overlayOn(page: Page): Promise<OverlaySeen> {
  return page.evaluate(() => {
    const chips: Record<string, string[]> = {};
    const hosts = [...document.querySelectorAll('kpi-lens-chips')];
    for (const host of hosts) {
      const key = host.getAttribute('data-entity-key') ?? '';
      const kpis = [...(host.shadowRoot?.querySelectorAll('.chip') ?? [])].map(
        (c) => (c as HTMLElement).dataset.kpi ?? '',
      );
      chips[key] = [...(chips[key] ?? []), ...kpis];
    }
    return {
      chips,
      hosts: hosts.length,
      panels: document.querySelectorAll('kpi-lens-panel').length,
      tooltips: document.querySelectorAll('kpi-lens-tooltip').length,
      fromBefore: document.querySelectorAll('[data-e2e-before]').length,
    };
  });
}

/** One chip host per row, each KPI's chip once in it, and one panel. */
function isWhole(seen: OverlaySeen): boolean {
  const rows = Object.values(seen.chips);
  return (
    seen.hosts === ENTITIES &&
    rows.length === ENTITIES &&
    rows.every((kpis) => kpis.length > 0 && new Set(kpis).size === kpis.length) &&
    seen.panels === 1 &&
    seen.fromBefore === 0
  );
}

async function setTargets(ext: ExtensionBrowser): Promise<void> {
  // The background creates the database on first use: ask it for the (empty) list first.
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'targets:list' }));
  await options.close();
  const targets = [
    { id: 'e2e-cpa', kpi: 'cpa', direction: 'atMost', value: 20 },
    { id: 'e2e-roas', kpi: 'roas', direction: 'atLeast', value: 4.5 },
  ].map((t, position) => ({
    currency: null,
    period: null,
    tolerance: 0.1,
    muted: false,
    scope: { kind: 'all' },
    ...t,
    position,
  }));
  await ext.worker().evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kpi-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('targets', 'readwrite');
          for (const t of rows) tx.objectStore('targets').put(t);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    targets,
  );
}

/** The update itself: the old worker goes away while answering, so that evaluation rejects. */
async function updateExtension(ext: ExtensionBrowser): Promise<void> {
  const oldWorker = ext.worker();
  const nextWorker = ext.context.waitForEvent('serviceworker', { timeout: 15_000 });
  await oldWorker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
  await nextWorker;
}

const spendOf = async (ext: ExtensionBrowser, entityId: string) =>
  (await readLatestRows<StoredRow>(ext)).find((r) => r.entityId === entityId)?.metrics.spend;

describe('an ad-manager tab left open across an extension update', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtensionBrowser({ developerMode: true });
    await setTargets(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext?.close();
  });

  it('gets its chips back once each, and its next reading is stored', async () => {
    ext.serve(fixture.expected.url, fixture.html);
    const page = await ext.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(fixture.expected.url);
    const before = await waitFor(() => overlayOn(page), isWhole, 15_000);
    expect(before, 'chips before the update').toSatisfy(isWhole);
    // CPA and ROAS where the row has purchases, CPL on the lead campaign.
    expect(Object.values(before.chips).flat().sort()).toEqual([
      'cpa',
      'cpa',
      'cpa',
      'cpl',
      'roas',
      'roas',
      'roas',
    ]);
    expect(await spendOf(ext, ROW)).toBe(3071.46);

    // Marks what the old script drew, to tell it from what the new one draws.
    await page.evaluate(() => {
      for (const node of document.querySelectorAll('[data-kpi-lens]'))
        node.setAttribute('data-e2e-before', '');
    });
    expect((await overlayOn(page)).fromBefore).toBeGreaterThan(ENTITIES);

    await updateExtension(ext);

    // The chips come back, once each (never a second set beside the orphaned script's), and stay so.
    const after = await waitFor(() => overlayOn(page), isWhole, 15_000);
    expect(after, 'chips after the update').toSatisfy(isWhole);
    expect(after.chips).toEqual(before.chips);
    await page.waitForTimeout(2500);
    const settled = await overlayOn(page);
    expect(settled, 'still one set of chips and one panel').toSatisfy(isWhole);
    expect(settled.chips).toEqual(before.chips);
    expect(settled.tooltips).toBeLessThanOrEqual(1);

    // The page changes after the update: the new script reads it and the worker stores it.
    await page.evaluate((row) => {
      const cell = document.querySelector(`[data-surface="/am/table/table_row:${row}unit/table_cell:spend"]`);
      const value = [...(cell?.querySelectorAll('span') ?? [])].find((s) => s.textContent === '$3,071.46');
      if (!value) throw new Error('no spend cell');
      value.textContent = '$3,500.00';
    }, ROW);
    expect(
      await waitFor(
        () => spendOf(ext, ROW),
        (spend) => spend === 3500,
        15_000,
      ),
    ).toBe(3500);
    const last = await overlayOn(page);
    expect(last, 'one set of chips after the next reading').toSatisfy(isWhole);
    expect(last.chips).toEqual(before.chips);
    expect(problems, 'console errors and warnings in the ad-manager tab').toEqual([]);
    await page.close();
  });

  it('a mapped site’s tab goes on reading too (the reader registered at run time, not in the manifest)', async () => {
    const mapping = mappingOf('plain-table-en');
    const options = await openExtensionPage(ext, 'options.html');
    await options.getByLabel('Mapping file to import').setInputFiles({
      name: 'kpi-lens-mappings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'kpi-lens-mappings',
          version: 1,
          exportedAt: '2026-12-01T09:00:00.000Z',
          mappings: [mapping],
        }),
      ),
    });
    await options.getByRole('button', { name: 'Import mapping file' }).click();
    await expect
      .poll(() => options.locator('#mappings').getByRole('status').allTextContents(), { timeout: 10_000 })
      .toContain('Mappings imported: 1.');
    await options.close();
    await allowSiteOnExtensionsPage(ext, mapping.origin);
    await allowSiteInOptions(ext, mapping.origin);

    const url = PAGE_URLS['plain-table-en'];
    ext.serve(url, readFileSync(join(import.meta.dirname, '../fixtures/mapped/plain-table-en.html'), 'utf8'));
    const tab = await ext.context.newPage();
    await tab.goto(url);
    type Row = { platform: string; entityName: string | null; metrics: { spend?: number } };
    const spendOfProspecting = async () =>
      (await readStore<Row>(ext, 'snapshots'))
        .filter((r) => r.platform === 'generic' && r.entityName === 'Prospecting')
        .map((r) => r.metrics.spend);
    expect(await waitFor(spendOfProspecting, (s) => s.includes(400), 20_000)).toContain(400);

    await updateExtension(ext);
    // The page changes after the update: only a reader put back into the tab can see it.
    await tab.evaluate(() => {
      const cell = [...document.querySelectorAll('td')].find((td) => td.textContent === '$400.00');
      if (!cell) throw new Error('no spend cell of Prospecting');
      cell.textContent = '$450.00';
    });
    expect(await waitFor(spendOfProspecting, (s) => s.includes(450), 20_000)).toContain(450);
    expect(await tab.evaluate(() => document.querySelectorAll('kpi-lens-panel').length)).toBe(1);
    await tab.close();
  });
});
