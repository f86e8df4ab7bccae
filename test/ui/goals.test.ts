import { describe, expect, it } from 'vitest';
import { currentSets } from '@/lib/ui/current';
import { entityStandings, goalsForView, targetsForView } from '@/lib/ui/goals';
import { ALL, type ViewScope } from '@/lib/ui/scope';
import { GOAL_SETTINGS, row, T0, target } from './make';

const HOUR = 3_600_000;

// One Meta account read at campaign level for Nov 1–21, plus stale rows that must not be added in: an
// earlier ad-set reading of the same range (a lower level) and an earlier reading of October.
const latest = [
  row({ entityKey: 'c1', metrics: { spend: 100, conversions: 5, conversionValue: 400 } }),
  row({ entityKey: 'c2', metrics: { spend: 300, conversions: 10, conversionValue: 600 } }),
  row({ entityKey: 's1', level: 'adset', capturedAt: T0 - HOUR, metrics: { spend: 100, conversions: 5 } }),
  row({
    entityKey: 'c1',
    capturedAt: T0 - 2 * HOUR,
    dateStart: '2026-10-01',
    dateEnd: '2026-10-31',
    metrics: { spend: 999, conversions: 1 },
  }),
];
const sets = currentSets(latest);
const account: ViewScope = { kind: 'account', platform: 'meta', accountId: 'A1' };

describe('goalsForView', () => {
  it('judges each target on the summed components of the current table', () => {
    const goals = goalsForView({
      targets: [target({ kpi: 'cpa', value: 25 }), target({ kpi: 'roas', value: 3 })],
      view: ALL,
      sets,
      latest,
      settings: GOAL_SETTINGS,
      now: T0,
    });
    const [cpa, roas] = goals;
    // Σspend 400 ÷ Σconversions 15, not the mean of 20 and 30.
    expect(cpa!.value).toBeCloseTo(400 / 15, 10);
    expect(cpa!.currency).toBe('USD');
    expect(cpa!.status).toBe('at-risk');
    expect(cpa!.distance).toBeCloseTo((400 / 15 - 25) / 25, 10);
    expect(cpa!.rowsUsed).toBe(2);
    expect(roas!.value).toBeCloseTo(2.5, 10);
    expect(roas!.status).toBe('off-track');
    expect(roas!.distance).toBeCloseTo(0.5 / 3, 10);
  });

  it('says why a goal is unknown instead of guessing', () => {
    const mixed = [
      row({ entityKey: 'x', metrics: { spend: 10, conversions: 1 } }),
      row({ entityKey: 'y', accountId: 'B1', currency: 'EUR', metrics: { spend: 10, conversions: 1 } }),
    ];
    const [goal] = goalsForView({
      targets: [target({ kpi: 'cpa', value: 25 })],
      view: ALL,
      sets: currentSets(mixed),
      latest: mixed,
      settings: GOAL_SETTINGS,
      now: T0,
    });
    expect(goal).toMatchObject({ status: 'unknown', value: null, reason: 'no-reporting-currency' });

    const [withRates] = goalsForView({
      targets: [target({ kpi: 'cpa', value: 25 })],
      view: ALL,
      sets: currentSets(mixed),
      latest: mixed,
      settings: { ...GOAL_SETTINGS, fx: { reportingCurrency: 'USD', rates: { EUR: 1.5 } } },
      now: T0,
    });
    // (10 + 10 × 1.5) ÷ 2 conversions, in USD.
    expect(withRates).toMatchObject({ currency: 'USD', status: 'on-track' });
    expect(withRates!.value).toBeCloseTo(12.5, 10);
  });

  it('paces a monthly budget from the month-to-date table, with forecast and required daily spend', () => {
    const [budget] = goalsForView({
      targets: [
        target({
          kpi: 'budget',
          value: 1000,
          period: 'month',
          scope: { kind: 'account', platform: 'meta', accountId: 'A1' },
        }),
      ],
      view: account,
      sets,
      latest,
      settings: GOAL_SETTINGS,
      now: T0,
    });
    // Nov 1–21 ends yesterday (now is Nov 22, UTC): judged as of the start of today, 21 of 30 days gone.
    expect(budget!.value).toBe(400);
    expect(budget!.pacing!.expectedSpendToDate).toBeCloseTo(700, 6);
    expect(budget!.pacing!.pacing).toBeCloseTo(400 / 700, 10);
    expect(budget!.pacing!.forecast).toBeCloseTo((400 / 21) * 30, 10);
    expect(budget!.pacing!.requiredDailySpend).toBeCloseTo(600 / 9, 10);
    expect(budget!.status).toBe('on-track');
  });

  it('leaves a budget unknown when no table of the current period was read', () => {
    const [budget] = goalsForView({
      targets: [target({ kpi: 'budget', value: 50, period: 'day' })],
      view: ALL,
      sets,
      latest,
      settings: GOAL_SETTINGS,
      now: T0,
    });
    expect(budget).toMatchObject({ status: 'unknown', reason: 'range-not-current-period', pacing: null });
  });
});

describe('targetsForView', () => {
  const broad = target({ kpi: 'cpa', value: 25 });
  const forAccount = target({
    kpi: 'cpa',
    value: 22,
    scope: { kind: 'account', platform: 'meta', accountId: 'A1' },
  });
  const google = target({ kpi: 'cpa', value: 10, scope: { kind: 'platform', platform: 'google' } });
  const campaign = target({
    kpi: 'roas',
    value: 5,
    scope: { kind: 'campaign', platform: 'meta', accountId: 'A1', entityKey: 'c1' },
  });
  const all = [broad, forAccount, google, campaign];

  it('shows every target that concerns everything', () => {
    expect(targetsForView(all, ALL)).toEqual(all);
  });

  it('hides a broader target overridden for the whole view, keeps narrower ones', () => {
    expect(targetsForView(all, account)).toEqual([forAccount, campaign]);
    expect(targetsForView(all, { kind: 'platform', platform: 'google' })).toEqual([google]);
  });
});

describe('entityStandings', () => {
  it('lists entities worst first, by status then distance', () => {
    const standings = entityStandings(
      ALL,
      sets,
      [target({ kpi: 'cpa', value: 25 }), target({ kpi: 'roas', value: 3 })],
      GOAL_SETTINGS,
      T0,
    );
    expect(standings.map((s) => s.row.entityKey)).toEqual(['c2', 'c1']);
    expect(standings[0]!.worst).toMatchObject({ kpi: 'roas', status: 'off-track' });
    expect(standings[0]!.worst!.distance).toBeCloseTo(1 / 3, 10);
    expect(standings[1]!.worst).toMatchObject({ status: 'on-track' });
    expect(standings[1]!.cpa).toBe(20);
    expect(standings[1]!.roas).toBe(4);
  });

  it('orders by spend when there are no targets', () => {
    const standings = entityStandings(ALL, sets, [], GOAL_SETTINGS, T0);
    expect(standings.map((s) => [s.row.entityKey, s.worst])).toEqual([
      ['c2', null],
      ['c1', null],
    ]);
  });
});

describe('entityStandings with budgets', () => {
  it('does not judge each entity against a budget of the whole scope', () => {
    const standings = entityStandings(
      ALL,
      sets,
      [target({ kpi: 'budget', value: 1000, period: 'month' })],
      GOAL_SETTINGS,
      T0,
    );
    expect(standings.every((s) => s.worst === null)).toBe(true);
  });
});
