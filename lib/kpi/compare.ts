import type { Snapshot } from '@/lib/model';
import type { KpiId } from './definitions';
import type { KpiOptions } from './formulas';
import { previousEqualRange, rangeChange, type DateRange } from './trends';

/**
 * Period arithmetic and comparisons: the range on screen against the previous range of equal length and
 * against the same range last year. Pure; the rows of each range come from the store (lib/store/compare.ts).
 */

const DAY_MS = 86_400_000;
/** Ranges of up to a week are compared with last year's same weekdays (52 weeks back), longer ones by date. */
export const WEEKDAY_ALIGN_MAX_DAYS = 7;
/** 52 weeks: the same weekday a year back. */
const WEEKS_52_DAYS = 364;

export type ComparisonKind = 'previous' | 'lastYear';
export const COMPARISON_KINDS: readonly ComparisonKind[] = ['previous', 'lastYear'];

/** The KPIs compared, in the order shown; a line appears only when one side knows it. */
export const COMPARE_KPIS: readonly KpiId[] = ['cpa', 'cpl', 'roas', 'ctr', 'cpc', 'cvr', 'cpm'];

function dayMs(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === iso ? ms : null;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days in [start, end], both inclusive; null for an invalid range. */
export function rangeDays(range: DateRange): number | null {
  const s = dayMs(range.start);
  const e = dayMs(range.end);
  if (s === null || e === null || e < s) return null;
  return Math.round((e - s) / DAY_MS) + 1;
}

/** `iso` shifted by `days` (negative: earlier). */
export function addDays(iso: string, days: number): string {
  return isoOf(dayMs(iso)! + days * DAY_MS);
}

/** The same calendar day a year earlier; 29 February becomes 28 February. */
function yearEarlier(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const leapDay = m === 2 && d === 29;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${leapDay ? '28' : String(d).padStart(2, '0')}`;
}

/**
 * The same period last year. Up to a week: the same weekdays 52 weeks (364 days) earlier, since a Monday
 * is compared with a Monday; longer ranges: the same calendar dates a year earlier (a month with a month).
 */
export function lastYearRange(range: DateRange): DateRange | null {
  const days = rangeDays(range);
  if (days === null) return null;
  if (days <= WEEKDAY_ALIGN_MAX_DAYS)
    return { start: addDays(range.start, -WEEKS_52_DAYS), end: addDays(range.end, -WEEKS_52_DAYS) };
  return { start: yearEarlier(range.start), end: yearEarlier(range.end) };
}

/** Both comparison ranges of `range`, or null for an invalid range. */
export function comparisonRanges(range: DateRange): Record<ComparisonKind, DateRange> | null {
  const previous = previousEqualRange(range.start, range.end);
  const lastYear = lastYearRange(range);
  return previous && lastYear ? { previous, lastYear } : null;
}

export interface ComparisonLine {
  kpi: KpiId;
  /** The KPI over the range on screen; null = unknown. */
  current: number | null;
  /** The KPI over the comparison range; null = unknown (or that range is not stored). */
  other: number | null;
  /** current − other; null when either is unknown or money in different currencies. */
  delta: number | null;
  /** delta ÷ |other|; null when delta is unknown or other is 0. */
  change: number | null;
  /** The move is for the better given the KPI (lower CPA, higher ROAS); null when unchanged or unknown. */
  good: boolean | null;
}

/** The one currency of rows, or null (none known, or several). */
export function currencyOfRows(rows: readonly Snapshot[]): string | null {
  const currencies = new Set(rows.map((r) => r.currency));
  return currencies.size === 1 ? [...currencies][0]! : null;
}

/**
 * Each KPI of `kpis` over the current rows against the other range's rows (the newest capture of each
 * entity on each side, summed components: lib/kpi/trends.ts `rangeChange`). `other` null: that range is not
 * stored, so every line has only its current value.
 */
export function compareKpis(
  current: readonly Snapshot[],
  other: readonly Snapshot[] | null,
  kpis: readonly KpiId[] = COMPARE_KPIS,
  options: KpiOptions = {},
): ComparisonLine[] {
  const lines: ComparisonLine[] = [];
  for (const kpi of kpis) {
    const r = rangeChange(current, other ?? [], kpi, options);
    if (r.current === null && r.previous === null) continue;
    lines.push({
      kpi,
      current: r.current,
      other: r.previous,
      delta: r.delta,
      change: r.change,
      good: r.improved,
    });
  }
  return lines;
}
