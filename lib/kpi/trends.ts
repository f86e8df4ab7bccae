import type { Snapshot } from '@/lib/model';
import { kpiOfRows } from './aggregate';
import { KPI_DEFINITIONS, type KpiId } from './definitions';
import type { KpiOptions } from './formulas';

/**
 * KPI history from stored snapshots. The caller picks the snapshots (one entity, one reporting
 * range, …); these functions never mix captures or count one entity twice.
 */

export interface SeriesPoint {
  capturedAt: number;
  /** null = unknown at that capture (drawn as a gap). */
  value: number | null;
  /** Snapshot rows at this capture. */
  rows: number;
  /** False when some rows lacked a component and were left out. */
  complete: boolean;
  /** The rows at this capture had different currencies (money KPIs are then unknown). */
  mixedCurrency: boolean;
}

/** KPIs whose value is (or is made of) amounts of money, so rows in different currencies cannot be summed. */
function needsOneCurrency(kpi: KpiId): boolean {
  return KPI_DEFINITIONS[kpi].components.some((c) => c === 'spend' || c === 'conversionValue');
}

function kpiOfSnapshots(kpi: KpiId, rows: readonly Snapshot[], options: KpiOptions) {
  const currencies = new Set(rows.map((r) => r.currency));
  const mixedCurrency = currencies.size > 1;
  if (mixedCurrency && needsOneCurrency(kpi)) {
    return { value: null, complete: false, mixedCurrency };
  }
  const result = kpiOfRows(
    kpi,
    rows.map((r) => r.metrics),
    options,
  );
  return { value: result.value, complete: result.complete, mixedCurrency };
}

/** One point per capture time, oldest first; rows captured together are summed. */
export function kpiSeries(
  snapshots: readonly Snapshot[],
  kpi: KpiId,
  options: KpiOptions = {},
): SeriesPoint[] {
  const byCapture = new Map<number, Snapshot[]>();
  for (const s of snapshots) {
    const group = byCapture.get(s.capturedAt);
    if (group) group.push(s);
    else byCapture.set(s.capturedAt, [s]);
  }
  return [...byCapture.entries()]
    .sort(([a], [b]) => a - b)
    .map(([capturedAt, rows]) => ({ capturedAt, rows: rows.length, ...kpiOfSnapshots(kpi, rows, options) }));
}

function entityOf(s: Snapshot): string {
  return [s.platform, s.accountId, s.level, s.entityKey].join('\u001f');
}

/** The newest capture of each entity: re-reads of one range grow through the day and must not be summed. */
export function latestPerEntity(snapshots: readonly Snapshot[]): Snapshot[] {
  const latest = new Map<string, Snapshot>();
  for (const s of snapshots) {
    const key = entityOf(s);
    const seen = latest.get(key);
    if (!seen || s.capturedAt > seen.capturedAt) latest.set(key, s);
  }
  return [...latest.values()];
}

export interface DateRange {
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  end: string;
}

function parseIsoDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Reject 2026-02-30 and the like rather than roll them over.
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The range of equal length just before [start, end] (both inclusive); null for an invalid range. */
export function previousEqualRange(start: string, end: string): DateRange | null {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  if (s === null || e === null || e < s) return null;
  const DAY = 86_400_000;
  const length = Math.round((e - s) / DAY) + 1;
  return { start: isoOf(s - length * DAY), end: isoOf(s - DAY) };
}

/** Snapshots whose reporting range is exactly `range`. */
export function snapshotsForRange(snapshots: readonly Snapshot[], range: DateRange): Snapshot[] {
  return snapshots.filter((s) => s.dateStart === range.start && s.dateEnd === range.end);
}

export interface RangeChange {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either side is unknown. */
  delta: number | null;
  /** (current − previous) ÷ |previous|; null when either side is unknown or previous is 0. */
  change: number | null;
  /** Whether the move is for the better given the KPI's direction; null when unchanged or unknown. */
  improved: boolean | null;
  /** Entities on each side (newest capture of each). */
  entities: { current: number; previous: number };
}

/** A KPI over the current range against the same KPI over the previous range. */
export function rangeChange(
  currentSnapshots: readonly Snapshot[],
  previousSnapshots: readonly Snapshot[],
  kpi: KpiId,
  options: KpiOptions = {},
): RangeChange {
  const cur = latestPerEntity(currentSnapshots);
  const prev = latestPerEntity(previousSnapshots);
  const current = cur.length > 0 ? kpiOfSnapshots(kpi, cur, options).value : null;
  const previous = prev.length > 0 ? kpiOfSnapshots(kpi, prev, options).value : null;
  const entities = { current: cur.length, previous: prev.length };
  if (current === null || previous === null) {
    return { current, previous, delta: null, change: null, improved: null, entities };
  }
  // A comparison across currencies would compare numbers of different units.
  const curCurrencies = new Set(cur.map((s) => s.currency));
  const prevCurrencies = new Set(prev.map((s) => s.currency));
  if (
    KPI_DEFINITIONS[kpi].unit === 'money' &&
    (curCurrencies.size !== 1 ||
      prevCurrencies.size !== 1 ||
      [...curCurrencies][0] !== [...prevCurrencies][0])
  ) {
    return { current, previous, delta: null, change: null, improved: null, entities };
  }
  const delta = current - previous;
  const better = KPI_DEFINITIONS[kpi].better;
  return {
    current,
    previous,
    delta,
    change: previous === 0 ? null : delta / Math.abs(previous),
    improved: delta === 0 ? null : better === 'higher' ? delta > 0 : delta < 0,
    entities,
  };
}
