import type { DayPoint } from '../kpi/risk-flags';
import type { Level, Platform, Snapshot } from '../model';
import type { KpiLensDb } from './db';
import { rangeKeyOf } from './keys';
import { parseLatestSets, rowsOfSets } from './latest';

export interface DayHistoryQuery {
  platform: Platform;
  accountId: string;
  level: Level;
  /** First and last day looked at (`YYYY-MM-DD`, inclusive). */
  from: string;
  to: string;
}

/**
 * Every stored single-day reading of one table between two days, by entity: what the risk rules compare
 * today with. Each day is its own `latestSets` record (a "today" range, or one day of a table segmented by
 * day), so one index range on `[platform+accountId+rangeKey]` (end date first) finds them all without
 * reading the raw history; ranges longer than a day are skipped.
 */
export async function storedDayHistory(db: KpiLensDb, q: DayHistoryQuery): Promise<Map<string, DayPoint[]>> {
  const raw = await db.latestSets
    .where('[platform+accountId+rangeKey]')
    .between(
      [q.platform, q.accountId, rangeKeyOf({ dateStart: null, dateEnd: q.from })],
      [q.platform, q.accountId, `${q.to}\uffff`],
      true,
      true,
    )
    .toArray();
  const out = new Map<string, DayPoint[]>();
  for (const set of parseLatestSets(raw)) {
    if (set.level !== q.level || !set.dateStart || set.dateStart !== set.dateEnd) continue;
    if (set.dateStart < q.from || set.dateStart > q.to) continue;
    for (const [entityKey, row] of Object.entries(set.rows)) {
      const days = out.get(entityKey) ?? [];
      days.push({ day: set.dateStart, metrics: row.metrics });
      out.set(entityKey, days);
    }
  }
  for (const days of out.values()) days.sort((a, b) => (a.day < b.day ? -1 : 1));
  return out;
}

/**
 * The newest rows of one table of every range that ends within `range` (single days, and the same-start
 * ranges days are derived from), through the same index range: what the seasonality view of a period needs.
 */
export async function storedWindowRows(
  db: KpiLensDb,
  table: { platform: Platform; accountId: string; level: Level },
  range: { start: string; end: string },
): Promise<Snapshot[]> {
  const raw = await db.latestSets
    .where('[platform+accountId+rangeKey]')
    .between(
      [table.platform, table.accountId, range.start],
      [table.platform, table.accountId, `${range.end}\uffff`],
    )
    .toArray();
  return rowsOfSets(parseLatestSets(raw).filter((s) => s.level === table.level));
}
