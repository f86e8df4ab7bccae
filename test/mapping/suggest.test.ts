import { describe, expect, it } from 'vitest';
import { findTables } from '@/lib/mapping/discover';
import { columnsOf, shapeOf, suggestColumns } from '@/lib/mapping/suggest';
import { loadPage } from './pages';

describe('shapeOf', () => {
  it.each([
    [['$1,250.00', '$800.00', '0'], 'money'],
    [['1 800,50 ₴', '—'], 'money'],
    [['48,000', '20,000'], 'count'],
    [['2.50%', '1.00%'], 'percent'],
    [['3.25', '1'], 'number'],
    [['Black Friday', '12'], 'text'],
    [['—', ''], 'empty'],
  ] as const)('%j is %s', (values, shape) => {
    expect(shapeOf(values)).toBe(shape);
  });
});

describe('suggestColumns', () => {
  it('suggests name, id and each metric from English headers and their values; CTR is left out', () => {
    const [table] = findTables(loadPage('plain-table-en'));
    const suggested = suggestColumns(table!, 'en');
    expect(suggested.map((s) => [s.header, s.shape, s.use])).toEqual([
      ['Campaign', 'text', 'name'],
      ['ID', 'count', 'id'],
      ['Cost', 'money', 'spend'],
      ['Impressions', 'count', 'impressions'],
      ['Clicks', 'count', 'clicks'],
      ['CTR', 'percent', null],
      ['Conversions', 'count', 'conversions'],
      ['Revenue', 'money', 'conversionValue'],
    ]);
    expect(suggested[2]!.samples).toEqual(['$1,250.00', '$800.00', '$400.00']);
  });

  it('suggests from Ukrainian and Vietnamese headers (the dictionaries of every language)', () => {
    const uk = suggestColumns(findTables(loadPage('div-grid-uk'))[0]!, 'uk');
    expect(uk.map((s) => s.use)).toEqual(['name', 'impressions', 'clicks', 'spend', 'leads']);
    const vi = suggestColumns(findTables(loadPage('shadow-table-vi'))[0]!, 'vi');
    expect(vi.map((s) => s.use)).toEqual(['name', 'spend', 'impressions', 'clicks', 'conversionValue']);
  });

  it('does not suggest a metric whose values cannot be it (a "Clicks" column of money)', () => {
    const [table] = findTables(loadPage('plain-table-en'));
    for (const cells of table!.rows) cells[4]!.textContent = '$12.00';
    expect(suggestColumns(table!, 'en')[4]!.use).toBeNull();
  });

  it('names the rows by the first column of distinct texts when no header says "name"', () => {
    const [table] = findTables(loadPage('plain-table-en'));
    table!.headers[0] = 'Offer';
    expect(suggestColumns(table!, 'en')[0]!.use).toBe('name');
  });

  it('columnsOf keeps the chosen columns only', () => {
    expect(
      columnsOf([
        { header: 'A', use: 'name' },
        { header: 'B', use: null },
        { header: 'C', use: 'spend' },
      ]),
    ).toEqual([
      { header: 'A', use: 'name' },
      { header: 'C', use: 'spend' },
    ]);
  });
});
