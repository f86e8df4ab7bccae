import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Metrics, Snapshot } from '@/lib/model';
import {
  addDays,
  compareKpis,
  comparisonRanges,
  lastYearRange,
  rangeDays,
  WEEKDAY_ALIGN_MAX_DAYS,
} from '@/lib/kpi/compare';

function snap(entityKey: string, metrics: Metrics, over: Partial<Snapshot> = {}): Snapshot {
  return {
    capturedAt: 1_000,
    platform: 'meta',
    accountId: '111',
    accountName: null,
    level: 'campaign',
    entityKey,
    entityId: entityKey,
    entityName: entityKey,
    dateStart: '2026-11-23',
    dateEnd: '2026-11-29',
    currency: 'USD',
    currencySource: 'page',
    metrics,
    clickKind: 'link',
    resultType: null,
    ...over,
  };
}

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('comparison ranges', () => {
  it('a week: previous week, and the same weekdays 52 weeks earlier', () => {
    // Mon 23 – Sun 29 Nov 2026.
    expect(comparisonRanges({ start: '2026-11-23', end: '2026-11-29' })).toEqual({
      previous: { start: '2026-11-16', end: '2026-11-22' },
      lastYear: { start: '2025-11-24', end: '2025-11-30' },
    });
    expect(weekday('2025-11-24')).toBe(1);
  });

  it('a single day: the day before, and the same weekday a year back', () => {
    expect(comparisonRanges({ start: '2026-03-01', end: '2026-03-01' })).toEqual({
      previous: { start: '2026-02-28', end: '2026-02-28' },
      lastYear: { start: '2025-03-02', end: '2025-03-02' },
    });
  });

  it('a month: the 30 days before, and the same dates last year', () => {
    expect(comparisonRanges({ start: '2026-11-01', end: '2026-11-30' })).toEqual({
      previous: { start: '2026-10-02', end: '2026-10-31' },
      lastYear: { start: '2025-11-01', end: '2025-11-30' },
    });
  });

  it('a range ending on 29 February ends on 28 February a year earlier', () => {
    expect(lastYearRange({ start: '2028-02-01', end: '2028-02-29' })).toEqual({
      start: '2027-02-01',
      end: '2027-02-28',
    });
  });

  it('an eight-day range is compared by date, not by weekday', () => {
    expect(lastYearRange({ start: '2026-11-22', end: '2026-11-29' })).toEqual({
      start: '2025-11-22',
      end: '2025-11-29',
    });
  });

  it('an invalid range has none', () => {
    expect(comparisonRanges({ start: '2026-11-29', end: '2026-11-23' })).toBeNull();
    expect(comparisonRanges({ start: '2026-02-30', end: '2026-03-02' })).toBeNull();
  });
});

const day = fc
  .integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2098, 11, 31) })
  .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));

describe('comparison ranges (property, seed 14031)', () => {
  it('previous: equal length, ends the day before; last year: weekday-aligned up to a week, else same dates', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 400 }), (start, days) => {
        const range = { start, end: addDays(start, days - 1) };
        const r = comparisonRanges(range)!;
        expect(rangeDays(r.previous)).toBe(days);
        expect(addDays(r.previous.end, 1)).toBe(range.start);
        if (days <= WEEKDAY_ALIGN_MAX_DAYS) {
          expect(rangeDays(r.lastYear)).toBe(days);
          expect(weekday(r.lastYear.start)).toBe(weekday(range.start));
          expect(weekday(r.lastYear.end)).toBe(weekday(range.end));
          expect(r.lastYear.start < range.start).toBe(true);
        } else {
          for (const [ours, theirs] of [
            [range.start, r.lastYear.start],
            [range.end, r.lastYear.end],
          ] as const) {
            expect(Number(theirs.slice(0, 4))).toBe(Number(ours.slice(0, 4)) - 1);
            const md = ours.slice(5) === '02-29' ? '02-28' : ours.slice(5);
            expect(theirs.slice(5)).toBe(md);
          }
        }
      }),
      { seed: 14031, numRuns: 2000 },
    );
  });
});

describe('compareKpis', () => {
  // This week: spend 300, 12 conversions, 900 value, 150 clicks, 10,000 impressions.
  const current = [
    snap('a', { spend: 200, conversions: 10, conversionValue: 600, clicks: 100, impressions: 6_000 }),
    snap('b', { spend: 100, conversions: 2, conversionValue: 300, clicks: 50, impressions: 4_000 }),
  ];
  // Previous week: spend 240, 8 conversions, 960 value, 120 clicks, 8,000 impressions.
  const previous = [
    snap('a', { spend: 240, conversions: 8, conversionValue: 960, clicks: 120, impressions: 8_000 }),
  ];

  it('ratios of sums, absolute and relative change, good by the KPI', () => {
    const lines = compareKpis(current, previous, ['cpa', 'roas', 'ctr', 'cpc']);
    // CPA 300/12 = 25 vs 240/8 = 30: −5, −16.67 %, good (lower).
    expect(lines[0]).toMatchObject({ kpi: 'cpa', current: 25, other: 30, delta: -5, good: true });
    expect(lines[0]!.change).toBeCloseTo(-1 / 6, 10);
    // ROAS 900/300 = 3 vs 960/240 = 4: −1, −25 %, bad (higher is better).
    expect(lines[1]).toMatchObject({
      kpi: 'roas',
      current: 3,
      other: 4,
      delta: -1,
      change: -0.25,
      good: false,
    });
    // CTR 150/10,000 = 0.015 vs 120/8,000 = 0.015: unchanged, neither good nor bad.
    expect(lines[2]).toMatchObject({
      kpi: 'ctr',
      current: 0.015,
      other: 0.015,
      delta: 0,
      change: 0,
      good: null,
    });
    // CPC 300/150 = 2 vs 240/120 = 2.
    expect(lines[3]).toMatchObject({ kpi: 'cpc', current: 2, other: 2, good: null });
  });

  it('a range not stored: current values only; a KPI neither side knows is left out', () => {
    const lines = compareKpis(current, null, ['cpa', 'cpl']);
    expect(lines).toEqual([{ kpi: 'cpa', current: 25, other: null, delta: null, change: null, good: null }]);
  });

  it('money in different currencies is not compared', () => {
    const eur = previous.map((s) => ({ ...s, currency: 'EUR' }));
    const [cpa, roas] = compareKpis(current, eur, ['cpa', 'roas']);
    expect(cpa).toMatchObject({ current: 25, other: 30, delta: null, change: null, good: null });
    // ROAS has no unit: it compares across currencies.
    expect(roas).toMatchObject({ delta: -1, good: false });
  });

  it('an earlier capture of an entity is not added to its newest one', () => {
    const twice = [snap('a', { spend: 100, conversions: 1 }, { capturedAt: 1 }), ...previous];
    expect(compareKpis(current, twice, ['cpa'])[0]).toMatchObject({ other: 30 });
  });
});
