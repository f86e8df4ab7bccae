import { describe, expect, it } from 'vitest';
import { mappingOfDraft, type MappingDraft } from '@/lib/mapping/panel-draft';

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
