import type { DateRange } from '../kpi/trends';
import type { Level, Platform, Snapshot } from '../model';
import type { KpiLensDb } from './db';
import { latestSetKeyOf } from './keys';
import { parseLatestSet } from './latest';

/** One table of one account: what a comparison compares across ranges. */
export interface TableRef {
  platform: Platform;
  accountId: string;
  level: Level;
}

/**
 * The newest rows of one table for one reporting range (one `latestSets` record, read by its key), or null
 * when that range of that table was never read: a comparison says so instead of comparing with nothing.
 */
export async function storedRangeRows(
  db: KpiLensDb,
  table: TableRef,
  range: DateRange,
): Promise<Snapshot[] | null> {
  const raw = await db.latestSets.get(
    latestSetKeyOf({ ...table, dateStart: range.start, dateEnd: range.end }),
  );
  const set = raw === undefined ? null : parseLatestSet(raw);
  const rows = set ? Object.values(set.rows) : [];
  return rows.length > 0 ? rows : null;
}
