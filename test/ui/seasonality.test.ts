import { describe, expect, it } from 'vitest';
import { daysOf, dayValues, seasonalSeries } from '@/lib/ui/seasonality';
import { row } from './make';

const day = (d: string, key: string, metrics: Parameters<typeof row>[0]['metrics'], at = 1) =>
  row({ entityKey: key, dateStart: d, dateEnd: d, metrics, capturedAt: at });

describe('the range on screen by day, beside its comparison periods', () => {
  it('a read day is the table’s KPI over that day’s rows (hand-computed)', () => {
    const rows = [
      day('2025-11-24', 'a', { spend: 412.3, conversions: 6.5 }),
      day('2025-11-24', 'b', { spend: 160.4, conversions: 14 }),
      day('2025-11-25', 'a', { spend: 388.15, conversions: 7 }),
    ];
    const values = dayValues('cpa', daysOf({ start: '2025-11-24', end: '2025-11-26' }), rows, 'campaign');
    expect(values.map((v) => [v.day, v.source])).toEqual([
      ['2025-11-24', 'read'],
      ['2025-11-25', 'read'],
      ['2025-11-26', null],
    ]);
    expect(values[0]!.value).toBeCloseTo(572.7 / 20.5, 10);
    expect(values[1]!.value).toBeCloseTo(388.15 / 7, 10);
    expect(values[2]!.value).toBeNull();
  });

  it('a day not read but worked out from "this month" read on consecutive days is derived, never mixed', () => {
    const month = (end: string, spend: number, conversions: number, at: number) =>
      row({
        entityKey: 'a',
        dateStart: '2026-11-01',
        dateEnd: end,
        metrics: { spend, conversions },
        capturedAt: at,
      });
    const rows = [
      month('2026-11-02', 100, 5, 1),
      month('2026-11-03', 160, 8, 2),
      // Nov 3 was also read as a day: the read row wins that day.
      day('2026-11-03', 'a', { spend: 61, conversions: 3 }),
      month('2026-11-04', 200, 10, 3),
    ];
    const values = dayValues('cpa', daysOf({ start: '2026-11-02', end: '2026-11-04' }), rows, 'campaign');
    expect(values).toEqual([
      { day: '2026-11-02', value: null, source: null },
      { day: '2026-11-03', value: 61 / 3, source: 'read' },
      { day: '2026-11-04', value: 40 / 2, source: 'derived' },
    ]);
  });

  it('the previous period and last year day by day, each null when no day of it is stored', () => {
    const current = [day('2026-11-24', 'a', { spend: 30, conversions: 3 })];
    const previous = [day('2026-11-22', 'a', { spend: 40, conversions: 2 })];
    const series = seasonalSeries(
      'cpa',
      'campaign',
      { start: '2026-11-23', end: '2026-11-24' },
      {
        current,
        previous,
        lastYear: [],
      },
    );
    expect(series?.current.map((d) => d.value)).toEqual([null, 10]);
    expect(series?.previous?.range).toEqual({ start: '2026-11-21', end: '2026-11-22' });
    expect(series?.previous?.days.map((d) => d.value)).toEqual([null, 20]);
    expect(series?.lastYear).toBeNull();
    // Nothing stored by day for the range on screen: no chart at all.
    expect(
      seasonalSeries(
        'cpa',
        'campaign',
        { start: '2026-11-23', end: '2026-11-24' },
        { current: [], previous, lastYear: [] },
      ),
    ).toBeNull();
  });

  it('money KPIs over rows in two currencies are unknown for that day, not summed', () => {
    const rows = [
      day('2026-11-24', 'a', { spend: 30, conversions: 3 }),
      row({
        entityKey: 'b',
        dateStart: '2026-11-24',
        dateEnd: '2026-11-24',
        currency: 'EUR',
        metrics: { spend: 10, conversions: 1 },
      }),
    ];
    expect(dayValues('cpa', ['2026-11-24'], rows, 'campaign')[0]).toEqual({
      day: '2026-11-24',
      value: null,
      source: 'read',
    });
  });
});
