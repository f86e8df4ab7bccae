import { describe, expect, it } from 'vitest';
import { chipsForReading } from '@/lib/overlay/chips';
import { editorDraft, editorScopes, initialScope, tableTargetContext } from '@/lib/overlay/target-editor';
import { NO_SAVE, summaryModel, type SummaryInput } from '@/lib/overlay/summary';
import type { Target } from '@/lib/kpi/targets';
import type { TableReading } from '@/lib/model';
import { reading, row, targets } from './make';
import { translator } from './translate';

const t = translator('en');
const NOW = Date.UTC(2026, 10, 22, 12, 0); // Nov 22, 2026, 12:00 UTC: the table (Nov 1–21) ends yesterday.
const ACCOUNT = '583920174615290';

const rows = [
  row('111', { spend: 3071.46, conversions: 142, conversionValue: 12480.9 }),
  row('222', { spend: 1204.37, conversions: 61, conversionValue: 5902.15 }),
  row('333', { spend: 2486.02, conversions: 318, leads: 318 }),
  row('444', { spend: 640 }),
];

function input(r: TableReading | null, list: Target[] = [], extra: Partial<SummaryInput> = {}): SummaryInput {
  const text = { locale: 'en-US', t };
  return {
    platform: 'meta',
    platformLabel: 'Meta Ads Manager',
    reading: r,
    chips: r
      ? chipsForReading({ reading: r, targets: list, chipKpis: ['cpa', 'roas'], evaluation: {}, text })
      : new Map(),
    targets: list,
    chipKpis: ['cpa', 'roas'],
    goalSettings: { margin: null, fx: null, timeZones: {}, defaultTimeZone: 'UTC' },
    save: NO_SAVE,
    now: NOW,
    locale: 'en-US',
    t,
    ...extra,
  };
}

describe('summary panel model', () => {
  it('before the first reading: waiting', () => {
    const model = summaryModel(input(null));
    expect(model).toMatchObject({
      title: 'KPI Lens · Meta Ads Manager',
      headline: 'Reading the table…',
      waiting: true,
    });
    expect(model.totals).toEqual([]);
  });

  it('what was read: account, level, range, currency (assumed), rows of the total, last saved', () => {
    const r = reading(rows, { currency: 'USD', currencySource: 'assumed' }, 60);
    const saved = summaryModel(input(r, [], { save: { ...NO_SAVE, lastSavedAt: NOW - 60_000 } }));
    expect(Object.fromEntries(saved.facts.map((f) => [f.label, f.value]))).toEqual({
      Account: `Northwind Outdoor – US (${ACCOUNT})`,
      Level: 'campaign',
      'Date range': expect.stringMatching(/^Nov 1\s–\s21, 2026$/u) as unknown as string,
      Currency: 'USD (assumed from the symbol)',
      'Rows read': '4 of 60',
      'Last saved': expect.stringMatching(/^11:59\s?AM$/) as unknown as string,
    });
    // The rows note is the 'Rows read' fact, not repeated as a gap.
    expect(saved.partial).toEqual([]);
    const notStored = summaryModel(input(r, [], { save: { ...NO_SAVE, notStoredReason: 'no account id' } }));
    expect(notStored.facts.find((f) => f.label === 'Last saved')!.value).toBe('not saved: no account id');
  });

  it('totals are ratios of sums, judged against the targets covering the whole table', () => {
    const list = targets(
      { id: 'cpa', scope: { kind: 'account', platform: 'meta', accountId: ACCOUNT }, kpi: 'cpa', value: 20 },
      { id: 'roas', scope: { kind: 'all' }, kpi: 'roas', value: 4.5 },
      // A campaign target is a row's business, not the table's.
      {
        id: 'c',
        scope: { kind: 'campaign', platform: 'meta', accountId: ACCOUNT, entityKey: '111' },
        kpi: 'ctr',
        value: 0.02,
      },
    );
    const model = summaryModel(input(reading(rows), list));
    const line = (kpi: string) => model.totals.find((l) => l.kpi === kpi)!;
    expect(model.totals.map((l) => l.kpi)).toEqual(['spend', 'cpa', 'roas', 'cpl']);
    expect(line('spend')).toMatchObject({ value: '$7,401.85', status: 'none' });
    // CPA over the rows that know both: (3071.46 + 1204.37 + 2486.02) / (142 + 61 + 318) = 12.98.
    expect(line('cpa')).toMatchObject({ value: '$12.98', status: 'on-track', statusText: 'On track' });
    expect(line('cpa').detail).toBe('target ≤ $20.00 · 35.1% under · from 3 of 4 rows');
    // ROAS: (12480.9 + 5902.15) / (3071.46 + 1204.37) = 4.30, under 4.5 by 4.5 %: at risk.
    expect(line('roas')).toMatchObject({ value: '4.30×', status: 'at-risk' });
    expect(line('roas').detail).toBe('target ≥ 4.50× · 4.5% under · from 2 of 4 rows');
    // The lead campaign's CPL is shown too (2486.02 / 318), without a target.
    expect(line('cpl')).toMatchObject({ value: '$7.82', status: 'none', detail: 'no target set' });
    // Row 111 is at risk (CPA 21.63, ROAS 4.06), 222 on track, the lead row has no target, 444 is unknown.
    expect(model.headline).toBe('1 at risk · 1 on track');
  });

  it("each KPI line carries what the panel's target editor starts from: the table's value in its currency", () => {
    const list = targets({ id: 'roas', scope: { kind: 'all' }, kpi: 'roas', value: 4.5 });
    const r = reading(rows, { currency: 'USD' });
    const model = summaryModel(input(r, list));
    const edit = (kpi: string) => model.totals.find((l) => l.kpi === kpi)!.edit;
    expect(edit('spend')).toBeNull();
    expect(edit('cpa')).toEqual({ kpi: 'cpa', value: 6761.85 / 521, currency: 'USD' });
    expect(edit('roas')).toEqual({ kpi: 'roas', value: 18383.05 / 4275.83, currency: 'USD' });
    const context = tableTargetContext(r, edit('roas')!, list);
    expect(context).toMatchObject({
      kpi: 'roas',
      entityKey: null,
      accountId: ACCOUNT,
      value: edit('roas')!.value,
    });
    // From the table: the account (its first choice) or wider, never one row.
    expect(editorScopes(context)).toEqual(['account', 'platform', 'all']);
    expect(initialScope(context)).toBe('account');
    expect(editorDraft(context, 'account')).toMatchObject({
      scopeKind: 'account',
      accountId: ACCOUNT,
      value: '4.3',
    });
    // The user's everywhere target is found when the scope is switched to it.
    expect(editorDraft(context, 'all')).toMatchObject({ scopeKind: 'all', value: '4.5' });
    // A page without the account: the platform or everywhere.
    const noAccount = { ...context, accountId: null };
    expect(editorScopes(noAccount)).toEqual(['platform', 'all']);
    expect(editorScopes({ accountId: ACCOUNT, entityKey: '111' })[0]).toBe('campaign');
  });

  it('an assumed currency is never converted to meet a target in another currency, as on the chips (#16.1)', () => {
    const list = targets({ id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 18, currency: 'EUR' });
    const fx = { reportingCurrency: 'USD', rates: { EUR: 1.1 } };
    const r = reading([row('1', { spend: 100, conversions: 5 })], {
      currency: 'USD',
      currencySource: 'assumed',
    });
    const text = { locale: 'en-US', t };
    const chips = chipsForReading({ reading: r, targets: list, chipKpis: ['cpa'], evaluation: { fx }, text });
    const goalSettings = { margin: null, fx, timeZones: {}, defaultTimeZone: 'UTC' };
    const model = summaryModel(input(r, list, { chips, chipKpis: ['cpa'], goalSettings }));
    expect(chips.get('1')!.chips[0]!.status).toBe('unknown');
    // The panel converted the guess: 18 EUR = 19.80 USD, and judged CPA 20 "at risk".
    expect(model.totals.find((l) => l.kpi === 'cpa')).toMatchObject({ value: '$20.00', status: 'unknown' });
    // Once the user confirms USD for the account, both judge it through the rate.
    const confirmed = { 'meta:583920174615290': 'USD' };
    const judged = summaryModel(
      input(r, list, {
        chips,
        chipKpis: ['cpa'],
        goalSettings: { ...goalSettings, accountCurrencies: confirmed },
      }),
    );
    expect(judged.totals.find((l) => l.kpi === 'cpa')!.status).toBe('at-risk');
    expect(judged.facts.find((f) => f.label === 'Currency')!.value).toBe('USD');
  });

  it('a row the table lists twice counts once in the totals, as it has one chip', () => {
    const twice = reading([
      row('1', { spend: 100, conversions: 5 }),
      row('1', { spend: 100, conversions: 5 }),
    ]);
    const model = summaryModel(input(twice));
    expect(model.totals.find((l) => l.kpi === 'spend')!.value).toBe('$100.00');
    expect(model.totals.find((l) => l.kpi === 'cpa')!.value).toBe('$20.00');
  });

  it('a monthly budget: spend to date against the pace, forecast and required daily spend', () => {
    const list = targets({ id: 'b', scope: { kind: 'all' }, kpi: 'budget', value: 10000, period: 'month' });
    const [block] = summaryModel(input(reading(rows), list)).budgets;
    expect(block).toMatchObject({ title: 'Monthly budget $10,000.00', status: 'at-risk', reason: null });
    // 21 of 30 days elapsed: expected 7,000; 7,401.85 / 7,000 = 106 %; forecast 7,401.85 / 21 × 30.
    expect(Object.fromEntries(block!.facts.map((f) => [f.label, f.value]))).toEqual({
      'Spent to date': '$7,401.85',
      'Expected by now': '$7,000.00',
      Pacing: '106%',
      'Month-end forecast': '$10,574.07',
      'Required daily spend': '$288.68',
    });
  });

  it("example targets (the demo profile's) are labelled in the panel: the KPI line and the budget", () => {
    const list = targets(
      { id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 20, example: true },
      { id: 'b', scope: { kind: 'all' }, kpi: 'budget', value: 10000, period: 'month', example: true },
    );
    const model = summaryModel(input(reading(rows), list));
    expect(model.totals.find((l) => l.kpi === 'cpa')!.detail).toMatch(/^example target ≤ \$20\.00 · /);
    expect(model.budgets[0]).toMatchObject({
      title: 'Monthly budget $10,000.00 · Example',
      status: 'at-risk',
    });
  });

  it('a budget cannot be judged on a table of another period, and says why', () => {
    const list = targets({ id: 'b', scope: { kind: 'all' }, kpi: 'budget', value: 10000, period: 'month' });
    const october = reading(rows, { dateStart: '2026-10-01', dateEnd: '2026-10-31' });
    const [block] = summaryModel(input(october, list)).budgets;
    expect(block).toMatchObject({ status: 'unknown', title: 'Monthly budget $10,000.00' });
    expect(block!.reason).toMatch(/Open this period/);
  });

  it('a page not recognised: the reason, no totals, no facts', () => {
    const r: TableReading = {
      ...reading([]),
      health: { status: 'not-recognised', reason: 'This Google Ads page is not a campaigns report.' },
    };
    const model = summaryModel(input(r));
    expect(model).toMatchObject({
      headline: 'Page not recognised',
      notRecognised: 'This Google Ads page is not a campaigns report.',
      totals: [],
      facts: [],
    });
  });

  it('a failed save is shown until a later save succeeds', () => {
    const model = summaryModel(
      input(reading(rows), [], { save: { ...NO_SAVE, error: 'Could not save this reading: disk full' } }),
    );
    expect(model.saveError).toBe('Could not save this reading: disk full');
  });

  it('no targets: the headline says so', () => {
    expect(summaryModel(input(reading(rows))).headline).toBe('4 rows · no targets apply');
  });
});
