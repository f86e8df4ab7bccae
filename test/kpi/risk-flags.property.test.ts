import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metrics } from '@/lib/model';
import { riskFlags, shiftDay, type DayPoint, type RiskInput } from '@/lib/kpi/risk-flags';

/**
 * Seeded property tests of the risk rules. "Stationary noise": every metric of every day is its level
 * times an independent factor within ±10 %, so a KPI made of two of them moves by less than 50 % against
 * any baseline mean, spend never doubles and never stops — no rule may fire, whatever the z-scores say.
 * A planted jump (spend ×3–6, clicks ÷3–6, results gone, spend stopped) on the same history must fire.
 */

const TODAY = '2026-12-07';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const levels = fc.record({
  spend: fc.double({ min: 20, max: 5000, noNaN: true }),
  cpc: fc.double({ min: 0.1, max: 5, noNaN: true }),
  ctr: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
  cvr: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
  days: fc.integer({ min: 8, max: 60 }),
  seed: fc.integer(),
  elapsed: fc.double({ min: 0, max: 1, noNaN: true }),
  targetFactor: fc.double({ min: 0.3, max: 3, noNaN: true }),
});
type Levels = typeof levels extends fc.Arbitrary<infer T> ? T : never;

function noisyDay(l: Levels, random: () => number): Metrics {
  const f = () => 1 + (random() * 2 - 1) * 0.1;
  const clicks = l.spend / l.cpc;
  return {
    spend: l.spend * f(),
    clicks: clicks * f(),
    impressions: (clicks / l.ctr) * f(),
    conversions: clicks * l.cvr * f(),
    leads: clicks * l.cvr * 2 * f(),
  };
}

function history(l: Levels, today: (m: Metrics) => Metrics = (m) => m): RiskInput {
  const random = mulberry32(l.seed);
  const days: DayPoint[] = [];
  for (let i = l.days; i >= 1; i--) days.push({ day: shiftDay(TODAY, -i), metrics: noisyDay(l, random) });
  const now = today(noisyDay(l, random));
  days.push({ day: TODAY, metrics: now });
  const cpa = l.cpc / l.cvr;
  return {
    today: TODAY,
    todayElapsed: l.elapsed,
    days,
    current: now,
    cpaTarget: cpa * l.targetFactor,
    cplTarget: (cpa / 2) * l.targetFactor,
    pacing: null,
  };
}

const rulesOf = (i: RiskInput) => riskFlags(i).map((f) => f.rule);

describe('risk flags on generated histories', () => {
  it('no flag on stationary noise', () => {
    fc.assert(
      fc.property(levels, (l) => {
        expect(rulesOf(history(l))).toEqual([]);
      }),
      { seed: 1401, numRuns: 300 },
    );
  });

  it('a planted spend jump is flagged as a spike and a CPA / CPL / CPC surge', () => {
    fc.assert(
      fc.property(levels, fc.double({ min: 3, max: 6, noNaN: true }), (l, jump) => {
        const rules = rulesOf(history(l, (m) => ({ ...m, spend: m.spend! * jump })));
        expect(rules).toEqual(expect.arrayContaining(['spend-spike', 'cpa-surge', 'cpl-surge', 'cpc-surge']));
      }),
      { seed: 1402, numRuns: 200 },
    );
  });

  it('planted lost clicks are flagged as a CTR collapse and a CPC surge', () => {
    fc.assert(
      fc.property(levels, fc.double({ min: 3, max: 6, noNaN: true }), (l, drop) => {
        const rules = rulesOf(history(l, (m) => ({ ...m, clicks: m.clicks! / drop })));
        expect(rules).toEqual(expect.arrayContaining(['ctr-collapse', 'cpc-surge']));
      }),
      { seed: 1403, numRuns: 200 },
    );
  });

  it('planted lost conversions are flagged as a CVR collapse, and as spend without results at 0', () => {
    fc.assert(
      fc.property(levels, fc.double({ min: 3, max: 6, noNaN: true }), (l, drop) => {
        const fewer = history(l, (m) => ({ ...m, conversions: m.conversions! / drop }));
        expect(rulesOf(fewer)).toContain('cvr-collapse');
        const none = history(l, (m) => ({ ...m, conversions: 0 }));
        const spend = none.current!.spend!;
        expect(rulesOf({ ...none, cpaTarget: spend / 2.5 })).toContain('no-results');
      }),
      { seed: 1404, numRuns: 200 },
    );
  });

  it('planted stopped spend is flagged once half the day is over', () => {
    fc.assert(
      fc.property(levels, (l) => {
        const stopped = history({ ...l, elapsed: 0.5 + l.elapsed / 2 }, () => ({
          spend: 0,
          impressions: 0,
          clicks: 0,
        }));
        expect(rulesOf(stopped)).toContain('spend-stopped');
      }),
      { seed: 1405, numRuns: 200 },
    );
  });
});
