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

describe('TikTok 2026 virtual table (slotted cells, no row elements)', () => {
  const EN = 'campaigns-slots-en-usd';
  const ZH = 'adgroups-slots-zh-jpy';
  const hostOf = (doc: Document) =>
    [...doc.querySelectorAll('*')].find((el) => el.localName.startsWith('ks-virtual-table'))!;
  const ids = (reading: TableReading) => reading.rows.map((r) => r.entityId);

  it('has no row element: every body cell is a child of the host, slotted by row id and field', () => {
    const { doc } = load(EN);
    expect(doc.querySelectorAll('[data-row-key], [role="row"]').length).toBe(0);
    const cells = [...doc.querySelectorAll('[slot^="cell-"]')];
    expect(cells.length).toBeGreaterThan(80);
    expect(cells.every((c) => c.parentElement === hostOf(doc))).toBe(true);
  });

  it.each(VARIANTS)('rows, names and anchors agree %s', (_variant, transform) => {
    for (const name of [EN, ZH]) {
      const { doc, expected } = load(name, transform);
      const reading = read(doc, expected.url);
      const anchors = tiktokAdapter.rowAnchors!(doc);
      expect(anchors.map((a) => a.entityKey)).toEqual(ids(reading));
      for (const a of anchors) {
        // The anchor is the row's own name cell, and the chips float over it (the cell clips its children).
        expect(a.float).toBe(true);
        expect(a.cell.getAttribute('slot')).toMatch(
          new RegExp(`^cell-${a.entityKey}_(campaign|adgroup)_name$`),
        );
      }
      expect(tiktokAdapter.findTable(doc)).toBe(hostOf(doc));
    }
  });

  it('reads by slot field first: the headers can say anything', () => {
    const { doc, expected } = load(EN);
    for (const h of hostOf(doc).shadowRoot!.querySelectorAll('[role="columnheader"]')) h.textContent = '?';
    const reading = read(doc, expected.url);
    expect(reading.rows).toHaveLength(expected.entities.length);
    // Only reach came through its header text ("Reach"): with the headers gone it is unknown, the rest is read.
    for (const [i, row] of reading.rows.entries()) {
      const e = expected.entities[i]!;
      expect(row.metrics.reach).toBeUndefined();
      expect(row.metrics).toMatchObject({ spend: e.spend, impressions: e.impressions });
    }
  });

  it('a field it does not know is read through its column header, matched by aria-colindex', () => {
    const { doc, expected } = load(EN);
    expect(read(doc, expected.url).rows[0]!.metrics.reach).toBe(3511);
    for (const el of hostOf(doc).shadowRoot!.querySelectorAll('[aria-colindex]'))
      el.removeAttribute('aria-colindex');
    const rows = read(doc, expected.url).rows;
    expect(rows.map((r) => r.metrics.reach)).toEqual(rows.map(() => undefined));
    expect(rows[0]!.metrics.spend).toBe(24.92);
  });

  it('splits cell-<rowId>_<field> at the first underscore after the digits', () => {
    const { doc, expected } = load(EN);
    const reading = read(doc, expected.url);
    const first = reading.rows.find((r) => r.entityId === '1835012345670001')!;
    // time_attr_convert_cnt and time_attr_shopping_roas: fields that hold underscores themselves.
    expect(first.metrics).toMatchObject({ conversions: 3, roasShown: 5.4, budget: 100, spend: 24.92 });
  });

  it('totals and rows without a numeric id are not entities', () => {
    const { doc, expected } = load(EN);
    const host = hostOf(doc);
    expect(host.querySelectorAll(':scope > [slot^="footer-"]').length).toBe(4);
    for (const slot of ['cell-summary_stat_cost', 'cell-_stat_cost', 'cell-12a_stat_cost', 'cell-77_']) {
      const el = doc.createElement('div');
      el.setAttribute('slot', slot);
      el.textContent = '4,102.37 USD';
      host.append(el);
    }
    expect(ids(read(doc, expected.url))).toEqual(expected.entities.map((e) => e.entity_id));
  });

  it('only under a ks-virtual-table host, whatever its suffix', () => {
    const { html, expected } = load(EN);
    const other = pageOf(html.replace(/ks-virtual-table-1-1-1n/g, 'ks-tabs-1-1-1n'), expected.url);
    expect(read(other, expected.url).health.status).toBe('not-recognised');
    const bare = pageOf(html.replace(/ks-virtual-table-1-1-1n/g, 'ks-virtual-table'), expected.url);
    expect(ids(read(bare, expected.url))).toEqual(expected.entities.map((e) => e.entity_id));
  });

  it('never stores a row under an id its own id cell contradicts', () => {
    const { doc, expected } = load(EN);
    const idCell = doc.querySelector('[slot="cell-1835012345670002_campaign_id"] ks-text-1-1-1n')!;
    idCell.lastChild!.textContent = '1835012345670009';
    const reading = read(doc, expected.url);
    expect(ids(reading)).not.toContain('1835012345670002');
    expect(ids(reading)).not.toContain('1835012345670009');
    expect(tiktokAdapter.rowAnchors!(doc).map((a) => a.entityKey)).not.toContain('1835012345670002');
    expect(reading.health).toEqual({
      status: 'partial',
      missing: ['1 rows whose cells do not line up with the headers'],
    });
  });

  it('"-", "No limit" and missing cells are unknown, never 0; "—" is still loading', () => {
    const { doc, expected } = load(EN);
    const rows = read(doc, expected.url).rows;
    const byId = new Map(rows.map((r) => [r.entityId, r.metrics]));
    expect(byId.get('1835012345670003')).toEqual({
      spend: 0,
      impressions: 0,
      reach: 0,
      clicks: 0,
      conversions: 0,
    });
    expect(byId.get('1835012345670005')!.conversions).toBeUndefined();
    const cost = doc.querySelector('[slot="cell-1835012345670006_stat_cost"] ks-text-1-1-1n')!;
    cost.lastChild!.textContent = '—';
    const reading = read(doc, expected.url);
    expect(ids(reading)).not.toContain('1835012345670006');
    expect(reading.health).toEqual({ status: 'partial', missing: ['1 rows still loading'] });
  });

  it('on ad groups the parent campaign name is not the name, and budget is the ad group’s own', () => {
    const { doc, expected } = load(ZH);
    const rows = read(doc, expected.url).rows;
    expect(rows.map((r) => r.entityName)).toEqual(expected.entities.map((e) => e.entity_name));
    expect(rows[0]!.metrics.budget).toBe(5000);
    expect(rows[2]!.metrics.budget).toBeUndefined();
  });

  it('keeps reading the older layouts on the same page', () => {
    const { html, expected } = load(EN);
    const legacy = /<ks-table-1-1-14[\s\S]*<\/ks-table-1-1-14>/.exec(load('campaigns-wc-en-usd').html)![0];
    const doc = pageOf(html.replace('</main>', `${legacy}</main>`), expected.url);
    expect(ids(read(doc, expected.url))).toEqual([
      '1800000000000001',
      '1800000000000002',
      '1800000000000003',
      ...expected.entities.map((e) => e.entity_id),
    ]);
    expect(tiktokAdapter.rowAnchors!(doc).map((a) => [a.entityKey, a.float ?? false])).toEqual([
      ['1800000000000001', false],
      ['1800000000000002', false],
      ['1800000000000003', false],
      ...expected.entities.map((e) => [e.entity_id, true]),
    ]);
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
