import { describe, expect, it } from 'vitest';
import { mappedAdapter, mappedRowAnchors, readMappedTable } from '@/lib/mapping/read';
import { mappingSchema } from '@/lib/mapping/schema';
import { tableReadingSchema } from '@/lib/model';
import { loadPage, mappingOf, PAGE_URLS, type PageName } from './pages';

const noSetting = { accountCurrency: () => null };
const read = (name: PageName, doc = loadPage(name)) =>
  readMappedTable(doc, new URL(PAGE_URLS[name]), mappingOf(name), noSetting);

describe('readMappedTable', () => {
  it('the example mappings are valid records', () => {
    for (const name of Object.keys(PAGE_URLS) as PageName[])
      expect(mappingSchema.safeParse(mappingOf(name)).success).toBe(true);
  });

  it('reads a plain table as a generic TableReading: ids, unknowns as unknowns, no totals row', () => {
    const reading = read('plain-table-en');
    expect(tableReadingSchema.parse(reading)).toEqual(reading);
    expect(reading.context).toEqual({
      platform: 'generic',
      accountId: 'Acme Growth',
      accountName: 'tracker.example.net',
      level: 'campaign',
      dateStart: '2026-11-01',
      dateEnd: '2026-11-30',
      currency: 'USD',
      currencySource: 'assumed',
      uiLocale: 'en',
    });
    expect(reading.health).toEqual({ status: 'recognised' });
    expect(reading.rows).toEqual([
      {
        entityId: '101',
        entityName: 'Black Friday – Search',
        metrics: { spend: 1250, impressions: 48000, clicks: 1200, conversions: 50, conversionValue: 5000 },
        clickKind: null,
        resultType: null,
      },
      {
        entityId: '102',
        entityName: 'Retargeting EU',
        metrics: { spend: 800, impressions: 20000, clicks: 400, conversionValue: 1200 },
        clickKind: null,
        resultType: null,
      },
      {
        entityId: '103',
        entityName: 'Prospecting',
        metrics: { spend: 400, impressions: 30000, clicks: 300, conversions: 4 },
        clickKind: null,
        resultType: null,
      },
    ]);
  });

  it('reads a Ukrainian div grid with its currency and date range from texts on the page', () => {
    const reading = read('div-grid-uk');
    expect(reading.context).toMatchObject({
      accountId: 'partners.example.org',
      currency: 'UAH',
      currencySource: 'page',
      dateStart: '2026-11-01',
      dateEnd: '2026-11-30',
    });
    expect(reading.rows.map((r) => [r.entityId, r.entityName, r.metrics])).toEqual([
      [null, 'Осінній розпродаж', { impressions: 12000, clicks: 360, spend: 1800.5, leads: 12 }],
      [null, 'Бренд', { impressions: 5000, clicks: 250, spend: 900 }],
    ]);
  });

  it('reads a Vietnamese table inside a shadow root, the account from a text inside it', () => {
    const reading = read('shadow-table-vi');
    expect(reading.context).toMatchObject({ accountId: 'VN-778', currency: 'VND', currencySource: 'page' });
    expect(reading.rows.map((r) => r.metrics)).toEqual([
      { spend: 1500000, impressions: 40000, clicks: 800, conversionValue: 6000000 },
      { spend: 750000, impressions: 10000, conversionValue: 1000000 },
    ]);
  });

  it('the same with every class attribute stripped', () => {
    for (const name of Object.keys(PAGE_URLS) as PageName[])
      expect(read(name, loadPage(name, { stripClasses: true })).rows).toEqual(read(name).rows);
  });

  it('a table whose columns were renamed or removed says which, and yields no rows', () => {
    const doc = loadPage('plain-table-en');
    const headers = doc.querySelectorAll('th');
    headers[2]!.textContent = 'Spend (net)';
    headers[6]!.remove();
    for (const row of doc.querySelectorAll('tbody tr')) row.children[6]!.remove();
    const reading = read('plain-table-en', doc);
    expect(reading.rows).toEqual([]);
    expect(reading.health).toEqual({
      status: 'not-recognised',
      reason:
        'The table no longer matches the mapping for tracker.example.net: columns renamed or missing: Cost, Conversions.',
    });
  });

  it('says what it could not find where the mapping points (no account, no range)', () => {
    const doc = loadPage('plain-table-en');
    doc.getElementById('workspace')!.remove();
    const reading = readMappedTable(
      doc,
      new URL('https://tracker.example.net/reports/x'),
      mappingOf('plain-table-en'),
      noSetting,
    );
    expect(reading.context.accountId).toBeNull();
    expect(reading.health).toEqual({
      status: 'partial',
      missing: ['account: not found where the mapping says', 'date range: not found where the mapping says'],
    });
  });

  it('the account currency setting counts before an assumed symbol', () => {
    const doc = loadPage('plain-table-en');
    const reading = readMappedTable(doc, new URL(PAGE_URLS['plain-table-en']), mappingOf('plain-table-en'), {
      accountCurrency: (id) => (id === 'Acme Growth' ? 'CAD' : null),
    });
    expect(reading.context).toMatchObject({ currency: 'CAD', currencySource: 'account' });
  });

  it('anchors chips in each row name cell, keyed as the reading keys the row', () => {
    const doc = loadPage('plain-table-en');
    const anchors = mappedRowAnchors(doc, mappingOf('plain-table-en'));
    expect(anchors.map((a) => [a.entityKey, a.cell.textContent])).toEqual([
      ['101', 'Black Friday – Search'],
      ['102', 'Retargeting EU'],
      ['103', 'Prospecting'],
    ]);
    const uk = mappedRowAnchors(loadPage('div-grid-uk'), mappingOf('div-grid-uk'));
    expect(uk.map((a) => a.entityKey)).toEqual(['name:Осінній розпродаж', 'name:Бренд']);
  });

  it('mappedAdapter reads as readMappedTable and finds the mapped table', () => {
    const doc = loadPage('shadow-table-vi');
    const adapter = mappedAdapter(mappingOf('shadow-table-vi'));
    expect(adapter.id).toBe('generic');
    expect(adapter.matches).toEqual(['https://dash.example.com/*']);
    expect(adapter.findTable(doc)?.tagName).toBe('TABLE');
    expect(adapter.read(doc, new URL(PAGE_URLS['shadow-table-vi']), noSetting)).toEqual(
      read('shadow-table-vi'),
    );
  });
});
