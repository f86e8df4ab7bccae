import { describe, expect, it } from 'vitest';
import { currentSets } from '@/lib/ui/current';
import { compareWithPreviousRange, trendEnds, trendOf } from '@/lib/ui/trend';
import { row, T0 } from './make';

const H = 3_600_000;

describe('trendOf', () => {
  it('carries unchanged entities forward: a capture stores only the rows that changed', () => {
    const history = [
      row({ entityKey: 'c1', capturedAt: T0 - 3 * H, metrics: { spend: 50, conversions: 5 } }),
      row({ entityKey: 'c2', capturedAt: T0 - 3 * H, metrics: { spend: 100, conversions: 5 } }),
      row({ entityKey: 'c1', capturedAt: T0 - 2 * H, metrics: { spend: 80, conversions: 5 } }),
      // Another reporting range read in between: not part of this table's trend.
      row({
        entityKey: 'c1',
        capturedAt: T0 - 2 * H,
        dateEnd: '2026-11-20',
        metrics: { spend: 1, conversions: 1 },
      }),
      row({ entityKey: 'c2', capturedAt: T0 - H, metrics: { spend: 200, conversions: 10 } }),
    ];
    const latest = [history[2]!, history[4]!, history[3]!];
    const sets = currentSets(latest);
    const trend = trendOf('cpa', sets, history);
    expect(trend.points.map((p) => p.capturedAt)).toEqual([T0 - 3 * H, T0 - 2 * H, T0 - H]);
    expect(trend.points[0]!.value).toBeCloseTo(15, 10);
    expect(trend.points[1]!.value).toBeCloseTo(18, 10);
    expect(trend.points[2]!.value).toBeCloseTo(280 / 15, 10);
    expect(trend.currency).toBe('USD');
    expect(trendEnds(trend.points)).toEqual({ first: 15, last: trend.points[2]!.value, known: 3 });
  });

  it('starts a total over several accounts once each has been read, converting currencies', () => {
    const history = [
      row({ entityKey: 'a', capturedAt: T0 - 3 * H, metrics: { spend: 10, conversions: 1 } }),
      row({
        entityKey: 'b',
        accountId: 'B1',
        currency: 'EUR',
        capturedAt: T0 - 2 * H,
        metrics: { spend: 10, conversions: 1 },
      }),
    ];
    const trend = trendOf('cpa', currentSets(history), history, {
      fx: { reportingCurrency: 'USD', rates: { EUR: 2 } },
    });
    expect(trend.points).toEqual([{ capturedAt: T0 - 2 * H, value: 15 }]);
    expect(trend.currency).toBe('USD');
  });

  it('draws a gap (null), never 0, where the KPI is unknown', () => {
    const history = [row({ entityKey: 'c1', metrics: { spend: 10 } })];
    expect(trendOf('cpa', currentSets(history), history).points).toEqual([{ capturedAt: T0, value: null }]);
  });
});

describe('compareWithPreviousRange', () => {
  it('compares with the previous range of equal length, when the user has read it', () => {
    const latest = [
      row({
        entityKey: 'c1',
        dateStart: '2026-11-11',
        dateEnd: '2026-11-21',
        metrics: { spend: 100, conversions: 5 },
      }),
      row({
        entityKey: 'c1',
        capturedAt: T0 - H,
        dateStart: '2026-10-31',
        dateEnd: '2026-11-10',
        metrics: { spend: 100, conversions: 4 },
      }),
    ];
    const change = compareWithPreviousRange('cpa', currentSets(latest), latest);
    expect(change).toMatchObject({
      current: 20,
      previous: 25,
      improved: true,
      currency: 'USD',
      previousRange: { start: '2026-10-31', end: '2026-11-10' },
      accounts: 1,
    });
    expect(change.change).toBeCloseTo(-0.2, 10);
  });

  it('says nothing when the previous range was never read', () => {
    const latest = [row({ entityKey: 'c1', metrics: { spend: 100, conversions: 5 } })];
    expect(compareWithPreviousRange('cpa', currentSets(latest), latest)).toMatchObject({
      current: null,
      previous: null,
      change: null,
      previousRange: null,
      accounts: 0,
    });
  });
});
