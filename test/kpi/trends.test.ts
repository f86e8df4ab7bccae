import { describe, expect, it } from 'vitest';
import type { Metrics, Snapshot } from '@/lib/model';
import {
  kpiSeries,
  latestPerEntity,
  previousEqualRange,
  rangeChange,
  snapshotsForRange,
} from '@/lib/kpi/trends';

function snap(capturedAt: number, metrics: Metrics, over: Partial<Snapshot> = {}): Snapshot {
  return {
    capturedAt,
    platform: 'meta',
    accountId: '111',
    accountName: null,
    level: 'campaign',
    entityKey: 'c1',
    entityId: 'c1',
    entityName: 'Campaign 1',
    dateStart: '2026-03-01',
    dateEnd: '2026-03-07',
    currency: 'USD',
    currencySource: 'page',
    metrics,
    clickKind: 'link',
    resultType: null,
    ...over,
  };
}

describe('kpiSeries', () => {
  it('gives one point per capture, oldest first, summing rows captured together', () => {
    const series = kpiSeries(
      [
        snap(300, { spend: 10 }),
        snap(200, { spend: 50, clicks: 20 }),
        snap(100, { spend: 10, clicks: 5 }),
        snap(100, { spend: 30, clicks: 15 }, { entityKey: 'c2' }),
      ],
      'cpc',
    );
    expect(series.map((p) => p.capturedAt)).toEqual([100, 200, 300]);
    expect(series[0]).toMatchObject({ value: 2, rows: 2, complete: true }); // 40 ÷ 20
    expect(series[1]).toMatchObject({ value: 2.5, rows: 1 }); // 50 ÷ 20
    expect(series[2]).toMatchObject({ value: null, rows: 1, complete: false }); // a gap, not 0
  });

  it('refuses to sum money across currencies at one capture, but keeps ratios of counts', () => {
    const rows = [
      snap(100, { spend: 10, clicks: 5, impressions: 100 }),
      snap(100, { spend: 300000, clicks: 15, impressions: 900 }, { entityKey: 'c2', currency: 'VND' }),
    ];
    expect(kpiSeries(rows, 'cpc')[0]).toMatchObject({ value: null, mixedCurrency: true });
    expect(kpiSeries(rows, 'roas')[0]?.value).toBeNull();
    expect(kpiSeries(rows, 'ctr')[0]).toMatchObject({ value: 0.02, mixedCurrency: true }); // 20 ÷ 1000
  });

  it('uses a single row’s shown ROAS', () => {
    expect(kpiSeries([snap(1, { spend: 10, roasShown: 2.2 })], 'roas')[0]?.value).toBe(2.2);
  });

  it('is empty without snapshots', () => {
    expect(kpiSeries([], 'cpa')).toEqual([]);
  });
});

describe('previousEqualRange', () => {
  it.each([
    ['2026-03-01', '2026-03-07', '2026-02-22', '2026-02-28'], // 7 days
    ['2026-03-01', '2026-03-31', '2026-01-29', '2026-02-28'], // 31 days
    ['2026-03-01', '2026-03-01', '2026-02-28', '2026-02-28'], // 1 day
    ['2024-03-01', '2024-03-01', '2024-02-29', '2024-02-29'], // leap day
    ['2026-01-01', '2026-01-14', '2025-12-18', '2025-12-31'], // across the year
  ])('[%s, %s] → [%s, %s]', (start, end, prevStart, prevEnd) => {
    expect(previousEqualRange(start, end)).toEqual({ start: prevStart, end: prevEnd });
  });

  it('rejects a reversed or impossible range', () => {
    expect(previousEqualRange('2026-03-07', '2026-03-01')).toBeNull();
    expect(previousEqualRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(previousEqualRange('March 1', '2026-03-01')).toBeNull();
  });
});

describe('latestPerEntity and snapshotsForRange', () => {
  it('keeps the newest capture of each entity', () => {
    const rows = [
      snap(1, { spend: 10 }),
      snap(3, { spend: 30 }),
      snap(2, { spend: 20 }),
      snap(1, { spend: 5 }, { entityKey: 'c2' }),
    ];
    const latest = latestPerEntity(rows);
    expect(latest.map((s) => [s.entityKey, s.metrics.spend])).toEqual([
      ['c1', 30],
      ['c2', 5],
    ]);
  });

  it('filters by exact reporting range', () => {
    const rows = [snap(1, {}), snap(2, {}, { dateStart: '2026-02-22', dateEnd: '2026-02-28' })];
    expect(snapshotsForRange(rows, { start: '2026-02-22', end: '2026-02-28' })).toHaveLength(1);
  });
});

describe('rangeChange', () => {
  const prev = { dateStart: '2026-02-22', dateEnd: '2026-02-28' };

  it('compares the current range with the previous one', () => {
    // CPA 300 ÷ 10 = 30 now (the newer re-read wins), 250 ÷ 10 = 25 before: +5, +20 %, worse.
    const change = rangeChange(
      [snap(1, { spend: 280, conversions: 10 }), snap(2, { spend: 300, conversions: 10 })],
      [snap(0, { spend: 250, conversions: 10 }, prev)],
      'cpa',
    );
    expect(change).toEqual({
      current: 30,
      previous: 25,
      delta: 5,
      change: 0.2,
      improved: false,
      entities: { current: 1, previous: 1 },
    });
  });

  it('calls a higher ROAS an improvement', () => {
    const change = rangeChange(
      [snap(1, { spend: 100, conversionValue: 300 })],
      [snap(0, { spend: 100, conversionValue: 250 }, prev)],
      'roas',
    );
    expect(change.delta).toBeCloseTo(0.5, 12);
    expect(change.change).toBeCloseTo(0.2, 12);
    expect(change.improved).toBe(true);
  });

  it('is null when either side is missing', () => {
    const change = rangeChange([snap(1, { spend: 100, conversions: 4 })], [], 'cpa');
    expect(change).toMatchObject({ current: 25, previous: null, delta: null, change: null, improved: null });
    expect(rangeChange([], [snap(1, { spend: 1, conversions: 1 })], 'cpa').change).toBeNull();
  });

  it('has no relative change from 0', () => {
    const change = rangeChange(
      [snap(1, { spend: 100, conversionValue: 50 })],
      [snap(0, { spend: 100, conversionValue: 0 }, prev)],
      'roas',
    );
    expect(change).toMatchObject({ current: 0.5, previous: 0, delta: 0.5, change: null, improved: true });
  });

  it('does not compare money across currencies', () => {
    const change = rangeChange(
      [snap(1, { spend: 100, conversions: 4 })],
      [snap(0, { spend: 2500000, conversions: 4 }, { ...prev, currency: 'VND' })],
      'cpa',
    );
    expect(change.delta).toBeNull();
    expect(change.current).toBe(25);
  });
});
