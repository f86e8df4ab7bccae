import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { findTables, visibleText } from '@/lib/mapping/discover';
import { loadPage } from './pages';

const doc = (body: string) => new JSDOM(`<!doctype html><body>${body}</body>`).window.document;

describe('findTables', () => {
  it('finds a plain <table> with its thead headers, its body rows and not its footer', () => {
    const [table, ...rest] = findTables(loadPage('plain-table-en'));
    expect(rest).toEqual([]);
    expect(table!.kind).toBe('table');
    expect(table!.headers).toEqual([
      'Campaign',
      'ID',
      'Cost',
      'Impressions',
      'Clicks',
      'CTR',
      'Conversions',
      'Revenue',
    ]);
    expect(table!.rows.map((cells) => visibleText(cells[0]!))).toEqual([
      'Black Friday – Search',
      'Retargeting EU',
      'Prospecting',
    ]);
  });

  it('finds a div grid whose head row is a sibling of its body, with classes stripped too', () => {
    for (const stripClasses of [false, true]) {
      const [grid, ...rest] = findTables(loadPage('div-grid-uk', { stripClasses }));
      expect(rest).toEqual([]);
      expect(grid!.kind).toBe('div-grid');
      expect(grid!.headers).toEqual(['Кампанія', 'Покази', 'Кліки', 'Витрачена сума', 'Ліди']);
      expect(grid!.rows).toHaveLength(2);
    }
  });

  it('finds a table inside an open shadow root', () => {
    const [table] = findTables(loadPage('shadow-table-vi'));
    expect(table!.headers[0]).toBe('Chiến dịch');
    expect(table!.element.getRootNode()).not.toBe(table!.element.ownerDocument);
    expect(table!.rows).toHaveLength(2);
  });

  it('finds an ARIA grid and a list of role=row elements', () => {
    const page = doc(`
      <div role="grid"><div role="row"><span role="columnheader">Name</span><span role="columnheader">Clicks</span></div>
        <div role="row"><span role="gridcell">A</span><span role="gridcell">12</span></div></div>
      <ul><li role="row"><b role="columnheader">Name</b><b role="columnheader">Cost</b></li>
        <li role="row"><i role="cell">B</i><i role="cell">$3</i></li></ul>`);
    const found = findTables(page);
    expect(found.map((t) => [t.kind, t.headers, t.rows.length])).toEqual([
      ['grid', ['Name', 'Clicks'], 1],
      ['rows', ['Name', 'Cost'], 1],
    ]);
  });

  it('counts rows that do not line up and reads none of them against shifted columns', () => {
    const [table] = findTables(
      doc(
        '<table><tr><th>Name</th><th>Clicks</th></tr><tr><td>A</td><td>1</td></tr><tr><td colspan="2">B</td></tr></table>',
      ),
    );
    expect(table!.rows).toHaveLength(1);
    expect(table!.notLinedUp).toBe(1);
  });

  it('finds nothing in layout: a nav list, a header row with numbers, a grid of text only', () => {
    const page = doc(`
      <ul><li><a>Home</a><a>Docs</a></li><li><a>Blog</a><a>About</a></li></ul>
      <table><tr><td>2024</td><td>2025</td></tr><tr><td>1</td><td>2</td></tr></table>
      <div><div><span>Name</span><span>City</span></div><div><span>Ann</span><span>Oslo</span></div></div>`);
    expect(findTables(page)).toEqual([]);
  });

  it('leaves KPI Lens chips out of a cell text', () => {
    const page = doc(
      '<table><tr><th>Name</th><th>Clicks</th></tr><tr><td>A<span data-kpi-lens="chips">CPA 3</span></td><td>1</td></tr></table>',
    );
    expect(visibleText(findTables(page)[0]!.rows[0]![0]!)).toBe('A');
  });
});
