import { describe, expect, it } from 'vitest';
import type { KpiResult } from '@/lib/kpi/evaluate-rows';
import { evaluateRow } from '@/lib/kpi/evaluate-rows';
import { targetSchema, type TargetInput } from '@/lib/kpi/targets';
import type { KpiId } from '@/lib/kpi/definitions';
import type { Metrics } from '@/lib/model';
import { explainChip, formulaWithValues } from '@/lib/overlay/explain';
import { translator } from './translate';

const t = translator('en');
const ctx = { currency: 'USD', locale: 'en-US', t };

function judged(
  kpi: KpiId,
  metrics: Metrics,
  targets: TargetInput[],
  margin: number | null = null,
): KpiResult {
  return evaluateRow(
    { platform: 'meta', accountId: '1', entityKey: 'e1', currency: 'USD', metrics },
    targets.map((x) => targetSchema.parse(x)),
    [kpi],
    { margin },
  ).results[0]!;
}

describe('chip explanations', () => {
  it('CPA: the formula with the values used, the target and how far over it is', () => {
    const metrics = { spend: 1684.51, conversions: 70 };
    const result = judged('cpa', metrics, [{ id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 20 }]);
    // 1684.51 / 70 = 24.0644…; (24.0644 − 20) / 20 = 20.3 %.
    expect(explainChip(result, metrics, ctx)).toBe(
      'CPA $24.06 = $1,684.51 ÷ 70 · target ≤ $20.00 · 20.3% over',
    );
  });

  it("an example target (the demo profile's) says so in the chip's explanation, in every language", () => {
    const metrics = { spend: 1684.51, conversions: 70 };
    const example: TargetInput = { id: 'e', scope: { kind: 'all' }, kpi: 'cpa', value: 20, example: true };
    const result = judged('cpa', metrics, [example]);
    expect(explainChip(result, metrics, ctx)).toBe(
      'CPA $24.06 = $1,684.51 ÷ 70 · example target ≤ $20.00 · 20.3% over',
    );
    expect(explainChip(result, metrics, { ...ctx, t: translator('vi') })).toContain('mục tiêu ví dụ ≤');
    expect(explainChip(result, metrics, { ...ctx, t: translator('uk') })).toContain('приклад цілі ≤');
  });

  it('ROAS under a floor, and exactly on it', () => {
    const metrics = { spend: 1000, conversionValue: 2500 };
    const floor = (value: number): TargetInput[] => [{ id: 'r', scope: { kind: 'all' }, kpi: 'roas', value }];
    expect(explainChip(judged('roas', metrics, floor(3)), metrics, ctx)).toBe(
      'ROAS 2.50× = $2,500.00 ÷ $1,000.00 · target ≥ 3.00× · 16.7% under',
    );
    expect(explainChip(judged('roas', metrics, floor(2.5)), metrics, ctx)).toBe(
      'ROAS 2.50× = $2,500.00 ÷ $1,000.00 · target ≥ 2.50× · exactly on target',
    );
  });

  it('ROAS the page showed (no conversion value to divide) says so', () => {
    const metrics = { spend: 120, roasShown: 3.1 };
    expect(explainChip(judged('roas', metrics, []), metrics, ctx)).toBe(
      'ROAS 3.10× (as shown on the page) · no target set',
    );
  });

  it('CPM carries its × 1000; CTR is a percentage of counts', () => {
    const metrics = { spend: 3071.46, impressions: 212884, clicks: 4018 };
    expect(explainChip(judged('cpm', metrics, []), metrics, ctx)).toBe(
      'CPM $14.43 = $3,071.46 ÷ 212,884 × 1,000 · no target set',
    );
    expect(explainChip(judged('ctr', metrics, []), metrics, ctx)).toBe(
      'CTR 1.89% = 4,018 ÷ 212,884 · no target set',
    );
  });

  it('ROMI with a margin, judged against break-even in points', () => {
    const metrics = { spend: 1000, conversionValue: 3000 };
    // (3000 × 0.3 − 1000) / 1000 = −10 %; break-even is 0: 10 points under.
    const result = judged('romi', metrics, [], 0.3);
    expect(result.target?.breakEven).toBe(true);
    expect(explainChip(result, metrics, { ...ctx, margin: 0.3 })).toBe(
      'ROMI -10% = ($3,000.00 × 30% − $1,000.00) ÷ $1,000.00 · break-even ≥ 0% (from your margin) · 10 points under',
    );
  });

  it('unknown inputs are named, a zero denominator is explained, never shown as 0', () => {
    const missing = { spend: 640 };
    const target: TargetInput[] = [{ id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 20 }];
    expect(explainChip(judged('cpa', missing, target), missing, ctx)).toBe(
      'CPA — = $640.00 ÷ — · not shown: conversions · target ≤ $20.00',
    );
    const zero = { spend: 640, conversions: 0 };
    expect(explainChip(judged('cpa', zero, target), zero, ctx)).toBe(
      'CPA — = $640.00 ÷ 0 · no conversions (÷ 0) · target ≤ $20.00',
    );
  });

  it('a target in another currency without a rate says what is missing', () => {
    const metrics = { spend: 100, conversions: 4 };
    const result = judged('cpa', metrics, [
      { id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 20, currency: 'EUR' },
    ]);
    expect(result.status).toBe('unknown');
    expect(explainChip(result, metrics, ctx)).toBe(
      'CPA $25.00 = $100.00 ÷ 4 · target ≤ €20.00 · An exchange rate is missing: add it in the options.',
    );
  });

  it('Vietnamese and Ukrainian catalogues fill the same sentence', () => {
    const metrics = { spend: 1684.51, conversions: 70 };
    const result = judged('cpa', metrics, [{ id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 20 }]);
    // Intl puts (narrow) no-break spaces between amounts and currencies.
    expect(explainChip(result, metrics, { currency: 'USD', locale: 'vi-VN', t: translator('vi') })).toMatch(
      /^CPA 24,06\sUS\$ = 1\.684,51\sUS\$ ÷ 70 · mục tiêu ≤ 20,00\sUS\$ · cao hơn 20,3%$/u,
    );
    expect(explainChip(result, metrics, { currency: 'USD', locale: 'uk-UA', t: translator('uk') })).toMatch(
      /^CPA 24,06\sUSD = 1\s684,51\sUSD ÷ 70 · ціль ≤ 20,00\sUSD · на 20,3\s?% вище$/u,
    );
  });

  it('formula of an unknown margin', () => {
    expect(formulaWithValues('romi', { spend: 1, conversionValue: 2 }, { ...ctx, margin: 7 }).note).toBe(
      'the margin in the options is not valid',
    );
  });
});
