import { describe, expect, it } from 'vitest';
import {
  fieldForCellKey,
  isConversionResultType,
  metaAdapter,
  parseFooterCount,
  parseMetaDateParam,
} from '@/lib/platforms/meta';
import { existsSync } from 'node:fs';
import type { Metrics, Snapshot, TableReading } from '@/lib/model';
import { snapshotsOf } from '@/lib/store/snapshots';
import {
  expectedVsReading,
  listFixtures,
  listRealPages,
  loadFixture,
  parseDocument,
  readFixture,
  REAL_PAGES_DIR,
} from '../helpers/fixtures';

const fixtures = listFixtures('meta');
const fixture = (name: string) => {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  return loadFixture(found);
};
const readDoc = (
  doc: Document,
  url: string,
  accountCurrency: (id: string | null) => string | null = () => null,
) => metaAdapter.read(doc, new URL(url), { accountCurrency });

/**
 * The page without any class or role attribute: Meta has dropped its ARIA grid roles from the live table, so
 * roles may only ever be a hint (this also strips button/toolbar/heading roles, the harder case).
 */
const readBare = (html: string, url: string) => {
  const doc = parseDocument(html, url, { stripClasses: true });
  for (const el of doc.querySelectorAll('[role]')) el.removeAttribute('role');
  return readDoc(doc, url);
};

describe('metaAdapter.detect', () => {
  const detect = (url: string) => metaAdapter.detect(new URL(url));

  it.each([
    [
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=372479995297951&business_id=130028894831471&date=2026-04-05_2026-04-06%2Cyesterday',
      { level: 'campaign', accountId: '372479995297951', dateStart: '2026-04-05', dateEnd: '2026-04-05' },
    ],
    [
      'https://business.facebook.com/adsmanager/manage/adsets?act=583920174615290&selected_campaign_ids=120212345678900011&date=2024-10-27_2024-11-03%2Clast_7d',
      { level: 'adset', accountId: '583920174615290', dateStart: '2024-10-27', dateEnd: '2024-11-02' },
    ],
    [
      'https://www.facebook.com/adsmanager/manage/ads/?act=act_350016728894120&date=2026-02-14_2026-03-16%2Clast_30d',
      { level: 'ad', accountId: '350016728894120', dateStart: '2026-02-14', dateEnd: '2026-03-15' },
    ],
    [
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&insights_date=2023-12-18_2026-09-02%2Cmaximum',
      { level: 'campaign', accountId: '583920174615290', dateStart: null, dateEnd: null },
    ],
    [
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?business_id=2401937718264051',
      { level: 'campaign', accountId: null, dateStart: null, dateEnd: null },
    ],
  ])('%s', (url, context) => {
    expect(detect(url)).toEqual(context);
  });

  it.each([
    'https://adsmanager.facebook.com/adsmanager/audiences?act=583920174615290',
    'https://adsmanager.facebook.com/adsmanager/reporting/manage?act=583920174615290&time_range=2024-05-30_2024-06-06%2Clast_7d',
    'https://adsmanager.facebook.com/adsmanager/reporting/view?act=583920174615290',
    'https://adsmanager.facebook.com/adsmanager/manage/accounts?act=583920174615290',
    'https://adsmanager.facebook.com/adsmanager/manage/billing?act=583920174615290',
    'https://adsmanager.facebook.com/adsmanager/manage/campaigns/edit?act=583920174615290',
    'https://business.facebook.com/settings/ad-accounts/583920174615290?business_id=2401937718264051',
    'https://business.facebook.com/billing_hub/payment_activity?asset_id=583920174615290',
    'https://www.facebook.com/ads/manager/account_settings/account_billing/?act=583920174615290',
    'https://www.facebook.com/adsmanager/manage/campaigns.php?act=583920174615290',
    'http://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290',
    'https://adsmanager.facebook.com.evil.example/adsmanager/manage/campaigns?act=583920174615290',
    'https://m.facebook.com/adsmanager/manage/campaigns?act=583920174615290',
  ])('is not a report page: %s', (url) => {
    expect(detect(url)).toBeNull();
  });
});

describe('parseMetaDateParam (right-open end → inclusive)', () => {
  it.each([
    ['2026-04-05_2026-04-06,yesterday', { start: '2026-04-05', end: '2026-04-05' }],
    ['2026-02-14_2026-03-16,last_30d', { start: '2026-02-14', end: '2026-03-15' }],
    ['2026-02-28_2026-03-01', { start: '2026-02-28', end: '2026-02-28' }],
    ['2025-12-01_2026-01-01,last_month', { start: '2025-12-01', end: '2025-12-31' }],
  ])('%s', (value, range) => {
    expect(parseMetaDateParam(value)).toEqual(range);
  });

  it.each([
    null,
    '',
    'last_7d',
    '2026-04-05_2026-04-05',
    '2026-04-06_2026-04-05',
    '2026-02-30_2026-03-02',
    '2026-4-5_2026-4-6',
  ])('gives no range for %j', (value) => {
    expect(parseMetaDateParam(value)).toBeNull();
  });
});

describe('Meta cell keys and result types', () => {
  it.each([
    ['spend', 'spend'],
    ['spend/spend_sla', null],
    ['forAttributionWindow(results,default)', 'results'],
    ['results', 'results'],
    ['inline_link_clicks', 'linkClicks'],
    ['forAttributionWindow(link_clicks,default)', 'linkClicks'],
    ['clicks', 'allClicks'],
    ['forAttributionWindow(actions:omni_purchase,default)', 'purchases'],
    ['forAttributionWindow(action_values:omni_purchase,default)', 'conversionValue'],
    ['forAttributionWindow(purchase_roas:omni_purchase,default)', 'roasShown'],
    ['forAttributionWindow(actions:lead,default)', 'leads'],
    ['forObjectType(budget,CAMPAIGN)', 'budget'],
    ['forAttributionWindow(cost_per_result,default)', 'money'],
    ['forAttributionWindow(ctr)', null],
    ['forObjectType(name,CAMPAIGN_GROUP)', null],
  ])('%s → %s', (key, field) => {
    expect(fieldForCellKey(key)).toBe(field);
  });

  it.each([
    'Website purchases',
    'Purchases',
    'Leads (Form)',
    'On-Facebook leads',
    'Registrations completed',
    '网站购物',
    '潜在客户',
    'Lượt mua trên trang web',
    'Khách hàng tiềm năng trên Meta',
    'Покупки на вебсайті',
    'Ліди (форма)',
    'Покупки на сайте',
    'Käufe auf der Website',
    'Achats sur le site web',
  ])('%s counts as conversions', (label) => {
    expect(isConversionResultType(label)).toBe(true);
  });

  it.each([
    'Link clicks',
    'Landing page views',
    'Reach',
    'Impressions',
    'ThruPlays',
    'Post engagements',
    'Messaging conversations started',
    'Instagram profile visits',
    'Lượt click vào liên kết',
    'Охоплення',
    '链接点击量',
    'App installs',
    null,
  ])('%s never counts as conversions', (label) => {
    expect(isConversionResultType(label)).toBe(false);
  });
});

describe('parseFooterCount', () => {
  it.each([
    ['Results from 60 campaigns Excludes deleted items', 60],
    ['Results from 1 ad set', 1],
    ['Results from 1,204 ads', 1204],
    ['3 个广告系列的成效', 3],
    ['Kết quả từ 3 chiến dịch (Loại trừ các mục đã xóa)', 3],
    ['Kết quả từ 5 nhóm quảng cáo', 5],
    ['Результати з 3 оголошень', 3],
    ['Результати з 1\u00a0204 кампаній', 1204],
    ['Результаты по 12 кампаниям', 12],
    ['Ergebnisse von 1.234 Kampagnen', 1234],
    ['Résultats de 7 campagnes', 7],
    ['Resultados de 4 campañas', 4],
  ])('%s → %d', (text, count) => {
    expect(parseFooterCount(text)).toBe(count);
  });

  it.each(['Total Spent', '总花费', 'Excludes deleted items', '2026 campaigns planned'])(
    '%s → null',
    (text) => {
      expect(parseFooterCount(text)).toBeNull();
    },
  );
});

describe('Meta fixtures read exactly as their JSON', () => {
  it('has the fixtures this adapter is specified against', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'campaigns-en-usd',
        'adsets-vi-vnd',
        'ads-uk-uah',
        'campaigns-virtual-window',
        'campaigns-virtual-scrolled',
        'audiences-unsupported',
      ]),
    );
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const { html, expected } = loadFixture(file);

    it('reads as the JSON says', () => {
      expect(expectedVsReading(expected, readFixture(metaAdapter, html, expected.url))).toEqual([]);
    });

    it('reads the same with every class attribute stripped', () => {
      const reading = readFixture(metaAdapter, html, expected.url, { stripClasses: true });
      expect(expectedVsReading(expected, reading)).toEqual([]);
    });

    it('reads the same with every class and role attribute stripped', () => {
      expect(expectedVsReading(expected, readBare(html, expected.url))).toEqual([]);
    });
  });
});

// The real saved pages are part of this project (beside the repository, never copied into it): without them
// this suite must fail, never pass having read only the imitations.
describe(`real saved pages at ${REAL_PAGES_DIR}`, () => {
  const pages = listRealPages('meta');

  it('are present', () => {
    expect(
      existsSync(REAL_PAGES_DIR),
      `KPI Lens: the real saved pages were not found at ${REAL_PAGES_DIR} (../shared/real-pages beside the repository, or KPI_LENS_REAL_PAGES); the Meta adapter cannot be checked against them`,
    ).toBe(true);
  });

  it('includes both Meta pages', () => {
    expect(pages.map((p) => p.name)).toEqual(
      expect.arrayContaining(['meta-adsmanager-fragments', 'meta-adsmanager-adsets-fragments']),
    );
  });

  describe.each(pages.map((p) => [p.name, p] as const))('%s', (_name, file) => {
    const { html, expected } = loadFixture(file);

    it('reads exactly as its JSON (Results typed 网站购物 are purchases → conversions)', () => {
      expect(expectedVsReading(expected, readFixture(metaAdapter, html, expected.url))).toEqual([]);
    });

    it('reads the same with every class attribute stripped', () => {
      const reading = readFixture(metaAdapter, html, expected.url, { stripClasses: true });
      expect(expectedVsReading(expected, reading)).toEqual([]);
    });

    it('reads the same with every class and role attribute stripped', () => {
      expect(expectedVsReading(expected, readBare(html, expected.url))).toEqual([]);
    });

    it('stores the bare "$" as USD marked assumed (the page names no currency)', () => {
      const reading = readFixture(metaAdapter, html, expected.url);
      expect([reading.context.currency, reading.context.currencySource]).toEqual(['USD', 'assumed']);
      expect(expected.currency).toBeNull(); // what the page itself states
      const stored = snapshotsOf(reading, 0);
      expect(Array.isArray(stored) && stored.length > 0).toBe(true);
      for (const s of stored as Snapshot[])
        expect([s.currency, s.currencySource]).toEqual(['USD', 'assumed']);
    });
  });

  it('reads the campaigns page footer as totals, never as an entity, and conversions as 165, 2', () => {
    const page = pages.find((p) => p.name === 'meta-adsmanager-fragments');
    if (!page) throw new Error('meta-adsmanager-fragments is missing');
    const { html, expected } = loadFixture(page);
    const reading = readFixture(metaAdapter, html, expected.url);
    expect(reading.rows.map((r) => r.entityId)).not.toContain('-1');
    expect(reading.rows.slice(0, 2).map((r) => r.metrics.conversions)).toEqual([165, 2]);
    expect(reading.rows[0]?.entityName).toBe('AA11-2.21 - 广告副本');
  });
});

/** The header cell whose label matches, found without roles (the label is its first text). */
function headerCell(doc: Document, label: RegExp): Element | undefined {
  return [...doc.querySelectorAll('[tabindex="-1"]')].find((h) => label.test(h.textContent?.trim() ?? ''));
}

describe('Meta reading details', () => {
  const en = fixture('campaigns-en-usd');

  it('reads a Purchases column with an unknown cell key through its header text, and only when aligned', () => {
    const doc = parseDocument(en.html, en.expected.url);
    const purchases = doc.querySelector(
      '[data-surface="/am/table/table_row:120212345678900027unit/table_cell:forAttributionWindow(actions:onsite_web_purchase,default)"] [geotextcolor="value"]',
    );
    if (!purchases) throw new Error('purchases cell not found');
    purchases.textContent = '60';
    const row = (d: Document) =>
      readDoc(d, en.expected.url).rows.find((r) => r.entityId === '120212345678900027');
    expect(row(doc)?.metrics.conversions).toBe(60);

    // The column is learned from the rows that line up with the header, and then holds for a row missing
    // another column's cell (horizontal virtualisation), without shifting anything by position.
    doc
      .querySelector('[data-surface="/am/table/table_row:120212345678900027unit/table_cell:spend"]')
      ?.remove();
    expect(row(doc)?.metrics.conversions).toBe(60);
    expect(row(doc)?.metrics.spend).toBeUndefined();

    // One header cell fewer: no row lines up, so header text is not trusted; the header still says a Purchases
    // column is shown, so Results (61) must not stand in for it: conversions are unknown.
    doc.querySelector('[role="columnheader"]')?.remove();
    expect(row(doc)?.metrics.conversions).toBeUndefined();
    expect(row(doc)?.metrics.results).toBe(61);
  });

  it('never lets header text override a known cell key', () => {
    const doc = parseDocument(en.html, en.expected.url);
    const headings = [...doc.querySelectorAll('[role="columnheader"] [role="heading"]')];
    const spent = headings.find((h) => h.textContent === 'Amount spent');
    if (!spent) throw new Error('Amount spent header not found');
    spent.textContent = 'Impressions';
    const reading = readDoc(doc, en.expected.url);
    expect(reading.rows[0]?.metrics.spend).toBe(3071.46);
    expect(reading.rows[0]?.metrics.impressions).toBe(212884);
  });

  it('keeps names free of hidden menu text even without a tooltip or link', () => {
    const doc = parseDocument(en.html, en.expected.url, { stripClasses: true });
    const cell = doc.querySelector(
      '[data-surface="/am/table/table_row:120212345678900011unit/table_cell:forObjectType(name,CAMPAIGN_GROUP)"]',
    );
    cell?.querySelector('[data-tooltip-content]')?.removeAttribute('data-tooltip-content');
    for (const a of cell?.querySelectorAll('a') ?? []) {
      if (!a.closest('[data-surface*="maiba:"]')) a.replaceWith(...a.childNodes);
    }
    expect(readDoc(doc, en.expected.url).rows[0]?.entityName).toBe('BF26 | Prospecting | US | ABO');
  });

  it('records which clicks were read: link clicks when shown, else clicks (all)', () => {
    const uk = fixture('ads-uk-uah');
    const doc = parseDocument(uk.html, uk.expected.url);
    expect(readDoc(doc, uk.expected.url).rows.map((r) => r.clickKind)).toEqual(['link', 'link', 'link']);
    for (const el of doc.querySelectorAll('[data-surface$="/table_cell:inline_link_clicks"]')) el.remove();
    // The header still names Link clicks: its cells are scrolled out of view, so clicks (all) do not stand in.
    expect(readDoc(doc, uk.expected.url).rows.map((r) => [r.clickKind, r.metrics.clicks])).toEqual([
      [null, undefined],
      [null, undefined],
      [null, undefined],
    ]);
    headerCell(doc, /^Кліки за посиланням/)?.remove();
    const rows = readDoc(doc, uk.expected.url).rows;
    expect(rows.map((r) => [r.clickKind, r.metrics.clicks])).toEqual([
      ['all', 1902],
      ['all', 803],
      ['all', 611],
    ]);
  });

  it('treats — as unknown, never 0', () => {
    const vi = fixture('adsets-vi-vnd');
    const paused = readFixture(metaAdapter, vi.html, vi.expected.url).rows.find(
      (r) => r.entityId === '120209876543210149',
    );
    expect(paused?.metrics).toEqual({});
    expect(paused?.resultType).toBeNull();
  });

  it('assumes USD for a bare "$" and prefers the currency the user set for the account', () => {
    const assumed = readFixture(metaAdapter, en.html, en.expected.url).context;
    expect([assumed.currency, assumed.currencySource]).toEqual(['USD', 'assumed']);
    const set = readFixture(metaAdapter, en.html, en.expected.url, {
      accountCurrency: (id) => (id === '583920174615290' ? 'CAD' : null),
    }).context;
    expect([set.currency, set.currencySource]).toEqual(['CAD', 'account']);
    const vi = fixture('adsets-vi-vnd');
    const named = readFixture(metaAdapter, vi.html, vi.expected.url, {
      accountCurrency: () => 'USD',
    }).context;
    expect([named.currency, named.currencySource]).toEqual(['VND', 'page']);
  });

  it('prefers the URL date range over the date picker text, and uses the picker when the URL has none', () => {
    const doc = parseDocument(en.html, en.expected.url);
    const picker = doc.querySelector('[data-surface="/am/table/stats_range"] [role="presentation"]');
    if (!picker) throw new Error('stats_range not found');
    picker.textContent = 'Last 7 days: Nov 14, 2026 – Nov 20, 2026';
    const withDate = readDoc(doc, en.expected.url).context;
    expect([withDate.dateStart, withDate.dateEnd]).toEqual(['2026-11-01', '2026-11-21']);
    const noDate = en.expected.url.replace(/&date=[^&]*/, '');
    const fromPicker = readDoc(doc, noDate).context;
    expect([fromPicker.dateStart, fromPicker.dateEnd]).toEqual(['2026-11-14', '2026-11-20']);
  });

  it('is partial, naming what is missing, without a date range or an account id', () => {
    const doc = parseDocument(en.html, en.expected.url);
    doc.querySelector('[data-surface="/am/table/stats_range"]')?.remove();
    const url = en.expected.url.replace(/act=\d+&/, '').replace(/&date=[^&]*/, '');
    const reading = readDoc(doc, url);
    expect(reading.health).toEqual({ status: 'partial', missing: ['account id', 'date range'] });
    expect(reading.rows).toHaveLength(4);
    expect(reading.context.accountName).toBeNull();
  });

  it('is partial when the table has no Amount spent column', () => {
    const doc = parseDocument(en.html, en.expected.url);
    for (const el of doc.querySelectorAll('[data-surface$="/table_cell:spend"]')) el.remove();
    expect(readDoc(doc, en.expected.url).health).toEqual({
      status: 'partial',
      missing: ['amount spent column (scrolled out of view)'],
    });
    headerCell(doc, /^Amount spent/)?.remove();
    expect(readDoc(doc, en.expected.url).health).toEqual({
      status: 'partial',
      missing: ['amount spent column'],
    });
  });

  it('names the currency as missing when money is shown with a symbol that fits several currencies', () => {
    const doc = parseDocument(en.html, en.expected.url);
    const walker = doc.createTreeWalker(doc.body, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue?.includes('$')) n.nodeValue = n.nodeValue.replace('$', '') + ' kr';
    }
    const reading = readDoc(doc, en.expected.url);
    expect(reading.context.currency).toBeNull();
    expect(reading.health).toEqual({ status: 'partial', missing: ['currency'] });
    expect(reading.rows[0]?.metrics.spend).toBe(3071.46);
    expect(readDoc(doc, en.expected.url, () => 'SEK').health).toEqual({ status: 'recognised' });
  });

  it('refuses rows of another level while the address already shows the next level', () => {
    const url = en.expected.url.replace('/manage/campaigns?', '/manage/adsets?');
    const reading = readFixture(metaAdapter, en.html, url);
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.rows).toEqual([]);
    expect(reading.health.status === 'not-recognised' && reading.health.reason).toMatch(/campaigns.*ad sets/);
    expect(snapshotsOf(reading, 0)).toMatch(/^Not recognised/);
  });

  it('is not recognised, with the reason, when the table shows no rows yet', () => {
    const doc = parseDocument(en.html, en.expected.url);
    for (const el of doc.querySelectorAll('[data-surface$="unit"]')) el.remove();
    const reading = readDoc(doc, en.expected.url);
    expect(reading.health).toEqual({
      status: 'not-recognised',
      reason: 'No campaign rows are shown in the Ads Manager table yet.',
    });
  });

  it('counts the footer without its pagelet marker, from the cells of row -1', () => {
    const doc = parseDocument(en.html, en.expected.url, { stripClasses: true });
    doc.querySelector('[data-pagelet]')?.removeAttribute('data-pagelet');
    const reading = readDoc(doc, en.expected.url);
    expect(reading.coverage).toEqual({ read: 4, total: 4 });
    expect(reading.rows.map((r) => r.entityId)).not.toContain('-1');
  });

  it('finds the table and anchors chips in each rendered row’s name cell', () => {
    const doc = parseDocument(en.html, en.expected.url);
    const table = metaAdapter.findTable(doc);
    expect(table?.getAttribute('role')).toBe('table');
    const anchors = metaAdapter.rowAnchors?.(doc) ?? [];
    expect(anchors.map((a) => a.entityKey)).toEqual(en.expected.entities.map((e) => e.entity_id));
    anchors.forEach((a, i) => {
      expect(table?.contains(a.cell)).toBe(true);
      expect(a.cell.textContent).toContain(en.expected.entities[i]?.entity_name);
    });
  });
});

describe('Meta horizontal column virtualisation: a metric is read from its own column or is unknown', () => {
  const METRICS: (keyof Metrics)[] = [
    'spend',
    'impressions',
    'reach',
    'clicks',
    'conversions',
    'conversionValue',
    'leads',
    'roasShown',
    'results',
    'budget',
  ];
  /** Every metric of `part` is unknown or equal to the same row's metric in `full`; the clicks' kind too. */
  const wrongValues = (full: TableReading, part: TableReading): string[] => {
    const out: string[] = [];
    for (const row of part.rows) {
      const whole = full.rows.find((r) => r.entityId === row.entityId);
      if (!whole) {
        out.push(`row ${row.entityId} is not in the full reading`);
        continue;
      }
      for (const m of METRICS) {
        const v = row.metrics[m];
        if (v !== undefined && v !== whole.metrics[m])
          out.push(`${row.entityId} ${m}: ${v}, not ${whole.metrics[m]}`);
      }
      if (row.metrics.clicks !== undefined && row.clickKind !== whole.clickKind)
        out.push(`${row.entityId} clickKind ${row.clickKind}`);
      if (row.resultType !== null && row.resultType !== whole.resultType)
        out.push(`${row.entityId} resultType ${row.resultType}`);
    }
    return out;
  };

  it('the scrolled-left and scrolled-right readings agree where they overlap and together are complete', () => {
    const [left, right] = ['campaigns-hscroll-left', 'campaigns-hscroll-right'].map((name) => {
      const { html, expected } = fixture(name);
      return readBare(html, expected.url);
    });
    expect(left!.rows.map((r) => r.entityId)).toEqual(right!.rows.map((r) => r.entityId));
    for (const row of left!.rows) {
      const other = right!.rows.find((r) => r.entityId === row.entityId)!;
      for (const m of METRICS) {
        const [a, b] = [row.metrics[m], other.metrics[m]];
        if (a !== undefined && b !== undefined) expect(a, `${row.entityId} ${m}`).toBe(b);
      }
      const union = { ...row.metrics, ...other.metrics };
      expect(Object.keys(union).sort()).toEqual(
        [
          'spend',
          'impressions',
          'reach',
          'clicks',
          'conversions',
          'conversionValue',
          'roasShown',
          'results',
          'budget',
        ].sort(),
      );
    }
  });

  // Every way a row can miss cells of the scrollable pane, each read with and without classes and roles: one
  // cell of one row (the other rows complete); every prefix and suffix of the cells, as a horizontal scroll
  // leaves them, in every row but one (which one turns, and once none, so a complete row's columns can teach the
  // model or not); and a whole column gone from every row.
  describe.each(['campaigns-en-usd', 'ads-uk-uah', 'campaigns-hscroll-left', 'campaigns-hscroll-right'])(
    '%s',
    (name) => {
      const { html, expected } = fixture(name);
      const cellsOf = (doc: Document, id: string) =>
        [...doc.querySelectorAll(`[data-surface^="/am/table/table_row:${id}unit/table_cell:"]`)].filter(
          (el) =>
            !/\/table_cell:[^/]+\//.test(el.getAttribute('data-surface') ?? '') &&
            !/forObjectType\((name|toggle),|row_selector/.test(el.getAttribute('data-surface') ?? ''),
        );
      const keyOf = (el: Element) => /\/table_cell:(.+)$/.exec(el.getAttribute('data-surface') ?? '')![1]!;
      /** A variant picks the cells to take out of a page; `read` puts them back after reading it. */
      const variants: { label: string; pick: (doc: Document) => Element[] }[] = [];
      const probe = parseDocument(html, expected.url);
      const full = readDoc(probe, expected.url);
      const ids = full.rows.map((r) => r.entityId!);
      const width = Math.max(...ids.map((id) => cellsOf(probe, id).length));
      ids.forEach((id) => {
        cellsOf(probe, id).forEach((_el, i) =>
          variants.push({ label: `${id} without its cell ${i}`, pick: (d) => [cellsOf(d, id)[i]!] }),
        );
      });
      for (let i = 0; i < width; i++) {
        const kept = ids[i % (ids.length + 1)];
        const others = kept ? `every row but ${kept}` : 'every row';
        const pickRows = (d: Document, which: (j: number) => boolean) =>
          ids.filter((id) => id !== kept).flatMap((id) => cellsOf(d, id).filter((_el, j) => which(j)));
        variants.push({
          label: `${others} without its first ${i + 1}`,
          pick: (d) => pickRows(d, (j) => j <= i),
        });
        if (i > 0)
          variants.push({
            label: `${others} without cells ${i} on`,
            pick: (d) => pickRows(d, (j) => j >= i),
          });
      }
      for (const key of new Set(ids.flatMap((id) => cellsOf(probe, id).map(keyOf)))) {
        variants.push({
          label: `column ${key} gone from every row`,
          pick: (d) =>
            [...d.querySelectorAll('[data-surface]')].filter((el) =>
              el.getAttribute('data-surface')?.endsWith(`/table_cell:${key}`),
            ),
        });
      }

      // Each variant takes its cells out of a page parsed once and puts them back after the read (parsing and
      // copying a page cost as much as reading it).
      const bases = [false, true].map((bare) => {
        const doc = parseDocument(html, expected.url, { stripClasses: bare });
        if (bare) for (const el of doc.querySelectorAll('[role]')) el.removeAttribute('role');
        return doc;
      });
      const readWithout = (doc: Document, cells: Element[]) => {
        const places = cells.map((el) => [el, el.parentNode!, el.nextSibling] as const);
        for (const el of cells) el.remove();
        try {
          return readDoc(doc, expected.url);
        } finally {
          for (const [el, parent, next] of places.reverse()) parent.insertBefore(el, next);
        }
      };
      it(
        `never reads a wrong value in ${variants.length * 2} pages with cells missing`,
        { timeout: 120_000 },
        () => {
          const wrong: string[] = [];
          for (const { label, pick } of variants) {
            for (const base of bases) {
              for (const line of wrongValues(full, readWithout(base, pick(base))))
                wrong.push(`${label}: ${line}`);
            }
          }
          expect(wrong).toEqual([]);
          // Every page is put back as it was.
          for (const base of bases) expect(readDoc(base, expected.url).rows).toEqual(full.rows);
        },
      );
    },
  );

  it('leaves a row’s scrollable cells unread when they carry no row surface, rather than joining them by position', () => {
    const { html, expected } = fixture('campaigns-hscroll-left');
    const doc = parseDocument(html, expected.url);
    const id = '120213000000000102';
    for (const el of doc.querySelectorAll(`[data-surface^="/am/table/table_row:${id}unit/table_cell:"]`)) {
      if (/name,|toggle,|row_selector/.test(el.getAttribute('data-surface') ?? '')) continue;
      el.removeAttribute('data-surface');
    }
    const row = readDoc(doc, expected.url).rows.find((r) => r.entityId === id);
    expect(row?.entityName).toBe('Retargeting | 30d | CBO');
    expect(row?.metrics).toEqual({});
  });
});

describe('Meta tables broken down by day (Breakdown → By time → Day)', () => {
  const BREAKDOWN_ROW = /^\/am\/table\/table_row:\d+unit\/breakdown_row:\d+$/;
  const breakdownRows = (doc: Document) =>
    [...doc.querySelectorAll('[data-surface]')].filter((el) =>
      BREAKDOWN_ROW.test(el.getAttribute('data-surface') ?? ''),
    );
  const dayLabels = (doc: Document) => [...doc.querySelectorAll('[data-surface$="/table_cell:days_1"] span')];
  const daysOf = (doc: Document, url: string) =>
    readDoc(doc, url).rows.map((r) => [r.entityId, (r.days ?? []).map((d) => d.date)]);
  const load = (name: string) => {
    const { html, expected } = fixture(name);
    return { doc: parseDocument(html, expected.url), expected };
  };
  const noDays = (doc: Document, url: string) =>
    daysOf(doc, url).every(([, days]) => (days as string[]).length === 0);

  it('reads one day per breakdown row under each entity; breakdown rows are never entities', () => {
    const { doc, expected } = load('campaigns-by-day-en-usd');
    expect(daysOf(doc, expected.url)).toEqual([
      ['120212345678900011', ['2026-11-19', '2026-11-20', '2026-11-21']],
      ['120212345678900027', ['2026-11-19', '2026-11-20', '2026-11-21']],
      ['120212345678900035', ['2026-11-19', '2026-11-20', '2026-11-21']],
      ['120212345678900043', ['2026-11-19', '2026-11-21']],
    ]);
    expect(breakdownRows(doc)).toHaveLength(11);
    const reading = readDoc(doc, expected.url);
    expect(reading.coverage).toEqual({ read: 4, total: 4 });
    // The chips go in the entity rows' name cells only.
    expect((metaAdapter.rowAnchors?.(doc) ?? []).map((a) => a.entityKey)).toEqual(
      expected.entities.map((e) => e.entity_id),
    );
  });

  it('reads a day’s numbers from its own cells: Results typed leads, — as unknown, no budget', () => {
    const { doc, expected } = load('campaigns-by-day-en-usd');
    const rows = readDoc(doc, expected.url).rows;
    const lead = rows.find((r) => r.entityId === '120212345678900035')!;
    expect(lead.days![1]!.metrics).toEqual({
      spend: 994.41,
      impressions: 38612,
      reach: expect.any(Number) as number,
      clicks: 856,
      conversions: 127,
      leads: 127,
      results: 127,
    });
    const brand = rows.find((r) => r.entityId === '120212345678900043')!;
    expect(brand.days!.map((d) => [d.metrics.conversions, d.metrics.budget])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('stores one snapshot per entity per day, each with that day as its range', () => {
    const { doc, expected } = load('ads-by-day-uk-uah');
    const stored = snapshotsOf(readDoc(doc, expected.url), 0);
    expect(Array.isArray(stored)).toBe(true);
    const all = stored as Snapshot[];
    expect(all.filter((s) => s.dateStart === '2026-11-18' && s.dateEnd === '2026-11-20')).toHaveLength(3);
    const days = all.filter((s) => s.dateStart === s.dateEnd);
    expect(days.map((s) => [s.entityKey, s.dateStart, s.metrics.spend, s.currency])).toEqual([
      ['120215550001112223', '2026-11-18', 2464.31, 'UAH'],
      ['120215550001112223', '2026-11-19', 2710.74, 'UAH'],
      ['120215550001112223', '2026-11-20', 3039.32, 'UAH'],
      ['120215550001112247', '2026-11-18', 1390.5, 'UAH'],
      ['120215550001112247', '2026-11-19', 0, 'UAH'],
      ['120215550001112247', '2026-11-20', 1699.5, 'UAH'],
      ['120215550001112261', '2026-11-18', 444.44, 'UAH'],
      ['120215550001112261', '2026-11-19', 370.37, 'UAH'],
      ['120215550001112261', '2026-11-20', 419.75, 'UAH'],
    ]);
  });

  it.each([
    ['a label that does not parse', ['Nov 19, 2026 (partial)']],
    ['age breakdown labels', ['18-24', '25-34', '35-44']],
    ['placements', ['Facebook', 'Instagram', 'Audience Network']],
    ['weeks', ['Week of Nov 19, 2026']],
    ['months', ['November 2026']],
    ['a range instead of a day', ['Nov 19 – 20, 2026']],
    ['a day outside the range', ['Nov 18, 2026']],
    ['an empty label', ['']],
  ])('reads no days at all with %s, and the entity rows as before', (_what, labels) => {
    for (const name of ['campaigns-by-day-en-usd', 'ads-by-day-uk-uah']) {
      const { doc, expected } = load(name);
      dayLabels(doc).forEach((el, i) => (el.textContent = labels[i % labels.length]!));
      expect(noDays(doc, expected.url), name).toBe(true);
      const reading = readDoc(doc, expected.url);
      expect(reading.rows.map((r) => [r.entityId, r.metrics.spend])).toEqual(
        expected.entities.map((e) => [e.entity_id, e.spend]),
      );
      expect(reading.health).toEqual({ status: 'recognised' });
    }
  });

  it('one label that is not a day, a day twice, or a row without its label drops every day (all or nothing)', () => {
    const one = load('ads-by-day-uk-uah');
    dayLabels(one.doc)[4]!.textContent = '19 лист.'; // no year: not certainly a day of the range
    expect(noDays(one.doc, one.expected.url)).toBe(true);
    const twice = load('ads-by-day-uk-uah');
    dayLabels(twice.doc)[1]!.textContent = '18 лист. 2026 р.';
    expect(noDays(twice.doc, twice.expected.url)).toBe(true);
    const unlabelled = load('campaigns-by-day-en-usd');
    unlabelled.doc.querySelectorAll('[data-surface$="/table_cell:days_1"]')[6]!.remove();
    expect(noDays(unlabelled.doc, unlabelled.expected.url)).toBe(true);
  });

  it('without a known range no day is read', () => {
    const { doc, expected } = load('campaigns-by-day-en-usd');
    doc.querySelector('[data-surface="/am/table/stats_range"]')?.remove();
    const url = expected.url.replace(/&date=[^&]*/, '');
    expect(noDays(doc, url)).toBe(true);
    expect(readDoc(doc, url).rows).toHaveLength(4);
  });

  it('reads the day labels in the page’s locale (numeric dates follow its day/month order, ISO dates too)', () => {
    const uk = load('ads-by-day-uk-uah');
    const ukLabels = ['18.11.2026', '19.11.2026', '20.11.2026'];
    dayLabels(uk.doc).forEach((el, i) => (el.textContent = ukLabels[i % 3]!));
    const want = [
      ['120215550001112223', ['2026-11-18', '2026-11-19', '2026-11-20']],
      ['120215550001112247', ['2026-11-18', '2026-11-19', '2026-11-20']],
      ['120215550001112261', ['2026-11-18', '2026-11-19', '2026-11-20']],
    ];
    expect(daysOf(uk.doc, uk.expected.url)).toEqual(want);
    dayLabels(uk.doc).forEach((el, i) => (el.textContent = `2026-11-${18 + (i % 3)}`));
    expect(daysOf(uk.doc, uk.expected.url)).toEqual(want);
    const en = load('campaigns-by-day-en-usd');
    const enLabels = ['11/19/2026', '11/20/2026', '11/21/2026', '11/19/2026', '11/20/2026', '11/21/2026'];
    dayLabels(en.doc).forEach((el, i) => (el.textContent = enLabels[i % 6]!));
    expect(noDays(en.doc, en.expected.url)).toBe(false);
    expect(daysOf(en.doc, en.expected.url)[0]).toEqual([
      '120212345678900011',
      ['2026-11-19', '2026-11-20', '2026-11-21'],
    ]);
  });

  it('gives no entity the days of a row it does not read, and never reads a breakdown row as one', () => {
    const { doc, expected } = load('campaigns-by-day-en-usd');
    // The entity row scrolled out of view while its breakdown rows are still rendered.
    doc.querySelector('[data-surface="/am/table/table_row:120212345678900027unit"]')?.remove();
    const reading = readDoc(doc, expected.url);
    expect(reading.rows.map((r) => r.entityId)).toEqual([
      '120212345678900011',
      '120212345678900035',
      '120212345678900043',
    ]);
    expect(reading.rows[0]!.days).toHaveLength(3);
    expect(snapshotsOf(reading, 0)).toHaveLength(3 + 3 + 3 + 2);
  });

  it('never reads breakdown rows of the footer (totals) as days', () => {
    const { doc, expected } = load('campaigns-by-day-en-usd');
    const footer = doc.querySelector('[data-pagelet="FixedDataTableNew_footerRow"]')!;
    const total = footer.querySelector('[data-surface="/am/table/table_row:-1/table_cell:spend"]')!;
    for (const [i, date] of ['Nov 19, 2026', 'Nov 20, 2026'].entries()) {
      const row = doc.createElement('span');
      row.setAttribute('data-surface', `/am/table/table_row:-1/breakdown_row:${i}`);
      const label = doc.createElement('span');
      label.setAttribute('data-surface', `/am/table/table_row:-1/breakdown_row:${i}/table_cell:days_1`);
      label.textContent = date;
      const spend = total.cloneNode(true) as Element;
      spend.setAttribute('data-surface', `/am/table/table_row:-1/breakdown_row:${i}/table_cell:spend`);
      row.append(label, spend);
      footer.append(row);
    }
    expect(expectedVsReading(expected, readDoc(doc, expected.url))).toEqual([]);
  });
});
