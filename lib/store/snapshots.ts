import Dexie from 'dexie';
import * as z from '../zod';
import { dayEntitiesOfReading, entitiesOfReading } from '../kpi/projection';
import {
  snapshotSchema,
  type Level,
  type Metrics,
  type Platform,
  type Snapshot,
  type TableReading,
} from '../model';
import { updateAccounts } from './accounts';
import type { KpiLensDb, LatestSet } from './db';
import { latestSetKeyOf } from './keys';
import { mergeIntoSets, parseLatestSet } from './latest';

export interface StoreOutcome {
  stored: number;
  unchanged: number;
  notStoredReason: string | null;
}

/** A reading's rows to store: the entities of its range, and their days when the table is segmented by day. */
export interface SnapshotParts {
  range: Snapshot[];
  days: Snapshot[];
}

/**
 * Turns a reading into snapshot rows (the entities of lib/kpi/projection.ts, as read: an assumed currency
 * stays marked as assumed); returns the reason instead when nothing may be stored.
 */
export function snapshotPartsOf(reading: TableReading, capturedAt: number): SnapshotParts | string {
  if (reading.health.status === 'not-recognised') return `Not recognised: ${reading.health.reason}`;
  const { accountId } = reading.context;
  if (!accountId) return 'The page does not show which ad account this is.';
  return {
    range: entitiesOfReading(reading).map((e) => ({ capturedAt, ...e, accountId })),
    days: dayEntitiesOfReading(reading).map((e) => ({ capturedAt, ...e, accountId })),
  };
}

/** Every row a reading stores: its range's entities, then their days. */
export function snapshotsOf(reading: TableReading, capturedAt: number): Snapshot[] | string {
  const parts = snapshotPartsOf(reading, capturedAt);
  return typeof parts === 'string' ? parts : [...parts.range, ...parts.days];
}

/** Same numbers and labels: a re-read that shows nothing new. */
export function sameNumbers(a: Snapshot, b: Snapshot): boolean {
  return (
    metricsEqual(a.metrics, b.metrics) &&
    a.entityName === b.entityName &&
    a.currency === b.currency &&
    a.currencySource === b.currencySource &&
    a.accountName === b.accountName &&
    a.clickKind === b.clickKind &&
    a.resultType === b.resultType
  );
}

export function metricsEqual(a: Metrics, b: Metrics): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Metrics>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export interface SavedReading {
  outcome: StoreOutcome;
  /** Every row of the reading's range as it now stands (changed or not), in reading order (days not included). */
  rows: Snapshot[];
  /** The newest stored row of each of `rows` before this reading (undefined: first time seen). */
  previous: (Snapshot | undefined)[];
}

/**
 * Stores one reading atomically — all its changed rows, the newest readings of its table (and of each day
 * when it is segmented by day) and its account, or nothing — and returns what the range's rows were before,
 * so the caller can tell which entities changed status. The account follows the range's rows only: a day
 * of a breakdown is history, not the range the account is looked at in.
 */
export async function saveReading(
  db: KpiLensDb,
  reading: TableReading,
  capturedAt: number,
): Promise<SavedReading> {
  const parts = snapshotPartsOf(reading, capturedAt);
  if (typeof parts === 'string')
    return { outcome: { stored: 0, unchanged: 0, notStoredReason: parts }, rows: [], previous: [] };
  const all = [...parts.range, ...parts.days];
  if (all.length === 0)
    return { outcome: { stored: 0, unchanged: 0, notStoredReason: null }, rows: [], previous: [] };
  return db.transaction('rw', db.snapshots, db.latestSets, db.accounts, async () => {
    // One set per range: the table's own, and one per day of a day breakdown.
    const keys = [...new Set(all.map(latestSetKeyOf))];
    const sets = new Map<string, LatestSet>();
    for (const raw of await db.latestSets.bulkGet(keys)) {
      const set = raw === undefined ? null : parseLatestSet(raw);
      if (set) sets.set(set.key, set);
    }
    const previousOf = (row: Snapshot) => sets.get(latestSetKeyOf(row))?.rows[row.entityKey];
    const previous = parts.range.map(previousOf);
    const changedIn = (rows: Snapshot[]) =>
      rows.filter((row) => {
        const was = previousOf(row);
        return !was || !sameNumbers(was, row);
      });
    const changedRange = changedIn(parts.range);
    const changed = [...changedRange, ...changedIn(parts.days)];
    if (changed.length > 0) {
      // Copies: the history's rows get database ids, the set's rows must not.
      await db.snapshots.bulkAdd(changed.map((row) => ({ ...row })));
      const touched = mergeIntoSets(sets, changed);
      await db.latestSets.bulkPut([...touched].map((key) => sets.get(key)!));
      await updateAccounts(db, changedRange);
    }
    return {
      outcome: { stored: changed.length, unchanged: all.length - changed.length, notStoredReason: null },
      rows: parts.range,
      previous,
    };
  });
}

/** Stores one reading atomically: all its changed rows, or nothing. */
export async function storeReading(
  db: KpiLensDb,
  reading: TableReading,
  capturedAt: number,
): Promise<StoreOutcome> {
  return (await saveReading(db, reading, capturedAt)).outcome;
}

// ---------------------------------------------------------------------------------------------------------
// Reading back. Every row is parsed: a row that no longer parses (hand-edited, written by a buggy build) is
// left out rather than shown as if it were a reading.

function parseOr<T>(schema: z.ZodMiniType<T>, row: unknown): T | undefined {
  const parsed = schema.safeParse(row);
  return parsed.success ? parsed.data : undefined;
}

export function parseRows<T>(schema: z.ZodMiniType<T>, rows: readonly unknown[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = parseOr(schema, row);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

export interface SeriesOptions {
  /** Only captures at or after / at or before these times (ms). */
  from?: number;
  to?: number;
  /** Only rows of this reporting range. */
  dateStart?: string | null;
  dateEnd?: string | null;
}

/**
 * One entity's stored readings over time, oldest first: the newest `limit` of them. Reads only that
 * entity's slice of the compound index.
 */
export async function entitySeries(
  db: KpiLensDb,
  platform: Platform,
  accountId: string,
  level: Level,
  entityKey: string,
  limit = 500,
  options: SeriesOptions = {},
): Promise<Snapshot[]> {
  const prefix = [platform, accountId, level, entityKey];
  let collection = db.snapshots
    .where('[platform+accountId+level+entityKey+capturedAt]')
    .between([...prefix, options.from ?? Dexie.minKey], [...prefix, options.to ?? Dexie.maxKey], true, true)
    .reverse();
  if (options.dateStart !== undefined || options.dateEnd !== undefined)
    collection = collection.filter(
      (s) =>
        (options.dateStart === undefined || s.dateStart === options.dateStart) &&
        (options.dateEnd === undefined || s.dateEnd === options.dateEnd),
    );
  const newestFirst = await collection.limit(limit).toArray();
  return parseRows(snapshotSchema, newestFirst).reverse();
}

export interface AccountRangeOptions {
  level?: Level;
  limit?: number;
}

/** One account's readings captured between `from` and `to` (ms, inclusive), oldest first. */
export async function accountRange(
  db: KpiLensDb,
  platform: Platform,
  accountId: string,
  from: number,
  to: number,
  options: AccountRangeOptions = {},
): Promise<Snapshot[]> {
  const collection = options.level
    ? db.snapshots
        .where('[platform+accountId+level+capturedAt]')
        .between(
          [platform, accountId, options.level, from],
          [platform, accountId, options.level, to],
          true,
          true,
        )
    : db.snapshots
        .where('[platform+accountId+capturedAt]')
        .between([platform, accountId, from], [platform, accountId, to], true, true);
  const rows = await (options.limit === undefined ? collection : collection.limit(options.limit)).toArray();
  return parseRows(snapshotSchema, rows);
}
