import { describe, expect, it } from 'vitest';
import { currentSets } from '@/lib/ui/current';
import {
  campaignChoices,
  draftOf,
  emptyDraft,
  liveCounts,
  parseDraft,
  parseTypedNumber,
  valueUnit,
  withKpi,
  type TargetDraft,
} from '@/lib/ui/target-form';
import { GOAL_SETTINGS, row, T0, target } from './make';

const id = () => 'new-id';

describe('parseTypedNumber', () => {
  it.each([
    ['25', 'en', 25],
    ['2.5', 'en', 2.5],
    ['2,5', 'en', 2.5],
    ['1,000', 'en', 1000],
    ['1,234.5', 'en', 1234.5],
    ['0,125', 'en', 0.125],
    ['1.000', 'vi', 1000],
    ['2,5', 'vi', 2.5],
    ['1 234,56', 'uk', 1234.56],
    ['1\u00a0234,56', 'uk', 1234.56],
    ['1.234,56', 'vi', 1234.56],
    ['-20', 'en', -20],
    ['\u221220', 'en', -20],
  ])('%s (%s) → %s', (text, locale, expected) => {
    expect(parseTypedNumber(text, locale)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3,4', '12 USD', '--1', '.'])('rejects %j', (text) => {
    expect(parseTypedNumber(text, 'en')).toBeNull();
  });
});

describe('parseDraft', () => {
  const draft = (over: Partial<TargetDraft>): TargetDraft => ({ ...emptyDraft('cpa'), ...over });

  it('turns a typed CPA into a target with defaults', () => {
    expect(parseDraft(draft({ value: '25', currency: 'usd' }), id)).toEqual({
      ok: true,
      target: {
        id: 'new-id',
        scope: { kind: 'all' },
        kpi: 'cpa',
        direction: 'atMost',
        value: 25,
        currency: 'USD',
        period: null,
        tolerance: 0.1,
        muted: false,
      },
    });
  });

  it('reads rates as percentages and ROAS as a multiple', () => {
    const ctr = parseDraft(draft({ ...withKpi(emptyDraft(), 'ctr'), value: '2,5' }), id, 'vi');
    expect(ctr.ok && ctr.target).toMatchObject({
      kpi: 'ctr',
      value: 0.025,
      direction: 'atLeast',
      currency: null,
    });
    const roas = parseDraft(draft({ ...withKpi(emptyDraft(), 'roas'), value: '3' }), id);
    expect(roas.ok && roas.target.value).toBe(3);
    expect(valueUnit('romi')).toBe('percent');
  });

  it('needs a period for a budget and an account for an account target', () => {
    const budget = parseDraft(
      draft({ ...withKpi(emptyDraft(), 'budget'), value: '3000', period: '', currency: 'USD' }),
      id,
    );
    expect(budget).toEqual({ ok: false, errors: { period: 'options_error_period' } });
    const scoped = parseDraft(
      draft({ value: '20', scopeKind: 'account', platform: 'meta', accountId: ' ' }),
      id,
    );
    expect(scoped).toEqual({ ok: false, errors: { accountId: 'options_error_account' } });
  });

  it('needs the currency of a money target for more than one account (#13.2), not of one for one account', () => {
    const wide = { ok: false, errors: { currency: 'options_error_currency_wide' } };
    expect(parseDraft(draft({ value: '20' }), id)).toEqual(wide);
    expect(parseDraft(draft({ value: '20', scopeKind: 'platform', platform: 'meta' }), id)).toEqual(wide);
    const oneAccount = draft({ value: '20', scopeKind: 'account', platform: 'meta', accountId: 'A1' });
    expect(parseDraft(oneAccount, id).ok).toBe(true);
    // Rates and multiples have no currency.
    expect(parseDraft(draft({ ...withKpi(emptyDraft(), 'roas'), value: '3' }), id).ok).toBe(true);
  });

  it('reports each invalid field with a message key', () => {
    expect(parseDraft(draft({ value: 'abc', tolerance: '150', currency: 'US' }), id)).toEqual({
      ok: false,
      errors: {
        value: 'options_error_number',
        tolerance: 'options_error_tolerance',
        currency: 'options_error_currency',
      },
    });
    expect(parseDraft(draft({ value: '0', currency: 'USD' }), id)).toEqual({
      ok: false,
      errors: { value: 'options_error_value_positive' },
    });
    expect(parseDraft(draft({ ...withKpi(emptyDraft(), 'romi'), value: '-150' }), id)).toEqual({
      ok: false,
      errors: { value: 'options_error_romi_min' },
    });
  });

  it('round-trips a stored target through the form unchanged', () => {
    const stored = target({
      kpi: 'ctr',
      value: 0.0285,
      tolerance: 0.05,
      scope: { kind: 'campaign', platform: 'meta', accountId: 'A1', entityKey: 'c1' },
      muted: true,
    });
    const again = parseDraft(draftOf(stored), id);
    expect(draftOf(stored).value).toBe('2.85');
    expect(again).toEqual({ ok: true, target: stored });
  });
});

describe('liveCounts', () => {
  it('counts current entities on track, at risk and off track under one target', () => {
    const latest = [
      row({ entityKey: 'c1', metrics: { spend: 100, conversions: 5 } }), // CPA 20: on track
      row({ entityKey: 'c2', metrics: { spend: 105, conversions: 5 } }), // 21: within 10 % → at risk
      row({ entityKey: 'c3', metrics: { spend: 300, conversions: 10 } }), // 30: off track
      row({ entityKey: 'c4', metrics: { spend: 300 } }), // unknown
      row({ entityKey: 'g1', platform: 'google', accountId: 'G', metrics: { spend: 1, conversions: 1 } }),
    ];
    const sets = currentSets(latest);
    expect(
      liveCounts(
        target({ kpi: 'cpa', value: 20, scope: { kind: 'platform', platform: 'meta' } }),
        sets,
        latest,
        GOAL_SETTINGS,
        T0,
      ),
    ).toEqual({ 'on-track': 1, 'at-risk': 1, 'off-track': 1, unknown: 1, total: 4 });
  });
});

describe('liveCounts for one ad set', () => {
  it('judges the ad set a "one campaign" scope names (set from its chip or the picker), as the chips do', () => {
    const latest = [
      row({ entityKey: 'as1', level: 'adset', metrics: { spend: 105, conversions: 5 } }), // CPA 21
      row({ entityKey: 'acc', level: 'account', metrics: { spend: 1, conversions: 1 } }),
    ];
    const scope = { kind: 'campaign' as const, platform: 'meta' as const, accountId: 'A1' };
    const count = (entityKey: string) =>
      liveCounts(
        target({ kpi: 'cpa', value: 20, scope: { ...scope, entityKey } }),
        currentSets(latest),
        latest,
        GOAL_SETTINGS,
        T0,
      );
    expect(count('as1')).toEqual({ 'on-track': 0, 'at-risk': 1, 'off-track': 0, unknown: 0, total: 1 });
    expect(count('acc').total).toBe(0);
  });
});

describe('campaignChoices', () => {
  it('lists an account’s campaigns by name (the key when no name was read)', () => {
    const accounts: Parameters<typeof campaignChoices>[0] = [
      {
        platform: 'meta',
        accountId: 'A1',
        campaigns: { c2: { name: 'Beta' }, c1: { name: 'Alpha' }, c3: { name: null } },
      },
      { platform: 'meta', accountId: 'other', campaigns: { x: { name: 'Other' } } },
    ];
    expect(campaignChoices(accounts, 'meta', 'A1')).toEqual([
      { entityKey: 'c1', name: 'Alpha' },
      { entityKey: 'c2', name: 'Beta' },
      { entityKey: 'c3', name: 'c3' },
    ]);
    expect(campaignChoices(accounts, 'google', 'A1')).toEqual([]);
  });
});

describe('liveCounts for a budget', () => {
  it('judges an account budget once, on the account’s spend, not per entity', () => {
    const latest = [
      row({ entityKey: 'c1', dateStart: '2026-11-01', dateEnd: '2026-11-22', metrics: { spend: 400 } }),
      row({ entityKey: 'c2', dateStart: '2026-11-01', dateEnd: '2026-11-22', metrics: { spend: 600 } }),
    ];
    const budget = target({ kpi: 'budget', value: 1000, period: 'month' });
    // Nov 22 10:00 UTC: 21.42 of 30 days gone, so 1,000 spent is far ahead of pace.
    expect(liveCounts(budget, currentSets(latest), latest, GOAL_SETTINGS, T0)).toEqual({
      'on-track': 0,
      'at-risk': 0,
      'off-track': 1,
      unknown: 0,
      total: 1,
    });
  });
});
