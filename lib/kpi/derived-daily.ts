import type { Metrics, Snapshot } from '../model';

/**
 * Daily values derived from cumulative ranges (#14.2): when a range with the same start ("this month") was
 * read with ends one day apart, a day's spend, clicks and conversions are the differences of the two
 * readings. These are derived, never read: callers keep them apart from read daily values (CSV
 * `value_source`, the trend's tooltip). Pure.
 *
 * - Each range (start, end) counts with its newest reading; ranges whose ends are not one day apart give
 *   no day.
 * - A metric unknown in either reading is unknown that day.
 * - A difference below zero means the platform corrected the earlier report: it is flagged in `corrected`
 *   and the metric is unknown that day, never a negative spend.
 */

export const DERIVED_METRICS = ['spend', 'clicks', 'conversions'] as const;
export type DerivedMetric = (typeof DERIVED_METRICS)[number];

export interface CumulativeReading {
  dateStart: string;
  dateEnd: string;
  capturedAt: number;
  metrics: Metrics;
}

export interface DerivedDay {
  /** The day the difference covers (`YYYY-MM-DD`). */
  date: string;
  dateStart: string;
  metrics: Partial<Record<DerivedMetric, number>>;
  /** Metrics whose difference was negative (a corrected report): unknown that day. */
  corrected: DerivedMetric[];
  /** Capture times of the earlier and the later reading. */
  fromCapturedAt: number;
  toCapturedAt: number;
}

const DAY_MS = 86_400_000;

export function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Rounds away the binary noise of a difference of decimals (12.34 − 10.01), keeping 6 decimals. */
function clean(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The newest reading of each range of one entity, by start and then end. */
function newestPerRange(readings: readonly CumulativeReading[]): CumulativeReading[] {
  const byRange = new Map<string, CumulativeReading>();
  for (const r of readings) {
    const key = `${r.dateStart}/${r.dateEnd}`;
    const known = byRange.get(key);
    if (!known || r.capturedAt > known.capturedAt) byRange.set(key, r);
  }
  return [...byRange.values()].sort((a, b) =>
    a.dateStart === b.dateStart ? (a.dateEnd < b.dateEnd ? -1 : 1) : a.dateStart < b.dateStart ? -1 : 1,
  );
}

function differenceOf(earlier: CumulativeReading, later: CumulativeReading): DerivedDay {
  const metrics: Partial<Record<DerivedMetric, number>> = {};
  const corrected: DerivedMetric[] = [];
  for (const metric of DERIVED_METRICS) {
    const a = earlier.metrics[metric];
    const b = later.metrics[metric];
    if (a === undefined || b === undefined) continue;
    const d = clean(b - a);
    if (d < 0) corrected.push(metric);
    else metrics[metric] = d;
  }
  return {
    date: later.dateEnd,
    dateStart: later.dateStart,
    metrics,
    corrected,
    fromCapturedAt: earlier.capturedAt,
    toCapturedAt: later.capturedAt,
  };
}

/** The derived days of one entity's readings (any ranges; only same-start ranges one day apart count). */
export function derivedDays(readings: readonly CumulativeReading[]): DerivedDay[] {
  const sorted = newestPerRange(readings).filter((r) => r.dateStart <= r.dateEnd);
  const out: DerivedDay[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const earlier = sorted[i - 1]!;
    const later = sorted[i]!;
    if (earlier.dateStart !== later.dateStart || nextDay(earlier.dateEnd) !== later.dateEnd) continue;
    out.push(differenceOf(earlier, later));
  }
  return out;
}

/**
 * The derived days of the newest readings (`latestSets` rows): for each entity, same-start ranges one day
 * apart give that day as a row with only spend, clicks and conversions (the differences), the later
 * reading's names and currency, captured when the later reading was. Readings in different currencies give
 * no day.
 */
export function derivedDailyRows(newest: readonly Snapshot[]): Snapshot[] {
  const groups = new Map<string, Snapshot[]>();
  for (const row of newest) {
    if (row.dateStart === null || row.dateEnd === null || row.dateStart === row.dateEnd) continue;
    const key = [row.platform, row.accountId, row.level, row.entityKey].join('\u001f');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const out: Snapshot[] = [];
  for (const rows of groups.values()) {
    const readings = rows.map((r) => ({ ...r, dateStart: r.dateStart!, dateEnd: r.dateEnd! }));
    for (const day of derivedDays(readings)) {
      const later = readings.find((r) => r.capturedAt === day.toCapturedAt && r.dateEnd === day.date);
      const earlier = readings.find(
        (r) => r.capturedAt === day.fromCapturedAt && r.dateStart === day.dateStart,
      );
      if (!later || !earlier || later.currency !== earlier.currency) continue;
      const { id: _id, ...rest } = later;
      out.push({ ...rest, dateStart: day.date, dateEnd: day.date, metrics: day.metrics });
    }
  }
  return out;
}
