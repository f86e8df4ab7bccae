import { describe, expect, it } from 'vitest';
import type { TableReading } from '@/lib/model';
import { composedText, tiktokAdapter } from '@/lib/platforms/tiktok';
import type { ReadOptions } from '@/lib/platforms/types';
import { snapshotsOf } from '@/lib/store/snapshots';
import { expectedVsReading, listFixtures, loadFixture, parseDocument } from '../helpers/fixtures';
import { attachDeclarativeShadowRoots } from '../helpers/shadow';

/** Class attributes anywhere, including inside declarative shadow roots (the DOM-level strip cannot see those). */
const stripClasses = (html: string) => html.replace(/\sclass="[^"]*"/g, '');
/** TikTok's build suffix changes between deployments: `ks-table-1-1-14` → `ks-table-2-0-3`. */
const changeTagSuffix = (html: string) =>
  html.replace(/(<\/?ks-[a-z]+(?:-[a-z]+)*)-\d+-\d+-[0-9a-z]+(?=[\s>])/g, '$1-2-0-3');

const VARIANTS: Array<[string, (html: string) => string]> = [
  ['as saved', (h) => h],
  ['with every class attribute stripped', stripClasses],
  ['with build-suffixed tag names changed', changeTagSuffix],
  ['with classes stripped and tag suffixes changed', (h) => changeTagSuffix(stripClasses(h))],
];

const fixtures = listFixtures('tiktok');

/** The page as Chromium holds it: declarative shadow roots attached (jsdom's parser does not do it). */
function pageOf(html: string, url: string): Document {
  const doc = parseDocument(html, url);
  attachDeclarativeShadowRoots(doc);
  return doc;
}

function load(name: string, transform: (html: string) => string = (h) => h) {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  const { html, expected } = loadFixture(found);
  return { html, expected, doc: pageOf(transform(html), expected.url) };
}

function read(
  doc: Document,
  url: string,
  settings: ReadOptions = { accountCurrency: () => null },
): TableReading {
  return tiktokAdapter.read(doc, new URL(url), settings);
}

const kind = (name: string) => {
  const { expected } = load(name);
  if (expected.health === 'recognised') return 'report';
  return tiktokAdapter.detect(new URL(expected.url)) ? 'loading' : 'unsupported';
};
const byKind = (k: string) => fixtures.map((f) => f.name).filter((n) => kind(n) === k);

describe('TikTok Ads Manager fixtures', () => {
  it('has a web-component and a legacy-table report, a loading copy and an unsupported page', () => {
    expect(byKind('report').length).toBeGreaterThanOrEqual(2);
    expect(byKind('loading').length).toBeGreaterThanOrEqual(1);
    expect(byKind('unsupported').length).toBeGreaterThanOrEqual(1);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (name) => {
    it.each(VARIANTS)('reads as the JSON says %s', (_variant, transform) => {
      const { doc, expected } = load(name, transform);
      const reading = read(doc, expected.url);
      expect(expectedVsReading(expected, reading)).toEqual([]);
      const stored = snapshotsOf(reading, 0);
      if (expected.health === 'not-recognised') expect(typeof stored).toBe('string');
      else expect(Array.isArray(stored) && stored.length).toBe(expected.entities.length);
    });
  });

  it.each(byKind('report'))('%s counts destination clicks', (name) => {
    const { doc, expected } = load(name);
    expect(read(doc, expected.url).rows.every((r) => r.clickKind === 'destination')).toBe(true);
  });

  it('never reads a footer as an entity', () => {
    const { doc, expected } = load('campaigns-wc-en-usd');
    expect(doc.querySelectorAll('[slot^="footer-"]').length).toBeGreaterThan(0);
    const ids = read(doc, expected.url).rows.map((r) => r.entityId);
    expect(ids).toEqual(['1800000000000001', '1800000000000002', '1800000000000003']);
  });

  it('keeps "-" as unknown, never 0', () => {
    const { doc, expected } = load('adgroups-legacy-sar');
    const paused = read(doc, expected.url).rows.find((r) => r.entityId === '1801112223334440003');
    expect(paused?.metrics).toEqual({ spend: 0, impressions: 0, reach: 0, clicks: 0, conversions: 0 });
  });

  it('names an ad group by its own link, not by the parent campaign link in the same row', () => {
    const { doc, expected } = load('adgroups-legacy-sar');
    const names = read(doc, expected.url).rows.map((r) => r.entityName);
    expect(names).toEqual(['KSA | Women 18-34 | Abaya', 'KSA | Broad | Oud', 'UAE | Lookalike 1%']);
  });

  it('knows the parent campaign column is not the name even when it comes first', () => {
    const url =
      'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7298765432109876543&st=2025-06-01&et=2025-06-30';
    const doc = pageOf(
      `<table><thead><tr><th>Campaign name</th><th>Ad group name</th><th>Cost</th></tr></thead>
       <tbody><tr data-row-key="1801112223334440001"><td><a role="link">Ramadan 2025</a></td>
       <td><a role="link">KSA | Broad</a></td><td>12.50 SAR</td></tr></tbody></table>`,
      url,
    );
    expect(read(doc, url).rows).toEqual([
      {
        entityId: '1801112223334440001',
        entityName: 'KSA | Broad',
        metrics: { spend: 12.5 },
        clickKind: null,
        resultType: null,
      },
    ]);
  });

  it('merges a frozen-column copy of a row (same key, own table) into one entity', () => {
    const url =
      'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7301234567890123456&st=2025-05-01&et=2025-05-07';
    const doc = pageOf(
      `<div><table><thead><tr><th>Campaign name</th></tr></thead>
         <tbody><tr data-row-key="1800000000000001"><td><a role="link">Spring Sale</a></td></tr></tbody></table>
       <table><thead><tr><th>Cost</th><th>Impressions</th></tr></thead>
         <tbody><tr data-row-key="1800000000000001"><td>1,234.56 USD</td><td>120,345</td></tr></tbody></table></div>`,
      url,
    );
    const reading = read(doc, url);
    expect(reading.rows).toHaveLength(1);
    expect(reading.rows[0]).toMatchObject({
      entityName: 'Spring Sale',
      metrics: { spend: 1234.56, impressions: 120345 },
    });
  });

  it('does not guess when cells and headers do not line up', () => {
    const url =
      'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7301234567890123456&st=2025-05-01&et=2025-05-07';
    const doc = pageOf(
      `<table><thead><tr><th>Campaign name</th><th>Cost</th></tr></thead>
       <tbody><tr data-row-key="1800000000000001"><td>Spring Sale</td><td>Active</td><td>1,234.56 USD</td></tr></tbody></table>`,
      url,
    );
    const reading = read(doc, url);
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.rows).toEqual([]);
  });

  it('reads rows that have loaded and reports the ones still loading', () => {
    const { doc, expected } = load('campaigns-wc-en-usd');
    const row = doc.querySelector('[data-row-key="1800000000000003"]')!;
    for (const text of row.querySelectorAll('[data-testid="core-index-t7Qm2a"]')) {
      if (/\d/.test(text.textContent ?? '')) text.textContent = '—';
    }
    const reading = read(doc, expected.url);
    expect(reading.rows.map((r) => r.entityId)).toEqual(['1800000000000001', '1800000000000002']);
    expect(reading.health).toEqual({ status: 'partial', missing: ['1 rows still loading'] });
  });

  it('does not read a declarative shadow root the browser did not attach', () => {
    const { html, expected } = load('campaigns-wc-en-usd');
    const doc = parseDocument(html, expected.url); // templates left inert
    const reading = read(doc, expected.url);
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.rows).toEqual([]);
  });

  it('takes the date range from the picker when the URL has no st/et', () => {
    const { doc } = load('campaigns-wc-en-usd');
    const reading = read(doc, 'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7301234567890123456');
    expect([reading.context.dateStart, reading.context.dateEnd]).toEqual(['2025-05-01', '2025-05-07']);
  });

  it('reads slotted text through shadow roots (composed text)', () => {
    const { doc } = load('campaigns-wc-en-usd');
    const footer = doc.querySelector('[slot="footer-stat_cost"]')!;
    expect(composedText(footer)).toBe('4,512.80 USD');
    expect(composedText(doc.querySelector('[data-testid="display-field-x1"]')!)).toBe(
      'May 1, 2025 - May 7, 2025',
    );
  });

  it('prefers the currency named on the page over the account setting', () => {
    const { doc, expected } = load('adgroups-legacy-sar');
    const context = read(doc, expected.url, { accountCurrency: () => 'USD' }).context;
    expect([context.currency, context.currencySource]).toEqual(['SAR', 'page']);
  });
});

describe('TikTok detect', () => {
  const detect = (u: string) => tiktokAdapter.detect(new URL(u));

  it.each([
    [
      'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
      'campaign',
    ],
    [
      'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
      'adset',
    ],
    ['https://ads.tiktok.com/i18n/manage/creative?aadvid=7123456789012345678', 'ad'],
    ['https://ads.tiktok.com/i18n/manage/ad?aadvid=7123456789012345678', 'ad'],
  ])('%s → %s', (url, level) => {
    expect(detect(url)?.level).toBe(level);
  });

  it('keeps st/et as the inclusive range and the aadvid as the account', () => {
    expect(
      detect(
        'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678&st=2025-05-07&et=2025-05-07',
      ),
    ).toEqual({
      level: 'campaign',
      accountId: '7123456789012345678',
      dateStart: '2025-05-07',
      dateEnd: '2025-05-07',
    });
  });

  it.each([
    ['https://ads.tiktok.com/i18n/manage/campaign?aadvid=abc&st=2025-05-08&et=2025-05-01', null, null],
    [
      'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678&st=2025-02-30&et=2025-03-01',
      '7123456789012345678',
      null,
    ],
  ])('rejects a bad aadvid or an impossible range: %s', (url, account, start) => {
    const ctx = detect(url);
    expect(ctx?.accountId).toBe(account);
    expect(ctx?.dateStart).toBe(start);
    expect(ctx?.dateEnd).toBe(start);
  });

  it.each([
    'https://ads.tiktok.com/i18n/dashboard?aadvid=7123456789012345678',
    'https://ads.tiktok.com/i18n/login',
    'https://ads.tiktok.com/i18n/manage/campaign/create?aadvid=7123456789012345678',
    'https://ads.tiktok.com/i18n/perf/campaign?aadvid=7123456789012345678',
    'https://www.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678',
  ])('%s is not a report page', (url) => {
    expect(detect(url)).toBeNull();
  });
});
