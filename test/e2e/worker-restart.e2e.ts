import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import {
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readLatestRows,
  readStore,
  stopServiceWorker,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import type { StoredRow } from './stored-vs-expected';

const fixtures = listFixturePages();
const byName = (name: string) => {
  const found = fixtures.find((f) => `${f.platform}/${f.name}` === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  return found;
};

/** The non-empty toolbar badge texts of all open tabs, read through the extension's own API at its origin. */
async function badgesOfTabs(ext: ExtensionBrowser): Promise<string[]> {
  const probe = await openExtensionPage(ext, 'options.html');
  try {
    return await probe.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const tabs = await api.tabs.query({});
      const texts = await Promise.all(
        tabs.map((tab) => (tab.id === undefined ? '' : api.action.getBadgeText({ tabId: tab.id }))),
      );
      return texts.filter((text) => text !== '');
    });
  } finally {
    await probe.close();
  }
}

interface ChromeApi {
  tabs: { query(q: object): Promise<Array<{ id?: number }>> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}

describe('the background worker may be stopped at any moment (MV3)', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtensionBrowser();
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('stores and evaluates the next reading after the worker was stopped mid-session', async () => {
    const first = byName('meta/campaigns-en-usd');
    const second = byName('meta/ads-uk-uah');
    ext.serve(first.expected.url, first.html);
    ext.serve(second.expected.url, second.html);

    const page = await ext.context.newPage();
    await page.goto(first.expected.url);
    const afterFirst = await waitFor(
      () => readLatestRows<StoredRow>(ext),
      (rows) => rows.some((r) => r.level === 'campaign'),
    );
    expect(afterFirst.filter((r) => r.level === 'campaign').length).toBe(first.expected.entities.length);

    // A target every ad misses (CPA ≤ 0.01), typed into the options page like a user would.
    const options = await openExtensionPage(ext, 'options.html');
    await options.getByLabel('KPI', { exact: true }).first().selectOption('cpa');
    await options.getByLabel('Target value').fill('0.01');
    // A money target for every account needs its currency (#13.2): the ads read next are in hryvnias.
    await options.locator('#target-currency').fill('UAH');
    await options.getByRole('button', { name: 'Add target' }).click();
    await waitFor(
      () => readStore(ext, 'targets'),
      (t) => t.length === 1,
    );
    await options.close();

    const worker = await stopServiceWorker(ext);

    // Same tab, in-app navigation to another view: the content script's message wakes a fresh worker.
    await page.goto(second.expected.url);
    const afterSecond = await waitFor(
      () => readLatestRows<StoredRow>(ext),
      (rows) => rows.some((r) => r.level === 'ad'),
    );
    expect(worker.states, 'a fresh worker was started for the second reading').toContain('running');
    const ads = afterSecond.filter((r) => r.level === 'ad');
    expect(ads.map((r) => r.entityId).sort()).toEqual(
      second.expected.entities.map((e) => e.entity_id).sort(),
    );

    // ...and evaluated by the restarted worker: the toolbar badge of this tab counts the ads off target —
    // those whose chips show a CPA. A lead ad (leads, no conversion value) is judged on CPL, as its chip
    // shows it, so the CPA target does not count it (#16.1: the badge counts what the chips show).
    const withCpa = second.expected.entities.filter(
      (e) =>
        e.spend !== null &&
        (e.conversions ?? 0) > 0 &&
        // The fixtures' JSON has `leads`; scripts/lib/fixtures.d.mts does not declare it.
        !((e as { leads?: number | null }).leads != null && e.conversion_value == null && e.roas == null),
    ).length;
    expect(withCpa).toBeGreaterThan(0);
    const badges = await waitFor(
      () => badgesOfTabs(ext),
      (texts) => texts.length > 0,
    );
    expect(badges).toEqual([String(withCpa)]);
  });
});
