import { describe, expect, it } from 'vitest';
import { CSV_DERIVED_COLUMNS, KPI_DEFINITIONS, KPI_IDS, isMoneyKpi } from '@/lib/kpi/definitions';
import {
  breakEvenCpa,
  breakEvenRoas,
  computeKpi,
  derivedCsvValues,
  explainKpi,
  kpiOfMetrics,
  roasOf,
  roasWithSource,
  usableMargin,
} from '@/lib/kpi/formulas';

// One row worked by hand: 120 spent, 10,000 impressions, 48 clicks, 6 purchases worth 390, 8 leads.
const row = { spend: 120, impressions: 10000, clicks: 48, conversions: 6, conversionValue: 390, leads: 8 };

describe('definitions', () => {
  it('defines every KPI with a formula, unit and direction', () => {
    for (const id of KPI_IDS) {
      const def = KPI_DEFINITIONS[id];
      expect(def.id).toBe(id);
      expect(def.formula).toMatch(/÷/);
      expect(def.components.length).toBeGreaterThan(0);
    }
    expect(KPI_DEFINITIONS.cpa.better).toBe('lower');
    expect(KPI_DEFINITIONS.roas.better).toBe('higher');
    expect(KPI_DEFINITIONS.roas.unit).toBe('multiple');
    expect(KPI_DEFINITIONS.ctr.unit).toBe('ratio');
    expect(isMoneyKpi('cpm')).toBe(true);
    expect(isMoneyKpi('romi')).toBe(false);
  });

  it('lists the CSV derived columns of CONTRACTS.md in order', () => {
    expect(CSV_DERIVED_COLUMNS).toEqual(['ctr', 'cpc', 'cpm', 'cvr', 'cpa', 'roas']);
  });
});

describe('computeKpi (hand-computed)', () => {
  it.each([
    ['ctr', 0.0048], // 48 ÷ 10,000
    ['cpc', 2.5], // 120 ÷ 48
    ['cpm', 12], // 120 ÷ 10,000 × 1000
    ['cvr', 0.125], // 6 ÷ 48
    ['cpa', 20], // 120 ÷ 6
    ['cpl', 15], // 120 ÷ 8
    ['roas', 3.25], // 390 ÷ 120
    ['romi', 2.25], // (390 − 120) ÷ 120
    ['aov', 65], // 390 ÷ 6
  ] as const)('%s', (id, expected) => {
    expect(computeKpi(id, row)).toBeCloseTo(expected, 12);
  });

  it('computes ROMI with a margin: (390 × 0.4 − 120) ÷ 120 = 0.3', () => {
    expect(computeKpi('romi', row, { margin: 0.4 })).toBeCloseTo(0.3, 12);
  });

  it('reads the CONTRACTS example: CPA = 1,684.51 ÷ 70', () => {
    expect(computeKpi('cpa', { spend: 1684.51, conversions: 70 })).toBeCloseTo(24.064428571, 8);
  });

  it('gives null, not 0 or Infinity, for a zero denominator', () => {
    expect(computeKpi('cpc', { spend: 50, clicks: 0 })).toBeNull();
    expect(computeKpi('ctr', { clicks: 0, impressions: 0 })).toBeNull();
    expect(computeKpi('roas', { conversionValue: 10, spend: 0 })).toBeNull();
    expect(computeKpi('romi', { conversionValue: 10, spend: 0 })).toBeNull();
    expect(computeKpi('cpa', { spend: 50, conversions: 0 })).toBeNull();
  });

  it('gives a real 0 for a zero numerator', () => {
    expect(computeKpi('ctr', { clicks: 0, impressions: 1000 })).toBe(0);
    expect(computeKpi('roas', { conversionValue: 0, spend: 80 })).toBe(0);
    expect(computeKpi('romi', { conversionValue: 0, spend: 80 })).toBe(-1);
  });

  it('gives null when an input is missing', () => {
    expect(computeKpi('cpa', { spend: 50 })).toBeNull();
    expect(computeKpi('cpa', { conversions: 3 })).toBeNull();
    expect(computeKpi('cpm', {})).toBeNull();
  });

  it('gives null for a negative denominator', () => {
    expect(computeKpi('cpa', { spend: 50, conversions: -2 })).toBeNull();
  });

  it('refuses an unusable margin instead of ignoring it', () => {
    expect(computeKpi('romi', row, { margin: 0 })).toBeNull();
    expect(computeKpi('romi', row, { margin: 1.5 })).toBeNull();
    expect(computeKpi('romi', row, { margin: Number.NaN })).toBeNull();
    expect(computeKpi('romi', row, { margin: null })).toBeCloseTo(2.25, 12);
    expect(usableMargin(1)).toBe(1);
    expect(usableMargin(-0.2)).toBeNull();
  });
});

describe('explainKpi', () => {
  it('returns the numbers used, in formula order', () => {
    const e = explainKpi('cpa', { spend: 1684.51, conversions: 70 });
    expect(e.formula).toBe('spend ÷ conversions');
    expect(e.inputs).toEqual([
      { name: 'spend', value: 1684.51 },
      { name: 'conversions', value: 70 },
    ]);
    expect(e.value).toBeCloseTo(24.0644, 4);
    expect(e.unknown).toBeNull();
    expect(e.scale).toBe(1);
  });

  it('says which input is missing', () => {
    const e = explainKpi('cpa', { spend: 10 });
    expect(e.value).toBeNull();
    expect(e.unknown).toBe('missing-input');
    expect(e.missing).toEqual(['conversions']);
    expect(e.inputs[1]).toEqual({ name: 'conversions', value: null });
  });

  it('says the denominator was 0', () => {
    expect(explainKpi('cpc', { spend: 10, clicks: 0 }).unknown).toBe('zero-denominator');
    expect(explainKpi('cpc', { spend: 10, clicks: -1 }).unknown).toBe('negative-denominator');
  });

  it('shows CPM scale and the ROMI variant used', () => {
    expect(explainKpi('cpm', row).scale).toBe(1000);
    const withMargin = explainKpi('romi', row, { margin: 0.4 });
    expect(withMargin.formula).toBe('(conversion value × margin − spend) ÷ spend');
    expect(withMargin.inputs.map((i) => i.name)).toEqual(['conversionValue', 'margin', 'spend']);
    expect(explainKpi('romi', row).formula).toBe('(conversion value − spend) ÷ spend');
    expect(explainKpi('romi', row, { margin: 2 }).unknown).toBe('invalid-margin');
  });
});

describe('ROAS of a row', () => {
  it('prefers conversion value ÷ spend over the shown column', () => {
    expect(roasWithSource({ spend: 120, conversionValue: 390, roasShown: 3.2 })).toEqual({
      value: 3.25,
      source: 'derived',
    });
  });

  it('uses the shown ROAS when conversion value is absent', () => {
    expect(roasWithSource({ spend: 120, roasShown: 3.2 })).toEqual({ value: 3.2, source: 'shown' });
    expect(roasOf({ roasShown: 1.7 })).toBe(1.7);
  });

  it('stays unknown for zero spend even when a ROAS was shown', () => {
    expect(roasOf({ spend: 0, conversionValue: 390, roasShown: 3 })).toBeNull();
    expect(roasOf({ spend: 120 })).toBeNull();
  });

  it('derives ROMI from a shown ROAS (ROAS × margin − 1)', () => {
    expect(kpiOfMetrics('romi', { spend: 100, roasShown: 2.5 }, { margin: 0.4 })).toEqual({
      value: 0,
      source: 'shown',
    });
    expect(kpiOfMetrics('romi', { spend: 100, roasShown: 2.5 }).value).toBeCloseTo(1.5, 12);
    expect(kpiOfMetrics('romi', { spend: 100, roasShown: 2.5 }, { margin: 3 }).value).toBeNull();
    expect(kpiOfMetrics('cpa', { spend: 100 })).toEqual({ value: null, source: null });
  });
});

describe('break-even', () => {
  it('ROAS = 1 ÷ margin, CPA = AOV × margin', () => {
    expect(breakEvenRoas(0.4)).toBeCloseTo(2.5, 12);
    expect(breakEvenCpa(row, 0.4)).toBeCloseTo(26, 12); // 65 × 0.4
    expect(breakEvenRoas(null)).toBeNull();
    expect(breakEvenCpa({ spend: 100 }, 0.4)).toBeNull();
  });
});

describe('derivedCsvValues', () => {
  it('computes the CSV columns, ROAS as shown first (CONTRACTS.md)', () => {
    const values = derivedCsvValues({ ...row, roasShown: 3.2 });
    expect(values.ctr).toBeCloseTo(0.0048, 12);
    expect(values.cpc).toBeCloseTo(2.5, 12);
    expect(values.cpm).toBeCloseTo(12, 12);
    expect(values.cvr).toBeCloseTo(0.125, 12);
    expect(values.cpa).toBeCloseTo(20, 12);
    expect(values.roas).toBe(3.2);
    expect(derivedCsvValues(row).roas).toBeCloseTo(3.25, 12);
  });

  it('leaves unknown columns null', () => {
    expect(derivedCsvValues({ spend: 5 })).toEqual({
      ctr: null,
      cpc: null,
      cpm: null,
      cvr: null,
      cpa: null,
      roas: null,
    });
  });
});

describe('computeKpi (fast path)', () => {
  it('agrees with explainKpi on every kind of row (unknown, zero, negative, tiny, large)', () => {
    const values = [undefined, 0, -5, 1, 3, 57, 1684.51, 1e-7, 20000];
    let seed = 7;
    const pick = () => values[(seed = (seed * 48271) % 2147483647) % values.length];
    for (let i = 0; i < 5000; i++) {
      const metrics: Record<string, number> = {};
      for (const key of ['spend', 'impressions', 'clicks', 'conversions', 'conversionValue', 'leads']) {
        const v = pick();
        if (v !== undefined) metrics[key] = v;
      }
      for (const id of KPI_IDS) {
        expect(computeKpi(id, metrics), `${id} ${JSON.stringify(metrics)}`).toBe(
          explainKpi(id, metrics).value,
        );
      }
    }
  });
});
