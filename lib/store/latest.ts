import * as z from '../zod';
import {
  levelSchema,
  platformSchema,
  snapshotSchema,
  type Level,
  type Platform,
  type Snapshot,
} from '../model';
import type { KpiLensDb, LatestSet } from './db';
import { latestSetKeyOf, latestSetKeyPrefix, rangeKeyOf } from './keys';

/**
 * The newest reading of every entity, kept as one `LatestSet` record per table read (see db.ts): writing,
 * reading back and merging them.
 */

const nullableDate = z.nullable(z.string());

/** A set's envelope; its rows are parsed one by one, so one damaged row does not hide the others. */
const setEnvelopeSchema = z.object({
  key: z.nonEmptyString(),
  platform: platformSchema,
  accountId: z.nonEmptyString(),
  level: levelSchema,
  dateStart: nullableDate,
  dateEnd: nullableDate,
  rangeKey: z.string(),
  capturedAt: z.number(),
  rows: z.record(z.string(), z.unknown()),
});

/**
 * A stored set as read back: null when its envelope is damaged; rows that no longer parse (hand-edited,
 * written by a buggy build) are left out rather than shown as if they were readings.
 */
export function parseLatestSet(raw: unknown): LatestSet | null {
  const envelope = setEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return null;
  const rows: Record<string, Snapshot> = {};
  for (const [entityKey, row] of Object.entries(envelope.data.rows)) {
    const parsed = snapshotSchema.safeParse(row);
    if (parsed.success) rows[entityKey] = parsed.data;
  }
  return { ...envelope.data, rows };
}

function emptySet(row: Snapshot): LatestSet {
  return {
    key: latestSetKeyOf(row),
    platform: row.platform,
    accountId: row.accountId,
    level: row.level,
    dateStart: row.dateStart,
    dateEnd: row.dateEnd,
    rangeKey: rangeKeyOf(row),
    capturedAt: row.capturedAt,
    rows: {},
  };
}

/**
 * Merges rows into the sets they belong to (created when missing), keeping each entity's newest capture.
 * Returns the keys of the sets that changed.
 */
export function mergeIntoSets(sets: Map<string, LatestSet>, rows: readonly Snapshot[]): Set<string> {
  const changed = new Set<string>();
  for (const row of rows) {
    const key = latestSetKeyOf(row);
    let set = sets.get(key);
    if (!set) {
      set = emptySet(row);
      sets.set(key, set);
    }
    const known = set.rows[row.entityKey];
    if (known && known.capturedAt > row.capturedAt) continue;
    set.rows[row.entityKey] = row;
    set.capturedAt = Math.max(set.capturedAt, row.capturedAt);
    changed.add(key);
  }
  return changed;
}

/**
 * Reads the sets `rows` belong to, merges `rows` in and writes the changed sets back. Runs inside the
 * caller's transaction (which must include `latestSets`).
 */
export async function mergeIntoStoredSets(db: KpiLensDb, rows: readonly Snapshot[]): Promise<void> {
  const keys = [...new Set(rows.map(latestSetKeyOf))];
  const sets = new Map<string, LatestSet>();
  for (const raw of await db.latestSets.bulkGet(keys)) {
    const set = raw === undefined ? null : parseLatestSet(raw);
    if (set) sets.set(set.key, set);
  }
  const changed = mergeIntoSets(sets, rows);
  if (changed.size > 0) await db.latestSets.bulkPut([...changed].map((key) => sets.get(key)!));
}

/** The rows of sets, newest first; rows captured together in entity order (a stable order for the UI). */
export function rowsOfSets(sets: Iterable<LatestSet>): Snapshot[] {
  const out: Snapshot[] = [];
  for (const set of sets) for (const row of Object.values(set.rows)) out.push(row);
  return out.sort(
    (a, b) =>
      b.capturedAt - a.capturedAt ||
      compare(latestSetKeyOf(a), latestSetKeyOf(b)) ||
      compare(a.entityKey, b.entityKey),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses stored sets, dropping damaged ones. */
export function parseLatestSets(raw: readonly unknown[]): LatestSet[] {
  return raw.flatMap((r) => parseLatestSet(r) ?? []);
}

export interface LatestFilter {
  platform?: Platform;
  accountId?: string;
  level?: Level;
  entityKey?: string;
  /** Only rows of this reporting range (both must match; null matches an unknown range). */
  dateStart?: string | null;
  dateEnd?: string | null;
  /** Keep only the newest row of each entity across reporting ranges. */
  newestPerEntity?: boolean;
  limit?: number;
}

/**
 * The newest reading of each entity (and reporting range), newest first. An account (or one of its levels)
 * is read through the key prefix; with no account every set is read (backups and tests do; the popup reads
 * `currentLatestRows` instead).
 */
export async function latestRows(db: KpiLensDb, filter: LatestFilter = {}): Promise<Snapshot[]> {
  const { platform, accountId, level, entityKey } = filter;
  const raw =
    platform && accountId
      ? await db.latestSets
          .where('key')
          .startsWith(latestSetKeyPrefix(platform, accountId, level))
          .toArray()
      : await db.latestSets.toArray();
  let rows = rowsOfSets(parseLatestSets(raw)).filter(
    (r) =>
      (platform === undefined || r.platform === platform) &&
      (accountId === undefined || r.accountId === accountId) &&
      (level === undefined || r.level === level) &&
      (entityKey === undefined || r.entityKey === entityKey) &&
      (filter.dateStart === undefined || r.dateStart === filter.dateStart) &&
      (filter.dateEnd === undefined || r.dateEnd === filter.dateEnd),
  );
  if (filter.newestPerEntity) {
    const seen = new Set<string>();
    rows = rows.filter((r) => {
      const entity = [r.platform, r.accountId, r.level, r.entityKey].join('\u001f');
      if (seen.has(entity)) return false;
      seen.add(entity);
      return true;
    });
  }
  return filter.limit === undefined ? rows : rows.slice(0, filter.limit);
}
