import { describe, expect, it } from 'vitest';
import {
  dayPosition,
  daysInMonth,
  localDate,
  monthEndForecast,
  pacingOf,
  requiredDailySpend,
  startOfLocalDay,
} from '@/lib/kpi/pacing';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('calendar helpers', () => {
  it('knows month lengths, leap Februaries included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('reads the local date in the account’s zone, not UTC', () => {
    const instant = at('2026-03-31T20:00:00Z');
    expect(localDate(instant, 'Asia/Ho_Chi_Minh')).toEqual({ year: 2026, month: 4, day: 1 });
    expect(localDate(instant, 'America/Los_Angeles')).toEqual({ year: 2026, month: 3, day: 31 });
  });

  it('finds the start of a local day across DST changes', () => {
    // New York: 2026-03-08 starts at 00:00 EST (UTC−5) and lasts 23 hours.
    expect(startOfLocalDay({ year: 2026, month: 3, day: 8 }, 'America/New_York')).toBe(
      at('2026-03-08T05:00:00Z'),
    );
    expect(startOfLocalDay({ year: 2026, month: 3, day: 9 }, 'America/New_York')).toBe(
      at('2026-03-09T04:00:00Z'),
    );
    // 2026-11-01 starts at 00:00 EDT (UTC−4) and lasts 25 hours.
    expect(startOfLocalDay({ year: 2026, month: 11, day: 1 }, 'America/New_York')).toBe(
      at('2026-11-01T04:00:00Z'),
    );
    expect(startOfLocalDay({ year: 2026, month: 11, day: 2 }, 'America/New_York')).toBe(
      at('2026-11-02T05:00:00Z'),
    );
    // Kyiv switches at 03:00; the day still starts at midnight (UTC+2 on 03-29, UTC+3 on 04-01).
    expect(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Kyiv')).toBe(
      at('2026-03-28T22:00:00Z'),
    );
    expect(startOfLocalDay({ year: 2026, month: 4, day: 1 }, 'Europe/Kyiv')).toBe(at('2026-03-31T21:00:00Z'));
  });

  it('handles a DST change at midnight (America/Santiago)', () => {
    // 2026-09-06: clocks jump from 23:59:59 (UTC−4) to 01:00 (UTC−3); the day starts at 04:00Z.
    expect(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago')).toBe(
      at('2026-09-06T04:00:00Z'),
    );
    // 2026-04-05: midnight happens twice (03:00Z at UTC−3, 04:00Z at UTC−4); the repeated hour stays in 04-04.
    expect(startOfLocalDay({ year: 2026, month: 4, day: 5 }, 'America/Santiago')).toBe(
      at('2026-04-05T04:00:00Z'),
    );
    expect(startOfLocalDay({ year: 2026, month: 4, day: 4 }, 'America/Santiago')).toBe(
      at('2026-04-04T03:00:00Z'),
    );
  });

  it('measures the elapsed share of a 23- and a 25-hour day', () => {
    // Noon on the spring-forward day: 00:00–02:00 and 03:00–12:00 = 11 of 23 hours.
    expect(dayPosition(at('2026-03-08T16:00:00Z'), 'America/New_York').fractionOfDay).toBeCloseTo(
      11 / 23,
      12,
    );
    // Noon on the fall-back day: 13 of 25 hours.
    expect(dayPosition(at('2026-11-01T17:00:00Z'), 'America/New_York').fractionOfDay).toBeCloseTo(
      13 / 25,
      12,
    );
  });
});

describe('formula helpers', () => {
  it('forecast = spend through yesterday ÷ days elapsed × days in month', () => {
    expect(monthEndForecast(1400, 14, 28)).toBe(2800);
    expect(monthEndForecast(1400, 14, 31)).toBe(3100);
    expect(monthEndForecast(0, 3, 30)).toBe(0);
    expect(monthEndForecast(1400, 0, 30)).toBeNull();
    expect(monthEndForecast(null, 5, 30)).toBeNull();
  });

  it('required daily spend = (budget − spend to date) ÷ days remaining', () => {
    expect(requiredDailySpend(3000, 1600, 14)).toBe(100);
    expect(requiredDailySpend(3000, 3200, 5)).toBe(0);
    expect(requiredDailySpend(3000, null, 5)).toBeNull();
    expect(requiredDailySpend(3000, 100, 0)).toBeNull();
  });
});

describe('pacingOf: monthly budget', () => {
  it('mid-February 2026 in Ho Chi Minh City (UTC+7, 28 days)', () => {
    // 2026-02-15 12:00 local: 14 whole days + half a day out of 28.
    const p = pacingOf({
      budget: 2800,
      period: 'month',
      spendToDate: 1595,
      spendThroughYesterday: 1400,
      now: at('2026-02-15T05:00:00Z'),
      timeZone: 'Asia/Ho_Chi_Minh',
    })!;
    expect(p.today).toBe('2026-02-15');
    expect(p.daysInPeriod).toBe(28);
    expect(p.daysElapsed).toBe(14);
    expect(p.daysRemaining).toBe(14);
    expect(p.elapsedShare).toBeCloseTo(14.5 / 28, 12);
    expect(p.expectedSpendToDate).toBeCloseTo(1450, 9); // 2800 × 14.5 ÷ 28
    expect(p.pacing).toBeCloseTo(1.1, 12); // 1595 ÷ 1450
    expect(p.forecast).toBeCloseTo(2800, 9); // 1400 ÷ 14 × 28
    expect(p.requiredDailySpend).toBeCloseTo(1205 / 14, 9); // (2800 − 1595) ÷ 14
    expect(p.overspent).toBe(false);
    expect(p.periodStart).toBe(at('2026-01-31T17:00:00Z'));
    expect(p.periodEnd).toBe(at('2026-02-28T17:00:00Z'));
  });

  it('February of a leap year has 29 days', () => {
    const p = pacingOf({
      budget: 2900,
      period: 'month',
      spendToDate: 1400,
      spendThroughYesterday: 1400,
      now: at('2028-02-15T05:00:00Z'),
      timeZone: 'Asia/Ho_Chi_Minh',
    })!;
    expect(p.daysInPeriod).toBe(29);
    expect(p.forecast).toBeCloseTo(2900, 9); // 1400 ÷ 14 × 29
    expect(p.requiredDailySpend).toBeCloseTo(100, 9); // (2900 − 1400) ÷ 15
    const leapDay = pacingOf({
      budget: 2900,
      period: 'month',
      spendToDate: 2800,
      spendThroughYesterday: 2800,
      now: at('2024-02-29T17:00:00Z'), // 12:00 in New York (UTC−5)
      timeZone: 'America/New_York',
    })!;
    expect(leapDay.today).toBe('2024-02-29');
    expect(leapDay.daysElapsed).toBe(28);
    expect(leapDay.daysRemaining).toBe(1);
    expect(leapDay.forecast).toBeCloseTo(2900, 9); // 2800 ÷ 28 × 29
    expect(leapDay.requiredDailySpend).toBeCloseTo(100, 9);
  });

  it('the same instant is 1 April in Ho Chi Minh City and 31 March in Los Angeles', () => {
    const now = at('2026-03-31T20:00:00Z');
    const hcm = pacingOf({
      budget: 3000,
      period: 'month',
      spendToDate: 30,
      spendThroughYesterday: 0,
      now,
      timeZone: 'Asia/Ho_Chi_Minh',
    })!;
    expect(hcm.today).toBe('2026-04-01');
    expect(hcm.daysInPeriod).toBe(30);
    expect(hcm.daysElapsed).toBe(0);
    expect(hcm.forecast).toBeNull(); // no whole day yet
    expect(hcm.elapsedShare).toBeCloseTo(3 / 24 / 30, 12); // 03:00 local
    expect(hcm.expectedSpendToDate).toBeCloseTo(12.5, 9);
    expect(hcm.pacing).toBeCloseTo(2.4, 12);
    expect(hcm.requiredDailySpend).toBeCloseTo(2970 / 30, 9);

    const la = pacingOf({
      budget: 3100,
      period: 'month',
      spendToDate: 3000,
      spendThroughYesterday: 2940,
      now,
      timeZone: 'America/Los_Angeles',
    })!;
    expect(la.today).toBe('2026-03-31');
    expect(la.daysElapsed).toBe(30);
    expect(la.daysRemaining).toBe(1);
    expect(la.elapsedShare).toBeCloseTo((30 + 13 / 24) / 31, 12); // 13:00 PDT
    expect(la.forecast).toBeCloseTo(3038, 9); // 2940 ÷ 30 × 31
    expect(la.requiredDailySpend).toBeCloseTo(100, 9);
  });

  it('counts a 23-hour DST day as one day of the month', () => {
    const p = pacingOf({
      budget: 3100,
      period: 'month',
      spendToDate: 700,
      spendThroughYesterday: 700,
      now: at('2026-03-08T05:00:00Z'), // 00:00 EST on the spring-forward day
      timeZone: 'America/New_York',
    })!;
    expect(p.daysElapsed).toBe(7);
    expect(p.elapsedShare).toBeCloseTo(7 / 31, 12);
    expect(p.expectedSpendToDate).toBeCloseTo(700, 9);
    expect(p.pacing).toBeCloseTo(1, 12);
    expect(p.periodStart).toBe(at('2026-03-01T05:00:00Z'));
    expect(p.periodEnd).toBe(at('2026-04-01T04:00:00Z'));
    expect(p.periodEnd - p.periodStart).toBe((31 * 24 - 1) * HOUR);
  });

  it('flags an overspent budget and asks for nothing more', () => {
    const p = pacingOf({
      budget: 1000,
      period: 'month',
      spendToDate: 1200,
      now: at('2026-06-20T12:00:00Z'),
      timeZone: 'UTC',
    })!;
    expect(p.overspent).toBe(true);
    expect(p.requiredDailySpend).toBe(0);
    expect(p.forecast).toBeNull(); // spend through yesterday not given
  });
});

describe('pacingOf: daily budget', () => {
  it('compares today’s spend with the elapsed share of a 23-hour day', () => {
    // Noon in New York on 2026-03-08: 11 of 23 hours, so 230 × 11/23 = 110 expected.
    const p = pacingOf({
      budget: 230,
      period: 'day',
      spendToDate: 121,
      now: at('2026-03-08T16:00:00Z'),
      timeZone: 'America/New_York',
    })!;
    expect(p.expectedSpendToDate).toBeCloseTo(110, 9);
    expect(p.pacing).toBeCloseTo(1.1, 12);
    expect(p.requiredDailySpend).toBeCloseTo(109, 9); // left for today
    expect(p.forecast).toBeNull();
    expect(p.periodEnd - p.periodStart).toBe(23 * HOUR);
  });

  it('has no pacing at the very start of the day', () => {
    const p = pacingOf({
      budget: 100,
      period: 'day',
      spendToDate: 0,
      now: at('2026-06-01T00:00:00Z'),
      timeZone: 'UTC',
    })!;
    expect(p.expectedSpendToDate).toBe(0);
    expect(p.pacing).toBeNull();
  });
});

describe('pacingOf: unusable input', () => {
  it('returns null for an unknown zone or a budget of 0', () => {
    const base = { period: 'month' as const, spendToDate: 10, now: at('2026-06-20T12:00:00Z') };
    expect(pacingOf({ ...base, budget: 100, timeZone: 'Mars/Olympus_Mons' })).toBeNull();
    expect(pacingOf({ ...base, budget: 0, timeZone: 'UTC' })).toBeNull();
  });

  it('keeps an unknown spend unknown', () => {
    const p = pacingOf({
      budget: 100,
      period: 'month',
      spendToDate: null,
      now: at('2026-06-20T12:00:00Z'),
      timeZone: 'UTC',
    })!;
    expect(p.pacing).toBeNull();
    expect(p.requiredDailySpend).toBeNull();
    expect(p.overspent).toBeNull();
    expect(p.expectedSpendToDate).toBeCloseTo((100 * 19.5) / 30, 9);
  });
});
