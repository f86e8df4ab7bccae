import { describe, expect, it } from 'vitest';
import { aggregateKpi, isComplete, kpiOfRows, mergeTotals, sumComponents } from '@/lib/kpi/aggregate';
import { KPI_COMPONENTS, KPI_IDS, type KpiComponents } from '@/lib/kpi/definitions';
import { computeKpi } from '@/lib/kpi/formulas';
import { seeded } from '../helpers/seeded';

/** Whole-number components (exact float sums), each missing with probability 0.2, sometimes 0. */
function randomRows(random: () => number, count: number): KpiComponents[] {
  return Array.from({ length: count }, () => {
    const row: KpiComponents = {};
    for (const c of KPI_COMPONENTS) {
      if (random() < 0.2) continue;
      row[c] = random() < 0.1 ? 0 : Math.floor(random() * 100000);
    }
    return row;
  });
}

describe('sumComponents', () => {
  it('sums only known values and counts which rows knew them', () => {
    const totals = sumComponents([{ spend: 10, clicks: 5 }, { spend: 20 }, { clicks: 3, impressions: 100 }]);
    expect(totals.rows).toBe(3);
    expect(totals.sums).toEqual({ spend: 30, clicks: 8, impressions: 100 });
    expect(totals.known.spend).toBe(2);
    expect(totals.known.conversions).toBe(0);
    expect(isComplete(totals, 'spend')).toBe(false);
    expect('conversions' in totals.sums).toBe(false);
  });

  it('never sums reach (unique people) nor shown ratios', () => {
    const totals = sumComponents([{ spend: 1, reach: 50, roasShown: 2 } as KpiComponents]);
    expect(totals.sums).toEqual({ spend: 1 });
  });

  it('is empty for no rows', () => {
    expect(sumComponents([]).sums).toEqual({});
  });
});

describe('aggregateKpi', () => {
  it('is a ratio of sums, not an average of ratios', () => {
    // CPAs 100 and ~1.01; average of ratios would be 50.5, the true CPA is 200 ÷ 100 = 2.
    const result = aggregateKpi('cpa', [
      { spend: 100, conversions: 1 },
      { spend: 100, conversions: 99 },
    ]);
    expect(result.value).toBe(2);
    expect(result.complete).toBe(true);
  });

  it('sums only rows that know every component of the KPI', () => {
    // Row 2's spend has no clicks beside it; counting it would make CPC 30 ÷ 5 = 6 instead of 2.
    const result = aggregateKpi('cpc', [{ spend: 10, clicks: 5 }, { spend: 20 }, { clicks: 3 }]);
    expect(result.value).toBe(2);
    expect(result.rowsUsed).toBe(1);
    expect(result.rowsTotal).toBe(3);
    expect(result.complete).toBe(false);
    expect(result.components).toEqual({ spend: 10, clicks: 5 });
  });

  it('is unknown when no row knows the components or the denominator sums to 0', () => {
    expect(aggregateKpi('cpa', [{ spend: 10 }]).value).toBeNull();
    expect(aggregateKpi('cpa', []).value).toBeNull();
    expect(
      aggregateKpi('cpa', [
        { spend: 10, conversions: 0 },
        { spend: 5, conversions: 0 },
      ]).value,
    ).toBeNull();
  });

  it('applies the margin to ROMI of the sums', () => {
    // (300 + 200) × 0.5 − (100 + 100) = 50; ÷ 200 = 0.25
    const rows = [
      { spend: 100, conversionValue: 300 },
      { spend: 100, conversionValue: 200 },
    ];
    expect(aggregateKpi('romi', rows, { margin: 0.5 }).value).toBeCloseTo(0.25, 12);
  });
});

describe('kpiOfRows', () => {
  it('uses a single row’s shown ROAS, but never sums shown ROAS across rows', () => {
    expect(kpiOfRows('roas', [{ spend: 100, roasShown: 2.4 }])).toMatchObject({
      value: 2.4,
      source: 'shown',
    });
    expect(
      kpiOfRows('roas', [
        { spend: 100, roasShown: 2.4 },
        { spend: 50, roasShown: 1 },
      ]).value,
    ).toBeNull();
    expect(kpiOfRows('roas', [{ spend: 100, conversionValue: 250 }])).toMatchObject({
      value: 2.5,
      source: 'derived',
    });
  });
});

describe('aggregation properties (seeded random)', () => {
  it('aggregating a split equals aggregating the whole', () => {
    const random = seeded(20261122);
    for (let round = 0; round < 300; round++) {
      const rows = randomRows(random, Math.floor(random() * 25));
      const cut = Math.floor(random() * (rows.length + 1));
      const left = rows.slice(0, cut);
      const right = rows.slice(cut);
      expect(mergeTotals(sumComponents(left), sumComponents(right))).toEqual(sumComponents(rows));

      for (const id of KPI_IDS) {
        const whole = aggregateKpi(id, rows, { margin: 0.35 });
        const a = aggregateKpi(id, left, { margin: 0.35 });
        const b = aggregateKpi(id, right, { margin: 0.35 });
        const merged: KpiComponents = {};
        for (const c of KPI_COMPONENTS) {
          const x = a.components[c];
          const y = b.components[c];
          if (x !== undefined || y !== undefined) merged[c] = (x ?? 0) + (y ?? 0);
        }
        expect(whole.components).toEqual(merged);
        expect(whole.rowsUsed).toBe(a.rowsUsed + b.rowsUsed);
        expect(whole.value).toBe(whole.rowsUsed > 0 ? computeKpi(id, merged, { margin: 0.35 }) : null);
      }
    }
  });

  it('a ratio of sums lies between the smallest and largest row ratio', () => {
    const random = seeded(7);
    for (let round = 0; round < 300; round++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({
        spend: Math.round(random() * 1e6) / 100,
        conversions: 1 + Math.floor(random() * 500),
      }));
      const ratios = rows.map((r) => r.spend / r.conversions);
      const value = aggregateKpi('cpa', rows).value!;
      expect(value).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-9);
      expect(value).toBeLessThanOrEqual(Math.max(...ratios) + 1e-9);
      const totalSpend = rows.reduce((s, r) => s + r.spend, 0);
      const totalConversions = rows.reduce((s, r) => s + r.conversions, 0);
      expect(value).toBeCloseTo(totalSpend / totalConversions, 9);
    }
  });

  it('does not depend on row order', () => {
    const random = seeded(99);
    for (let round = 0; round < 100; round++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 20));
      const reversed = [...rows].reverse();
      for (const id of KPI_IDS) {
        expect(aggregateKpi(id, reversed).value).toBe(aggregateKpi(id, rows).value);
      }
    }
  });
});
