import { describe, expect, it } from 'vitest';
import { dateParamsOf, mappingOfDraft, type MappingDraft } from '@/lib/mapping/panel-draft';

const AT = { origin: 'https://tracker.example.net', id: 'map-1', now: 5 };
const DRAFT: MappingDraft = {
  label: 'tracker.example.net',
  pathPattern: '/reports/*',
  level: 'campaign',
  columns: [
    { header: 'Campaign', use: 'name' },
    { header: 'ID', use: 'id' },
    { header: 'Cost', use: 'spend' },
    { header: 'CTR', use: null },
  ],
  account: ' Acme ',
  currency: 'usd',
  dateStart: '2026-11-01',
  dateEnd: '2026-11-30',
};

describe('mapping panel draft', () => {
  it('turns the choices into a mapping: unused columns left out, fixed account, currency and range', () => {
    const result = mappingOfDraft(DRAFT, AT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mapping.columns).toEqual([
      { header: 'Campaign', use: 'name' },
      { header: 'ID', use: 'id' },
      { header: 'Cost', use: 'spend' },
    ]);
    expect(result.mapping.account).toEqual({ from: 'fixed', value: 'Acme' });
    expect(result.mapping.currency).toEqual({ from: 'fixed', value: 'USD' });
    expect(result.mapping.dateRange).toEqual({ from: 'fixed', start: '2026-11-01', end: '2026-11-30' });
    expect(result.mapping.origin).toBe(AT.origin);
  });

  it('empty fields are unknown: no account, currency from the cells, no range', () => {
    const result = mappingOfDraft({ ...DRAFT, account: '', currency: '', dateStart: '', dateEnd: '' }, AT);
    expect(result.ok && result.mapping.account).toEqual({ from: 'none' });
    expect(result.ok && result.mapping.currency).toEqual({ from: 'cells' });
    expect(result.ok && result.mapping.dateRange).toEqual({ from: 'none' });
  });

  it('refuses no name column, two name columns, no metric, a reversed range and a bad currency', () => {
    const cols = (uses: MappingDraft['columns'][number]['use'][]) =>
      uses.map((use, i) => ({ header: `H${i}`, use }));
    expect(mappingOfDraft({ ...DRAFT, columns: cols([null, 'spend']) }, AT)).toEqual({
      ok: false,
      problem: 'columns',
    });
    expect(mappingOfDraft({ ...DRAFT, columns: cols(['name', 'name', 'spend']) }, AT)).toEqual({
      ok: false,
      problem: 'columns',
    });
    expect(mappingOfDraft({ ...DRAFT, columns: cols(['name', 'id']) }, AT)).toEqual({
      ok: false,
      problem: 'columns',
    });
    expect(mappingOfDraft({ ...DRAFT, dateStart: '2026-12-01' }, AT)).toEqual({
      ok: false,
      problem: 'dates',
    });
    expect(mappingOfDraft({ ...DRAFT, dateEnd: '' }, AT)).toEqual({ ok: false, problem: 'dates' });
    expect(mappingOfDraft({ ...DRAFT, currency: 'dollars' }, AT)).toEqual({ ok: false, problem: 'currency' });
    expect(mappingOfDraft({ ...DRAFT, pathPattern: 'reports' }, AT)).toEqual({ ok: false, problem: 'other' });
  });
});

describe('mapping panel draft: values that follow the page', () => {
  it('finds the range in the address: two ISO-date query parameters, the earlier one first', () => {
    const at = (q: string) => dateParamsOf(new URL(`https://tracker.example.net/r${q}`));
    expect(at('?from=2026-11-01&to=2026-11-30')).toEqual({ start: 'from', end: 'to' });
    expect(at('?end=2026-11-30&x=1&begin=2026-11-01')).toEqual({ start: 'begin', end: 'end' });
    expect(at('?from=2026-11-01')).toBeNull();
    expect(at('?a=2026-11-01&b=2026-11-02&c=2026-11-03')).toBeNull();
    expect(at('?d=2026-11-01&d=2026-11-02')).toBeNull();
    expect(at('?from=1.11.2026&to=30.11.2026')).toBeNull();
  });

  it('a picked text and the address win over the typed values', () => {
    const workspace = { selector: '#workspace', sample: 'Acme Growth' };
    const result = mappingOfDraft(
      {
        ...DRAFT,
        currency: 'not a code, ignored',
        picked: { account: workspace, currency: { selector: 'b', sample: 'USD' }, range: null },
        rangeParams: { start: 'from', end: 'to' },
      },
      AT,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mapping.account).toEqual({ from: 'page', ...workspace });
    expect(result.mapping.currency).toEqual({ from: 'page', selector: 'b', sample: 'USD' });
    expect(result.mapping.dateRange).toEqual({ from: 'url-params', start: 'from', end: 'to' });
    const range = { selector: '.period', sample: 'Nov 1, 2026 – Nov 30, 2026' };
    const fromText = mappingOfDraft({ ...DRAFT, dateEnd: '', picked: { range } }, AT);
    expect(fromText.ok && fromText.mapping.dateRange).toEqual({ from: 'page', ...range });
  });
});
