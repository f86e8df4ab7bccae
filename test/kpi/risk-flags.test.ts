import { describe, expect, it } from 'vitest';
import type { Metrics } from '@/lib/model';
import type { Pacing } from '@/lib/kpi/pacing';
import {
  DEFAULT_RISK_THRESHOLDS,
  baselineOf,
  dayPointsOf,
  riskFlags,
  shiftDay,
  statsOf,
  type DayPoint,
  type RiskInput,
} from '@/lib/kpi/risk-flags';

// 2026-12-07 is a Monday; its baseline is the Mondays before it.
const TODAY = '2026-12-07';
const weeksBack = (n: number) => shiftDay(TODAY, -7 * n);

function input(days: DayPoint[], extra: Partial<RiskInput> = {}): RiskInput {
  return {
    today: TODAY,
    todayElapsed: 0.75,
    days,
    current: null,
    cpaTarget: null,
    cplTarget: null,
    pacing: null,
    ...extra,
  };
}

const day = (d: string, metrics: Metrics): DayPoint => ({ day: d, metrics });
const rules = (i: RiskInput) => riskFlags(i).map((f) => f.rule);

describe('baselines', () => {
  it('uses the same weekday of earlier weeks when three are stored, else the 14 days before today', () => {
    const mondays = [1, 2, 3].map((n) => day(weeksBack(n), { spend: 1 }));
    const other = [day('2026-12-06', { spend: 1 }), day('2026-12-01', { spend: 1 })];
    expect(baselineOf([...mondays, ...other], TODAY)).toEqual({ kind: 'weekday', points: mondays });
    const two = mondays.slice(0, 2);
    const old = day('2026-11-22', { spend: 1 }); // 15 days back: outside the recent window
    expect(baselineOf([...two, ...other, old], TODAY).kind).toBe('recent');
    expect(baselineOf([...two, ...other, old], TODAY).points.map((p) => p.day)).toEqual([
      weeksBack(1),
      weeksBack(2),
      '2026-12-06',
      '2026-12-01',
    ]);
  });

  it('looks back at most eight weeks and never at today or later', () => {
    const points = [9, 8, 2, 1].map((n) => day(weeksBack(n), { spend: 1 }));
    const b = baselineOf([...points, day(TODAY, { spend: 1 }), day('2026-12-14', { spend: 1 })], TODAY);
    expect(b.points.map((p) => p.day)).toEqual([weeksBack(8), weeksBack(2), weeksBack(1)]);
  });

  it('sample statistics', () => {
    expect(statsOf([8, 10, 12])).toEqual({ mean: 10, sd: 2, n: 3 });
    expect(statsOf([5])).toEqual({ mean: 5, sd: 0, n: 1 });
    expect(statsOf([])).toBeNull();
  });
});

describe('CPA / CPL / CPC surge, CTR / CVR collapse', () => {
  // CPA 8, 10, 12 on the last three Mondays: mean 10, sd 2.
  const base = [80, 100, 120].map((spend, i) =>
    day(weeksBack(i + 1), { spend, conversions: 10, clicks: 100, impressions: 10_000 }),
  );

  it('flags CPA 16 against 10 ± 2 (+60 %, z = 3) with the numbers behind it', () => {
    const flags = riskFlags(
      input([...base, day(TODAY, { spend: 160, conversions: 10, clicks: 160, impressions: 16_000 })]),
    );
    expect(flags).toEqual([
      {
        rule: 'cpa-surge',
        day: TODAY,
        numbers: {
          value: 16,
          baseline: 10,
          change: expect.closeTo(0.6, 10),
          z: expect.closeTo(3, 10),
          days: 3,
          baselineKind: 'weekday',
        },
      },
    ]);
  });

  it('does not flag +40 % (CPA 14), nor +60 % on a baseline too noisy for it to be unusual (z = 1.5)', () => {
    expect(
      rules(input([...base, day(TODAY, { spend: 140, conversions: 10, clicks: 140, impressions: 14_000 })])),
    ).toEqual([]);
    const noisy = [60, 100, 140].map((spend, i) => day(weeksBack(i + 1), { spend, conversions: 10 }));
    expect(rules(input([...noisy, day(TODAY, { spend: 160, conversions: 10 })]))).toEqual([]);
  });

  it('a steady baseline makes any large move unusual: CPC 2 → 5 and CTR 1 % → 0.4 %', () => {
    const steady = [1, 2, 3].map((n) => day(weeksBack(n), { spend: 200, clicks: 100, impressions: 10_000 }));
    const flags = riskFlags(input([...steady, day(TODAY, { spend: 200, clicks: 40, impressions: 10_000 })]));
    expect(
      flags.map((f) => [f.rule, f.numbers.value, f.numbers.baseline, f.numbers.change, f.numbers.z]),
    ).toEqual([
      ['cpc-surge', 5, 2, 1.5, null],
      ['ctr-collapse', 0.004, 0.01, expect.closeTo(-0.6, 10), null],
    ]);
  });

  it('CVR collapse and CPL surge', () => {
    const steady = [1, 2, 3].map((n) =>
      day(weeksBack(n), { spend: 100, clicks: 100, conversions: 10, leads: 20 }),
    );
    const flags = riskFlags(
      input([...steady, day(TODAY, { spend: 100, clicks: 100, conversions: 4, leads: 5 })]),
    );
    expect(flags.map((f) => [f.rule, f.numbers.value, f.numbers.baseline])).toEqual([
      ['cpa-surge', 25, 10],
      ['cpl-surge', 20, 5],
      ['cvr-collapse', 0.04, expect.closeTo(0.1, 10)],
    ]);
  });

  it('stays quiet below the minimum spend (today or on an average baseline day), and on improvements', () => {
    const small = [1, 2, 3].map((n) => day(weeksBack(n), { spend: 8, conversions: 2 }));
    expect(rules(input([...small, day(TODAY, { spend: 9, conversions: 1 })]))).toEqual([]);
    expect(rules(input([...base, day(TODAY, { spend: 9, conversions: 0.1 })]))).toEqual([]);
    expect(rules(input([...base, day(TODAY, { spend: 100, conversions: 40 })]))).toEqual([]);
  });

  it('needs three baseline days with the KPI known, and today’s value known', () => {
    const two = base.slice(0, 2);
    expect(rules(input([...two, day(TODAY, { spend: 300, conversions: 10 })]))).toEqual([]);
    const unknownConversions = [1, 2, 3].map((n) => day(weeksBack(n), { spend: 100 }));
    expect(rules(input([...unknownConversions, day(TODAY, { spend: 100, conversions: 1 })]))).toEqual([]);
    expect(rules(input([...base, day(TODAY, { spend: 100 })]))).toEqual([]);
  });
});

describe('spend without results', () => {
  it('spend ≥ 2 × the CPA target with 0 conversions (a known 0 only)', () => {
    const flag = riskFlags(input([], { current: { spend: 50, conversions: 0 }, cpaTarget: 20 }));
    expect(flag).toEqual([
      { rule: 'no-results', day: TODAY, numbers: { value: 50, kpi: 'cpa', target: 20, multiple: 2 } },
    ]);
    expect(rules(input([], { current: { spend: 39.99, conversions: 0 }, cpaTarget: 20 }))).toEqual([]);
    expect(rules(input([], { current: { spend: 50 }, cpaTarget: 20 }))).toEqual([]);
    expect(rules(input([], { current: { spend: 50, conversions: 1 }, cpaTarget: 20 }))).toEqual([]);
    expect(rules(input([], { current: { spend: 50, conversions: 0 } }))).toEqual([]);
  });

  it('leads against the CPL target; the multiple is a setting', () => {
    const i = input([], { current: { spend: 45, leads: 0 }, cplTarget: 15 });
    expect(riskFlags(i)[0]?.numbers).toEqual({ value: 45, kpi: 'cpl', target: 15, multiple: 2 });
    expect(riskFlags(i, { ...DEFAULT_RISK_THRESHOLDS, noResultsMultiple: 3.5 })).toEqual([]);
  });
});

describe('spend stopped and spend spike', () => {
  const week = [1, 2, 3, 4, 5, 6, 7].map((n) => day(shiftDay(TODAY, -n), { spend: 50 }));

  it('an entity that spent on each of the 7 days before spends 0 today (after midday)', () => {
    const flags = riskFlags(input([...week, day(TODAY, { spend: 0 })]));
    expect(flags).toEqual([
      {
        rule: 'spend-stopped',
        day: TODAY,
        numbers: { value: 0, baseline: 50, days: 7, baselineKind: 'recent' },
      },
    ]);
    expect(rules(input([...week, day(TODAY, { spend: 0 })], { todayElapsed: 0.3 }))).toEqual([]);
    expect(rules(input([...week.slice(0, 6), day(TODAY, { spend: 0 })]))).toEqual([]);
    const pause = week.map((d, i) => (i === 3 ? day(d.day, { spend: 0 }) : d));
    expect(rules(input([...pause, day(TODAY, { spend: 0 })]))).toEqual([]);
    expect(rules(input([...week, day(TODAY, {})]))).toEqual([]);
  });

  it('today’s spend ≥ 2 × the baseline mean is a spike', () => {
    const mondays = [100, 90, 110].map((spend, i) => day(weeksBack(i + 1), { spend }));
    const flags = riskFlags(input([...mondays, day(TODAY, { spend: 250 })]));
    expect(flags).toEqual([
      {
        rule: 'spend-spike',
        day: TODAY,
        numbers: { value: 250, baseline: 100, change: 1.5, multiple: 2, days: 3, baselineKind: 'weekday' },
      },
    ]);
    expect(rules(input([...mondays, day(TODAY, { spend: 199 })]))).toEqual([]);
  });
});

describe('pacing', () => {
  const pacing = (p: Partial<Pacing>): Pacing =>
    ({ period: 'month', budget: 1000, forecast: null, pacing: null, ...p }) as Pacing;

  it('a month-end forecast outside budget ± tolerance is flagged, inside it is not', () => {
    const over = riskFlags(input([], { pacing: { pacing: pacing({ forecast: 1300 }), tolerance: 0.1 } }));
    expect(over).toEqual([
      {
        rule: 'pacing',
        day: TODAY,
        numbers: { budget: 1000, forecast: 1300, low: 900, high: 1100, change: expect.closeTo(0.3, 10) },
      },
    ]);
    expect(rules(input([], { pacing: { pacing: pacing({ forecast: 1050 }), tolerance: 0.1 } }))).toEqual([]);
  });

  it('without a forecast the pace so far is projected (pacing × budget)', () => {
    const under = riskFlags(input([], { pacing: { pacing: pacing({ pacing: 0.5 }), tolerance: 0.1 } }));
    expect(under[0]?.numbers.forecast).toBe(500);
    expect(rules(input([], { pacing: { pacing: pacing({}), tolerance: 0.1 } }))).toEqual([]);
  });
});

describe('day points from stored rows', () => {
  it('keeps single-day ranges only, the newest capture of each day, oldest day first', () => {
    const row = (dateStart: string, dateEnd: string, capturedAt: number, spend: number) => ({
      dateStart,
      dateEnd,
      capturedAt,
      metrics: { spend },
    });
    expect(
      dayPointsOf([
        row('2026-12-02', '2026-12-02', 5, 20),
        row('2026-12-01', '2026-12-07', 9, 999),
        row('2026-12-01', '2026-12-01', 3, 10),
        row('2026-12-02', '2026-12-02', 4, 19),
      ]),
    ).toEqual([
      { day: '2026-12-01', metrics: { spend: 10 } },
      { day: '2026-12-02', metrics: { spend: 20 } },
    ]);
  });
});
