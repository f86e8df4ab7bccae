import { describe, expect, it } from 'vitest';
import { converterFor } from '@/lib/kpi/fx';
import {
  breakEvenTarget,
  defaultDirection,
  evaluate,
  resolveTarget,
  targetSchema,
  type Target,
  type TargetInput,
} from '@/lib/kpi/targets';

const target = (input: Partial<TargetInput> & Pick<TargetInput, 'kpi' | 'value'>): Target =>
  targetSchema.parse({ id: `t-${input.kpi}`, scope: { kind: 'all' }, ...input });

describe('targetSchema', () => {
  it('fills defaults: direction from the KPI, tolerance 10 %, no currency, not muted', () => {
    expect(target({ kpi: 'cpa', value: 25 })).toEqual({
      id: 't-cpa',
      scope: { kind: 'all' },
      kpi: 'cpa',
      value: 25,
      direction: 'atMost',
      currency: null,
      period: null,
      tolerance: 0.1,
      muted: false,
    });
    expect(target({ kpi: 'roas', value: 3 }).direction).toBe('atLeast');
    expect(target({ kpi: 'ctr', value: 0.01 }).direction).toBe('atLeast');
    expect(target({ kpi: 'cpm', value: 10 }).direction).toBe('atMost');
    expect(target({ kpi: 'budget', value: 3000, period: 'month' }).direction).toBe('atMost');
    expect(defaultDirection('romi')).toBe('atLeast');
  });

  it('keeps an explicit direction, currency and tolerance', () => {
    const t = target({
      kpi: 'cpc',
      value: 2,
      direction: 'atLeast',
      currency: 'EUR',
      tolerance: 0.05,
      muted: true,
    });
    expect(t).toMatchObject({ direction: 'atLeast', currency: 'EUR', tolerance: 0.05, muted: true });
  });

  it('keeps the optional example label; a target without it has none (not a false one added)', () => {
    expect(target({ kpi: 'cpa', value: 20, example: true }).example).toBe(true);
    expect('example' in target({ kpi: 'cpa', value: 20 })).toBe(false);
    expect(
      targetSchema.safeParse({ id: 'x', scope: { kind: 'all' }, kpi: 'cpa', value: 20, example: 'yes' })
        .success,
    ).toBe(false);
  });

  it('drops a currency from a ratio target', () => {
    expect(target({ kpi: 'roas', value: 3, currency: 'USD' }).currency).toBeNull();
  });

  it.each([
    ['a zero CPA', { kpi: 'cpa', value: 0 }],
    ['a negative ROAS', { kpi: 'roas', value: -1 }],
    ['ROMI below −100 %', { kpi: 'romi', value: -1.5 }],
    ['a budget without a period', { kpi: 'budget', value: 100 }],
    ['a period on a CPA', { kpi: 'cpa', value: 20, period: 'day' }],
    ['a tolerance above 100 %', { kpi: 'cpa', value: 20, tolerance: 1.5 }],
    ['a lowercase currency', { kpi: 'cpa', value: 20, currency: 'usd' }],
    ['an unknown KPI', { kpi: 'aov', value: 20 }],
  ])('rejects %s', (_label, input) => {
    expect(targetSchema.safeParse({ id: 'x', scope: { kind: 'all' }, ...input }).success).toBe(false);
  });

  it('accepts ROMI 0 (break-even) and checks scopes', () => {
    expect(target({ kpi: 'romi', value: 0 }).value).toBe(0);
    const campaign = { kind: 'campaign', platform: 'meta', accountId: '1', entityKey: 'c1' };
    expect(targetSchema.safeParse({ id: 'x', scope: campaign, kpi: 'cpa', value: 5 }).success).toBe(true);
    const { entityKey: _omit, ...noKey } = campaign;
    expect(targetSchema.safeParse({ id: 'x', scope: noKey, kpi: 'cpa', value: 5 }).success).toBe(false);
    expect(
      targetSchema.safeParse({
        id: 'x',
        scope: { kind: 'platform', platform: 'myspace' },
        kpi: 'cpa',
        value: 5,
      }).success,
    ).toBe(false);
  });
});

describe('resolveTarget', () => {
  const all = target({ id: 'all', kpi: 'cpa', value: 30 });
  const platform = target({
    id: 'platform',
    kpi: 'cpa',
    value: 25,
    scope: { kind: 'platform', platform: 'meta' },
  });
  const account = target({
    id: 'account',
    kpi: 'cpa',
    value: 20,
    scope: { kind: 'account', platform: 'meta', accountId: '111' },
  });
  const campaign = target({
    id: 'campaign',
    kpi: 'cpa',
    value: 15,
    scope: { kind: 'campaign', platform: 'meta', accountId: '111', entityKey: 'c1' },
  });
  const roas = target({ id: 'roas', kpi: 'roas', value: 3 });
  const targets = [campaign, all, roas, account, platform];

  it('picks the most specific scope that covers the entity', () => {
    expect(resolveTarget(targets, { platform: 'meta', accountId: '111', entityKey: 'c1' }, 'cpa')?.id).toBe(
      'campaign',
    );
    expect(resolveTarget(targets, { platform: 'meta', accountId: '111', entityKey: 'c2' }, 'cpa')?.id).toBe(
      'account',
    );
    expect(resolveTarget(targets, { platform: 'meta', accountId: '222', entityKey: 'c1' }, 'cpa')?.id).toBe(
      'platform',
    );
    expect(resolveTarget(targets, { platform: 'google', accountId: '111', entityKey: 'c1' }, 'cpa')?.id).toBe(
      'all',
    );
  });

  it('matches the KPI and returns null without a target', () => {
    expect(resolveTarget(targets, { platform: 'meta', accountId: '111', entityKey: 'c1' }, 'roas')?.id).toBe(
      'roas',
    );
    expect(resolveTarget(targets, { platform: 'meta', accountId: '111', entityKey: 'c1' }, 'cpl')).toBeNull();
    expect(
      resolveTarget([account], { platform: 'google', accountId: '111', entityKey: 'c1' }, 'cpa'),
    ).toBeNull();
  });

  it('breaks a tie by list order', () => {
    const second = { ...all, id: 'all-2' };
    expect(
      resolveTarget([all, second], { platform: 'meta', accountId: '1', entityKey: 'x' }, 'cpa')?.id,
    ).toBe('all');
  });
});

describe('evaluate', () => {
  const cpa = target({ kpi: 'cpa', value: 25 });
  it.each([
    [24, 'on-track', -0.04], // (24 − 25) ÷ 25
    [25, 'on-track', 0],
    [27, 'at-risk', 0.08],
    [27.5, 'at-risk', 0.1], // the band's edge is still "at risk"
    [30, 'off-track', 0.2],
  ] as const)('CPA %d against ≤ 25', (value, status, distance) => {
    const result = evaluate(value, cpa);
    expect(result.status).toBe(status);
    expect(result.distance).toBeCloseTo(distance, 12);
    expect(result.targetValue).toBe(25);
  });

  const roas = target({ kpi: 'roas', value: 3 });
  it.each([
    [3.3, 'on-track', -0.1], // (3 − 3.3) ÷ 3
    [2.85, 'at-risk', 0.05],
    [2.4, 'off-track', 0.2],
  ] as const)('ROAS %d against ≥ 3', (value, status, distance) => {
    const result = evaluate(value, roas);
    expect(result.status).toBe(status);
    expect(result.distance).toBeCloseTo(distance, 12);
  });

  it('measures ROMI in points, so a break-even target of 0 works', () => {
    const romi = target({ kpi: 'romi', value: 0 });
    expect(evaluate(0.2, romi)).toMatchObject({ status: 'on-track' });
    expect(evaluate(0.2, romi).distance).toBeCloseTo(-0.2, 12);
    expect(evaluate(-0.05, romi).status).toBe('at-risk');
    expect(evaluate(-0.3, romi).status).toBe('off-track');
    expect(evaluate(-0.3, romi).distance).toBeCloseTo(0.3, 12);
  });

  it('honours a custom tolerance', () => {
    expect(evaluate(26, target({ kpi: 'cpa', value: 25, tolerance: 0 })).status).toBe('off-track');
    expect(evaluate(37, target({ kpi: 'cpa', value: 25, tolerance: 0.5 })).status).toBe('at-risk');
  });

  it('is unknown without a value', () => {
    expect(evaluate(null, cpa)).toEqual({
      status: 'unknown',
      distance: null,
      targetValue: 25,
      reason: 'no-value',
    });
    expect(evaluate(undefined, cpa).status).toBe('unknown');
  });

  describe('money targets and currencies', () => {
    const usd = target({ kpi: 'cpa', value: 25, currency: 'USD' });
    const fx = converterFor({ reportingCurrency: 'USD', rates: { EUR: 1.25 } });

    it('compares in the same currency', () => {
      expect(evaluate(24, usd, { valueCurrency: 'USD' }).status).toBe('on-track');
    });

    it('is unknown in another currency without FX', () => {
      expect(evaluate(24, usd, { valueCurrency: 'EUR' })).toMatchObject({
        status: 'unknown',
        reason: 'no-fx-rate',
      });
      expect(evaluate(24, usd, { valueCurrency: 'GBP', convert: fx })).toMatchObject({
        status: 'unknown',
        reason: 'no-fx-rate',
      });
    });

    it('converts the target with FX: 25 USD = 20 EUR at 1.25', () => {
      const result = evaluate(24, usd, { valueCurrency: 'EUR', convert: fx });
      expect(result.targetValue).toBeCloseTo(20, 12);
      expect(result.distance).toBeCloseTo(0.2, 12);
      expect(result.status).toBe('off-track');
    });

    it('is unknown when the value’s currency is not known', () => {
      expect(evaluate(24, usd, { valueCurrency: null })).toMatchObject({ reason: 'currency-unknown' });
    });

    it('compares a target without currency as it is, and ignores currency for ratios', () => {
      expect(evaluate(24, cpa, { valueCurrency: 'VND' }).status).toBe('on-track');
      expect(evaluate(3.3, roas, { valueCurrency: 'VND' }).status).toBe('on-track');
    });
  });
});

describe('breakEvenTarget', () => {
  it('derives ROAS ≥ 1 ÷ margin, ROMI ≥ 0 and CPA ≤ AOV × margin', () => {
    expect(breakEvenTarget('roas', { margin: 0.4 })).toMatchObject({
      kpi: 'roas',
      direction: 'atLeast',
      value: 2.5,
      tolerance: 0.1,
    });
    expect(breakEvenTarget('romi', { margin: 0.4 })).toMatchObject({ value: 0, direction: 'atLeast' });
    // AOV 390 ÷ 6 = 65; × 0.4 = 26
    const cpa = breakEvenTarget('cpa', {
      margin: 0.4,
      components: { conversionValue: 390, conversions: 6 },
      currency: 'EUR',
    });
    expect(cpa).toMatchObject({ kpi: 'cpa', direction: 'atMost', currency: 'EUR' });
    expect(cpa?.value).toBeCloseTo(26, 12);
  });

  it('is null without a usable margin or AOV', () => {
    expect(breakEvenTarget('roas', { margin: null })).toBeNull();
    expect(breakEvenTarget('romi', { margin: 0 })).toBeNull();
    expect(breakEvenTarget('cpa', { margin: 0.4, components: { spend: 10 } })).toBeNull();
  });

  it('produces targets that the schema accepts', () => {
    const t = breakEvenTarget('roas', { margin: 0.4 })!;
    expect(targetSchema.parse(t)).toEqual(t);
  });
});
