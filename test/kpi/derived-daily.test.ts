import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedDays, nextDay, type CumulativeReading } from '@/lib/kpi/derived-daily';

const T0 = Date.UTC(2026, 10, 3, 18);
const HOUR = 3_600_000;
const month = (end: number, metrics: CumulativeReading['metrics'], at = T0 + end * 24 * HOUR) => ({
  dateStart: '2026-11-01',
  dateEnd: `2026-11-${String(end).padStart(2, '0')}`,
  capturedAt: at,
  metrics,
});

describe('derivedDays (hand-computed)', () => {
  it('"this month" read on three days gives the two later days as differences', () => {
    const days = derivedDays([
      month(1, { spend: 100.1, clicks: 40, conversions: 2 }),
      month(2, { spend: 250.35, clicks: 95, conversions: 5 }),
      month(3, { spend: 262.45, clicks: 101, conversions: 5 }),
    ]);
    expect(days.map((d) => [d.date, d.metrics, d.corrected])).toEqual([
      ['2026-11-02', { spend: 150.25, clicks: 55, conversions: 3 }, []],
      ['2026-11-03', { spend: 12.1, clicks: 6, conversions: 0 }, []],
    ]);
  });

  it('uses the newest reading of each range, and no day across a gap or another start', () => {
    const days = derivedDays([
      month(1, { spend: 100 }, T0),
      month(1, { spend: 120 }, T0 + HOUR), // the newest Nov 1 – 1
      month(2, { spend: 200 }),
      month(4, { spend: 400 }), // Nov 3 missing: no Nov 4
      { dateStart: '2026-11-02', dateEnd: '2026-11-05', capturedAt: T0, metrics: { spend: 999 } },
    ]);
    expect(days.map((d) => [d.date, d.metrics.spend])).toEqual([['2026-11-02', 80]]);
  });

  it('a negative difference (a corrected report) is flagged and unknown, never a negative spend', () => {
    const [day] = derivedDays([month(1, { spend: 100, clicks: 50 }), month(2, { spend: 90, clicks: 60 })]);
    expect(day!.metrics).toEqual({ clicks: 10 });
    expect(day!.corrected).toEqual(['spend']);
  });

  it('a metric unknown in either reading is unknown that day', () => {
    const [day] = derivedDays([month(1, { spend: 100 }), month(2, { spend: 150, clicks: 7 })]);
    expect(day!.metrics).toEqual({ spend: 50 });
  });

  it('nextDay crosses months and years', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

describe('derivedDays (property, seeded)', () => {
  const cents = fc.integer({ min: -5_000, max: 50_000 });
  it('differences sum back to the cumulative total; negative ones are flagged, never stored', () => {
    fc.assert(
      fc.property(fc.array(cents, { minLength: 2, maxLength: 40 }), (increments) => {
        // Cumulative spend in cents; a negative increment is a corrected report.
        let cumulative = 0;
        const series: CumulativeReading[] = increments.map((inc, i) => {
          cumulative += inc;
          const end = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
          return {
            dateStart: '2026-01-01',
            dateEnd: end,
            capturedAt: T0 + i,
            metrics: { spend: cumulative / 100 },
          };
        });
        const days = derivedDays(series);
        expect(days).toHaveLength(increments.length - 1);
        let sum = series[0]!.metrics.spend!;
        days.forEach((d, i) => {
          const inc = increments[i + 1]!;
          if (inc < 0) {
            expect(d.corrected).toEqual(['spend']);
            expect(d.metrics.spend).toBeUndefined();
            sum = series[i + 1]!.metrics.spend!; // the corrected report restarts the sum
          } else {
            expect(d.corrected).toEqual([]);
            expect(d.metrics.spend).toBeGreaterThanOrEqual(0);
            sum += d.metrics.spend!;
          }
        });
        expect(sum).toBeCloseTo(series.at(-1)!.metrics.spend!, 6);
      }),
      { seed: 140214, numRuns: 300 },
    );
  });
});
