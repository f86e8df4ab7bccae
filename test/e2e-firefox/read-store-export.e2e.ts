import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import { expectStoredEqualsExpected, type StoredRow } from '../e2e/stored-vs-expected';
import {
  ADDON_ID,
  firefoxZipPath,
  launchFirefoxExtension,
  readStore,
  type FirefoxExtension,
} from './harness';

/** The add-on's own API inside its pages (evaluated in Firefox, not in Node). */
declare const browser: { runtime: { getManifest(): Record<string, unknown> } };

const fixture = listFixturePages().find((f) => f.platform === 'meta' && f.name === 'campaigns-en-usd');
if (!fixture) throw new Error('test/fixtures/meta/campaigns-en-usd.html is missing');
const { expected } = fixture;
const wanted = expected.entities.filter((e) => !e.optional);

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

/**
 * KPI Lens in real Firefox ESR, driven over WebDriver BiDi: the zip `npm run zip:firefox` makes is installed as
 * a temporary add-on (as about:debugging does), a Meta page is served at its real URL, and what the user sees
 * follows it: the stored reading, the popup, and the exported CSV. Nothing may leave the browser.
 */
describe('Firefox ESR: the zip, installed as a temporary add-on, reads a Meta page', () => {
  let ff: FirefoxExtension;
  let probe: Page;
  beforeAll(async () => {
    ff = await launchFirefoxExtension(firefoxZipPath());
    // A quiet page at the add-on's origin for reading its IndexedDB.
    probe = await ff.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await ff?.close();
  });

  it('runs as the Firefox build: MV2, its gecko id and data declaration, no `scripting` permission', async () => {
    // The manifest as Firefox understood it (it files `browser_specific_settings` under `applications`).
    const manifest = await probe.evaluate(() => browser.runtime.getManifest());
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.applications).toMatchObject({
      gecko: {
        id: ADDON_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'], optional: [] },
      },
    });
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications']);
    // The options page keeps its own look inside about:addons (no Firefox extension stylesheet added).
    expect(manifest.options_ui).toMatchObject({ browser_style: false });
    const version = Number(/firefox\/(\d+)/i.exec(await ff.browser.version())?.[1]);
    expect(
      version,
      'a Firefox with data_collection_permissions (strict_min_version 140)',
    ).toBeGreaterThanOrEqual(140);
  });

  it('stores the page served at its real URL exactly as it shows it', async () => {
    ff.serve(expected.url, fixture.html);
    const page = await ff.newPage();
    await page.goto(expected.url);
    await expect
      .poll(async () => (await readStore<StoredRow>(probe, 'snapshots')).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(wanted.length);
    const rows = await readStore<StoredRow>(probe, 'snapshots');
    expectStoredEqualsExpected(rows, expected, 'meta/campaigns-en-usd in Firefox');
    // The page shows a bare `$`: USD, and said to be an assumption.
    expect(new Set(rows.map((r) => `${r.currency}/${r.currencySource}`))).toEqual(new Set(['USD/assumed']));
    await page.close();
  });

  it('renders the reading in the popup', async () => {
    const popup = await ff.openExtensionPage('popup.html');
    await popup.waitForSelector('[data-kpi-lens-ready]', { timeout: 20_000 });
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    const shown = await popup.$$eval('tbody tr[data-entity-key]', (trs) =>
      trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
    );
    expect(shown.length, 'one popup row per entity the page shows').toBe(wanted.length);
    for (const e of wanted) {
      const row = shown.find((cells) => cells[0]?.startsWith(`${e.entity_name} ·`));
      expect(row, `${e.entity_name} in the popup`).toBeDefined();
      expect(row![1], `${e.entity_name}: spend`).toBe(money.format(e.spend!));
    }
    const totals = await popup.evaluate(() => document.body.innerText);
    const spend = wanted.reduce((sum, e) => sum + (e.spend ?? 0), 0);
    expect(totals, 'the total spend of the reading').toContain(money.format(spend));
    await popup.close();
  });

  it('exports the CSV from the popup with a row per entity and the values the page shows', async () => {
    const popup = await ff.openExtensionPage('popup.html');
    await popup.waitForSelector('[data-kpi-lens-ready]', { timeout: 20_000 });
    const button = await popup.waitForSelector('::-p-aria([name="Export CSV"][role="button"])');
    const file = await ff.nextDownload(() => button!.click());
    expect(file.name).toMatch(/^kpi-lens-snapshots-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(file.text.slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, REQUIRED_COLUMNS.length)).toEqual(REQUIRED_COLUMNS);
    expect(parsed.data.length, 'one row per entity').toBe(wanted.length);
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    for (const e of wanted) {
      const row = parsed.data.find((r) => r.entity_id === e.entity_id);
      const where = `CSV ${e.entity_id}`;
      expect(row, where).toBeDefined();
      expect(row).toMatchObject({
        platform: 'meta',
        account_id: expected.account_id,
        account_name: expected.account_name,
        level: expected.level,
        entity_name: e.entity_name,
        date_start: expected.date_start,
        date_end: expected.date_end,
        currency: 'USD',
      });
      expect(num(row!.spend), `${where} spend`).toBe(e.spend);
      expect(num(row!.impressions), `${where} impressions`).toBe(e.impressions);
      expect(num(row!.reach), `${where} reach`).toBe(e.reach ?? null);
      expect(num(row!.clicks), `${where} clicks`).toBe(e.clicks);
      expect(num(row!.conversions), `${where} conversions`).toBe(e.conversions);
      expect(num(row!.conversion_value), `${where} conversion_value`).toBe(e.conversion_value);
      const roas = num(row!.roas);
      if (e.roas === null) expect(roas, `${where} roas`).toBeNull();
      else expect(roas, `${where} roas`).toBeCloseTo(e.roas, 6);
    }
    await popup.close();
  });

  it('a target set in the options page puts chips into the page rows', async () => {
    const options = await ff.openExtensionPage('options.html');
    await options.waitForSelector('#target-kpi');
    await options.select('#target-kpi', 'cpa');
    await options.type('#target-value', '20');
    // A money target for every account needs its currency (#13.2).
    await options.type('#target-currency', 'USD');
    await (await options.waitForSelector('::-p-aria([name="Add target"][role="button"])'))!.click();
    await options.waitForSelector('::-p-text(Target added.)');
    await options.close();

    const page = await ff.newPage();
    await page.goto(expected.url);
    const cpaChips = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('kpi-lens-chips')].flatMap((host) =>
          [...(host.shadowRoot?.querySelectorAll<HTMLElement>('.chip[data-kpi="cpa"]') ?? [])].map(
            (chip) => ({
              key: host.getAttribute('data-entity-key'),
              value: chip.querySelector('.v')?.textContent ?? '',
              status: chip.dataset.status ?? '',
              words: chip.querySelector('.s')?.textContent ?? '',
            }),
          ),
        ),
      );
    // CPA ≤ $20 with the default 10 % band: BF26's $21.63 is at risk, Retargeting's $19.74 on track.
    const want = [
      { key: '120212345678900011', value: '$21.63', status: 'at-risk', words: 'At risk' },
      { key: '120212345678900027', value: '$19.74', status: 'on-track', words: 'On track' },
    ];
    await expect
      .poll(async () => (await cpaChips()).filter((c) => want.some((w) => w.key === c.key)), {
        timeout: 20_000,
      })
      .toEqual(want);
    await page.close();
  });

  it('sends nothing anywhere, and would have seen it if it did', async () => {
    expect(ff.outsideRequests, 'requests that tried to leave Firefox').toEqual([]);
    // The guard itself: a request made on purpose from an add-on page reaches the watching proxy and no further,
    // and one from a served page is refused by the interception.
    await probe.evaluate(() => fetch('https://example.com/kpi-lens-guard').catch(() => null));
    const page = await ff.newPage();
    await page.goto(expected.url);
    await page.evaluate(() => fetch('https://example.org/kpi-lens-guard').catch(() => null));
    await expect
      .poll(() => [...ff.outsideRequests].sort())
      .toEqual(['CONNECT example.com:443', 'https://example.org/kpi-lens-guard']);
    await page.close();
  });
});
