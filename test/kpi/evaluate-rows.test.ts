import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/model';
import { evaluateRow, evaluateRows, type EvaluableRow } from '@/lib/kpi/evaluate-rows';
import { targetSchema, type Target, type TargetInput } from '@/lib/kpi/targets';

const t = (input: Partial<TargetInput> & Pick<TargetInput, 'id' | 'kpi' | 'value'>): Target =>
  targetSchema.parse({ scope: { kind: 'all' }, ...input });

// CPA 300 ÷ 10 = 30, ROAS 900 ÷ 300 = 3, CTR 150 ÷ 10,000 = 0.015, AOV 90.
const row: EvaluableRow = {
  platform: 'meta',
  accountId: '111',
  entityKey: 'c1',
  currency: 'USD',
  metrics: { spend: 300, clicks: 150, impressions: 10000, conversions: 10, conversionValue: 900 },
};

describe('evaluateRows: KPIs against targets', () => {
  const targets = [
    t({ id: 'all-cpa', kpi: 'cpa', value: 25, currency: 'USD' }),
    t({
      id: 'acct-cpa',
      kpi: 'cpa',
      value: 35,
      currency: 'USD',
      scope: { kind: 'account', platform: 'meta', accountId: '111' },
    }),
    t({ id: 'roas', kpi: 'roas', value: 3.5, muted: true }),
  ];

  it('judges each chosen KPI against the most specific target', () => {
    const [result] = evaluateRows([row], targets, ['cpa', 'roas', 'ctr', 'aov']);
    expect(result).toMatchObject({ platform: 'meta', accountId: '111', entityKey: 'c1', currency: 'USD' });
    const [cpa, roas, ctr, aov] = result!.results;
    expect(cpa).toMatchObject({ kpi: 'cpa', value: 30, source: 'derived', status: 'on-track', reason: null });
    expect(cpa?.target).toMatchObject({ id: 'acct-cpa', breakEven: false, comparedWith: 35 });
    expect(cpa?.distance).toBeCloseTo(-5 / 35, 12);
    expect(roas).toMatchObject({ kpi: 'roas', value: 3, status: 'off-track' });
    expect(roas?.distance).toBeCloseTo(0.5 / 3.5, 12); // 14.3 % short of 3.5
    expect(roas?.target?.muted).toBe(true);
    expect(ctr).toMatchObject({ kpi: 'ctr', value: 0.015, target: null, status: null, distance: null });
    expect(aov).toMatchObject({ kpi: 'aov', value: 90, target: null, status: null });
  });

  it('applies the account target only to that account', () => {
    const other = { ...row, accountId: '222' };
    const cpa = evaluateRow(other, targets, ['cpa']).results[0]!;
    expect(cpa.target?.id).toBe('all-cpa');
    expect(cpa.status).toBe('off-track'); // 30 vs 25: 20 % over
    expect(cpa.distance).toBeCloseTo(0.2, 12);
  });

  it('keeps an unknown KPI unknown', () => {
    const noConversions = { ...row, metrics: { spend: 300, clicks: 150 } };
    const cpa = evaluateRow(noConversions, targets, ['cpa']).results[0]!;
    expect(cpa).toMatchObject({ value: null, status: 'unknown', reason: 'no-value', distance: null });
  });

  it('uses the shown ROAS of a row without conversion value', () => {
    const tiktok: EvaluableRow = { ...row, platform: 'tiktok', metrics: { spend: 300, roasShown: 3.6 } };
    const roas = evaluateRow(tiktok, targets, ['roas']).results[0]!;
    expect(roas).toMatchObject({ value: 3.6, source: 'shown', status: 'on-track' });
  });
});

describe('evaluateRows: FX', () => {
  const usdTarget = [t({ id: 'cpa', kpi: 'cpa', value: 25, currency: 'USD' })];
  const eurRow = { ...row, currency: 'EUR' };

  it('is unknown in another currency without a rate', () => {
    const cpa = evaluateRow(eurRow, usdTarget, ['cpa']).results[0]!;
    expect(cpa).toMatchObject({ value: 30, status: 'unknown', reason: 'no-fx-rate' });
  });

  it('converts the target into the row’s currency with the user’s rates', () => {
    const fx = { reportingCurrency: 'USD', rates: { EUR: 1.25 } };
    const cpa = evaluateRow(eurRow, usdTarget, ['cpa'], { fx }).results[0]!;
    expect(cpa.target?.comparedWith).toBeCloseTo(20, 12); // 25 USD ÷ 1.25
    expect(cpa.distance).toBeCloseTo(0.5, 12); // 30 EUR vs 20 EUR
    expect(cpa.status).toBe('off-track');
  });
});

describe('evaluateRows: an assumed currency (currency-policy rule 4)', () => {
  const fx = { reportingCurrency: 'USD', rates: { EUR: 1.25 } };
  const assumedUsd: EvaluableRow = { ...row, currency: 'USD', currencySource: 'assumed' };
  const assumedEur: EvaluableRow = { ...row, currency: 'EUR', currencySource: 'assumed' };

  it('is judged against a target in the same currency', () => {
    const usdTarget = [t({ id: 'cpa', kpi: 'cpa', value: 25, currency: 'USD' })];
    expect(evaluateRow(assumedUsd, usdTarget, ['cpa'], { fx }).results[0]).toMatchObject({
      status: 'off-track',
    });
  });

  it('is never converted into another currency, even with a rate (the currency is a guess)', () => {
    const usdTarget = [t({ id: 'cpa', kpi: 'cpa', value: 25, currency: 'USD' })];
    expect(evaluateRow(assumedEur, usdTarget, ['cpa'], { fx }).results[0]).toMatchObject({
      status: 'unknown',
      reason: 'currency-unknown',
    });
    // Confirmed, the same row is converted.
    const confirmed = { ...assumedEur, currencySource: 'account' as const };
    expect(evaluateRow(confirmed, usdTarget, ['cpa'], { fx }).results[0]?.status).toBe('off-track');
  });

  it('a target without a currency applies as it does to any row', () => {
    const anyCurrency = [t({ id: 'cpa', kpi: 'cpa', value: 40 })];
    expect(evaluateRow(assumedEur, anyCurrency, ['cpa']).results[0]?.status).toBe('on-track');
  });
});

describe('evaluateRows: margin and break-even', () => {
  it('falls back to break-even targets when a margin is set', () => {
    const [roas, romi, cpa] = evaluateRow(row, [], ['roas', 'romi', 'cpa'], { margin: 0.4 }).results;
    // Break-even ROAS 1 ÷ 0.4 = 2.5; ROAS 3 beats it by 20 %.
    expect(roas?.target).toMatchObject({ breakEven: true, value: 2.5 });
    expect(roas).toMatchObject({ status: 'on-track' });
    expect(roas?.distance).toBeCloseTo(-0.2, 12);
    // ROMI (900 × 0.4 − 300) ÷ 300 = 0.2, against 0.
    expect(romi?.value).toBeCloseTo(0.2, 12);
    expect(romi).toMatchObject({ status: 'on-track' });
    // Break-even CPA = AOV 90 × 0.4 = 36; CPA 30 is 1/6 under it.
    expect(cpa?.target?.value).toBeCloseTo(36, 12);
    expect(cpa?.target?.currency).toBe('USD');
    expect(cpa?.distance).toBeCloseTo(-1 / 6, 12);
  });

  it('prefers the user’s own target, and can be switched off', () => {
    const own = [t({ id: 'roas', kpi: 'roas', value: 4 })];
    expect(evaluateRow(row, own, ['roas'], { margin: 0.4 }).results[0]?.target?.id).toBe('roas');
    const off = evaluateRow(row, [], ['roas'], { margin: 0.4, breakEvenFallback: false }).results[0]!;
    expect(off).toMatchObject({ target: null, status: null });
    expect(evaluateRow(row, [], ['roas']).results[0]?.target).toBeNull();
  });
});

describe('evaluateRows: budgets', () => {
  const budget = t({
    id: 'budget',
    kpi: 'budget',
    value: 2800,
    period: 'month',
    currency: 'USD',
    scope: { kind: 'account', platform: 'meta', accountId: '111' },
  });
  const now = Date.parse('2026-02-15T05:00:00Z'); // 12:00 on 15 Feb in Ho Chi Minh City
  const settings = { now, timeZones: { 'meta:111': 'Asia/Ho_Chi_Minh' } };

  it('paces a month-to-date row', () => {
    const mtd = { ...row, dateStart: '2026-02-01', dateEnd: '2026-02-15', metrics: { spend: 1595 } };
    const result = evaluateRow(mtd, [budget], ['budget'], settings).results[0]!;
    // Expected 2800 × 14.5 ÷ 28 = 1450; 1595 ÷ 1450 = 110 % of pace: at risk for a cap.
    expect(result.value).toBe(1595);
    expect(result.target?.comparedWith).toBeCloseTo(1450, 9);
    expect(result.pacing?.pacing).toBeCloseTo(1.1, 12);
    expect(result.distance).toBeCloseTo(0.1, 12);
    expect(result.status).toBe('at-risk');
    expect(result.pacing?.forecast).toBeNull(); // needs spend through yesterday
  });

  it('paces and forecasts a row that ends yesterday, as of the start of today', () => {
    const throughYesterday = {
      ...row,
      dateStart: '2026-02-01',
      dateEnd: '2026-02-14',
      metrics: { spend: 1260 },
    };
    const result = evaluateRow(throughYesterday, [budget], ['budget'], settings).results[0]!;
    // 14 of 28 days over: expected 1400; 1260 ÷ 1400 = 0.9; forecast 1260 ÷ 14 × 28 = 2520.
    expect(result.pacing?.pacing).toBeCloseTo(0.9, 12);
    expect(result.pacing?.forecast).toBeCloseTo(2520, 9);
    expect(result.pacing?.requiredDailySpend).toBeCloseTo(110, 9); // (2800 − 1260) ÷ 14
    expect(result.status).toBe('on-track');
  });

  it('judges an underspend when the target is "at least"', () => {
    const floor = { ...budget, direction: 'atLeast' as const };
    const row90 = { ...row, dateStart: '2026-02-01', dateEnd: '2026-02-14', metrics: { spend: 1260 } };
    const result = evaluateRow(row90, [floor], ['budget'], settings).results[0]!;
    expect(result.distance).toBeCloseTo(0.1, 12);
    expect(result.status).toBe('at-risk');
  });

  it('paces a daily budget from today’s row', () => {
    const daily = t({ id: 'daily', kpi: 'budget', value: 100, period: 'day' });
    const today = { ...row, dateStart: '2026-02-15', dateEnd: '2026-02-15', metrics: { spend: 80 } };
    const result = evaluateRow(today, [daily], ['budget'], settings).results[0]!;
    expect(result.target?.comparedWith).toBeCloseTo(50, 9);
    expect(result.status).toBe('off-track'); // 160 % of pace
  });

  it('says why a budget cannot be judged', () => {
    const week = { ...row, dateStart: '2026-02-09', dateEnd: '2026-02-15', metrics: { spend: 500 } };
    const mtd = { ...row, dateStart: '2026-02-01', dateEnd: '2026-02-15', metrics: { spend: 500 } };
    const reason = (r: EvaluableRow, s: Parameters<typeof evaluateRow>[3]) =>
      evaluateRow(r, [budget], ['budget'], s).results[0]!.reason;
    expect(reason(week, settings)).toBe('range-not-current-period');
    expect(reason(mtd, { now })).toBe('no-time-zone');
    expect(reason(mtd, { timeZones: settings.timeZones })).toBe('no-clock');
    expect(reason({ ...mtd, currency: 'EUR' }, settings)).toBe('no-fx-rate');
    expect(reason(mtd, { now, defaultTimeZone: 'Asia/Ho_Chi_Minh' })).toBeNull();
    expect(evaluateRow(mtd, [], ['budget'], settings).results[0]).toMatchObject({
      target: null,
      status: null,
    });
  });
});

describe('evaluateRows: stored rows', () => {
  it('takes stored snapshots as they are', () => {
    const snapshot: Snapshot = {
      capturedAt: 1,
      platform: 'google',
      accountId: '123-456-7890',
      accountName: null,
      level: 'keyword',
      entityKey: 'name:running shoes',
      entityId: null,
      entityName: 'running shoes',
      dateStart: '2026-02-01',
      dateEnd: '2026-02-07',
      currency: 'USD',
      currencySource: 'page',
      metrics: { spend: 40, clicks: 16 },
      clickKind: null,
      resultType: null,
    };
    const cpc = t({ id: 'cpc', kpi: 'cpc', value: 2 });
    const [evaluation] = evaluateRows([snapshot], [cpc], ['cpc']);
    expect(evaluation?.entityKey).toBe('name:running shoes');
    expect(evaluation?.results[0]).toMatchObject({ value: 2.5, status: 'off-track' }); // 40 ÷ 16 vs ≤ 2
  });
});
