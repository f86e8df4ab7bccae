import * as z from '../zod';
import { isoDateSchema, snapshotSchema, type Level, type Platform, type Snapshot } from '../model';
import type { DailyRow, KpiLensDb } from './db';
import { latestKeyOf } from './keys';
import { parseRows } from './snapshots';

export const dailyRowSchema = z.extend(z.omit(snapshotSchema, { id: true }), {
  key: z.nonEmptyString(),
  day: isoDateSchema,
});

/** Bookkeeping key: the highest snapshot id already folded into the daily roll-ups. */
export const ROLLUP_WATERMARK = 'rollup.lastSnapshotId';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `ms` in `timeZone` (default: the browser's), `YYYY-MM-DD`. */
export function localDay(ms: number, timeZone?: string): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  let format = dayFormats.get(zone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD; created once per zone because construction is slow.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, format);
  }
  return format.format(ms);
}

export function dailyKeyOf(s: Parameters<typeof latestKeyOf>[0], day: string): string {
  return `${latestKeyOf(s)}\u001f${day}`;
}

export function toDailyRow(s: Snapshot, day: string): DailyRow {
  const { id: _id, ...rest } = s;
  return { ...rest, key: dailyKeyOf(s, day), day };
}

/** The later capture wins; on a tie the incoming row (written later) wins. */
export function laterOf(existing: DailyRow | undefined, incoming: DailyRow): DailyRow {
  return existing && existing.capturedAt > incoming.capturedAt ? existing : incoming;
}

/**
 * Folds snapshots into one row per entity, reporting range and day: the last reading of that day.
 * Pure; order-independent, so it can run on any chunk of the history in any order.
 */
export function rollUp(snapshots: readonly Snapshot[], dayOf: (ms: number) => string): DailyRow[] {
  const byKey = new Map<string, DailyRow>();
  for (const s of snapshots) {
    const row = toDailyRow(s, dayOf(s.capturedAt));
    byKey.set(row.key, laterOf(byKey.get(row.key), row));
  }
  return [...byKey.values()];
}

/** Merges roll-up rows into the table, keeping the later capture of each key. Call inside a transaction. */
export async function mergeDailyRows(db: KpiLensDb, rows: readonly DailyRow[]): Promise<void> {
  if (rows.length === 0) return;
  const existing = await db.daily.bulkGet(rows.map((r) => r.key));
  await db.daily.bulkPut(rows.map((r, i) => laterOf(existing[i], r)));
}

export interface RollupOptions {
  dayOf?: (ms: number) => string;
  chunkSize?: number;
}

/**
 * Rolls every snapshot added since the last run into `daily`, in chunks of one transaction each (so a
 * worker stopped mid-way resumes from the watermark). Snapshots imported from a backup get new ids and
 * are therefore picked up too. Returns how many snapshots were folded in.
 */
export async function runRollup(db: KpiLensDb, options: RollupOptions = {}): Promise<number> {
  const dayOf = options.dayOf ?? ((ms: number) => localDay(ms));
  const chunkSize = options.chunkSize ?? 2000;
  let total = 0;
  for (;;) {
    const done = await db.transaction('rw', db.snapshots, db.daily, db.meta, async () => {
      const lastId = (await db.meta.get(ROLLUP_WATERMARK))?.value ?? 0;
      const chunk = await db.snapshots.where(':id').above(lastId).limit(chunkSize).toArray();
      if (chunk.length === 0) return 0;
      await mergeDailyRows(db, rollUp(parseRows(snapshotSchema, chunk), dayOf));
      await db.meta.put({ key: ROLLUP_WATERMARK, value: chunk[chunk.length - 1]!.id! });
      return chunk.length;
    });
    total += done;
    if (done < chunkSize) return total;
  }
}

export interface DayRange {
  fromDay?: string;
  toDay?: string;
}

/** One entity's daily points (last reading of each day, every reporting range), oldest first. */
export async function dailySeries(
  db: KpiLensDb,
  platform: Platform,
  accountId: string,
  level: Level,
  entityKey: string,
  range: DayRange = {},
): Promise<DailyRow[]> {
  const prefix = [platform, accountId, level, entityKey];
  const rows = await db.daily
    .where('[platform+accountId+level+entityKey+day]')
    .between([...prefix, range.fromDay ?? ''], [...prefix, range.toDay ?? '\uffff'], true, true)
    .toArray();
  return parseRows(dailyRowSchema, rows);
}

/** All daily points of one account between two days (inclusive), ordered by day. */
export async function accountDays(
  db: KpiLensDb,
  platform: Platform,
  accountId: string,
  range: DayRange = {},
): Promise<DailyRow[]> {
  const rows = await db.daily
    .where('[platform+accountId+day]')
    .between(
      [platform, accountId, range.fromDay ?? ''],
      [platform, accountId, range.toDay ?? '\uffff'],
      true,
      true,
    )
    .toArray();
  return parseRows(dailyRowSchema, rows);
}
