import { kpiOfRows } from '@/lib/kpi/aggregate';
import { comparisonRanges, type ComparisonKind } from '@/lib/kpi/compare';
import { KPI_DEFINITIONS, type KpiId } from '@/lib/kpi/definitions';
import { derivedDailyRows, nextDay } from '@/lib/kpi/derived-daily';
import type { KpiOptions } from '@/lib/kpi/formulas';
import type { DateRange } from '@/lib/kpi/trends';
import type { Level, Snapshot } from '@/lib/model';
import type { AccountCurrencies } from '@/lib/kpi/currency-policy';
import { withAccountCurrencies } from '@/lib/kpi/projection';

/**
 * The range on screen day by day, beside its previous period and its same period last year (the trend
 * chart's seasonality view). A day's value is the table's KPI over that day's rows: rows the page showed
 * for that day alone (`read`: a "today" range or a table segmented by day), or else the day worked out
 * from two readings of a same-start range one day apart (`derived`: spend, clicks and conversions only,
 * lib/kpi/derived-daily.ts), never mixed within a day and always said which. Pure.
 */

export type DaySource = 'read' | 'derived';

export interface DayValue {
  day: string;
  /** null: the day is not stored, or the KPI cannot be known from what is. */
  value: number | null;
  source: DaySource | null;
}

export interface SeasonalSeries {
  kpi: KpiId;
  range: DateRange;
  /** One value per day of the range on screen. */
  current: DayValue[];
  /** The same number of days from the comparison range's start; null when no day of it is stored. */
  previous: { range: DateRange; days: DayValue[] } | null;
  lastYear: { range: DateRange; days: DayValue[] } | null;
}

/** Days of a range, first to last (at most 366, so a damaged range cannot make a huge array). */
export function daysOf(range: DateRange, max = 366): string[] {
  const out: string[] = [];
  for (let d = range.start; d <= range.end && out.length < max; d = nextDay(d)) out.push(d);
  return out;
}

/** The rows of one table (newest per entity and range) by the day they cover, read and derived apart. */
function byDay(
  rows: readonly Snapshot[],
  level: Level,
): { read: Map<string, Snapshot[]>; derived: Map<string, Snapshot[]> } {
  const own = rows.filter((r) => r.level === level);
  const group = (list: readonly Snapshot[]) => {
    const out = new Map<string, Snapshot[]>();
    for (const r of list) out.set(r.dateStart!, [...(out.get(r.dateStart!) ?? []), r]);
    return out;
  };
  return {
    read: group(own.filter((r) => r.dateStart !== null && r.dateStart === r.dateEnd)),
    derived: group(derivedDailyRows(own)),
  };
}

/** A table's KPI over rows in one currency; money KPIs over several currencies are unknown. */
function kpiOf(kpi: KpiId, rows: readonly Snapshot[], options: KpiOptions): number | null {
  const money = KPI_DEFINITIONS[kpi].components.some((c) => c === 'spend' || c === 'conversionValue');
  if (money && new Set(rows.map((r) => r.currency)).size > 1) return null;
  return kpiOfRows(
    kpi,
    rows.map((r) => r.metrics),
    options,
  ).value;
}

export function dayValues(
  kpi: KpiId,
  days: readonly string[],
  rows: readonly Snapshot[],
  level: Level,
  options: KpiOptions = {},
): DayValue[] {
  const { read, derived } = byDay(rows, level);
  return days.map((day) => {
    const own = read.get(day);
    if (own) return { day, value: kpiOf(kpi, own, options), source: 'read' };
    const worked = derived.get(day);
    if (worked) return { day, value: kpiOf(kpi, worked, options), source: 'derived' };
    return { day, value: null, source: null };
  });
}

/** The ranges whose stored rows `seasonalSeries` needs: the range on screen and its two comparisons. */
export function seasonalRanges(
  range: DateRange,
): (Record<ComparisonKind, DateRange> & { current: DateRange }) | null {
  const others = comparisonRanges(range);
  return others ? { current: range, ...others } : null;
}

/**
 * The series of a table: `rows[kind]` are the table's stored rows (newest per entity and range) of ranges
 * ending within that period. Null when the range on screen has no stored day.
 */
export function seasonalSeries(
  kpi: KpiId,
  level: Level,
  range: DateRange,
  stored: { current: readonly Snapshot[]; previous: readonly Snapshot[]; lastYear: readonly Snapshot[] },
  options: KpiOptions & { accountCurrencies?: AccountCurrencies } = {},
): SeasonalSeries | null {
  // The account's currency setting applies to stored rows too (the one projection's rule).
  const currencies = options.accountCurrencies ?? {};
  const rows = {
    current: withAccountCurrencies(stored.current, currencies),
    previous: withAccountCurrencies(stored.previous, currencies),
    lastYear: withAccountCurrencies(stored.lastYear, currencies),
  };
  const ranges = seasonalRanges(range);
  if (!ranges) return null;
  const current = dayValues(kpi, daysOf(range), rows.current, level, options);
  if (current.every((d) => d.source === null)) return null;
  const other = (kind: ComparisonKind) => {
    const days = dayValues(kpi, daysOf(ranges[kind], current.length), rows[kind], level, options);
    return days.some((d) => d.source !== null) ? { range: ranges[kind], days } : null;
  };
  return { kpi, range, current, previous: other('previous'), lastYear: other('lastYear') };
}
